package io.staleguard.it.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON reading for Staleguard's flat RFC 9457 problem documents. */
public final class Json {

    private Json() {
    }

    /** The value of a top-level string, number or boolean member. */
    public static String value(String json, String member) {
        Matcher m = Pattern.compile("\"" + member + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|true|false)")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError("no \"" + member + "\" in " + json);
        }
        return m.group(2) != null ? m.group(2).replace("\\/", "/") : m.group(1);
    }
}
