package io.staleguard.internal.http;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;

import io.staleguard.EndReason;
import io.staleguard.internal.http.ProblemJson.Problem;

/** The bodies and status codes of B4 (restart) and B6 (loop guard), per request kind. */
public final class Responses {

    static final String PROBLEM_JSON = "application/problem+json;charset=UTF-8";
    static final String HTML = "text/html;charset=UTF-8";
    static final String XML = "text/xml;charset=UTF-8";

    /** Seconds a client should wait after a transient failure before retrying. */
    static final int RETRY_AFTER_SECONDS = 5;

    private Responses() {
    }

    public static RecoveryResponse restart(RequestKind kind, String target, EndReason reason,
            List<Map.Entry<String, String>> headers) {
        return switch (kind) {
            case NAVIGATION -> {
                headers.add(header("Location", target));
                yield new RecoveryResponse(303, headers, HTML, page("Session ended",
                        "<p>Your session has ended. <a href=\"" + html(target) + "\">Continue</a></p>"));
            }
            case API -> {
                headers.add(header("Session-Restart", target));
                headers.add(header("WWW-Authenticate", "Session realm=\"staleguard\""));
                yield new RecoveryResponse(401, headers, PROBLEM_JSON, ProblemJson.of(Problem.SESSION_ENDED)
                        .detail("The session this request belongs to no longer exists; start again at the restart URL.")
                        .ended(reason, target).render());
            }
            case FACES_PARTIAL -> new RecoveryResponse(200, headers, XML,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partial-response><redirect url=\"" + html(target)
                            + "\"/></partial-response>");
        };
    }

    /**
     * @param cookiesLeft whether the request still carried a configured cookie; false when only the retry marker was
     *        left, so the page failed for want of a session and no cookie is to blame
     */
    public static RecoveryResponse loopGuarded(RequestKind kind, String target, EndReason reason,
            List<Map.Entry<String, String>> headers, boolean cookiesLeft) {
        if (!cookiesLeft) {
            return noSessionAgain(kind, target, reason, headers);
        }
        return switch (kind) {
            case NAVIGATION -> new RecoveryResponse(400, headers, HTML, page("Sign-in could not be restarted",
                    "<p>This site did not recognise your session, so it cleared its cookies and sent you back to the "
                            + "start. That just happened a moment ago and did not help: your browser is still sending "
                            + "a cookie that the site cannot clear.</p>\n<ol>\n<li><a href=\"" + html(target)
                            + "\">Try again</a>.</li>\n<li>If you land here again, clear this site's cookies (your "
                            + "browser's settings, under site data or cookies) and reload the page.</li>\n</ol>"));
            case API -> new RecoveryResponse(400, headers, PROBLEM_JSON, ProblemJson.of(Problem.RESTART_FAILED)
                    .detail("The session was restarted moments ago and is stale again: the browser keeps a cookie that "
                            + "cannot be cleared. Clear this site's cookies.")
                    .ended(reason, target).render());
            case FACES_PARTIAL -> new RecoveryResponse(200, headers, XML,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partial-response><error><error-name>"
                            + "io.staleguard.SessionRestartFailed</error-name><error-message>The session is stale "
                            + "again right after a restart: clear this site's cookies and reload."
                            + "</error-message></error></partial-response>");
        };
    }

    /** B6 when the browser sent none of the configured cookies: the page needs a session that a restart did not give. */
    private static RecoveryResponse noSessionAgain(RequestKind kind, String target, EndReason reason,
            List<Map.Entry<String, String>> headers) {
        String detail = "This page needs a session, did not find one, and starting again a moment ago did not help. "
                + "Your browser sent no cookie of this site that could be the cause.";
        return switch (kind) {
            case NAVIGATION -> new RecoveryResponse(400, headers, HTML, page("This page could not be started",
                    "<p>" + html(detail) + "</p>\n<p><a href=\"" + html(target) + "\">Start again</a>.</p>"));
            case API -> new RecoveryResponse(400, headers, PROBLEM_JSON, ProblemJson.of(Problem.RESTART_FAILED)
                    .detail(detail).ended(reason, target).render());
            case FACES_PARTIAL -> new RecoveryResponse(200, headers, XML,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partial-response><error><error-name>"
                            + "io.staleguard.SessionRestartFailed</error-name><error-message>" + html(detail)
                            + "</error-message></error></partial-response>");
        };
    }

    /**
     * T1: a store hiccup. The user is still signed in; nothing was cleaned up.
     *
     * @param retryTarget the page to try again, or null when the request cannot simply be repeated
     */
    public static RecoveryResponse unavailable(RequestKind kind, String retryTarget) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        headers.add(header("Cache-Control", "no-store"));
        String detail = "The session store could not be reached just now. The session was not ended; try again in "
                + "a few seconds.";
        return switch (kind) {
            case NAVIGATION -> new RecoveryResponse(503, headers, HTML, page("Temporarily unavailable",
                    "<p>" + html(detail) + "</p>"
                            + (retryTarget == null ? "" : "\n<p><a href=\"" + html(retryTarget) + "\">Try again</a></p>")));
            case API -> new RecoveryResponse(503, headers, PROBLEM_JSON, ProblemJson.of(Problem.STORE_UNAVAILABLE)
                    .detail(detail).render());
            case FACES_PARTIAL -> new RecoveryResponse(200, headers, XML,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partial-response><error><error-name>"
                            + "io.staleguard.StoreUnavailable</error-name><error-message>" + html(detail)
                            + "</error-message></error></partial-response>");
        };
    }

    public static Map.Entry<String, String> header(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }

    static String page(String title, String content) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + html(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
                + "line-height:1.5}</style></head>\n<body><h1>" + html(title) + "</h1>\n" + content + "\n</body></html>\n";
    }

    static String html(String s) {
        return Escaping.escape(s, c -> switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        });
    }
}
