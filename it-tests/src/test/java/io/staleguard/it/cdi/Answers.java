package io.staleguard.it.cdi;

import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.support.Json;
import io.staleguard.it.support.Server;

/** What Staleguard's answers look like on the wire, checked raw. */
public final class Answers {

    private Answers() {
    }

    /**
     * B4 navigation: {@code 303} to exactly {@code location} (as sent: relative, not resolved), never cached, the
     * stale session cookie expired exactly once, and nothing of the application's error page.
     */
    public static void assertRestart(HttpResponse<String> response, String location, String context) {
        assertRestart(response, location, "JSESSIONID", context);
    }

    /**
     * {@link #assertRestart(HttpResponse, String, String)} for a {@code jakarta.ws.rs.core.Response} that the
     * interceptor returned. RESTEasy (WildFly) sends the {@code Location} as Staleguard wrote it; Jersey (Payara)
     * resolves a relative {@code Location} against the request's base URI, as JAX-RS {@code ResponseBuilder.location}
     * describes (an application can turn that off with Jersey's
     * {@code jersey.config.server.headers.location.relative.resolution.disabled}). Same target, same origin.
     */
    public static void assertJaxRsRestart(HttpResponse<String> response, String location, String context) {
        URI uri = response.uri();
        assertRestart(response, Server.current().name().equals("Payara")
                ? uri.getScheme() + "://" + uri.getRawAuthority() + location : location, context);
    }

    /** Like {@link #assertRestart(HttpResponse, String, String)}, for the session cookie {@code cookie}. */
    public static void assertRestart(HttpResponse<String> response, String location, String cookie, String context) {
        assertEquals(303, response.statusCode(), response::body);
        assertEquals(location, response.headers().firstValue("Location").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertExpiredOnce(response, cookie, context);
        assertNoErrorPage(response);
    }

    /** B4 API: {@code 401} problem document naming {@code restart}, also in {@code Session-Restart}; cookie expired. */
    public static void assertProblem(HttpResponse<String> response, String restart, String context) {
        assertEquals(401, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> response.headers().map().toString());
        assertEquals(restart, response.headers().firstValue("Session-Restart").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(response.headers().firstValue("Location").isEmpty(), "not a redirect");
        String body = response.body();
        assertEquals("401", Json.value(body, "status"), body);
        assertEquals(restart, Json.value(body, "restart"), body);
        assertEquals("NOT_FOUND", Json.value(body, "reason"), body);
        assertExpiredOnce(response, "JSESSIONID", context);
        assertNoErrorPage(response);
    }

    /** T1 and the paths that do not recover: not a single Set-Cookie, so no cookie is expired or replaced. */
    public static void assertNoSetCookie(HttpResponse<String> response) {
        assertEquals(List.of(), response.headers().allValues("Set-Cookie"));
    }

    private static void assertNoErrorPage(HttpResponse<String> response) {
        assertFalse(response.body().contains(Pages.SESSION_NOT_FOUND), response::body);
        assertFalse(response.body().contains(CatchAllMapper.PREFIX), response::body);
    }
}
