/*
 * Similar ideas while a title is typed, so that people vote for an existing idea instead of
 * proposing it again. Without this file the form still works: the server shows the same
 * suggestions when the form comes back with an error, and a "Look for similar ideas" button
 * asks for them.
 */
(function () {
    "use strict";

    var form = document.querySelector("form[data-similar-url]");
    if (!form) {
        return;
    }
    var title = form.querySelector("input[name=title]");
    var box = document.getElementById("similar-ideas");
    var list = box ? box.querySelector("ul") : null;
    if (!title || !list || !window.fetch) {
        return;
    }
    var MIN_LENGTH = 4;
    var DELAY = 300;
    var timer = null;
    // What the server sent: when the form comes back, its suggestions are already on the page.
    var lastText = title.defaultValue.trim();
    var controller = null;

    function render(results) {
        list.textContent = "";
        results.forEach(function (idea) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = idea.url;
            link.textContent = idea.title;
            var meta = document.createElement("span");
            meta.className = "idea-similar__meta";
            meta.appendChild(document.createTextNode(idea.votes_label + " · "));
            var status = document.createElement("span");
            status.className = "idea-status " + idea.status_class;
            status.textContent = idea.status;
            meta.appendChild(status);
            item.appendChild(link);
            item.appendChild(document.createTextNode(" "));
            item.appendChild(meta);
            list.appendChild(item);
        });
        box.hidden = results.length === 0;
    }

    function lookUp() {
        var text = title.value.trim();
        if (text === lastText) {
            return;
        }
        lastText = text;
        if (controller) {
            controller.abort();
            controller = null;
        }
        if (text.length < MIN_LENGTH) {
            render([]);
            return;
        }
        var url = form.getAttribute("data-similar-url") + "?q=" + encodeURIComponent(text);
        var exclude = form.getAttribute("data-exclude");
        if (exclude) {
            url += "&exclude=" + encodeURIComponent(exclude);
        }
        controller = window.AbortController ? new AbortController() : null;
        window
            .fetch(url, {
                headers: { Accept: "application/json" },
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined,
            })
            .then(function (response) {
                return response.ok ? response.json() : { results: [] };
            })
            .then(function (data) {
                render(data.results || []);
            })
            .catch(function () {
                /* A request replaced by a newer one, or the network: keep what is shown. */
            });
    }

    title.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(lookUp, DELAY);
    });
    // Words typed before this script ran (on a slow connection) are looked up now.
    lookUp();
})();
