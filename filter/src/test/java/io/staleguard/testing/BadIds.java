package io.staleguard.testing;

import java.util.List;

/** Session ids a crafted cookie may carry. Each contains {@link #CANARY}, so tests can search logs for it. */
public final class BadIds {

    public static final String CANARY = "CANARY";

    public static final List<String> ALL = List.of(
            "CANARY' OR '1'='1",
            "CANARY'; DROP TABLE staleguard_session; --",
            "CANARY\" OR \"\"=\"",
            "CANARY;victim",
            "CANARY%' OR id LIKE '%",
            "CANARY\\'\\\"",
            "CANARY\r\nSet-Cookie: evil=1",
            "CANARY\u0000nul",
            "CANARY\u0007\u001b[31m",
            "CANARY-ünïcödé-会话",
            "CANARY" + "x".repeat(4096));

    private BadIds() {
    }
}
