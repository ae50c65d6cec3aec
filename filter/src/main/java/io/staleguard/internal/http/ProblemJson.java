package io.staleguard.internal.http;

import io.staleguard.EndReason;

/**
 * An RFC 9457 problem document as Staleguard's API answers carry it (B4, B6, T1), with named members instead of a row
 * of positional arguments:
 * <pre>
 * ProblemJson.of(Problem.SESSION_ENDED).detail("…").ended(reason, target).render()
 * </pre>
 * Members are written in the order type, title, status, detail, reason, restart, retry; an unset reason or restart is
 * left out.
 */
final class ProblemJson {

    /** The problems Staleguard answers with: each a fixed type, title, status and whether trying again can help. */
    enum Problem {
        SESSION_ENDED("urn:staleguard:session-ended", "Session ended", 401, true),
        RESTART_FAILED("urn:staleguard:session-restart-failed", "Session restart failed", 400, false),
        STORE_UNAVAILABLE("urn:staleguard:store-unavailable", "Session store unavailable", 503, true);

        final String type;
        final String title;
        final int status;
        final boolean retry;

        Problem(String type, String title, int status, boolean retry) {
            this.type = type;
            this.title = title;
            this.status = status;
            this.retry = retry;
        }
    }

    private final Problem problem;
    private String detail = "";
    private EndReason reason;
    private String restart;

    private ProblemJson(Problem problem) {
        this.problem = problem;
    }

    static ProblemJson of(Problem problem) {
        return new ProblemJson(problem);
    }

    ProblemJson detail(String detail) {
        this.detail = detail;
        return this;
    }

    /**
     * @param reason why the session ended
     * @param restart where the client starts again
     */
    ProblemJson ended(EndReason reason, String restart) {
        this.reason = reason;
        this.restart = restart;
        return this;
    }

    String render() {
        StringBuilder b = new StringBuilder(256).append("{\"type\":\"").append(json(problem.type))
                .append("\",\"title\":\"").append(json(problem.title)).append("\",\"status\":").append(problem.status)
                .append(",\"detail\":\"").append(json(detail)).append('"');
        if (reason != null) {
            b.append(",\"reason\":\"").append(reason.name()).append('"');
        }
        if (restart != null) {
            b.append(",\"restart\":\"").append(json(restart)).append('"');
        }
        return b.append(",\"retry\":").append(problem.retry).append('}').toString();
    }

    /** Escapes {@code s} for a JSON string, {@code <} included, so the body is safe even if sniffed as HTML. */
    private static String json(String s) {
        return Escaping.escape(s, c -> switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '<' -> "\\u003c";
            default -> c < 0x20 ? String.format("\\u%04x", c) : null;
        });
    }
}
