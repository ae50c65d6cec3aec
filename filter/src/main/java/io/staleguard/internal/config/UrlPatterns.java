package io.staleguard.internal.config;

import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigException;

/**
 * A list of servlet url-patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}, and {@code /} or {@code /*} for
 * everything), matched the way the Servlet specification maps requests.
 */
public final class UrlPatterns {

    private static final UrlPatterns NONE = new UrlPatterns(List.of(), List.of(), List.of(), false);

    private final List<String> exact;
    private final List<String> prefixes;
    private final List<String> extensions;
    private final boolean all;

    private UrlPatterns(List<String> exact, List<String> prefixes, List<String> extensions, boolean all) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.extensions = extensions;
        this.all = all;
    }

    public static UrlPatterns none() {
        return NONE;
    }

    /** @throws ConfigException if an item is not a servlet url-pattern */
    public static UrlPatterns parse(ConfigReader.Value value) {
        if (value == null) {
            return NONE;
        }
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        boolean all = false;
        for (String p : ConfigReader.split(value.raw())) {
            if (p.equals("/") || p.equals("/*")) {
                all = true;
            } else if (p.startsWith("*.") && p.length() > 2 && p.indexOf('/') < 0 && p.indexOf('*', 1) < 0) {
                extensions.add(p.substring(1));
            } else if (p.startsWith("/") && p.endsWith("/*") && p.indexOf('*') == p.length() - 1) {
                prefixes.add(p.substring(0, p.length() - 2));
            } else if (p.startsWith("/") && p.indexOf('*') < 0) {
                exact.add(p);
            } else {
                throw value.invalid("'" + Log.printable(p, 80) + "' is not a servlet url-pattern ('/exact', '/prefix/*' "
                        + "or '*.extension')", "/interaction/*, /authorize");
            }
        }
        if (exact.isEmpty() && prefixes.isEmpty() && extensions.isEmpty() && !all) {
            return NONE;
        }
        return new UrlPatterns(List.copyOf(exact), List.copyOf(prefixes), List.copyOf(extensions), all);
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** @param path the request's path inside the application: servlet path plus path info, decoded by the container */
    public boolean matches(String path) {
        if (this == NONE) {
            return false;
        }
        if (all) {
            return true;
        }
        for (String e : exact) {
            if (e.equals(path)) {
                return true;
            }
        }
        for (String p : prefixes) {
            if (path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/')) {
                return true;
            }
        }
        if (!extensions.isEmpty()) {
            int slash = path.lastIndexOf('/');
            for (String ext : extensions) {
                if (path.endsWith(ext) && path.length() - ext.length() > slash) {
                    return true;
                }
            }
        }
        return false;
    }
}
