package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.Harness;
import jakarta.servlet.ServletException;

@DisplayName("C3: bad configuration fails start-up with a message naming key, value and a good example")
class ConfigValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "restart-url|//evil.example|restart-url=/login",
            "restart-url|https://evil.example/x|restart-url=/login",
            "restart-url|/%2F%2Fevil.example|restart-url=/login",
            "restart-url|login|restart-url=/login",
            "retry-window|thirty seconds|retry-window=PT30S",
            "retry-window|PT0S|retry-window=PT30S",
            "retry-window|-PT5S|retry-window=PT30S",
            "cookie-secure|yes|cookie-secure=auto",
            "cookie-same-site|lenient|cookie-same-site=Lax",
            "interaction-paths|interaction/*|interaction-paths=/interaction/*",
            "interaction-paths|/a/*/b|interaction-paths=/interaction/*",
            "restart-capture-paths|**|restart-capture-paths=/interaction/*",
            "cookies|bad name;path=/|cookies=_interaction;path=/app/interaction",
            "cookies|_i;path=relative|cookies=_interaction;path=/app/interaction",
            "cookies|_i;domain=ex ample.com|cookies=_interaction;path=/app/interaction",
            "cookies|_i;max-age=5|cookies=_interaction;path=/app/interaction",
            "cookies|__Host-s;path=/app|cookies=__Host-session;path=/",
            "cookies|__Host-s;domain=.example.com|cookies=__Host-session;path=/",
            "session-cookie|JSESSION*|session-cookie=JSESSIONID;path=/app",
            "stale-exceptions|not a class!|stale-exceptions=com.example.auth.InteractionNotFoundException",
            "transient-exceptions|1Bad|transient-exceptions=com.example.auth.InteractionNotFoundException"})
    void rejected(String key, String value, String example) {
        ServletException e = assertThrows(ServletException.class, () -> Harness.withInitParams(key, value).close());
        String message = e.getMessage();
        assertTrue(message.contains("init-param '" + key + "' of filter 'staleguard'"), message);
        assertTrue(message.contains("'" + value + "'"), message);
        assertTrue(message.contains("For example: " + example), message);
    }

    @Test
    @DisplayName("C3: restart-keys errors never show the key material")
    void secretsHidden() {
        String shortKey = "c2hvcnQta2V5";
        ServletException e = assertThrows(ServletException.class,
                () -> Harness.withInitParams("restart-keys", shortKey).close());
        assertTrue(e.getMessage().contains("restart-keys"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
        assertFalse(e.getMessage().contains(shortKey), e.getMessage());
        ServletException notBase64 = assertThrows(ServletException.class,
                () -> Harness.withInitParams("restart-keys", "this is !! not base64").close());
        assertFalse(notBase64.getMessage().contains("not base64"), notBase64.getMessage());
    }

    @Test
    @DisplayName("C3: SameSite=None with cookie-secure=false is refused: browsers would drop the cookies")
    void noneWithoutSecure() {
        ServletException e = assertThrows(ServletException.class,
                () -> Harness.withInitParams("cookie-same-site", "None", "cookie-secure", "false").close());
        assertTrue(e.getMessage().contains("cookie-same-site"), e.getMessage());
    }

    @Test
    @DisplayName("C3: control characters in a bad value are shown escaped, so the message cannot forge log lines")
    void escapedInMessage() {
        ServletException e = assertThrows(ServletException.class,
                () -> Harness.withInitParams("restart-url", "/a\r\nb").close());
        assertTrue(e.getMessage().contains("/a\\u000d\\u000ab"), e.getMessage());
    }

    @Test
    @DisplayName("C3: init-param beats context-param staleguard.<key>, which beats the default")
    void precedence() throws Exception {
        try (Harness app = Harness.unstarted("restart-url", "/from-init-param")) {
            app.context.addInitParameter("staleguard.restart-url", "/from-context-param");
            app.context.addInitParameter("staleguard.retry-window", "PT45S");
            app.start();
            var r = app.run(Harness.navigate("POST", "/x"), Harness.throwing(new SessionNotFoundException("gone")));
            assertEquals("/app/from-init-param", r.getHeader("Location"));
            assertTrue(r.setCookies("staleguard-retry").get(0).contains("Max-Age=45"));
        }
        try (Harness app = Harness.unstarted()) {
            app.context.addInitParameter("staleguard.restart-url", "/from-context-param");
            app.start();
            var r = app.run(Harness.navigate("POST", "/x"), Harness.throwing(new SessionNotFoundException("gone")));
            assertEquals("/app/from-context-param", r.getHeader("Location"));
        }
    }

    @Test
    @DisplayName("C3: a bad context-param is named as a context-param")
    void contextParamNamed() {
        Harness app = Harness.unstarted();
        app.context.addInitParameter("staleguard.retry-window", "soon");
        ServletException e = assertThrows(ServletException.class, app::start);
        assertTrue(e.getMessage().contains("context-param 'staleguard.retry-window'"), e.getMessage());
    }
}
