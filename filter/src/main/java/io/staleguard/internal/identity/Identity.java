package io.staleguard.internal.identity;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.staleguard.internal.config.ConfigKey;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.http.CookieSpec;
import io.staleguard.internal.http.SessionIds;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.ops.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The trusted identity header (I1–I3): a session whose user differs from the one a trusted SSO proxy vouches for is
 * stale. Values are compared exactly, after trimming and (by default) lower-casing: never as a pattern, never with
 * Unicode normalisation, so {@code %}, {@code _}, {@code *} are ordinary characters and look-alikes never match;
 * lower-casing never turns a non-ASCII character into an ASCII one (the Kelvin sign is not {@code k}).
 */
public final class Identity {

    private final String header;
    private final String attribute;
    private final boolean ignoreCase;
    private final List<Cidr> trusted;
    private final Throttle untrustedWarnings = new Throttle(1, java.util.concurrent.TimeUnit.MINUTES);
    private final Throttle unusableWarnings = new Throttle(1, java.util.concurrent.TimeUnit.MINUTES);

    private Identity(String header, String attribute, boolean ignoreCase, List<Cidr> trusted) {
        this.header = header;
        this.attribute = attribute;
        this.ignoreCase = ignoreCase;
        this.trusted = trusted;
    }

    /** @return the identity check, or null when no {@code identity-header} is configured */
    public static Identity read(ConfigReader config) {
        ConfigReader.Value header = config.value(ConfigKey.IDENTITY_HEADER);
        List<Cidr> trusted = Cidr.parseAll(config.valueOrDefault(ConfigKey.TRUSTED_PROXIES));
        if (header == null) {
            return null;
        }
        if (!CookieSpec.isToken(header.raw())) {
            throw header.invalid("it must be an HTTP header name", "X-Auth-Request-Email");
        }
        ConfigReader.Value attribute = config.value(ConfigKey.IDENTITY_ATTRIBUTE);
        boolean ignoreCase = config.bool(ConfigKey.IDENTITY_IGNORE_CASE);
        return new Identity(header.raw(), attribute == null ? null : attribute.raw(), ignoreCase, trusted);
    }

    /**
     * @return true when a trusted proxy vouches for a user other than the one this request's session belongs to
     */
    public boolean changed(HttpServletRequest request) {
        if (request.getHeader(header) == null) {
            return false;
        }
        if (!fromTrustedProxy(request)) {
            warnUntrusted(request);
            return false;
        }
        String claimed = singleValue(request);
        if (claimed == null) {
            warnUnusable(request);
            return false;
        }
        if (attribute == null) {
            String user = request.getRemoteUser();
            return user != null && !same(claimed, user);
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Object user;
        try {
            user = session.getAttribute(attribute);
        } catch (IllegalStateException invalidated) {
            // A concurrent request ended this session (the first call of a burst after the switch, a logout) after
            // the container found it for this one. It vouches for nobody now, and passing the request on would hand
            // the application a session that throws on every use: a 500 instead of a clean restart.
            return true;
        }
        return user != null && !same(claimed, user.toString());
    }

    /** @return whether a trusted proxy vouches for someone on this request: one usable value, from a trusted peer */
    public boolean vouchesForSomeone(HttpServletRequest request) {
        return request.getHeader(header) != null && fromTrustedProxy(request) && singleValue(request) != null;
    }

    /**
     * B6 with I1: what the loop-guard marker remembers of an identity switch, so that a second, genuine switch to yet
     * another user within the retry window is not mistaken for a loop. A short hash: identities are personal data.
     */
    public String claimKey(HttpServletRequest request) {
        String claimed = singleValue(request);
        return claimed == null ? null : SessionIds.hash(normalise(claimed));
    }

    /**
     * The header's one usable value, or null. Several values mean a proxy appended its value to one the client sent
     * (the first would be the client's); a blank one vouches for nobody. Neither may sign anybody out, so both count
     * as no header at all. A single value is taken whole, commas included (a certificate's subject DN has commas).
     */
    private String singleValue(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(header);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements() || value == null || value.isBlank()) {
            return null;
        }
        return value;
    }

    private void warnUnusable(HttpServletRequest request) {
        long heldBack = unusableWarnings.pass();
        if (heldBack >= 0) {
            Enumeration<String> values = request.getHeaders(header);
            int count = values == null ? 0 : Collections.list(values).size();
            Log.warn(LogId.UNTRUSTED_IDENTITY_HEADER, "Ignoring header %s from trusted proxy %s: it has %s. Configure "
                    + "the proxy to set (replace) the header with exactly one value, never to append to one the client "
                    + "sent.%s", header, Log.printable(request.getRemoteAddr(), 64),
                    count > 1 ? count + " values" : "a blank value",
                    heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "");
        }
    }

    private boolean same(String claimed, String current) {
        return normalise(claimed).equals(normalise(current));
    }

    private String normalise(String value) {
        String trimmed = value.strip();
        return ignoreCase ? foldCase(trimmed) : trimmed;
    }

    /**
     * Lower-cases letter by letter, except that a non-ASCII character never becomes an ASCII one: Unicode maps the
     * Kelvin sign (U+212A) to {@code k} and the dotted capital I (U+0130) to {@code i}, and {@code String.toLowerCase}
     * would let a header spelling {@code kate@example.com} with a Kelvin sign pass for Kate.
     */
    static String foldCase(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            int lower = Character.toLowerCase(c);
            folded.appendCodePoint(c < 0x80 || lower >= 0x80 ? lower : c);
        });
        return folded.toString();
    }

    private boolean fromTrustedProxy(HttpServletRequest request) {
        byte[] peer = Cidr.literal(request.getRemoteAddr());
        for (Cidr network : trusted) {
            if (network.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    private void warnUntrusted(HttpServletRequest request) {
        long heldBack = untrustedWarnings.pass();
        if (heldBack >= 0) {
            Log.warn(LogId.UNTRUSTED_IDENTITY_HEADER, "Ignoring header %s from %s, which is not in trusted-proxies; if "
                    + "that address is your SSO proxy, add it to trusted-proxies.%s", header,
                    Log.printable(request.getRemoteAddr(), 64),
                    heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "");
        }
    }
}
