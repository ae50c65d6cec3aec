package io.staleguard.bench;

import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;

import org.springframework.mock.web.MockServletContext;

/**
 * The request of {@link FilterCostBenchmark}: a GET that a container has already parsed, so that reading it costs
 * nothing (the cookie array, headers and paths are fixed fields, as a container hands them out after parsing once).
 * Attributes live in a {@link HashMap} cleared by {@link #recycle()}: setting one allocates a map node, as the
 * attribute maps of real containers do (Tomcat and Undertow use hash maps), so a filter that sets attributes pays
 * for them here too. Anything the filters do not call on these paths throws, so that a new call shows up.
 */
final class BenchRequest implements HttpServletRequest {

    private static final ServletContext CONTAINER = new MockServletContext();

    private final String contextPath;
    private final String servletPath;
    private final String requestUri;
    private final Cookie[] cookies;
    private final String requestedSessionId;
    private final boolean requestedSessionIdValid;
    private final String accept;
    private final Map<String, Object> attributes = new HashMap<>(32);

    /**
     * @param servletPath the path inside the application (a servlet mapped to {@code /}: no path info)
     * @param cookies the cookies sent, or null for none
     * @param requestedSessionId the container session id the request names, or null
     */
    BenchRequest(String contextPath, String servletPath, Cookie[] cookies, String requestedSessionId,
            boolean requestedSessionIdValid) {
        this.contextPath = contextPath;
        this.servletPath = servletPath;
        this.requestUri = contextPath + servletPath;
        this.cookies = cookies;
        this.requestedSessionId = requestedSessionId;
        this.requestedSessionIdValid = requestedSessionIdValid;
        this.accept = "application/json";
    }

    /** What a container does between two requests on a recycled request object. */
    void recycle() {
        if (!attributes.isEmpty()) {
            attributes.clear();
        }
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object o) {
        if (o == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, o);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Cookie[] getCookies() {
        return cookies;
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public String getHeader(String name) {
        return "Accept".equalsIgnoreCase(name) ? accept : null;
    }

    @Override
    public String getRequestedSessionId() {
        return requestedSessionId;
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return requestedSessionIdValid;
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return requestedSessionId != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return true;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not on the benchmarked paths");
    }

    @Override
    public HttpSession getSession(boolean create) {
        throw unsupported();
    }

    @Override
    public HttpSession getSession() {
        throw unsupported();
    }

    @Override
    public String getAuthType() {
        throw unsupported();
    }

    @Override
    public long getDateHeader(String name) {
        throw unsupported();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        throw unsupported();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        throw unsupported();
    }

    @Override
    public int getIntHeader(String name) {
        throw unsupported();
    }

    @Override
    public String getPathTranslated() {
        throw unsupported();
    }

    @Override
    public boolean isUserInRole(String role) {
        throw unsupported();
    }

    @Override
    public StringBuffer getRequestURL() {
        throw unsupported();
    }

    @Override
    public String changeSessionId() {
        throw unsupported();
    }

    @Override
    public boolean authenticate(HttpServletResponse response) {
        throw unsupported();
    }

    @Override
    public void login(String username, String password) {
        throw unsupported();
    }

    @Override
    public void logout() {
        throw unsupported();
    }

    @Override
    public Collection<Part> getParts() {
        throw unsupported();
    }

    @Override
    public Part getPart(String name) {
        throw unsupported();
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw unsupported();
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public String getCharacterEncoding() {
        throw unsupported();
    }

    @Override
    public void setCharacterEncoding(String env) {
        throw unsupported();
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        throw unsupported();
    }

    @Override
    public String getParameter(String name) {
        throw unsupported();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        throw unsupported();
    }

    @Override
    public String[] getParameterValues(String name) {
        throw unsupported();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        throw unsupported();
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public String getServerName() {
        return "localhost";
    }

    @Override
    public int getServerPort() {
        return 8080;
    }

    @Override
    public BufferedReader getReader() {
        throw unsupported();
    }

    @Override
    public String getRemoteHost() {
        return "127.0.0.1";
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    @Override
    public Enumeration<Locale> getLocales() {
        throw unsupported();
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        throw unsupported();
    }

    @Override
    public int getRemotePort() {
        return 50000;
    }

    @Override
    public String getLocalName() {
        return "localhost";
    }

    @Override
    public String getLocalAddr() {
        return "127.0.0.1";
    }

    @Override
    public int getLocalPort() {
        return 8080;
    }

    /**
     * The rolling filter reads the container's session cookie configuration once, on its first refresh, through the
     * request's context; an empty mock context answers that (its cookie is {@code JSESSIONID}, not the benchmark's).
     */
    @Override
    public ServletContext getServletContext() {
        return CONTAINER;
    }

    @Override
    public AsyncContext startAsync() {
        throw unsupported();
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        throw unsupported();
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw unsupported();
    }

    @Override
    public String getRequestId() {
        return "0";
    }

    @Override
    public String getProtocolRequestId() {
        return "";
    }

    @Override
    public ServletConnection getServletConnection() {
        throw unsupported();
    }
}
