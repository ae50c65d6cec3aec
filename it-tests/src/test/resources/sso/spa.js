/*
 * The single-page app: its API client treats anything but 2xx as an error and shows it as a toast (and on the
 * console), like the wiki's did. spa.load(calls, pollMillis, polls) fires `calls` concurrent requests, then one more
 * every `pollMillis` ms, `polls` times, as a page that refreshes its data does; spa.loadXhr does the same with
 * XMLHttpRequest, the way jQuery and htmx (onload), Faces (onreadystatechange) and Axios (loadend) listen, in turn.
 */
(function (window) {
    'use strict';
    function toast(message) {
        var item = document.createElement('li');
        item.textContent = message;
        document.getElementById('toasts').appendChild(item);
        console.error(message);
    }

    function settled(n, status, body) {
        if (status < 200 || status > 299) {
            window.bump('sg.rejected');
            toast('Failed to get document ' + n + ': HTTP ' + status);
            return;
        }
        try {
            JSON.parse(body);
            window.bump('sg.resolved');
        } catch (e) {
            window.bump('sg.rejected');
            toast('Failed to read document ' + n + ': ' + e.message);
        }
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

    function getDocXhr(n) {
        window.bump('sg.fired');
        var xhr = new XMLHttpRequest();
        var style = n % 3;
        if (style === 0) { // Faces, and Axios without loadend
            xhr.onreadystatechange = function () {
                if (xhr.readyState === 4) {
                    settled(n, xhr.status, xhr.responseText);
                }
            };
        }
        xhr.open('GET', 'api/docs?n=' + n);
        xhr.setRequestHeader('Accept', 'application/json');
        if (style === 1) { // jQuery, htmx
            xhr.onload = function () {
                settled(n, xhr.status, xhr.responseText);
            };
            xhr.onerror = function () {
                settled(n, 0, '');
            };
        } else if (style === 2) { // Axios
            xhr.addEventListener('loadend', function () {
                settled(n, xhr.status, xhr.responseText);
            });
        }
        xhr.send();
    }

    function load(get, calls, pollMillis, polls) {
        for (var i = 1; i <= calls; i++) {
            get(i);
        }
        var n = calls;
        var timer = window.setInterval(function () {
            if (++n > calls + polls) {
                window.clearInterval(timer);
                return;
            }
            get(n);
        }, pollMillis);
    }

    window.spa = {
        load: function (calls, pollMillis, polls) {
            load(getDoc, calls, pollMillis, polls);
        },
        loadXhr: function (calls, pollMillis, polls) {
            load(getDocXhr, calls, pollMillis, polls);
        }
    };
})(window);
