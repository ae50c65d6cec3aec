package io.staleguard.internal;

import java.time.Duration;
import java.time.Instant;

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
    private final boolean expiry;
    private String path = "/";
    private String domain;
    private Duration maxAge;
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

    public SetCookie path(String path) {
        this.path = path;
        return this;
    }

    /** @param domain the Domain attribute, or null for a host-only cookie */
    public SetCookie domain(String domain) {
        this.domain = domain;
        return this;
    }

    /**
     * @param maxAge the lifetime (negative counts as zero)
     * @param now the clock's current time, for the Expires attribute
     */
    public SetCookie maxAge(Duration maxAge, Instant now) {
        this.maxAge = maxAge;
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
        this.sameSite = sameSite;
        return this;
    }

    /** @return the header value */
    public String header() {
        StringBuilder b = new StringBuilder(128 + value.length()).append(name).append('=').append(value);
        if (expiry) {
            b.append("; Max-Age=0; Expires=").append(SetCookies.EXPIRES_EPOCH);
        } else if (maxAge != null) {
            long seconds = Math.max(0, maxAge.getSeconds());
            b.append("; Max-Age=").append(seconds).append("; Expires=")
                    .append(SetCookies.httpDate(now.getEpochSecond() + seconds));
        }
        b.append("; Path=").append(path);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        // Browsers reject SameSite=None without Secure, which would leave the cookie in place.
        if (sameSite != null && (secure || !"None".equals(sameSite))) {
            b.append("; SameSite=").append(sameSite);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return header();
    }
}
