"""The Wagtail admin under its content security policy, in a real browser: a site admin works
through the dashboard, a product page's edit form (rich text, images, the preview), the image
chooser, the members and a snippet and model listing, and the browser blocks nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_reviews import log_in
from tests.factories import (
    MemberFactory,
    TeamFactory,
    product_page,
    proposed_idea,
    site_admin,
    wagtail_image,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs in every frame before the page's own scripts, so that nothing a page blocks goes unseen.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `in ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


class Violations:
    """What the browser blocked, from the pages' own `securitypolicyviolation` events and from
    the console (which also sees frames and modals loaded after the page)."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def assert_none(self):
        seen = [*self.page.evaluate("window.__cspViolations || []"), *self.console]
        assert not seen, f"CSP violations on {self.page.url}:\n" + "\n".join(seen)


def test_the_admin_works_under_its_policy_without_a_violation(page, site_pages):
    admin = site_admin(display_name="Sam Admin")
    MemberFactory(display_name="Camille Martin")
    TeamFactory()
    proposed_idea(title="Dark mode", body="Easier on the eyes at night.")
    wagtail_image("Aurora front")
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    violations = Violations(page)
    log_in(page, admin)

    # The dashboard.
    response = page.goto("/admin/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "report-uri /csp-reports/admin/" in policy
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    violations.assert_none()

    # A product page's edit form: rich text, an image from the chooser, the preview.
    response = page.goto(f"/admin/pages/{product.pk}/edit/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    page.keyboard.type("Brews a cup in thirty seconds. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Quietly.")
    expect(editor).to_contain_text("Quietly.")
    page.get_by_role("button", name=re.compile("Add image", re.I)).click()
    page.get_by_role("button", name=re.compile("Choose an image", re.I)).first.click()
    chooser = page.locator(".modal-content")
    expect(chooser.get_by_role("link", name=re.compile("Aurora front"))).to_be_visible()
    chooser.get_by_role("link", name=re.compile("Aurora front")).click()
    expect(chooser).to_be_hidden()
    expect(page.locator("[data-chooser-title]").filter(has_text="Aurora front")).to_be_visible()
    page.get_by_role("button", name=re.compile("Preview", re.I)).first.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "Aurora espresso machine", timeout=15_000
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile("has been updated"))).to_be_visible()
    violations.assert_none()

    # The members, and one member's account.
    page.goto("/admin/users/")
    page.get_by_role("link", name="Camille Martin", exact=True).click()
    expect(page.get_by_role("textbox", name=re.compile(r"^Display name"))).to_have_value(
        "Camille Martin"
    )
    violations.assert_none()

    # A snippet listing (teams) and a model listing (ideas).
    page.goto("/admin/snippets/community/team/")
    expect(page.get_by_role("link", name="Support")).to_be_visible()
    page.goto("/admin/ideas/")
    expect(page.get_by_role("link", name="Dark mode")).to_be_visible()
    violations.assert_none()
