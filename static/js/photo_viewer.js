/*
 * Review photos open in a viewer on the page (templates/reviews/includes/photo_viewer.html)
 * rather than as a bare image file. A link marked `data-photo-viewer="<group>"` opens the
 * modal <dialog> with its photo (the link's `data-photo`, else its address) and the
 * description of its thumbnail; the arrow keys and the Previous and Next buttons go through
 * the photos of the same group (one review, or the product's photo strip). Escape, the Close
 * button or a click beside the photo closes it, and focus goes back to the photo it came from.
 * A strip photo, whose link leads to its review, keeps that way as "Read the review".
 * Without this file, or with a modifier key held, the links are followed as they are.
 */
(function () {
    "use strict";

    var dialog = document.getElementById("photo-viewer");
    if (!dialog || typeof dialog.showModal !== "function") {
        return;
    }
    var image = dialog.querySelector("[data-viewer-image]");
    var caption = dialog.querySelector("[data-viewer-caption]");
    var position = dialog.querySelector("[data-viewer-position]");
    var previous = dialog.querySelector("[data-viewer-previous]");
    var next = dialog.querySelector("[data-viewer-next]");
    var review = dialog.querySelector("[data-viewer-review]");
    var group = [];
    var index = 0;
    var opener = null;

    function linksOf(name) {
        var links = document.querySelectorAll("a[data-photo-viewer]");
        return Array.prototype.filter.call(links, function (link) {
            return link.getAttribute("data-photo-viewer") === name;
        });
    }

    function show(wanted) {
        index = (wanted + group.length) % group.length;
        var link = group[index];
        var thumbnail = link.querySelector("img");
        image.src = link.getAttribute("data-photo") || link.href;
        caption.textContent = thumbnail ? thumbnail.alt : "";
        position.textContent = group.length > 1 ? index + 1 + " / " + group.length : "";
        previous.hidden = next.hidden = group.length < 2;
        review.hidden = !link.hasAttribute("data-photo");
        if (!review.hidden) {
            review.href = link.href;
        }
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[data-photo-viewer]") : null;
        if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        event.preventDefault();
        opener = link;
        group = linksOf(link.getAttribute("data-photo-viewer"));
        show(group.indexOf(link));
        dialog.showModal();
    });

    previous.addEventListener("click", function () {
        show(index - 1);
    });
    next.addEventListener("click", function () {
        show(index + 1);
    });

    dialog.addEventListener("keydown", function (event) {
        if (group.length < 2 || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
            event.preventDefault();
            show(index + (event.key === "ArrowLeft" ? -1 : 1));
        }
    });

    // The dialog itself is only hit around its body, on the dimmed backdrop.
    dialog.addEventListener("click", function (event) {
        if (event.target === dialog) {
            dialog.close();
        }
    });

    dialog.addEventListener("close", function () {
        image.removeAttribute("src");
        if (opener) {
            opener.focus();
            opener = null;
        }
    });
})();
