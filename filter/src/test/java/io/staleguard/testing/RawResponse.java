package io.staleguard.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.staleguard.internal.http.SetCookies;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet response that keeps every header exactly as written, in order (Spring's mock re-renders Set-Cookie from a
 * parsed cookie, which would hide the attribute details the tests must see). {@code addCookie} renders the cookie the
 * way containers do ({@code name=value; Max-Age=…; Expires=…; Path=…; Domain=…; Secure; HttpOnly}), so tests see
 * what a browser would. Commits on flush. Thread-safe: the race and fault tests write from several threads.
 */
public final class RawResponse implements HttpServletResponse {

    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;
    private String contentType;
    private PrintWriter writer;
    private final ServletOutputStream out = new ServletOutputStream() {
        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    };

    /** @return the raw values of every header called {@code name} (ignoring case), in the order written */
    public synchronized List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** @return the raw Set-Cookie values whose cookie name is {@code cookieName}, in order */
    public List<String> setCookies(String cookieName) {
        List<String> values = new ArrayList<>();
        for (String v : headers("Set-Cookie")) {
            if (v.startsWith(cookieName + "=")) {
                values.add(v);
            }
        }
        return values;
    }

    /** @return the cookie a browser sends back after the first {@code Set-Cookie} named {@code cookieName} */
    public jakarta.servlet.http.Cookie cookieSet(String cookieName) {
        String header = setCookies(cookieName).get(0);
        return new jakarta.servlet.http.Cookie(cookieName, header.substring(cookieName.length() + 1, header.indexOf(';')));
    }

    public String body() {
        if (writer != null) {
            writer.flush();
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void addCookie(Cookie cookie) {
        StringBuilder b = new StringBuilder(cookie.getName()).append('=').append(cookie.getValue());
        if (cookie.getMaxAge() >= 0) {
            b.append("; Max-Age=").append(cookie.getMaxAge()).append("; Expires=")
                    .append(SetCookies.httpDate(Instant.now().plusSeconds(cookie.getMaxAge())));
        }
        if (cookie.getPath() != null) {
            b.append("; Path=").append(cookie.getPath());
        }
        if (cookie.getDomain() != null) {
            b.append("; Domain=").append(cookie.getDomain());
        }
        if (cookie.getSecure()) {
            b.append("; Secure");
        }
        if (cookie.isHttpOnly()) {
            b.append("; HttpOnly");
        }
        addHeader("Set-Cookie", b.toString());
    }

    @Override
    public boolean containsHeader(String name) {
        return !headers(name).isEmpty();
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
    public synchronized void sendError(int sc, String msg) {
        status = sc;
        committed = true;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public synchronized void sendRedirect(String location) {
        status = 302;
        setHeader("Location", location);
        committed = true;
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, Long.toString(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, Long.toString(date));
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (committed) {
            return;
        }
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        if (value != null) {
            headers.add(Map.entry(name, value));
        }
    }

    @Override
    public synchronized void addHeader(String name, String value) {
        if (!committed && value != null) {
            headers.add(Map.entry(name, value));
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public synchronized void setStatus(int sc) {
        if (!committed) {
            status = sc;
        }
    }

    @Override
    public synchronized int getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return headers(name);
    }

    @Override
    public synchronized Collection<String> getHeaderNames() {
        return headers.stream().map(Map.Entry::getKey).distinct().toList();
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void setCharacterEncoding(String charset) {
    }

    @Override
    public void setContentLength(int len) {
        setHeader("Content-Length", Integer.toString(len));
    }

    @Override
    public void setContentLengthLong(long len) {
        setHeader("Content-Length", Long.toString(len));
    }

    @Override
    public void setContentType(String type) {
        if (!committed) {
            contentType = type;
        }
    }

    @Override
    public void setBufferSize(int size) {
    }

    @Override
    public int getBufferSize() {
        return 8192;
    }

    @Override
    public synchronized void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
        committed = true;
    }

    @Override
    public synchronized void resetBuffer() {
        if (committed) {
            throw new IllegalStateException("Response already committed");
        }
        body.reset();
    }

    @Override
    public synchronized boolean isCommitted() {
        return committed;
    }

    @Override
    public synchronized void reset() {
        if (committed) {
            throw new IllegalStateException("Response already committed");
        }
        headers.clear();
        body.reset();
        status = 200;
        contentType = null;
        writer = null;
    }

    @Override
    public void setLocale(Locale loc) {
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
