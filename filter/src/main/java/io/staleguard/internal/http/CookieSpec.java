package io.staleguard.internal.http;

import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigException;

/**
 * Where a cookie lives, as configured: {@code name[*][;path=/p][;domain=.d]}. A trailing {@code *} makes the name a
 * prefix, so {@code _session*} covers {@code _session}, {@code _session.sig} and {@code _session.legacy}. {@code path}
 * and {@code domain} may repeat when the same cookie was set in several places. Expiring it takes one header per path
 * for the host-only cookie, plus one per path and domain.
 *
 * @param name the cookie name, or the name prefix when {@code prefix} is set
 * @param prefix whether {@code name} is a prefix
 * @param paths the paths the cookie is set with; never empty
 * @param domains the Domain attributes it may be set with; empty for host-only cookies
 */
public record CookieSpec(String name, boolean prefix, List<String> paths, List<String> domains) {

    private static final String EXAMPLE = "_interaction;path=/app/interaction, _session*;domain=.example.com";

    public CookieSpec {
        paths = List.copyOf(paths);
        domains = List.copyOf(domains);
    }

    /** @return whether a request cookie called {@code cookieName} is covered by this spec */
    public boolean matches(String cookieName) {
        return prefix ? cookieName.startsWith(name) : cookieName.equals(name);
    }

    /**
     * Parses one comma-separated list of specs.
     *
     * @param value the configured value, for error messages
     * @param defaultPath the path for specs that name none: the context path, or {@code /}
     * @throws ConfigException if a spec breaks the syntax or the cookie prefix rules
     */
    public static List<CookieSpec> parseAll(ConfigReader.Value value, String defaultPath) {
        List<CookieSpec> specs = new ArrayList<>();
        for (String item : ConfigReader.split(value.raw())) {
            specs.add(parse(value, item, defaultPath));
        }
        return List.copyOf(specs);
    }

    static CookieSpec parse(ConfigReader.Value value, String item, String defaultPath) {
        String[] parts = item.split(";");
        String name = parts[0].trim();
        boolean prefix = name.endsWith("*");
        if (prefix) {
            name = name.substring(0, name.length() - 1);
        }
        if (!isToken(name)) {
            throw value.invalid("cookie name '" + Log.printable(name, 80)
                    + "' must be a non-empty token (letters, digits and !#$%&'*+-.^_`|~), optionally followed by '*'", EXAMPLE);
        }
        List<String> paths = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            CookieAttribute attribute = CookieAttribute.parse(parts[i]);
            String attrValue = attribute.value();
            switch (attribute.name()) {
                case "path" -> {
                    if (!isPath(attrValue)) {
                        throw value.invalid("path '" + Log.printable(attrValue, 80) + "' of cookie '" + name
                                + "' must start with '/' and hold no spaces, control characters, ';' or ','", EXAMPLE);
                    }
                    paths.add(attrValue);
                }
                case "domain" -> {
                    if (!isDomain(attrValue)) {
                        throw value.invalid("domain '" + Log.printable(attrValue, 80) + "' of cookie '" + name
                                + "' must be a host name such as .example.com", EXAMPLE);
                    }
                    domains.add(attrValue);
                }
                default -> throw value.invalid("'" + Log.printable(parts[i].trim(), 80) + "' of cookie '" + name
                        + "' is not a known attribute; only path= and domain= are", EXAMPLE);
            }
        }
        if (paths.isEmpty()) {
            paths.add(defaultPath);
        }
        if (name.startsWith("__Host-") && (!domains.isEmpty() || !paths.equals(List.of("/")))) {
            throw value.invalid("cookie '" + name + "' has the __Host- prefix, which browsers only accept with Path=/ and "
                    + "no Domain", "__Host-session;path=/");
        }
        return new CookieSpec(name, prefix, paths, domains);
    }

    /** RFC 6265 cookie-name: an RFC 7230 token. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isPath(String s) {
        if (s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',') {
                return false;
            }
        }
        return true;
    }

    static boolean isDomain(String s) {
        String host = s.startsWith(".") ? s.substring(1) : s;
        if (host.isEmpty() || host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
