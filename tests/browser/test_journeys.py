"""What a visitor does in a real browser: sign up, verify, set an avatar; switch language."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-browser-password-7"


def _verification_link(address):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no e-mail was sent to {address}"
    links = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", sent[-1].body)
    assert links, f"no verification link in the e-mail:\n{sent[-1].body}"
    return links[0]


def test_a_visitor_signs_up_verifies_and_sees_their_avatar_on_their_public_page(page, tmp_path):
    mail.outbox.clear()
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()

    form = page.locator("main form")
    form.get_by_label("How should we call you?").fill("Léa Fontaine")
    form.get_by_label(re.compile(r"^e-?mail", re.I)).fill("lea@example.com")
    form.get_by_label(re.compile(r"^password\b(?!.*again)", re.I)).fill(PASSWORD)
    form.get_by_label(re.compile(r"password.*again", re.I)).fill(PASSWORD)
    form.get_by_label(re.compile(r"community guidelines", re.I)).check()
    form.get_by_role("button", name=re.compile(r"sign up", re.I)).click()

    account_menu = page.locator("details.account-menu")
    expect(account_menu.locator("summary")).to_contain_text("Léa Fontaine")
    expect(page.locator(".notice--warning")).to_be_visible()

    page.goto(_verification_link("lea@example.com"))
    page.locator("main").get_by_role("button", name="Yes, verify this address").click()
    expect(page).not_to_have_url(re.compile(r"/confirm-email/"))
    expect(account_menu.locator("summary")).to_contain_text("Léa Fontaine")
    expect(page.locator(".notice--warning")).to_have_count(0)

    account_menu.locator("summary").click()
    account_menu.get_by_role("link", name="Edit my profile").click()
    expect(page.get_by_role("heading", name="Edit my profile")).to_be_visible()

    photo = tmp_path / "portrait.jpg"
    Image.new("RGB", (640, 480), "darkorange").save(photo, format="JPEG")
    page.get_by_role("group", name="Avatar").locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Save my profile").click()

    expect(page).to_have_url(re.compile(r"/members/lea-fontaine/$"))
    avatar = page.locator(".profile__header img.avatar")
    expect(avatar).to_have_attribute("src", re.compile(r"^(https?://[^/]+)?/media/"))
    avatar.scroll_into_view_if_needed()
    expect(avatar).to_have_js_property("complete", True)
    assert avatar.evaluate("image => image.naturalWidth") > 0, (
        f"the avatar at {avatar.get_attribute('src')} did not load"
    )

    screenshot = tmp_path / "public-profile.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 0


def test_the_language_switcher_takes_a_visitor_to_the_french_home_page(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language-switcher").get_by_role("link", name=re.compile("Français")).click()

    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demandez")
