/*
 * The notice of a post that must wait a little (templates/protections/wait_notice.html): the
 * page opens on it, the time left counts down, and once it is up the notice says the text can
 * be sent now (read out once by screen readers). Without this file the notice says the time
 * left when the page was sent, and the form keeps what was typed all the same.
 */
(function () {
    "use strict";

    var notices = document.querySelectorAll("[data-wait-notice]:not([data-wait-started])");
    if (!notices.length) {
        return;
    }

    // The same rounding as the server's wait_text: seconds under a minute, then whole minutes
    // and hours, rounded up.
    function duration(seconds, language) {
        var value = seconds;
        var unit = "second";
        if (seconds >= 3600) {
            value = Math.ceil(seconds / 3600);
            unit = "hour";
        } else if (seconds >= 60) {
            value = Math.ceil(seconds / 60);
            unit = "minute";
        }
        try {
            return new Intl.NumberFormat(language, {
                style: "unit",
                unit: unit,
                unitDisplay: "long"
            }).format(value);
        } catch (error) {
            return "";
        }
    }

    function start(notice) {
        notice.setAttribute("data-wait-started", "");
        var seconds = parseInt(notice.getAttribute("data-wait-seconds"), 10);
        var sentence = notice.querySelector("[data-wait-sentence]");
        var left = notice.querySelector("[data-wait-left]");
        var ready = notice.querySelector("[data-wait-ready]");
        if (!seconds || !sentence || !left) {
            return;
        }
        var language = document.documentElement.lang || undefined;
        var end = Date.now() + seconds * 1000;

        function tick() {
            var remaining = Math.ceil((end - Date.now()) / 1000);
            if (remaining <= 0) {
                var text = ready ? ready.getAttribute("data-ready-text") : "";
                if (text) {
                    sentence.textContent = text;
                    ready.textContent = text;
                }
                notice.classList.remove("message--info");
                notice.classList.add("message--success", "wait-notice--ready");
                return;
            }
            var shown = duration(remaining, language);
            if (shown && left.textContent !== shown) {
                left.textContent = shown;
            }
            window.setTimeout(tick, 250);
        }

        tick();
    }

    Array.prototype.forEach.call(notices, start);
    // Open the page on the notice: the form may be far down (an answer under a long thread).
    notices[0].focus();
})();
