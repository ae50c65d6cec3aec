package io.staleguard.it.sso;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

import io.staleguard.SessionNotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The application's sign-in behind a forward-auth proxy, the way the wiki in incident 3 did it: a page load without a
 * session signs in whoever the proxy's header names, and from then on the session, not the header, says who the user
 * is. That is the bug Staleguard's identity check (I1) exists for: when the proxy starts vouching for someone else,
 * the application alone keeps serving the old user.
 * <p>
 * API calls do not sign anyone in: the page load does. An API call without a session is a stale session to the
 * application, so it throws {@link SessionNotFoundException} (B1). Test endpoints, scripts and Staleguard's own files
 * pass untouched.
 */
public class ForwardAuth extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        boolean api = path.startsWith("/api/");
        if (!api && !path.equals("/home") && !path.equals("/spa")) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SsoApp.USER_ATTRIBUTE) != null) {
            chain.doFilter(request, response);
            return;
        }
        if (api) {
            throw new SessionNotFoundException("no session for this API call");
        }
        String claimed = request.getHeader(SsoApp.HEADER);
        if (claimed == null) {
            Pages.page(response, 401, "Not signed in", "<p>The SSO proxy named nobody.</p>");
            return;
        }
        Optional<String> user;
        try {
            user = Users.of(request.getServletContext()).find(claimed);
        } catch (SQLException e) {
            throw new ServletException(e);
        }
        if (user.isEmpty()) {
            Pages.page(response, 403, "No account", "<p id=\"no-account\">No account for <code>" + Pages.html(claimed)
                    + "</code>.</p>");
            return;
        }
        session = request.getSession(true);
        session.setAttribute(SsoApp.USER_ATTRIBUTE, user.get());
        // "Remember me", as the wiki did with its access token: the session cookie again, for three months.
        Cookie remember = new Cookie("JSESSIONID", session.getId());
        remember.setMaxAge(SsoApp.REMEMBER_SECONDS);
        remember.setPath(request.getContextPath());
        remember.setHttpOnly(true);
        response.addCookie(remember);
        chain.doFilter(request, response);
    }
}
