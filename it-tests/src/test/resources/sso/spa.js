/*
 * The single-page app: its API client treats anything but 2xx as an error and shows it as a toast (and on the
 * console), like the wiki's did. spa.load(calls, pollMillis, polls) fires `calls` concurrent requests, then one more
 * every `pollMillis` ms, `polls` times, as a page that refreshes its data does.
 */
(function (window) {
    'use strict';
    function toast(message) {
        var item = document.createElement('li');
        item.textContent = message;
        document.getElementById('toasts').appendChild(item);
        console.error(message);
    }

    function getDoc(n) {
        window.bump('sg.fired');
        return fetch('api/docs?n=' + n, {headers: {'Accept': 'application/json'}})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('Failed to get document ' + n + ': HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (doc) {
                window.bump('sg.resolved');
                return doc;
            }, function (error) {
                window.bump('sg.rejected');
                toast(error.message);
            });
    }

    window.spa = {
        load: function (calls, pollMillis, polls) {
            for (var i = 1; i <= calls; i++) {
                getDoc(i);
            }
            var n = calls;
            var timer = window.setInterval(function () {
                if (++n > calls + polls) {
                    window.clearInterval(timer);
                    return;
                }
                getDoc(n);
            }, pollMillis);
        }
    };
})(window);
