/*
 * staleguard.js: one clean re-authentication instead of a burst of errors (Staleguard I4).
 *
 * Include it before your application's scripts:
 *     <script src="/your-context/staleguard/staleguard.js"></script>
 *
 * It wraps window.fetch and window.XMLHttpRequest (what jQuery, htmx, Axios's XHR adapter and Faces use). When a
 * response is 401 with a Session-Restart header (Staleguard's answer to a call made with a stale session), the first
 * such response sends the page to the restart target with location.replace, once, whichever of the two made the
 * call; that call and every other call answered the same way stay pending instead of settling, so the page shows no
 * error while it navigates away. While the page is on its way, calls that Staleguard's loop guard answers (400,
 * urn:staleguard:session-restart-failed: the session cookie was just cleared, so they look like a second restart)
 * stay pending too. Every other response passes through unchanged, and so does a loop-guard answer on a page that is
 * not restarting: there the restart really failed, and the application should say so. No dependencies.
 *
 * Only the page's own origin is obeyed: a response counts only when the URL it came from (fetch's response.url,
 * XMLHttpRequest's responseURL, after redirects) has the page's origin, and the restart target must have it too. A
 * cross-origin API that exposes a Session-Restart header through CORS cannot move the page.
 *
 * A pending XMLHttpRequest is one whose readystatechange (at DONE), load and loadend events the page's own handlers
 * never receive; staleguard.js listens first, because it wraps the constructor. Requests made with a constructor
 * captured before this script ran are watched from open() on, so their handlers set before open() may still run.
 */
(function (window) {
    'use strict';
    if (window.staleguard) {
        return;
    }
    var LOOP_GUARD = 'urn:staleguard:session-restart-failed';
    var DONE = 4;
    var restarting = false;

    function sameOrigin(url) {
        if (!url) {
            return false;
        }
        try {
            return new URL(url, window.location.href).origin === window.location.origin;
        } catch (e) {
            return false;
        }
    }

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

    /** Navigates on the first restart answer; @return whether the answer is one (so its call stays pending) */
    function restarted(status, sessionRestart) {
        var target = status === 401 ? sameOriginTarget(sessionRestart) : null;
        if (target && !restarting) {
            restarting = true;
            window.location.replace(target);
        }
        return !!target;
    }

    /** Whether the answer may be the loop guard's: only then is its body worth reading. */
    function problemWhileRestarting(status, contentType) {
        return restarting && status === 400 && (contentType || '').indexOf('application/problem+json') === 0;
    }

    function isLoopGuard(problem) {
        return !!problem && problem.type === LOOP_GUARD;
    }

    function wrapFetch() {
        var original = window.fetch;
        if (typeof original !== 'function') {
            return;
        }
        function pending() {
            return new Promise(function () {});
        }
        window.fetch = function staleguardFetch() {
            // Always on window: the page's fetch, however the wrapper was called.
            return original.apply(window, arguments).then(function (response) {
                if (!sameOrigin(response.url)) {
                    return response;
                }
                if (restarted(response.status, response.headers.get('Session-Restart'))) {
                    return pending();
                }
                if (!problemWhileRestarting(response.status, response.headers.get('Content-Type'))) {
                    return response;
                }
                return response.clone().json().then(isLoopGuard, function () {
                    return false;
                }).then(function (held) {
                    return held ? pending() : response;
                });
            });
        };
    }

    function xhrProblem(xhr) {
        try {
            if (xhr.responseType === 'json') {
                return xhr.response;
            }
            return xhr.responseType === '' || xhr.responseType === 'text' ? JSON.parse(xhr.responseText) : null;
        } catch (e) {
            return null;
        }
    }

    function held(xhr) {
        if (!sameOrigin(xhr.responseURL)) {
            return false;
        }
        if (restarted(xhr.status, xhr.getResponseHeader('Session-Restart'))) {
            return true;
        }
        return problemWhileRestarting(xhr.status, xhr.getResponseHeader('Content-Type')) && isLoopGuard(xhrProblem(xhr));
    }

    /** Decides once per request, when it is done, and from then on keeps its completion events from the page. */
    function watch(xhr) {
        if (xhr.staleguardWatched) {
            return;
        }
        Object.defineProperty(xhr, 'staleguardWatched', {value: true});
        var decided = false;
        var holding = false;
        function listener(event) {
            if (event.type === 'readystatechange' && xhr.readyState < DONE) {
                decided = false; // open() again: a new request on the same object
                holding = false;
                return;
            }
            if (!decided && xhr.readyState === DONE) {
                decided = true;
                holding = held(xhr);
            }
            if (holding) {
                event.stopImmediatePropagation();
            }
        }
        ['readystatechange', 'load', 'loadend'].forEach(function (type) {
            xhr.addEventListener(type, listener);
        });
    }

    function wrapXhr() {
        var Original = window.XMLHttpRequest;
        if (typeof Original !== 'function') {
            return;
        }
        var open = Original.prototype.open;
        Original.prototype.open = function () {
            watch(this);
            return open.apply(this, arguments);
        };
        // Watching from the constructor on puts this listener before every handler the page adds.
        function StaleguardXMLHttpRequest() {
            var xhr = new Original();
            watch(xhr);
            return xhr;
        }
        StaleguardXMLHttpRequest.prototype = Original.prototype;
        ['UNSENT', 'OPENED', 'HEADERS_RECEIVED', 'LOADING', 'DONE'].forEach(function (name) {
            StaleguardXMLHttpRequest[name] = Original[name];
        });
        window.XMLHttpRequest = StaleguardXMLHttpRequest;
    }

    wrapFetch();
    wrapXhr();
    window.staleguard = {
        /** @return whether the page is on its way to the restart target */
        restarting: function () {
            return restarting;
        }
    };
})(window);
