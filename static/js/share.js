/*
 * "Share it" (templates/includes/share.html). Without this file the control is the link in a
 * field that can be selected and copied. With it: "Copy the link" copies it (the Clipboard API,
 * or the field selected and copied where that API is missing), and "Share…" opens the device's
 * share sheet where the browser has one (navigator.share). What happened is said in the
 * control's status line.
 */
(function () {
    "use strict";

    function say(control, attribute) {
        var status = control.querySelector("[data-share-status]");
        if (status) {
            status.textContent = control.getAttribute(attribute) || "";
        }
    }

    function copyBySelection(field) {
        field.focus();
        field.select();
        try {
            return document.execCommand("copy");
        } catch (error) {
            return false;
        }
    }

    function copy(control, field) {
        var done = function () {
            say(control, "data-copied-text");
        };
        var failed = function () {
            field.focus();
            field.select();
            say(control, "data-copy-failed-text");
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(done, function () {
                if (copyBySelection(field)) {
                    done();
                } else {
                    failed();
                }
            });
        } else if (copyBySelection(field)) {
            done();
        } else {
            failed();
        }
    }

    function start(control) {
        if (control.hasAttribute("data-share-started")) {
            return;
        }
        control.setAttribute("data-share-started", "");
        var field = control.querySelector("[data-share-link]");
        var copyButton = control.querySelector("[data-share-copy]");
        var shareButton = control.querySelector("[data-share-native]");
        if (!field) {
            return;
        }
        field.addEventListener("focus", function () {
            field.select();
        });
        if (copyButton) {
            copyButton.hidden = false;
            copyButton.addEventListener("click", function () {
                copy(control, field);
            });
        }
        if (shareButton && typeof navigator.share === "function") {
            shareButton.hidden = false;
            shareButton.addEventListener("click", function () {
                navigator
                    .share({ title: control.getAttribute("data-share-title") || "", url: field.value })
                    .catch(function () {
                        // Closing the share sheet is not an error worth telling anyone about.
                    });
            });
        }
    }

    Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), start);
})();
