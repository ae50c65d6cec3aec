package io.staleguard.internal.recovery;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import io.staleguard.internal.Settings;
import io.staleguard.internal.http.CookieNames;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.ops.Throttle;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * B6, the loop guard: at most one automatic restart per {@code retry-window}. The retry marker cookie records the
 * last restart; a second recovery while it is fresh gets the explanation page instead of another redirect, and SG0003
 * names the cookies that came back.
 */
public final class LoopGuard {

    /** The loop guard's host-only marker cookie (B6). */
    public static final String RETRY_COOKIE = "staleguard-retry";

    private final Settings settings;
    private final Throttle warnings;

    public LoopGuard(Settings settings, Throttle warnings) {
        this.settings = settings;
        this.warnings = warnings;
    }

    /**
     * B6: whether a recovery happened within the retry window. The marker is {@code <issued>} or, after an identity
     * switch, {@code <issued>.<claim>}, {@code issued} in epoch seconds: a switch to yet another user is a new switch,
     * not a loop, so for an identity recovery only a marker of the same claim counts. A marker counts only while its
     * issue time lies within the retry window, so a forged or planted one forces the loop guard for one window at most.
     *
     * @param name the marker cookie's name on this request (it may carry the {@code __Host-} prefix)
     */
    public boolean markerPresent(HttpServletRequest request, String name, String claim, Instant now) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        long nowSecond = now.getEpochSecond();
        for (Cookie c : cookies) {
            String value = c.getValue();
            if (!name.equals(c.getName()) || value == null || value.length() > 64) {
                continue;
            }
            int dot = value.indexOf('.');
            try {
                long issued = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
                boolean fresh = issued <= nowSecond + RestartCookie.CLOCK_SKEW.getSeconds()
                        && nowSecond - issued < settings.retryWindow.getSeconds();
                if (fresh && (claim == null || claim.equals(dot < 0 ? null : value.substring(dot + 1)))) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // A marker we did not write; ignore it.
            }
        }
        return false;
    }

    /**
     * B6: SG0003 at most once a minute per application, like SG0010, listing a bounded number of the cookie names the
     * request chose.
     */
    public void warn(HttpServletRequest request, Set<String> expired) {
        long heldBack = warnings.pass();
        if (heldBack < 0) {
            return;
        }
        String more = heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "";
        if (expired.isEmpty()) {
            Log.warn(LogId.LOOP_GUARD, "A second session recovery within %s for %s: not redirecting again. The request "
                    + "carried none of the configured cookies (session-cookie, cookies), only the retry marker: the "
                    + "page fails for want of a session, not because of a cookie left behind. Set restart-url (or "
                    + "restart-capture-paths) to a page that starts a session. Other cookies it sent: %s.%s",
                    settings.retryWindow, RequestPaths.loggablePath(request),
                    CookieNames.describe(otherCookieNames(request, expired)), more);
            return;
        }
        Log.warn(LogId.LOOP_GUARD, "A second session recovery within %s for %s: not redirecting again. The browser "
                + "still sends %s although they were expired; they were probably set with a Path or Domain that "
                + "the cookie configuration (session-cookie, cookies) does not list. Other cookies it sent: %s.%s",
                settings.retryWindow, RequestPaths.loggablePath(request), CookieNames.describe(expired),
                CookieNames.describe(otherCookieNames(request, expired)), more);
    }

    /** B6: the cookies a request sent besides {@code configured} and Staleguard's own, for the loop guard's warning. */
    private static Set<String> otherCookieNames(HttpServletRequest request, Set<String> configured) {
        Set<String> others = new LinkedHashSet<>();
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                String name = c.getName();
                if (!configured.contains(name) && !name.endsWith(RETRY_COOKIE) && !name.endsWith(RestartCookie.NAME)) {
                    others.add(name);
                }
            }
        }
        return others;
    }
}
