"""Protections in a real browser: a suspended member sees why and until when on every page and
finds no answer form; a member blocks another from their page and finds them in the list of
blocked members. axe checks each page, the honeypot of the answer form included."""

import pytest
from playwright.sync_api import expect

from community.protections import suspensions
from community.questions import services as question_services
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REASON = "Insulted other members in three answers."


@pytest.fixture
def question(site_pages):
    product = product_page(site_pages.catalogue["en"], "Aurora espresso")
    return question_services.question_ask(
        MemberFactory(display_name="Jack Wilson"),
        title="How often should I descale the Aurora?",
        body="The reminder shows every month. Is that really needed?",
        product=product,
    )


def test_a_suspended_member_sees_the_reason_on_every_page_and_cannot_answer(
    page, moderator, question
):
    member = MemberFactory(display_name="Sam Suspended")
    suspensions.suspend_for(moderator, member, days=7, reason=REASON)

    log_in(page, member)
    banner = page.get_by_test_id("suspension-banner")
    expect(banner).to_contain_text("Your account is suspended until")
    expect(banner).to_contain_text(REASON)
    assert_no_serious_violations(page)

    page.goto(question.get_absolute_url())
    expect(page.get_by_test_id("suspension-banner")).to_contain_text(REASON)
    expect(page.get_by_role("button", name="Post my answer")).to_have_count(0)
    expect(page.locator(".suspended-note")).to_contain_text("you can read, but not write or vote")
    assert_no_serious_violations(page)

    banner = page.get_by_test_id("suspension-banner")
    banner.get_by_role("link", name="About your suspension").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your suspension")
    expect(page.locator(".suspension-card")).to_contain_text("Moderator Max")
    assert_no_serious_violations(page)


def test_a_member_blocks_another_from_their_page_and_unblocks_from_the_list(page, question):
    member = MemberFactory(display_name="Camille Martin")
    pest = MemberFactory(display_name="Pat Pest")

    log_in(page, member, next_url=question.get_absolute_url())
    # The answer form carries the honeypot, which must not trouble people or axe.
    expect(page.get_by_role("button", name="Post my answer")).to_be_visible()
    expect(page.locator("input[name=homepage]")).not_to_be_in_viewport()
    assert_no_serious_violations(page)

    page.goto(pest.get_absolute_url())
    page.get_by_role("button", name="Block Pat Pest").click()
    expect(page.get_by_text("You blocked Pat Pest")).to_be_visible()
    expect(page.get_by_role("button", name="Unblock Pat Pest")).to_be_visible()
    assert_no_serious_violations(page)

    menu = page.locator("details.account-menu")
    menu.locator("summary").click()
    menu.get_by_role("link", name="Blocked members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Blocked members")
    expect(page.locator(".blocked-list")).to_contain_text("Pat Pest")
    assert_no_serious_violations(page)

    page.get_by_role("button", name="Unblock Pat Pest").click()
    expect(page.get_by_text("You unblocked Pat Pest")).to_be_visible()
    expect(page.get_by_text("You have not blocked anyone.")).to_be_visible()
    log_out(page)
