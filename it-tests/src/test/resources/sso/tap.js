/*
 * The browser test's instrument, loaded before staleguard.js: counts the raw responses the page's calls receive (fetch
 * and XMLHttpRequest alike), by status, before staleguard.js or the application see them. Counters live in
 * sessionStorage, which survives the same-origin navigation to the restart target, so the test can read them on the
 * page the browser lands on.
 */
(function (window) {
    'use strict';
    var store = window.sessionStorage;
    Object.keys(store).filter(function (k) { return k.indexOf('sg.') === 0; }).forEach(function (k) {
        store.removeItem(k);
    });
    window.bump = function (name) {
        store.setItem(name, String(Number(store.getItem(name) || 0) + 1));
    };
    window.addEventListener('error', function () { window.bump('sg.errors'); });
    window.addEventListener('unhandledrejection', function () { window.bump('sg.unhandled'); });
    var consoleError = console.error;
    console.error = function () {
        window.bump('sg.console-errors');
        return consoleError.apply(console, arguments);
    };
    var fetch = window.fetch;
    window.fetch = function () {
        return fetch.apply(window, arguments).then(function (response) {
            window.bump('sg.raw.' + response.status);
            return response;
        });
    };
    // XMLHttpRequest: counted by a listener added when the request is created, so it runs before staleguard.js's.
    var Xhr = window.XMLHttpRequest;
    function TappedXhr() {
        var xhr = new Xhr();
        xhr.addEventListener('readystatechange', function () {
            if (xhr.readyState === 4) {
                window.bump('sg.raw.' + xhr.status);
            }
        });
        return xhr;
    }
    TappedXhr.prototype = Xhr.prototype;
    window.XMLHttpRequest = TappedXhr;
})(window);
