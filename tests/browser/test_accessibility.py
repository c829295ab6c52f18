"""axe finds no serious or critical accessibility violation on the site's main pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.axe import assert_no_serious_violations
from tests.factories import DEFAULT_PASSWORD, product_page, wagtail_image

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, member):
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"e-?mail", re.I)).fill(member.email)
    form.get_by_label(re.compile(r"^password", re.I)).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name=re.compile(r"sign in|log in", re.I)).click()
    page.locator("details.account-menu").wait_for()


@pytest.mark.parametrize(
    "address", ["/", "/fr/", "/accounts/signup/", "/accounts/login/", "/team/"]
)
def test_a_visitors_page_has_no_serious_violation(page, staff, address):
    page.goto(address)
    assert_no_serious_violations(page)


@pytest.mark.parametrize("address", ["/", "/accounts/signup/"])
def test_a_visitors_page_in_dark_mode_has_no_serious_violation(page, address):
    page.emulate_media(color_scheme="dark")
    page.goto(address)
    assert_no_serious_violations(page)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_home_page_on_a_phone_has_no_serious_violation(page, color_scheme):
    # On wide screens the hero's decorative picture (a pseudo-element) keeps axe from measuring
    # the contrast of the hero's text; on a phone it is not drawn, so the contrast is checked.
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=color_scheme)
    page.goto("/")
    assert_no_serious_violations(page)
    measured = Axe().run(page, options={"runOnly": ["color-contrast"], "resultTypes": []})
    assert not measured.response["incomplete"], "axe could not measure some contrast"


def test_a_product_page_has_no_serious_violation(page, site_pages):
    product = product_page(
        site_pages.catalogue["en"],
        "Aurora kettle",
        tagline="Boils a litre in two minutes.",
        images=[wagtail_image("Aurora kettle, brushed steel")],
    )
    page.goto(product.url)
    assert_no_serious_violations(page)


def test_the_sign_up_page_with_its_error_messages_has_no_serious_violation(page):
    page.goto("/accounts/signup/")
    form = page.locator("main form")
    # The browser would stop an empty form itself; the server's messages are what we check.
    form.evaluate("form => { form.noValidate = true; }")
    form.get_by_role("button", name=re.compile(r"sign up", re.I)).click()
    page.locator("main form").wait_for()
    assert page.locator("main").get_by_text(re.compile(r"required", re.I)).count() > 0
    assert_no_serious_violations(page)


def test_a_members_public_page_seen_by_its_owner_has_no_serious_violation(page, member):
    log_in(page, member)
    page.goto(member.get_absolute_url())
    page.locator("details.account-menu summary").click()
    assert_no_serious_violations(page)


def test_a_staff_members_public_page_has_no_serious_violation(page, staff):
    page.goto(staff.get_absolute_url())
    assert_no_serious_violations(page)


def test_the_profile_edit_page_has_no_serious_violation(page, member):
    log_in(page, member)
    page.goto("/accounts/profile/")
    assert_no_serious_violations(page)


def test_the_profile_edit_page_with_its_error_messages_has_no_serious_violation(page, member):
    log_in(page, member)
    page.goto("/accounts/profile/")
    page.get_by_label(re.compile(r"display name", re.I)).fill("")
    page.get_by_role("button", name="Save my profile").click()
    page.locator(".field--error").first.wait_for()
    assert_no_serious_violations(page)
