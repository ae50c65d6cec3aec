package io.staleguard.internal.http;

import io.staleguard.EndReason;

/**
 * An RFC 9457 problem document as Staleguard's API answers carry it (B4, B6, T1), with named members instead of a row
 * of positional arguments:
 * <pre>
 * ProblemJson.of(TYPE_ENDED, "Session ended", 401).detail("…").reason(reason).restart(target).retry(true).render()
 * </pre>
 * Members are written in the order type, title, status, detail, reason, restart, retry; an unset reason or restart is
 * left out.
 */
final class ProblemJson {

    private final String type;
    private final String title;
    private final int status;
    private String detail = "";
    private EndReason reason;
    private String restart;
    private boolean retry;

    private ProblemJson(String type, String title, int status) {
        this.type = type;
        this.title = title;
        this.status = status;
    }

    static ProblemJson of(String type, String title, int status) {
        return new ProblemJson(type, title, status);
    }

    ProblemJson detail(String detail) {
        this.detail = detail;
        return this;
    }

    /** @param reason why the session ended */
    ProblemJson reason(EndReason reason) {
        this.reason = reason;
        return this;
    }

    /** @param restart where the client starts again */
    ProblemJson restart(String restart) {
        this.restart = restart;
        return this;
    }

    /** @param retry whether following {@code restart} (or repeating the request) can help */
    ProblemJson retry(boolean retry) {
        this.retry = retry;
        return this;
    }

    String render() {
        StringBuilder b = new StringBuilder(256).append("{\"type\":\"").append(json(type))
                .append("\",\"title\":\"").append(json(title)).append("\",\"status\":").append(status)
                .append(",\"detail\":\"").append(json(detail)).append('"');
        if (reason != null) {
            b.append(",\"reason\":\"").append(reason.name()).append('"');
        }
        if (restart != null) {
            b.append(",\"restart\":\"").append(json(restart)).append('"');
        }
        return b.append(",\"retry\":").append(retry).append('}').toString();
    }

    /** Escapes {@code s} for a JSON string, {@code <} included, so the body is safe even if sniffed as HTML. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
