package io.staleguard.internal.recovery;

import io.staleguard.internal.ops.Log;
import jakarta.servlet.http.HttpServletRequest;

/** The paths of a request as Staleguard matches, emits and logs them. */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** The request's path inside the application, as the container decoded and mapped it. */
    public static String pathInApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = servletPath == null ? "" : servletPath;
        return pathInfo == null ? path : path + pathInfo;
    }

    /**
     * The request's path as Staleguard emits it (a same-URL target, an event's {@code requestPath}) and logs it:
     * {@code getRequestURI()} without path parameters, which can carry a session id ({@code ;jsessionid=…}).
     */
    public static String requestPath(HttpServletRequest request) {
        return RestartTargets.withoutPathParameters(request.getRequestURI());
    }

    /** {@link #requestPath} made safe for a log line. */
    public static String loggablePath(HttpServletRequest request) {
        return Log.printable(requestPath(request), 200);
    }
}
