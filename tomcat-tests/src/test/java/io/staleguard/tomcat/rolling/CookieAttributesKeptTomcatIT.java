package io.staleguard.tomcat.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.support.SetCookie;
import io.staleguard.tomcat.TomcatServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R2 (issue 12, item 11) on a real container, asserted on the raw {@code Set-Cookie} headers: a rolling refresh of
 * the application's own session cookie keeps the attributes the application set it with ({@code Path}, {@code Secure},
 * {@code HttpOnly}, {@code SameSite=Strict}), although the request is plain HTTP ({@code cookie-secure=auto} alone
 * would drop {@code Secure}) and the configuration says {@code SameSite=Lax}.
 * <p>
 * On Tomcat 10.1 (Servlet 6.0) {@code CookieAttributes} reads a cookie given to {@code addCookie} through
 * {@code Cookie.getAttribute}; tomcat9-tests runs this class, rewritten to javax, on Tomcat 9 (Servlet 4.0) with
 * staleguard-filter-javax, where that method does not exist and the Servlet 4 path is taken: SameSite only from a raw
 * header, and a cookie given to {@code addCookie} read without it.
 */
@DisplayName("R2 (issue 12 item 11) on Tomcat: a rolled session cookie keeps the application's attributes")
class CookieAttributesKeptTomcatIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static URL base;
    private static String path;

    @BeforeAll
    static void deploy() throws Exception {
        TomcatServer.start();
        base = TomcatServer.deploy(RollingApp.war("cookie-attributes.war", Registration.WEB_XML, "memory")
                .addClass(AttributesLoginServlet.class));
        path = base.getPath().substring(0, base.getPath().length() - 1);
    }

    @Test
    @DisplayName("R2: a raw Set-Cookie with Secure, HttpOnly and SameSite=Strict is refreshed with all three, its Path, "
            + "and Max-Age and Expires of the record")
    void rawSetCookieAttributesAreKept() throws Exception {
        String id = login("login-raw");
        SetCookie rolled = rolled(id);
        assertEquals(path, rolled.path(), rolled::raw);
        assertTrue(rolled.attributes().containsKey("secure"), () -> "Secure dropped: " + rolled.raw());
        assertTrue(rolled.attributes().containsKey("httponly"), () -> "HttpOnly dropped: " + rolled.raw());
        assertEquals("Strict", rolled.attributes().get("samesite"), rolled::raw);
        assertLifetime(rolled);
    }

    @Test
    @DisplayName("R2: a cookie given to addCookie with Secure and HttpOnly keeps both and its Path; SameSite=Strict "
            + "too where the Servlet API can carry it (6.0), none on Servlet 4.0 (never the configured Lax)")
    void addCookieAttributesAreKept() throws Exception {
        HttpResponse<String> login = post("login-cookie");
        String id = sessionCookie(login).value();
        int major = Integer.parseInt(login.headers().firstValue("X-Servlet-Major").orElseThrow());
        SetCookie rolled = rolled(id);
        assertEquals(path, rolled.path(), rolled::raw);
        assertTrue(rolled.attributes().containsKey("secure"), () -> "Secure dropped: " + rolled.raw());
        assertTrue(rolled.attributes().containsKey("httponly"), () -> "HttpOnly dropped: " + rolled.raw());
        assertEquals(major >= 6 ? "Strict" : null, rolled.attributes().get("samesite"),
                () -> "Servlet " + major + ": " + rolled.raw());
        assertLifetime(rolled);
    }

    /** A call with the live session: the one refreshed {@code SID} cookie it gets. */
    private static SetCookie rolled(String id) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "api/data"))
                .header("Accept", "application/json").header("Cookie", RollingApp.COOKIE + "=" + id).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        SetCookie rolled = sessionCookie(r);
        assertEquals(id, rolled.value(), rolled::raw);
        return rolled;
    }

    /** Max-Age within the record's 30 minutes, and an Expires that says the same. */
    private static void assertLifetime(SetCookie rolled) {
        long maxAge = Long.parseLong(rolled.attributes().get("max-age"));
        assertTrue(maxAge > 0 && maxAge <= 1800, rolled::raw);
        String expires = rolled.attributes().get("expires");
        assertNotNull(expires, rolled::raw);
        ZonedDateTime at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration fromNow = Duration.between(ZonedDateTime.now(), at);
        assertTrue(Math.abs(fromNow.getSeconds() - maxAge) <= 5, () -> "Expires " + expires + " vs Max-Age " + maxAge);
    }

    private static String login(String servlet) throws Exception {
        return sessionCookie(post(servlet)).value();
    }

    private static HttpResponse<String> post(String servlet) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + servlet))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r::body);
        return r;
    }

    private static SetCookie sessionCookie(HttpResponse<?> response) {
        List<SetCookie> sid = SetCookie.all(response).stream().filter(c -> c.name().equals(RollingApp.COOKIE))
                .toList();
        assertEquals(1, sid.size(), () -> response.headers().allValues("Set-Cookie").toString());
        return sid.get(0);
    }
}
