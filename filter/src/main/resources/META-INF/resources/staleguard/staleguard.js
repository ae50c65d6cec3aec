/*
 * staleguard.js: one clean re-authentication instead of a burst of errors (Staleguard I4).
 *
 * Include it before your application's scripts:
 *     <script src="/your-context/staleguard/staleguard.js"></script>
 *
 * It wraps window.fetch. When a response is 401 with a Session-Restart header (Staleguard's answer to a call made
 * with a stale session), the first such response sends the page to the restart target with location.replace, once;
 * that call and every other call answered the same way stay pending instead of rejecting, so the page shows no error
 * while it navigates away. While the page is on its way, calls that Staleguard's loop guard answers (400,
 * urn:staleguard:session-restart-failed: the session cookie was just cleared, so they look like a second restart)
 * stay pending too. Every other response passes through unchanged, and so does a loop-guard answer on a page that is
 * not restarting: there the restart really failed, and the application should say so. No dependencies.
 */
(function (window) {
    'use strict';
    var original = window.fetch;
    if (typeof original !== 'function' || original.staleguard) {
        return;
    }
    var LOOP_GUARD = 'urn:staleguard:session-restart-failed';
    var restarting = false;

    function sameOriginTarget(value) {
        if (!value || value.charAt(0) !== '/' || value.charAt(1) === '/' || value.charAt(1) === '\\') {
            return null;
        }
        try {
            var url = new URL(value, window.location.href);
            return url.origin === window.location.origin ? url.href : null;
        } catch (e) {
            return null;
        }
    }

    function pending() {
        return new Promise(function () {});
    }

    function loopGuarded(response) {
        var type = response.headers.get('Content-Type') || '';
        if (response.status !== 400 || type.indexOf('application/problem+json') !== 0) {
            return Promise.resolve(false);
        }
        return response.clone().json().then(function (problem) {
            return !!problem && problem.type === LOOP_GUARD;
        }, function () {
            return false;
        });
    }

    function staleguardFetch() {
        // Always on window: the page's fetch, however the wrapper was called.
        return original.apply(window, arguments).then(function (response) {
            var target = response.status === 401 ? sameOriginTarget(response.headers.get('Session-Restart')) : null;
            if (target) {
                if (!restarting) {
                    restarting = true;
                    window.location.replace(target);
                }
                return pending();
            }
            if (!restarting) {
                return response;
            }
            return loopGuarded(response).then(function (held) {
                return held ? pending() : response;
            });
        });
    }

    staleguardFetch.staleguard = true;
    window.fetch = staleguardFetch;
    window.staleguard = {
        /** @return whether the page is on its way to the restart target */
        restarting: function () {
            return restarting;
        }
    };
})(window);
