package io.staleguard.it.consent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.staleguard.SessionNotFoundException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The provider's server-side state, kept in memory the way a single-node provider keeps it: interactions in progress,
 * issued authorization codes, and the key that signs the interaction cookie. All of it is created when the application
 * starts, so re-provisioning wipes it and rotates the key, exactly what turns a browser's cookies stale in incident 1.
 */
final class Interactions {

    private static final boolean COOKIE_ATTRIBUTES = cookieAttributes();

    static final String COOKIE = "_interaction";
    static final String SIGNATURE_COOKIE = "_interaction.sig";
    /** Context-param: the Path of the interaction cookies; default {@code <context>/interaction}. */
    static final String COOKIE_PATH_PARAM = "consent.interaction-cookie-path";

    /** A registered client: it may only be sent back to its own callback. */
    static final String CLIENT_ID = "demo-client";

    record Interaction(String uid, String clientId, String state) {
    }

    record Grant(String user, String clientId, String state) {
    }

    private static final String ATTRIBUTE = Interactions.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final SecretKeySpec cookieKey;
    private final String cookiePath;
    private final String callback;

    private Interactions(ServletContext context) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        cookieKey = new SecretKeySpec(key, "HmacSHA256");
        String configured = context.getInitParameter(COOKIE_PATH_PARAM);
        cookiePath = configured != null ? configured : context.getContextPath() + "/interaction";
        callback = context.getContextPath() + "/callback";
    }

    static Interactions of(ServletContext context) {
        synchronized (context) {
            Interactions existing = (Interactions) context.getAttribute(ATTRIBUTE);
            if (existing == null) {
                existing = new Interactions(context);
                context.setAttribute(ATTRIBUTE, existing);
            }
            return existing;
        }
    }

    String callback() {
        return callback;
    }

    /** Starts an interaction and gives the browser its (signed) interaction cookie. */
    Interaction start(String clientId, String state, HttpServletResponse response) {
        Interaction interaction = new Interaction(randomId(), clientId, state);
        interactions.put(interaction.uid(), interaction);
        response.addCookie(cookie(COOKIE, interaction.uid(), -1));
        response.addCookie(cookie(SIGNATURE_COOKIE, sign(interaction.uid()), -1));
        return interaction;
    }

    /**
     * The interaction the URL names, provided the browser's interaction cookie (the first one it sends, as most code
     * reads cookies) is the one issued for it and carries a valid signature.
     *
     * @throws SessionNotFoundException when any of that is missing: the provider's "session not found"
     */
    Interaction require(HttpServletRequest request, String uid) {
        Interaction interaction = interactions.get(uid);
        if (interaction == null) {
            throw new SessionNotFoundException("interaction not found");
        }
        String cookie = firstCookie(request, COOKIE);
        String signature = firstCookie(request, SIGNATURE_COOKIE);
        if (!uid.equals(cookie) || signature == null || !MessageDigest.isEqual(
                sign(uid).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new SessionNotFoundException("interaction cookie does not belong to this interaction");
        }
        return interaction;
    }

    /** Ends the interaction with a one-time authorization code for the client. */
    String finish(Interaction interaction, String user, HttpServletResponse response) {
        interactions.remove(interaction.uid());
        String code = randomId();
        codes.put(code, new Grant(user, interaction.clientId(), interaction.state()));
        response.addCookie(cookie(COOKIE, "", 0));
        response.addCookie(cookie(SIGNATURE_COOKIE, "", 0));
        return code;
    }

    Grant redeem(String code) {
        return code == null ? null : codes.remove(code);
    }

    private Cookie cookie(String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(cookiePath);
        cookie.setHttpOnly(true);
        cookie.setMaxAge(maxAge);
        if (COOKIE_ATTRIBUTES) {
            cookie.setAttribute("SameSite", "Lax");
        }
        return cookie;
    }

    /**
     * Whether the container's {@code Cookie} has {@code setAttribute} (Servlet 6). On a Servlet 4 container (Tomcat 9,
     * WildFly 26, where the suite runs rewritten to javax) it has not, and the provider's cookies go without SameSite,
     * as a legacy application's do.
     */
    private static boolean cookieAttributes() {
        try {
            Cookie.class.getMethod("setAttribute", String.class, String.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cookieKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstCookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
