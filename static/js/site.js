/*
 * Small progressive enhancements. Everything works without this file: the account menu (and the
 * "More" of the header's sections on a phone) is a native <details> element, which opens and
 * closes by itself. Here it also closes on Escape
 * (giving focus back to its summary), on a click or tap outside it, and when keyboard focus
 * moves on past it.
 *
 * A link inside a filter form marked `data-with-form-choices` (such as "List 490 more
 * products") is followed with the choices made in the form but not yet sent added to its
 * address, so that nothing chosen is lost; without this file the link goes to its address.
 */
(function () {
    "use strict";

    // The account menu, and the "More" of the sections' row on a phone.
    var OPEN_MENUS = "details.account-menu[open], details.site-nav__more[open]";

    function openMenus() {
        return Array.prototype.slice.call(document.querySelectorAll(OPEN_MENUS));
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

    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[data-with-form-choices]") : null;
        var form = link ? link.closest("form") : null;
        if (!form || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        var address = new URL(link.href, window.location.href);
        var choices = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (typeof value === "string" && value !== "") {
                choices.append(name, value);
            }
        });
        // The link's own values (all_products=1), and those of the address the form has no
        // field for; the form's fields say what is chosen now, even where it is nothing.
        address.searchParams.forEach(function (value, name) {
            if (!form.elements.namedItem(name)) {
                choices.append(name, value);
            }
        });
        address.search = choices.toString();
        event.preventDefault();
        window.location.assign(address.toString());
    });
})();
