package io.staleguard.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The response of {@link FilterCostBenchmark}: headers and cookies in preallocated arrays, emptied by
 * {@link #recycle()}, so that writing and reading headers allocates nothing of its own. {@link #getHeaders(String)}
 * answers with one reused list (a container answers with a fresh collection; Staleguard only iterates it).
 * Anything the filters do not call on these paths throws, so that a new call shows up.
 */
final class BenchResponse implements HttpServletResponse {

    private static final int MAX_HEADERS = 16;

    private final String[] names = new String[MAX_HEADERS];
    private final String[] values = new String[MAX_HEADERS];
    private int headerCount;
    private final Cookie[] cookies = new Cookie[4];
    private int cookieCount;
    private final List<String> headerView = new ArrayList<>(MAX_HEADERS);
    private int status = 200;

    /** What a container does between two requests on a recycled response object. */
    void recycle() {
        for (int i = 0; i < headerCount; i++) {
            names[i] = null;
            values[i] = null;
        }
        headerCount = 0;
        for (int i = 0; i < cookieCount; i++) {
            cookies[i] = null;
        }
        cookieCount = 0;
        status = 200;
    }

    int headerCount() {
        return headerCount;
    }

    @Override
    public void addHeader(String name, String value) {
        if (headerCount == MAX_HEADERS) {
            throw new IllegalStateException("more than " + MAX_HEADERS + " headers");
        }
        names[headerCount] = name;
        values[headerCount++] = value;
    }

    @Override
    public void setHeader(String name, String value) {
        int kept = 0;
        boolean replaced = false;
        for (int i = 0; i < headerCount; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (replaced) {
                    continue;
                }
                replaced = true;
                values[i] = value;
            }
            names[kept] = names[i];
            values[kept++] = values[i];
        }
        for (int i = kept; i < headerCount; i++) {
            names[i] = null;
            values[i] = null;
        }
        headerCount = kept;
        if (!replaced && value != null) {
            addHeader(name, value);
        }
    }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < headerCount; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        headerView.clear();
        for (int i = 0; i < headerCount; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                headerView.add(values[i]);
            }
        }
        return headerView;
    }

    @Override
    public boolean containsHeader(String name) {
        return getHeader(name) != null;
    }

    @Override
    public void addCookie(Cookie cookie) {
        cookies[cookieCount++] = cookie;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not on the benchmarked paths");
    }

    @Override
    public Collection<String> getHeaderNames() {
        throw unsupported();
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public void sendError(int sc, String msg) {
        throw unsupported();
    }

    @Override
    public void sendError(int sc) {
        throw unsupported();
    }

    @Override
    public void sendRedirect(String location) {
        throw unsupported();
    }

    @Override
    public void setDateHeader(String name, long date) {
        throw unsupported();
    }

    @Override
    public void addDateHeader(String name, long date) {
        throw unsupported();
    }

    @Override
    public void setIntHeader(String name, int value) {
        throw unsupported();
    }

    @Override
    public void addIntHeader(String name, int value) {
        throw unsupported();
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        throw unsupported();
    }

    @Override
    public PrintWriter getWriter() {
        throw unsupported();
    }

    @Override
    public void setCharacterEncoding(String charset) {
        throw unsupported();
    }

    @Override
    public void setContentLength(int len) {
        throw unsupported();
    }

    @Override
    public void setContentLengthLong(long len) {
        throw unsupported();
    }

    @Override
    public void setContentType(String type) {
        throw unsupported();
    }

    @Override
    public void setBufferSize(int size) {
        throw unsupported();
    }

    @Override
    public int getBufferSize() {
        return 8192;
    }

    @Override
    public void flushBuffer() {
        throw unsupported();
    }

    @Override
    public void resetBuffer() {
        throw unsupported();
    }

    @Override
    public void reset() {
        throw unsupported();
    }

    @Override
    public void setLocale(Locale loc) {
        throw unsupported();
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
