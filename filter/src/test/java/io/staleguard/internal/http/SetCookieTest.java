package io.staleguard.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SetCookieTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    @DisplayName("every attribute is written in one fixed order, with Expires matching Max-Age")
    void header() {
        assertEquals("SID=abc; Max-Age=1800; Expires=Sun, 06 Dec 2026 12:30:00 GMT; Path=/app; Domain=.example.com; "
                + "Secure; HttpOnly; SameSite=Strict", SetCookie.of("SID", "abc").path("/app").domain(".example.com")
                        .maxAge(Duration.ofMinutes(30), NOW).secure(true).sameSite("Strict").header());
        assertEquals("SID=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly",
                SetCookie.expiry("SID").header());
    }

    @Test
    @DisplayName("a path, domain or SameSite value that would start another attribute is refused, not written")
    void attributeInjectionRefused() {
        assertThrows(IllegalArgumentException.class, () -> SetCookie.of("SID", "abc").path("/app; Domain=evil.example"));
        assertThrows(IllegalArgumentException.class, () -> SetCookie.of("SID", "abc").domain("example.com\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> SetCookie.of("SID", "abc").sameSite("Lax; Secure"));
    }
}
