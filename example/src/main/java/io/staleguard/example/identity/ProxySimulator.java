package io.staleguard.example.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.staleguard.example.Web;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding, not part of any real application:</b> stands in for the forward-auth SSO proxy (an
 * oauth2-proxy, say) that sits in front of the wiki and tells it who is signed in. Like such a proxy it overwrites
 * whatever {@value IdentityIncident#IDENTITY_HEADER} the browser sent, and sets it to the user it vouches for: the one
 * the tour's proxy panel chose (remembered in the {@value IdentityIncident#PROXY_COOKIE} cookie), else
 * {@value IdentityIncident#DEFAULT_USER}.
 * <p>
 * Mapped in {@code web.xml} to {@code /incident3/*}, ahead of Staleguard's filter, as the proxy is ahead of the
 * server. Staleguard believes the header only from its {@code trusted-proxies} (loopback by default): here the
 * "proxy" runs inside the application, so the address Staleguard checks is the browser's, which is loopback when the
 * tour runs on your own machine.
 */
public class ProxySimulator extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new Vouched(req, vouchesFor(req)), res);
    }

    /** Whom the proxy vouches for on this request. */
    static String vouchesFor(HttpServletRequest req) {
        String chosen = decode(Web.cookieValue(req, IdentityIncident.PROXY_COOKIE));
        return chosen == null ? IdentityIncident.DEFAULT_USER : chosen;
    }

    static String encode(String user) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return null;
        }
        try {
            String user = new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
            return isAcceptable(user) ? user : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 1 to 80 visible ASCII characters: a proxy would never send a header value with anything else. */
    static boolean isAcceptable(String user) {
        if (user == null || user.isEmpty() || user.length() > 80) {
            return false;
        }
        return user.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The request as the wiki receives it from the proxy: with exactly one identity header, the proxy's. */
    private static final class Vouched extends HttpServletRequestWrapper {

        private final String user;

        Vouched(HttpServletRequest request, String user) {
            super(request);
            this.user = user;
        }

        private static boolean isIdentity(String name) {
            return IdentityIncident.IDENTITY_HEADER.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return isIdentity(name) ? user : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isIdentity(name) ? Collections.enumeration(List.of(user)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
                String name = e.nextElement();
                if (!isIdentity(name)) {
                    names.add(name);
                }
            }
            names.add(IdentityIncident.IDENTITY_HEADER);
            return Collections.enumeration(names);
        }
    }
}
