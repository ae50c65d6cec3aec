package io.staleguard.internal.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hardening 17 (a): which cookies of a {@code Cookie} header survive, as Undertow would see the header. */
class UnreadableCookiesTest {

    /** Raw UTF-8 bytes arrive in Undertow's header values as ISO-8859-1 characters: {@code ü} as {@code Ã¼}. */
    private static String raw(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "JSESSIONID=abc; city=Zürich             | JSESSIONID=abc",
        "city=Zürich; JSESSIONID=abc             | JSESSIONID=abc",
        "city=Zürich                             | ''",
        "a=1; name=\"Jörg\"; b=2                 | a=1; b=2",
        "a=\"x;y\"; city=Zürich; b=2             | a=\"x;y\"; b=2",
        "a=1;b=2                                 | a=1; b=2",
        "Zürich=1; a=1                           | a=1"})
    void item17DropsOnlyTheUnreadableCookies(String header, String kept) {
        assertEquals(kept, UnreadableCookies.readable(raw(header.strip())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"a=1; b=2 | false", "a=\t1 | false", "a=Zürich | true", "a=\u007f | true",
        "a=\u0001b | true"})
    void item17UnreadableIsWhatUndertowRefuses(String header, boolean unreadable) {
        assertEquals(unreadable, UnreadableCookies.unreadable(raw(header)));
    }
}
