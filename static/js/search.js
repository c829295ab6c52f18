/*
 * The search page works without this script: filters are links and the form is a GET form.
 * On a narrow screen the filters (open by default) fold away under their heading, so that the
 * results come first; a tap on "Filter results" opens them again.
 */
(function () {
    "use strict";

    var narrow = window.matchMedia("(max-width: 55.99rem)");
    document.querySelectorAll("details[data-search-filters]").forEach(function (filters) {
        if (narrow.matches) {
            filters.open = false;
        }
    });
})();
