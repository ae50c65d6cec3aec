package io.staleguard.internal.http;

import jakarta.servlet.http.HttpServletRequest;

/** How a request wants to be told that its session ended (B4). */
public enum RequestKind {

    /** A page load or form post in the browser's address bar: answered with a 303 redirect. */
    NAVIGATION,

    /** Script or program calls: answered with 401 and an RFC 9457 problem document. */
    API,

    /** A Jakarta Faces Ajax request: answered with a partial-response redirect, which Faces' script follows. */
    FACES_PARTIAL;

    public static RequestKind of(HttpServletRequest request) {
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return FACES_PARTIAL;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            return "navigate".equals(mode) ? NAVIGATION : API;
        }
        if (request.getHeader("X-Requested-With") != null) {
            return API;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") ? NAVIGATION : API;
    }
}
