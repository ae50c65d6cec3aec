package io.staleguard.tomcat.rolling;

import java.io.IOException;
import java.lang.reflect.Method;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A sign-in that sets the {@code SID} cookie with attributes of the application's own, stricter than Staleguard's
 * configuration ({@code cookie-secure=auto} on plain HTTP, {@code cookie-same-site=Lax}):
 * <ul>
 * <li>{@code POST /login-raw}: a raw {@code Set-Cookie} header, {@code Path=<context>; Secure; HttpOnly;
 * SameSite=Strict}, the only way a Servlet 4.0 application can set SameSite;</li>
 * <li>{@code POST /login-cookie}: {@code addCookie} with Path, Secure and HttpOnly, and, where the container's API is
 * Servlet 6.0 or later, {@code SameSite=Strict} through {@code Cookie.setAttribute} (looked up by reflection, as this
 * class also runs, rewritten to javax, on Tomcat 9).</li>
 * </ul>
 * The response says the container's Servlet major version in {@code X-Servlet-Major}.
 */
@WebServlet({"/login-raw", "/login-cookie"})
public class AttributesLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = LoginServlet.startSession(getServletContext());
        int major = getServletContext().getMajorVersion();
        resp.setHeader("X-Servlet-Major", Integer.toString(major));
        if (req.getServletPath().equals("/login-raw")) {
            resp.addHeader("Set-Cookie", RollingApp.COOKIE + "=" + id + "; Path=" + req.getContextPath()
                    + "; Secure; HttpOnly; SameSite=Strict");
        } else {
            Cookie cookie = new Cookie(RollingApp.COOKIE, id);
            cookie.setPath(req.getContextPath());
            cookie.setSecure(true);
            cookie.setHttpOnly(true);
            if (major >= 6) {
                setAttribute(cookie, "SameSite", "Strict");
            }
            resp.addCookie(cookie);
        }
        resp.setStatus(204);
    }

    /** {@code cookie.setAttribute(name, value)}, a Servlet 6.0 method. */
    private static void setAttribute(Cookie cookie, String name, String value) {
        try {
            Method setAttribute = Cookie.class.getMethod("setAttribute", String.class, String.class);
            setAttribute.invoke(cookie, name, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a Servlet 6 container without Cookie.setAttribute", e);
        }
    }
}
