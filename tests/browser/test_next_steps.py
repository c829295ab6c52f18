"""Who is on it, and what happens next, in a real browser (issue #25, items 7, 8, 9, 10, 17):

- the asker's panel before and after a member of staff takes the question on and answers it;
- a brand-new member who posts too soon sees a notice with the time left, their text kept, then
  publishes, and copies the link of their idea with "Share it";
- staff merge that idea from its "Possible duplicates", through a confirmation showing both;
- the third trusted member to report a post lands, thanked, on a page they can still read.

axe checks every page on the way.
"""

import re

import pytest
from playwright.sync_api import expect

from community import reports
from community.models import CommunitySettings
from community.questions import services as questions
from ideas.models import Idea
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ResponsePromiseFactory,
    product_page,
    proposed_idea,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IDEA_TEXT = "Send me an e-mail when the machine needs descaling, not only the light on it."


def _trusted(member):
    for _ in range(3):
        QuestionFactory(author=member)
    return member


def _tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    return context.new_page()


def test_who_is_on_it_what_happens_next_and_reports(
    page, browser, live_server, site_pages, staff, settings
):
    settings.PROTECTIONS_FLOOD_LIMITS = True
    community_settings = CommunitySettings.load()
    community_settings.min_seconds_between_posts = 6
    community_settings.save()
    ResponsePromiseFactory()
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    asker = MemberFactory(display_name="Léa Dubois")
    question = questions.question_ask(
        asker,
        title="How often should I descale the Aurora?",
        body="The reminder shows every month.",
        product=product,
    )
    kept = proposed_idea(
        MemberFactory(),
        title="E-mail reminder to descale the machine",
        body="An e-mail when descaling is due.",
        product=product,
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    staff_tab = _tab(browser, live_server)

    # The asker's panel: nobody from the team yet, and the way to ask for a person.
    log_in(page, asker, next_url=question.get_absolute_url())
    owner = page.locator("#owner")
    expect(owner).to_contain_text("Nobody from the team has taken this question on yet.")
    expect(owner.get_by_role("button", name="I’d like a member of staff to answer")).to_be_visible()
    assert_no_serious_violations(page)

    # A member of staff takes it on: the asker reads who answers, and by when.
    log_in(staff_tab, staff, next_url=question.get_absolute_url())
    staff_tab.get_by_role("button", name="Take ownership").click()
    page.reload()
    expect(owner).to_contain_text(re.compile(r"Amélie Durand answers by \w+ \d+ \w+, \d\d:\d\d\."))
    expect(owner.get_by_role("button", name=re.compile("member of staff to answer"))).to_have_count(
        0
    )

    # They answer: the asker reads who answered and what happens next.
    staff_tab.get_by_role("textbox", name="Your answer").fill("Descale when the light says so.")
    staff_tab.get_by_role("button", name="Post my answer").click()
    expect(staff_tab.locator("article.answer")).to_have_count(1)
    page.reload()
    expect(owner).to_contain_text(re.compile(r"Amélie Durand answered on \w+ \d+ \w+"))
    expect(owner).to_contain_text("If it solves your question, mark it as the solution.")
    expect(owner).not_to_contain_text("Waiting for your reply")
    expect(owner.get_by_role("button", name=re.compile("member of staff to answer"))).to_have_count(
        0
    )
    owner.get_by_role("link", name="Read the answer").click()
    expect(page).to_have_url(re.compile(r"#answer-\d+$"))
    assert_no_serious_violations(page)

    # The new member proposes an idea too soon after her question: a notice with the time
    # left, her text kept; once the time is up she sends it, and shares it.
    page.goto("/ideas/new/")
    page.get_by_role("textbox", name=re.compile("^Title")).fill("Descaling reminder by e-mail")
    page.get_by_role("textbox", name=re.compile("^Description")).fill(IDEA_TEXT)
    QuestionFactory(author=asker)
    page.get_by_role("button", name="Publish my idea").click()
    notice = page.locator("#wait-notice")
    expect(notice).to_contain_text(re.compile(r"You can send it in \d seconds?\."))
    expect(notice).to_contain_text("New members wait a little between posts")
    expect(notice).to_be_focused()
    expect(page.get_by_role("textbox", name=re.compile("^Description"))).to_have_value(IDEA_TEXT)
    expect(page.locator(".field__error")).to_have_count(0)
    assert_no_serious_violations(page)
    expect(notice).to_contain_text("You can send it now.", timeout=15_000)
    page.get_by_role("button", name="Publish my idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Descaling reminder by e-mail")
    idea = Idea.objects.get(title="Descaling reminder by e-mail")
    expect(page).to_have_url(re.compile(rf"{re.escape(idea.get_absolute_url())}$"))
    share = page.locator("#share")
    link = share.get_by_role("textbox", name="Link").input_value()
    assert link.endswith(idea.get_absolute_url())
    share.get_by_role("button", name="Copy the link").click()
    expect(share).to_contain_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert_no_serious_violations(page)

    # Staff merge it from its possible duplicates, after a confirmation showing both ideas.
    staff_tab.goto(idea.get_absolute_url())
    duplicates = staff_tab.locator("#possible-duplicates")
    merge_link = f"Merge this idea into it: {kept.title}"
    duplicates.get_by_role("link", name=merge_link).click()
    expect(staff_tab.get_by_role("heading", level=1)).to_have_text("Merge these two ideas?")
    expect(staff_tab.locator(".merge-pair__side--duplicate")).to_contain_text(idea.title)
    expect(staff_tab.locator(".merge-pair__side--kept")).to_contain_text(kept.title)
    assert_no_serious_violations(staff_tab)
    staff_tab.get_by_role("button", name=re.compile("^Merge “")).click()
    expect(staff_tab).to_have_url(re.compile(rf"{re.escape(kept.get_absolute_url())}#merge-\d+$"))
    assert Idea.objects.get(pk=idea.pk).merged_into_id == kept.pk
    staff_tab.context.close()

    # The third trusted member to report a spam idea is thanked on a page they can read.
    spam = proposed_idea(MemberFactory(), title="Cheap watches at my shop", body="Buy now.")
    first, second, third = (_trusted(MemberFactory()) for _ in range(3))
    for reporter in (first, second):
        reports.report_create(reporter, spam, reason="spam")
    reporter_tab = _tab(browser, live_server)
    log_in(reporter_tab, third, next_url=spam.get_absolute_url())
    reporter_tab.get_by_role("link", name=re.compile("^Report")).click()
    reporter_tab.get_by_label("Spam or advertising").check()
    reporter_tab.get_by_role("button", name="Send the report").click()
    expect(reporter_tab).to_have_url(re.compile(r"/ideas/$"))
    expect(reporter_tab.get_by_text("Thank you for your report. Enough members")).to_be_visible()
    expect(reporter_tab.get_by_role("heading", level=1)).to_have_text("Ideas")
    assert_no_serious_violations(reporter_tab)
    reporter_tab.context.close()
