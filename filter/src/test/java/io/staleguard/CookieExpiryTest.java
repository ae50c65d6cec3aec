package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;

/**
 * B3: every configured cookie the browser sent is expired exactly where it lives, asserted on the raw Set-Cookie
 * header, attribute by attribute.
 */
@DisplayName("B3: cookie expiry, header by header")
class CookieExpiryTest {

    private static final String EXPIRED = "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private RawResponse recover(MockHttpServletRequest request) throws Exception {
        return app.run(request, throwing(new SessionNotFoundException("gone")));
    }

    @Test
    @DisplayName("B3: the session cookie defaults to the container's SessionCookieConfig: name, context path, no Domain")
    void sessionCookieFromContainer() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = recover(withCookies(navigate("GET", "/consent"), "JSESSIONID", "stale-id"));
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; HttpOnly; SameSite=Lax"), r.setCookies("JSESSIONID"));
    }

    @Test
    @DisplayName("B3: SessionCookieConfig name, path and domain are honoured: host-only plus the domain")
    void sessionCookieConfigCustomised() throws Exception {
        app = Harness.unstarted();
        app.context.getSessionCookieConfig().setName("SID");
        app.context.getSessionCookieConfig().setPath("/");
        app.context.getSessionCookieConfig().setDomain(".example.com");
        app.start();
        RawResponse r = recover(withCookies(navigate("GET", "/consent"), "SID", "stale-id", "JSESSIONID", "other"));
        assertEquals(List.of(
                "SID" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax",
                "SID" + EXPIRED + "; Path=/; Domain=.example.com; HttpOnly; SameSite=Lax"), r.setCookies("SID"));
        assertTrue(r.setCookies("JSESSIONID").isEmpty(), "only configured cookies are touched");
    }

    @Test
    @DisplayName("B3: a sub-path cookie is expired with its own Path; cookies the request did not carry are left alone")
    void subPathCookie() throws Exception {
        app = Harness.withInitParams("cookies", "_interaction;path=/app/interaction, _resume;path=/app/interaction");
        RawResponse r = recover(withCookies(navigate("POST", "/interaction/abc/confirm"),
                "JSESSIONID", "s", "_interaction", "i"));
        assertEquals(List.of("_interaction" + EXPIRED + "; Path=/app/interaction; HttpOnly; SameSite=Lax"),
                r.setCookies("_interaction"));
        assertTrue(r.setCookies("_resume").isEmpty());
    }

    @Test
    @DisplayName("B3: one header per path, and per path one host-only plus one per configured domain")
    void pathsTimesDomains() throws Exception {
        app = Harness.withInitParams("cookies", "_session;path=/;path=/app;domain=.example.com;domain=auth.example.com");
        RawResponse r = recover(withCookies(navigate("GET", "/x"), "_session", "v"));
        assertEquals(List.of(
                "_session" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax",
                "_session" + EXPIRED + "; Path=/; Domain=.example.com; HttpOnly; SameSite=Lax",
                "_session" + EXPIRED + "; Path=/; Domain=auth.example.com; HttpOnly; SameSite=Lax",
                "_session" + EXPIRED + "; Path=/app; HttpOnly; SameSite=Lax",
                "_session" + EXPIRED + "; Path=/app; Domain=.example.com; HttpOnly; SameSite=Lax",
                "_session" + EXPIRED + "; Path=/app; Domain=auth.example.com; HttpOnly; SameSite=Lax"),
                r.setCookies("_session"));
    }

    @Test
    @DisplayName("B3: a prefix spec covers name variants (name.sig, name.legacy), each expired under its own name")
    void prefixVariants() throws Exception {
        app = Harness.withInitParams("cookies", "_session*;path=/");
        RawResponse r = recover(withCookies(navigate("GET", "/x"),
                "_session", "a", "_session.sig", "b", "_session.legacy", "c", "_other", "d"));
        assertEquals(List.of(
                "_session" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax",
                "_session.sig" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax",
                "_session.legacy" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax"),
                r.headers("Set-Cookie").stream().filter(h -> h.startsWith("_")).toList());
    }

    @Test
    @DisplayName("B3: __Host- cookies are expired host-only at Path=/ with Secure, as browsers require")
    void hostPrefix() throws Exception {
        app = Harness.withInitParams("cookies", "__Host-sid;path=/", "cookie-secure", "false");
        RawResponse r = recover(withCookies(navigate("GET", "/x"), "__Host-sid", "v"));
        assertEquals(List.of("__Host-sid" + EXPIRED + "; Path=/; Secure; HttpOnly; SameSite=Lax"),
                r.setCookies("__Host-sid"));
    }

    @Test
    @DisplayName("B3: __Host- names reached through a prefix spec still get Path=/ and no Domain")
    void hostPrefixThroughWildcard() throws Exception {
        app = Harness.withInitParams("cookies", "__*;path=/app;domain=.example.com");
        RawResponse r = recover(withCookies(navigate("GET", "/x"), "__Host-a", "v", "__Secure-b", "w"));
        assertEquals(List.of("__Host-a" + EXPIRED + "; Path=/; Secure; HttpOnly; SameSite=Lax"), r.setCookies("__Host-a"));
        assertEquals(List.of(
                "__Secure-b" + EXPIRED + "; Path=/app; Secure; HttpOnly; SameSite=Lax",
                "__Secure-b" + EXPIRED + "; Path=/app; Domain=.example.com; Secure; HttpOnly; SameSite=Lax"),
                r.setCookies("__Secure-b"));
    }

    @Test
    @DisplayName("B3: cookie-secure auto follows the request; true forces Secure; SameSite as configured")
    void secureAndSameSite() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest https = withCookies(navigate("GET", "/x"), "JSESSIONID", "s");
        https.setSecure(true);
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; Secure; HttpOnly; SameSite=Lax"),
                recover(https).setCookies("JSESSIONID"));
        app.close();

        app = Harness.withInitParams("cookie-secure", "true", "cookie-same-site", "Strict");
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; Secure; HttpOnly; SameSite=Strict"),
                recover(withCookies(navigate("GET", "/x"), "JSESSIONID", "s")).setCookies("JSESSIONID"));
        app.close();

        app = Harness.withInitParams("cookie-same-site", "omit");
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; HttpOnly"),
                recover(withCookies(navigate("GET", "/x"), "JSESSIONID", "s")).setCookies("JSESSIONID"));
    }

    @Test
    @DisplayName("B3: SameSite=None is only sent with Secure (browsers drop the header otherwise, keeping the cookie)")
    void sameSiteNoneNeedsSecure() throws Exception {
        app = Harness.withInitParams("cookie-same-site", "None");
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; HttpOnly"),
                recover(withCookies(navigate("GET", "/x"), "JSESSIONID", "s")).setCookies("JSESSIONID"));
        MockHttpServletRequest https = withCookies(navigate("GET", "/x"), "JSESSIONID", "s");
        https.setSecure(true);
        assertEquals(List.of("JSESSIONID" + EXPIRED + "; Path=/app; Secure; HttpOnly; SameSite=None"),
                recover(https).setCookies("JSESSIONID"));
    }

    @Test
    @DisplayName("B3: several cookies with the same name are expired once per place, not once per copy")
    void duplicateNames() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = recover(withCookies(navigate("GET", "/x"), "JSESSIONID", "a", "JSESSIONID", "b"));
        assertEquals(1, r.setCookies("JSESSIONID").size());
    }

    @Test
    @DisplayName("B3: the HttpSession is invalidated and the response the app had started is reset")
    void invalidatesAndResets() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest request = withCookies(navigate("GET", "/x"), "JSESSIONID", "s");
        jakarta.servlet.http.HttpSession session = request.getSession(true);
        RawResponse r = app.run(request, (req, res) -> {
            res.setHeader("X-App", "partial");
            res.getWriter().write("half a page");
            throw new SessionNotFoundException("gone");
        });
        assertTrue(((org.springframework.mock.web.MockHttpSession) session).isInvalid());
        assertTrue(r.headers("X-App").isEmpty());
        assertTrue(!r.body().contains("half a page"));
    }
}
