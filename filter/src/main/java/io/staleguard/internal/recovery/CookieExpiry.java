package io.staleguard.internal.recovery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.staleguard.internal.Settings;
import io.staleguard.internal.http.CookieSpec;
import io.staleguard.internal.http.Responses;
import io.staleguard.internal.http.SetCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * B3, exact cleanup: the {@code Set-Cookie} expiries of a recovery, one per place each configured cookie the request
 * carried may live (host-only and per configured domain, on every configured path).
 */
public final class CookieExpiry {

    private final Settings settings;

    public CookieExpiry(Settings settings) {
        this.settings = settings;
    }

    /**
     * B3: one expiry header per place each configured cookie the request carried may live.
     *
     * @return the names of the cookies expired
     */
    public Set<String> expireCookies(HttpServletRequest request, List<Map.Entry<String, String>> headers) {
        Set<String> names = new LinkedHashSet<>();
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return names;
        }
        for (Cookie cookie : cookies) {
            String name = cookie.getName();
            if (names.contains(name) || !CookieSpec.isToken(name)) {
                continue;
            }
            CookieSpec spec = specFor(name);
            if (spec == null) {
                continue;
            }
            names.add(name);
            expire(name, spec, request, headers);
        }
        return names;
    }

    /** B3: the expiry headers of one cookie: host-only and per configured domain, on every configured path. */
    void expire(String name, CookieSpec spec, HttpServletRequest request, List<Map.Entry<String, String>> headers) {
        boolean secure = settings.secure(request, name);
        if (name.startsWith("__Host-")) {
            headers.add(Responses.header("Set-Cookie",
                    SetCookie.expiry(name).secure(true).sameSite(settings.sameSite).header()));
            return;
        }
        for (String path : spec.paths()) {
            SetCookie expiry = SetCookie.expiry(name).path(path).secure(secure).sameSite(settings.sameSite);
            headers.add(Responses.header("Set-Cookie", expiry.header()));
            for (String domain : spec.domains()) {
                headers.add(Responses.header("Set-Cookie", expiry.domain(domain).header()));
            }
        }
    }

    private CookieSpec specFor(String cookieName) {
        for (CookieSpec spec : settings.cookies) {
            if (spec.matches(cookieName)) {
                return spec;
            }
        }
        return null;
    }
}
