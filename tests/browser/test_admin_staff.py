"""Staff in the Wagtail admin, in a real browser: a site admin gives a member the product team
role, asked for nothing but the member's display name; the new product manager finds an idea
by its exact title, first in the list, sets its impact and effort, sees the score, and opens the
idea on the site, which axe checks."""

import re

import pytest
from playwright.sync_api import expect

from community.roles import Role
from ideas.models import Idea
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, proposed_idea, site_admin, totp_authenticator

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_admin_gives_a_role_and_the_product_manager_estimates_an_idea(page, site_pages):
    admin = site_admin(display_name="Sam Admin")
    camille = MemberFactory(display_name="Camille Martin", first_name="", last_name="")
    totp_authenticator(camille)  # the role asks for two-factor sign-in, which she has set up
    dark_mode = proposed_idea(title="Dark mode", body="Easier on the eyes at night.")
    for number in range(8):
        proposed_idea(title=f"Dark mode, a real dark mode {number}", body="Dark mode again.")

    # The admin finds Camille in Settings → Users by her display name and opens her account.
    log_in(page, admin)
    page.goto("/admin/users/")
    page.get_by_role("textbox", name="Search term").fill("Camille")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Camille Martin", exact=True).click()

    # The account asks for the display name only: no first or last name to invent.
    display_name = page.get_by_role("textbox", name=re.compile(r"^Display name"))
    expect(display_name).to_have_value("Camille Martin")
    expect(page.get_by_label(re.compile(r"first name|last name", re.I))).to_have_count(0)

    # On the Roles tab the admin gives her the product team role, and it is saved.
    page.get_by_role("tab", name="Roles").click()
    expect(page.get_by_label("Administrator", exact=True)).to_be_disabled()
    page.get_by_label(Role.PRODUCT_TEAM.value, exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("User 'Camille Martin' updated.")).to_be_visible()
    camille.refresh_from_db()
    assert camille.has_role(Role.PRODUCT_TEAM)
    page.goto("/")
    log_out(page)

    # Camille, now in the product team, searches Admin → Ideas for the exact title: first.
    log_in(page, camille)
    page.goto("/admin/ideas/")
    page.get_by_role("textbox", name="Search term").fill("Dark mode")
    page.keyboard.press("Enter")
    titles = page.locator("table.listing tbody td.title .title-wrapper > a")
    expect(titles.first).to_have_text("Dark mode")
    expect(titles).to_have_count(9)

    # Its title opens its admin page: where it stands, and its impact and effort to set.
    titles.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dark mode")
    page.get_by_label("Impact", exact=True).select_option(label="4 – high")
    page.get_by_label("Effort", exact=True).select_option(label="2 – low")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The estimates of “Dark mode” are saved.")).to_be_visible()
    expect(page.get_by_label("Impact", exact=True)).to_have_value("4")
    expect(page.get_by_role("textbox", name="Score", exact=True)).to_have_text("200")
    dark_mode.refresh_from_db()
    assert (dark_mode.impact, dark_mode.effort, dark_mode.score) == (4, 2, 200)

    # From there, the idea on the site, where the staff panel shows the same estimates.
    page.get_by_role("link", name="Open on the site").click()
    expect(page).to_have_url(re.compile(re.escape(dark_mode.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dark mode")
    estimates = page.locator("#estimates")
    expect(estimates).to_contain_text("4 – high")
    expect(estimates).to_contain_text("200")
    assert_no_serious_violations(page)
    assert Idea.objects.filter(score__isnull=False).count() == 1
