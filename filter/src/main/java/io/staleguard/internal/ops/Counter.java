package io.staleguard.internal.ops;

import java.util.Locale;

/**
 * One of an application's counters. Its MBean attribute is its name in camel case ({@code LOOP_GUARDED} is
 * {@code LoopGuarded}); every counter only grows.
 */
public enum Counter {
    RECOVERED("Stale sessions recovered: cookies expired and the user sent to a fresh start"),
    LOOP_GUARDED("Recoveries refused by the loop guard because one had just happened"),
    IDENTITY_CHANGED("Sessions flushed because the trusted identity header named another user"),
    ROLLED("Sessions extended by a successful conditional touch"),
    GONE("Rolling requests whose session the store no longer had"),
    UNAVAILABLE("Requests that met an unavailable store");

    private final String description;
    private final String attribute;

    Counter(String description) {
        this.description = description;
        StringBuilder camel = new StringBuilder();
        for (String word : name().split("_")) {
            camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        this.attribute = camel.toString();
    }

    /** @return the MBean attribute's name, e.g. {@code Recovered} */
    public String attribute() {
        return attribute;
    }

    String description() {
        return description;
    }
}
