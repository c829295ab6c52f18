"""Reviews in a real browser: a member writes one with a photo, staff respond, axe checks it."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from PIL import Image
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories import DEFAULT_PASSWORD, TOTP_SECRET, MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _totp_code(secret=TOTP_SECRET):
    """The code an authenticator app shows for `secret`, with a few seconds left to use it.

    allauth accepts only the current period's code (MFA_TOTP_TOLERANCE is 0): near the end of
    a period, wait for the next one so that the code is still valid when the form is sent.
    """
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def log_in(page, member, next_url="/"):
    """Sign in through the log-in form; staff then give their authenticator code."""
    page.goto(f"/accounts/login/?next={next_url}")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"e-?mail", re.I)).fill(member.email)
    form.get_by_label(re.compile(r"^password", re.I)).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if "/2fa/authenticate" in page.url:
        code = page.locator("main form input[name=code]")
        code.fill(_totp_code())
        page.locator("main form").get_by_role("button", name="Log in").click()
    page.locator("details.account-menu").wait_for()


def log_out(page):
    menu = page.locator("details.account-menu")
    menu.locator("summary").click()
    menu.get_by_role("button", name="Log out").click()
    expect(page.locator("details.account-menu")).to_have_count(0)


def test_a_member_reviews_with_a_photo_and_staff_respond_under_their_own_name(
    page, site_pages, staff, tmp_path
):
    product = product_page(
        site_pages.catalogue["en"], "Aurora kettle", tagline="Boils a litre in two minutes."
    )
    member = MemberFactory(display_name="Camille Martin")

    # The member writes a review with four stars, chosen with the keyboard, and a photo.
    log_in(page, member, next_url=product.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aurora kettle")
    page.locator("#reviews").get_by_role("link", name="Write a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a review")

    stars = page.get_by_role("group", name=re.compile(r"your rating", re.I))
    stars.get_by_role("radio", name=re.compile(r"^1 star\b")).focus()
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(stars.get_by_role("radio", name=re.compile(r"^4 stars\b"))).to_be_checked()
    expect(stars.get_by_text("Very good", exact=True)).to_be_visible()

    page.get_by_role("textbox", name="Title", exact=True).fill("Quiet, and the tea is hot")
    page.get_by_role("textbox", name="Your review", exact=True).fill(
        "I use it every morning. It boils fast and the handle stays cool."
    )
    photo = tmp_path / "kettle.jpg"
    Image.new("RGB", (800, 600), "teal").save(photo, format="JPEG")
    page.locator("main form input[type=file][name=photos]").set_input_files(photo)
    page.get_by_role("button", name="Publish my review").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(product.url)}(\?[^#]*)?#review-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aurora kettle")
    review = page.locator("article.review", has_text="Quiet, and the tea is hot").first
    expect(review).to_be_visible()
    expect(review).to_contain_text("It boils fast and the handle stays cool.")
    thumbnail = review.locator(".review__photos img")
    expect(thumbnail).to_have_count(1)
    expect(thumbnail).to_have_attribute("src", re.compile(r"^(https?://[^/]+)?/media/"))
    thumbnail.scroll_into_view_if_needed()
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("image => image.naturalWidth") > 0, (
        f"the review photo at {thumbnail.get_attribute('src')} did not load"
    )

    # A member of staff responds, signed with the name and role on their staff card.
    log_out(page)
    log_in(page, staff, next_url=product.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aurora kettle")
    review = page.locator("article.review", has_text="Quiet, and the tea is hot")
    review.get_by_role("link", name=re.compile(r"^Respond as staff")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Respond to a review")
    page.get_by_role("textbox", name="Your response", exact=True).fill(
        "Thank you, Camille! Descale it once a month and it will stay quiet."
    )
    page.get_by_role("button", name="Publish the response").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aurora kettle")
    response = review.locator(".staff-response")
    expect(response).to_contain_text("Descale it once a month")
    expect(response.locator(".byline__name")).to_have_text("Amélie Durand")
    expect(response.locator(".byline__role")).to_contain_text("Support specialist")

    assert_no_serious_violations(page)
