package io.staleguard.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

@DisplayName("RealStores: a missing server skips the test with instructions, or fails it when CI is set")
class RealStoresTest {

    @Test
    @DisplayName("an unreachable server aborts (skip) outside CI and fails on CI, with a message saying how to run it")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RealStores.Server nothing = new RealStores.Server("Nothing", "127.0.0.1", port, "start nothing on that port");
        Class<? extends Throwable> expected = RealStores.ci() ? AssertionFailedError.class : TestAbortedException.class;
        Throwable thrown = assertThrows(expected, () -> RealStores.require(nothing));
        assertTrue(thrown.getMessage().contains("Nothing is not reachable on 127.0.0.1:" + port), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("start nothing on that port"), thrown.getMessage());
    }

    @Test
    @DisplayName("a reachable server lets the test run")
    void reachable() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            RealStores.require(new RealStores.Server("Local", "127.0.0.1", s.getLocalPort(), "n/a"));
        }
    }
}
