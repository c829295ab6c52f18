/*
 * Keeps relative dates true ("3 hours ago"). The server writes them as they are when it renders
 * the page (community/dates.py), but a page may come from the page cache or stay open in a tab:
 * each <time data-relative> is written again from its datetime when the page is shown, then
 * every minute, with the same thresholds as the server and the browser's own wording in the
 * page's language. Past a week it reads as its date (data-date), as the server would write it.
 * Under a minute the server's "just now" stays: nothing can have made it stale yet.
 */
(function () {
    "use strict";

    var MINUTE = 60 * 1000;
    var HOUR = 60 * MINUTE;
    var DAY = 24 * HOUR;
    var RELATIVE_FOR = 7 * DAY;

    if (!window.Intl || !Intl.RelativeTimeFormat) {
        return;
    }
    var format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, {
        numeric: "always"
    });

    function reading(age, element) {
        if (age >= RELATIVE_FOR) {
            return element.getAttribute("data-date");
        }
        if (age >= DAY) {
            return format.format(-Math.floor(age / DAY), "day");
        }
        if (age >= HOUR) {
            return format.format(-Math.floor(age / HOUR), "hour");
        }
        return format.format(-Math.floor(age / MINUTE), "minute");
    }

    function refresh() {
        var now = Date.now();
        var times = document.querySelectorAll("time[data-relative]");
        Array.prototype.forEach.call(times, function (element) {
            var moment = Date.parse(element.getAttribute("datetime"));
            var age = now - moment;
            if (isNaN(moment) || age < MINUTE) {
                return;
            }
            var text = reading(age, element);
            if (text && element.textContent !== text) {
                element.textContent = text;
            }
            if (age >= RELATIVE_FOR) {
                element.removeAttribute("data-relative");
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", refresh);
    } else {
        refresh();
    }
    // A page brought back from the back-forward cache is as old as when it was left.
    window.addEventListener("pageshow", refresh);
    window.setInterval(refresh, MINUTE);
})();
