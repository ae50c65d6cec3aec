/*
 * staleguard.js: one clean re-authentication instead of a burst of errors (Staleguard I4).
 *
 * Include it before your application's scripts:
 *     <script src="/your-context/staleguard/staleguard.js"></script>
 *
 * It wraps window.fetch. When a response is 401 with a Session-Restart header (Staleguard's answer to a call made
 * with a stale session), the first such response sends the page to the restart target with location.replace, once;
 * that call and every other call answered the same way stay pending instead of rejecting, so the page shows no error
 * while it navigates away. Every other response passes through unchanged. No dependencies.
 */
(function (window) {
    'use strict';
    var original = window.fetch;
    if (typeof original !== 'function' || original.staleguard) {
        return;
    }
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

    function staleguardFetch() {
        return original.apply(this, arguments).then(function (response) {
            var target = response.status === 401 ? sameOriginTarget(response.headers.get('Session-Restart')) : null;
            if (!target) {
                return response;
            }
            if (!restarting) {
                restarting = true;
                window.location.replace(target);
            }
            return new Promise(function () {});
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
