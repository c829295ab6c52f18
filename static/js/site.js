/*
 * Small progressive enhancements. Everything works without this file: the account menu is a
 * native <details> element, which opens and closes by itself. Here it also closes on Escape
 * (giving focus back to its summary), on a click or tap outside it, and when keyboard focus
 * moves on past it.
 */
(function () {
    "use strict";

    var MENU_SELECTOR = "details.account-menu";

    function openMenus() {
        return Array.prototype.slice.call(document.querySelectorAll(MENU_SELECTOR + "[open]"));
    }

    function closeMenu(menu, restoreFocus) {
        menu.open = false;
        if (restoreFocus) {
            var summary = menu.querySelector("summary");
            if (summary) {
                summary.focus();
            }
        }
    }

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" && event.key !== "Esc") {
            return;
        }
        openMenus().forEach(function (menu) {
            closeMenu(menu, menu.contains(document.activeElement));
            event.preventDefault();
        });
    });

    document.addEventListener("click", function (event) {
        openMenus().forEach(function (menu) {
            if (!menu.contains(event.target)) {
                closeMenu(menu, false);
            }
        });
    });

    document.addEventListener("focusin", function (event) {
        openMenus().forEach(function (menu) {
            if (!menu.contains(event.target)) {
                closeMenu(menu, false);
            }
        });
    });
})();
