package io.staleguard.internal.http;

import java.time.Duration;
import java.time.Instant;

import io.staleguard.internal.ops.Log;

/**
 * One {@code Set-Cookie} header value, built by hand so every attribute is exactly what Staleguard means: containers
 * disagree on how they render {@code jakarta.servlet.http.Cookie} (Expires, SameSite, quoting). Named setters instead
 * of a row of positional arguments:
 * <pre>
 * SetCookie.of(name, value).path("/app").maxAge(Duration.ofMinutes(30), now).secure(true).sameSite("Lax").header()
 * SetCookie.expiry(name).path("/app").domain(".example.com").header()
 * </pre>
 * Defaults: path {@code /}, host-only, no Max-Age (a browser-session cookie), not Secure, HttpOnly, no SameSite.
 */
public final class SetCookie {

    private final String name;
    private final String value;
    private static final String EXPIRED = "; Max-Age=0; Expires=" + SetCookies.EXPIRES_EPOCH;

    private final boolean expiry;
    private String path = "/";
    private String domain;
    /** The Max-Age in seconds, or -1 for a session cookie. */
    private long maxAgeSeconds = -1;
    private Instant now;
    private boolean secure;
    private boolean httpOnly = true;
    private String sameSite;

    private SetCookie(String name, String value, boolean expiry) {
        this.name = name;
        this.value = value;
        this.expiry = expiry;
    }

    /** A cookie that sets {@code name} to {@code value}. */
    public static SetCookie of(String name, String value) {
        return new SetCookie(name, value, false);
    }

    /** A cookie that deletes {@code name}: an empty value, {@code Max-Age=0} and an Expires in the past. */
    public static SetCookie expiry(String name) {
        return new SetCookie(name, "", true);
    }

    /** @throws IllegalArgumentException if {@code path} holds a control character or {@code ;} */
    public SetCookie path(String path) {
        this.path = attributeValue(path);
        return this;
    }

    /**
     * @param domain the Domain attribute, or null for a host-only cookie
     * @throws IllegalArgumentException if {@code domain} holds a control character or {@code ;}
     */
    public SetCookie domain(String domain) {
        this.domain = domain == null ? null : attributeValue(domain);
        return this;
    }

    /**
     * @param maxAge the lifetime (negative counts as zero)
     * @param now the clock's current time, for the Expires attribute
     */
    public SetCookie maxAge(Duration maxAge, Instant now) {
        return maxAge(maxAge.getSeconds(), now);
    }

    /**
     * @param seconds the lifetime in seconds (negative counts as zero)
     * @param now the clock's current time, for the Expires attribute
     */
    public SetCookie maxAge(long seconds, Instant now) {
        this.maxAgeSeconds = Math.max(0, seconds);
        this.now = now;
        return this;
    }

    public SetCookie secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    public SetCookie httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /** @param sameSite {@code Lax}, {@code Strict}, {@code None}, or null to omit */
    public SetCookie sameSite(String sameSite) {
        this.sameSite = sameSite == null ? null : attributeValue(sameSite);
        return this;
    }

    /**
     * Every value that reaches here was validated where it was read (configuration, the application's own cookie, the
     * container's cookie settings); this is the last guard against a value that would end the attribute and start
     * another, as RFC 6265 §4.1.1 forbids.
     */
    private static String attributeValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("A cookie attribute value cannot hold control characters or ';': "
                        + Log.printable(value, 80));
            }
        }
        return value;
    }

    /**
     * @return the header value: {@code name=value}, then Max-Age and Expires, Path, Domain, Secure, HttpOnly, SameSite
     */
    public String header() {
        // One concatenation of strings that exist already: the JDK sizes the result exactly and allocates it once,
        // where a StringBuilder would allocate its buffer and then copy it (about 200 bytes on every rolled request).
        String domainLabel = domain == null ? "" : "; Domain=";
        String domainValue = domain == null ? "" : domain;
        String flags = secure ? (httpOnly ? "; Secure; HttpOnly" : "; Secure") : (httpOnly ? "; HttpOnly" : "");
        // Browsers reject SameSite=None without Secure, which would leave the cookie in place.
        boolean withSameSite = sameSite != null && (secure || !"None".equals(sameSite));
        String sameSiteLabel = withSameSite ? "; SameSite=" : "";
        String sameSiteValue = withSameSite ? sameSite : "";
        if (!expiry && maxAgeSeconds >= 0) {
            return name + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Expires="
                    + SetCookies.httpDate(now.getEpochSecond() + maxAgeSeconds) + "; Path=" + path + domainLabel
                    + domainValue + flags + sameSiteLabel + sameSiteValue;
        }
        String lifetime = expiry ? EXPIRED : "";
        return name + "=" + value + lifetime + "; Path=" + path + domainLabel + domainValue + flags + sameSiteLabel
                + sameSiteValue;
    }

    @Override
    public String toString() {
        return header();
    }
}
