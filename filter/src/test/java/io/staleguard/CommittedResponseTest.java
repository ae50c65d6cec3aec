package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;

@DisplayName("B3: a response already committed cannot be recovered: one WARN, the event, the original exception")
class CommittedResponseTest {

    @Test
    @DisplayName("B3: flushed output then SessionNotFoundException: no IllegalStateException, one SG0002 WARN, one event")
    void flushedThenThrows() throws Exception {
        try (Harness app = Harness.withInitParams(); LogCapture log = new LogCapture()) {
            SessionNotFoundException thrown = new SessionNotFoundException("gone after streaming started");
            RawResponse response = new RawResponse();
            SessionNotFoundException seen = assertThrows(SessionNotFoundException.class,
                    () -> app.run(withCookies(navigate("GET", "/report"), "JSESSIONID", "s"), response, (req, res) -> {
                        res.getWriter().write("<html>streaming…");
                        res.flushBuffer();
                        throw thrown;
                    }));
            assertSame(thrown, seen, "the original exception, not an IllegalStateException");
            assertEquals(200, response.getStatus());
            assertTrue(response.headers("Set-Cookie").isEmpty());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("SG0002") && warnings.get(0).contains("NOT_FOUND"), warnings.get(0));
            assertEquals(1, app.events.size());
        }
    }

    @Test
    @DisplayName("B3: Staleguard.recover on a committed response returns false and never throws")
    void recoverCommitted() throws Exception {
        try (Harness app = Harness.withInitParams(); LogCapture log = new LogCapture()) {
            boolean[] written = new boolean[1];
            app.run(navigate("GET", "/report"), (req, res) -> {
                res.flushBuffer();
                written[0] = Staleguard.recover(req, res);
            });
            assertEquals(false, written[0]);
            assertEquals(1, log.messages(Level.WARNING).size());
            assertEquals(1, app.events.size());
        }
    }
}
