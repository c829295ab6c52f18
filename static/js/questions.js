/*
 * Questions and answers: small enhancements. Everything works without this file: the ask form
 * has a "Look for similar questions first" button, and upvotes are ordinary forms.
 *
 * - While a question's title is typed, similar questions are fetched (solved ones first) and
 *   listed under the title, so people find an answer before they ask.
 * - Upvoting an answer happens in place, without reloading the page.
 */
(function () {
    "use strict";

    var DELAY_MS = 300;
    var MIN_LENGTH = 4;

    function similarSuggestions(form) {
        var url = form.getAttribute("data-similar-url");
        var title = form.querySelector("input[name=title]");
        var box = form.querySelector("[data-similar-results]");
        if (!url || !title || !box) {
            return;
        }
        var timer = null;
        var controller = null;
        // What the server sent (its suggestions, if any, are already on the page).
        var lastQuery = title.defaultValue.trim();
        var heading = box.getAttribute("data-heading") || "";
        var solvedLabel = box.getAttribute("data-solved") || "";

        function render(results) {
            box.textContent = "";
            if (!results.length) {
                return;
            }
            var h = document.createElement("h2");
            h.className = "similar-questions__heading";
            h.id = "similar-heading";
            h.textContent = heading;
            var list = document.createElement("ul");
            list.className = "similar-questions__list";
            list.setAttribute("aria-labelledby", "similar-heading");
            results.forEach(function (result) {
                var item = document.createElement("li");
                var link = document.createElement("a");
                link.href = result.url;
                link.target = "_blank";
                link.rel = "noopener";
                link.textContent = result.title;
                item.appendChild(link);
                if (result.solved) {
                    var badge = document.createElement("span");
                    badge.className = "badge badge--success";
                    badge.textContent = solvedLabel;
                    item.appendChild(document.createTextNode(" "));
                    item.appendChild(badge);
                }
                if (result.answers_label) {
                    var meta = document.createElement("span");
                    meta.className = "meta";
                    meta.textContent = result.answers_label;
                    item.appendChild(document.createTextNode(" "));
                    item.appendChild(meta);
                }
                list.appendChild(item);
            });
            box.appendChild(h);
            box.appendChild(list);
        }

        function lookUp() {
            var query = title.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (controller) {
                controller.abort();
            }
            if (query.length < MIN_LENGTH) {
                render([]);
                return;
            }
            controller = typeof AbortController === "function" ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "application/json" },
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    render(data.results || []);
                })
                .catch(function () {
                    /* A failed or aborted look-up leaves the list as it was. */
                });
        }

        title.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(lookUp, DELAY_MS);
        });
        // Words typed before this script ran (on a slow connection) are looked up now.
        lookUp();
    }

    function upvoteInPlace(form) {
        form.addEventListener("submit", function (event) {
            var button = form.querySelector("button[name=vote]");
            if (!button || !window.fetch || !window.FormData) {
                return;
            }
            event.preventDefault();
            var data = new FormData(form);
            data.set("vote", button.value);
            button.disabled = true;
            fetch(form.action, {
                method: "POST",
                body: data,
                headers: { Accept: "application/json" },
                credentials: "same-origin"
            })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("vote refused");
                    }
                    return response.json();
                })
                .then(function (result) {
                    button.value = result.upvoted ? "0" : "1";
                    button.setAttribute("aria-pressed", result.upvoted ? "true" : "false");
                    var count = document.getElementById(button.getAttribute("aria-describedby"));
                    if (count) {
                        var number = count.querySelector("strong");
                        var label = count.querySelector(".answer__count-label");
                        if (number) {
                            number.textContent = String(result.count);
                        }
                        if (label) {
                            label.textContent = result.label;
                        }
                    }
                })
                .catch(function () {
                    /* Send the form the ordinary way, so the page says what went wrong. */
                    var choice = document.createElement("input");
                    choice.type = "hidden";
                    choice.name = "vote";
                    choice.value = button.value;
                    form.appendChild(choice);
                    form.submit();
                })
                .then(function () {
                    button.disabled = false;
                });
        });
    }

    document.querySelectorAll("form[data-similar-url]").forEach(similarSuggestions);
    document.querySelectorAll("form[data-answer-vote]").forEach(upvoteInPlace);
})();
