package io.staleguard.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One raw {@code Set-Cookie} header, split into name, value and attributes (attribute names lower-cased), so tests
 * assert on what went over the wire rather than on what a cookie library made of it.
 */
public record SetCookie(String raw, String name, String value, Map<String, String> attributes) {

    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq < 0) {
            throw new AssertionError("not a cookie: " + header);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int e = part.indexOf('=');
            attributes.put((e < 0 ? part : part.substring(0, e)).trim().toLowerCase(Locale.ROOT),
                    e < 0 ? "" : part.substring(e + 1).trim());
        }
        return new SetCookie(header, parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim(), attributes);
    }

    public static List<SetCookie> all(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).toList();
    }

    public String path() {
        return attributes.get("path");
    }

    /**
     * B3, exactly: among {@code response}'s Set-Cookie headers there is one, and only one, that expires {@code name}
     * on {@code path} the way Staleguard does it: by every rule a browser may apply (empty value, {@code Max-Age=0},
     * an {@code Expires} in the past), without a Domain, like the host-only cookie it deletes. Any other header for
     * {@code name} must be a deletion too: on WildFly, {@code HttpSession.invalidate()} makes Undertow add its own
     * expiry of the session cookie, which {@code response.reset()} does not remove.
     */
    public static SetCookie assertExpiredOnce(HttpResponse<?> response, String name, String path) {
        List<SetCookie> matching = all(response).stream()
                .filter(c -> c.name().equals(name) && path.equals(c.path()) && c.value().isEmpty()).toList();
        assertEquals(1, matching.size(), () -> "one Set-Cookie for " + name + " on Path=" + path + " in "
                + response.headers().allValues("Set-Cookie"));
        SetCookie c = matching.get(0);
        c.assertExactExpiry();
        assertOnlyDeletions(response, name);
        return c;
    }

    /**
     * This header is Staleguard's expiry of a host-only cookie: empty value, {@code Max-Age=0}, an RFC 1123
     * {@code Expires} in the past, no Domain.
     */
    public void assertExactExpiry() {
        assertEquals("", value, raw);
        assertEquals("0", attributes.get("max-age"), raw);
        String expires = attributes.get("expires");
        assertTrue(expires != null && ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME)
                .isBefore(ZonedDateTime.now()), raw);
        assertTrue(!attributes.containsKey("domain"), raw);
    }

    /**
     * Every Set-Cookie for {@code name} in {@code response} deletes it ({@code Max-Age=0}, or an {@code Expires} in
     * the past with no Max-Age), so nothing in the response can keep or revive the cookie, whatever order the browser
     * applies them in.
     */
    public static void assertOnlyDeletions(HttpResponse<?> response, String name) {
        for (SetCookie c : all(response)) {
            if (c.name().equals(name)) {
                assertTrue(c.deletes(), () -> "this Set-Cookie keeps " + name + " alive: " + c.raw());
            }
        }
    }

    /** The {@code Expires} attribute, or null when there is none. */
    public ZonedDateTime expires() {
        String expires = attributes.get("expires");
        return expires == null ? null : parseExpires(expires);
    }

    /** The {@code Max-Age} attribute in seconds, or null when there is none. */
    public Long maxAge() {
        String maxAge = attributes.get("max-age");
        return maxAge == null ? null : Long.valueOf(maxAge);
    }

    /** Whether this header deletes the cookie: {@code Max-Age=0}, or an {@code Expires} in the past and no Max-Age. */
    public boolean deletes() {
        Long maxAge = maxAge();
        return maxAge != null ? maxAge <= 0 : expires() != null && expires().isBefore(ZonedDateTime.now());
    }

    private static ZonedDateTime parseExpires(String expires) {
        // Undertow renders its own cookies with the old Netscape format "Thu, 01-Jan-1970 00:00:00 GMT".
        String normalized = expires.replaceFirst("^(\\w{3}, \\d{2})-(\\w{3})-(\\d{4})", "$1 $2 $3");
        return ZonedDateTime.parse(normalized, DateTimeFormatter.RFC_1123_DATE_TIME);
    }
}
