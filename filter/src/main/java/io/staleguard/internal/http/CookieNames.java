package io.staleguard.internal.http;

import java.util.Collection;

/**
 * Cookie names as a log line may show them. Names come from the request, so from whoever sent it: a log line lists at
 * most {@value #MAX_LISTED}, each a cookie token of at most {@value #MAX_NAME_LENGTH} characters; any other name is
 * only counted, never echoed.
 */
public final class CookieNames {

    static final int MAX_LISTED = 8;
    static final int MAX_NAME_LENGTH = 64;

    private CookieNames() {
    }

    /** @return e.g. {@code [a, b] and 3 more}, or {@code none} */
    public static String describe(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder("[");
        int listed = 0;
        int unlisted = 0;
        for (String name : names) {
            if (listed < MAX_LISTED && name.length() <= MAX_NAME_LENGTH && CookieSpec.isToken(name)) {
                b.append(listed == 0 ? "" : ", ").append(name);
                listed++;
            } else {
                unlisted++;
            }
        }
        if (listed == 0) {
            return unlisted + " not shown";
        }
        b.append(']');
        return unlisted == 0 ? b.toString() : b.append(" and ").append(unlisted).append(" more").toString();
    }
}
