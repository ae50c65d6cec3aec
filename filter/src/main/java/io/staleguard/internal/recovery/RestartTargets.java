package io.staleguard.internal.recovery;

/**
 * The one gate every restart target passes before it becomes a {@code Location}: a same-origin relative reference.
 * <p>
 * Allowed: exactly one leading {@code /}; only RFC 3986 path and query characters (no spaces, quotes, angle brackets,
 * backslashes, control or non-ASCII characters, no fragment); at most {@value #MAX_LENGTH} characters. After
 * percent-decoding, repeatedly so double encoding is seen through, still no {@code //} or {@code /\} at the start, no
 * control characters and no {@code .} or {@code ..} path segments. This keeps every redirect on this origin whatever a
 * browser does with the value.
 */
public final class RestartTargets {

    public static final int MAX_LENGTH = 2048;

    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,;=:@/?%";

    private RestartTargets() {
    }

    /** @return whether {@code target} may be sent as a {@code Location} */
    public static boolean isSafe(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        String current = target;
        for (int round = 0; round < 4; round++) {
            if (!isSafeDecodedForm(current)) {
                return false;
            }
            String decoded = percentDecode(current);
            if (decoded == null) {
                return false;
            }
            if (decoded.equals(current)) {
                return true;
            }
            current = decoded;
        }
        // Still changing after four decodings: nobody legitimate encodes that deep.
        return false;
    }

    private static boolean isSafeDecodedForm(String s) {
        if (s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        if (s.length() > 1 && (s.charAt(1) == '/' || s.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return false;
            }
        }
        int queryStart = s.indexOf('?');
        String path = queryStart < 0 ? s : s.substring(0, queryStart);
        for (String segment : path.split("[/\\\\]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Decodes %XX escapes as UTF-8; null when an escape is malformed. Leaves '+' alone: it is not a space in paths. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                return null;
            }
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Validates a configured, context-relative target ({@code restart-url}, {@code @Interaction(restart)}).
     *
     * @return the error rule when invalid, or null when the value is fine
     */
    public static String problemWithConfigured(String value) {
        if (isSafe(value)) {
            return null;
        }
        return "a restart target must be a path inside the application starting with a single '/', with no scheme, "
                + "no '//' or '/\\' at the start (also after percent-decoding), no '.' or '..' segments, no spaces, "
                + "control or non-ASCII characters, and at most " + MAX_LENGTH + " characters";
    }

    /** The path and query of the request as the browser sent it, or null when it would not be a safe target. */
    public static String currentRequest(String requestUri, String queryString) {
        String target = queryString == null || queryString.isEmpty() ? requestUri : requestUri + '?' + queryString;
        return isSafe(target) ? target : null;
    }

    /**
     * The request URI without its path parameters: {@code /app/step;jsessionid=ABC} becomes {@code /app/step}, and a
     * {@code ;param} in any segment goes. Path parameters carry session ids when a container rewrites URLs; a path that
     * Staleguard sends back as a {@code Location}, puts in an event or logs must never contain one (E2), and a restart
     * to the same URL with the dead id in it would only find the same dead session again.
     */
    public static String withoutPathParameters(String requestUri) {
        int semicolon = requestUri.indexOf(';');
        if (semicolon < 0) {
            return requestUri;
        }
        StringBuilder path = new StringBuilder(requestUri.length()).append(requestUri, 0, semicolon);
        int next = requestUri.indexOf('/', semicolon);
        while (next >= 0) {
            int end = requestUri.indexOf(';', next);
            if (end < 0) {
                return path.append(requestUri, next, requestUri.length()).toString();
            }
            path.append(requestUri, next, end);
            next = requestUri.indexOf('/', end);
        }
        return path.toString();
    }

    /** @return the context root as a target: {@code /} or {@code /context/} */
    public static String contextRoot(String contextPath) {
        return contextPath + "/";
    }
}
