"""Search in a real browser: a visitor types in the header's box, finds the solved question
(lifted above the others) and the idea before asking again, narrows by kind without a script,
and is offered to ask when nothing matches; on a phone the filters fold away. axe checks each
page. Content is indexed as in production: by the tasks enqueued when it is saved."""

import re

import pytest
from playwright.sync_api import expect

from community.questions.models import Answer, Question, QuestionStatus
from tests.browser.axe import assert_no_serious_violations
from tests.factories import MemberFactory, QuestionFactory, product_page, proposed_idea

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def community_content(site_pages):
    aurora = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    QuestionFactory(title="Descaling the Aurora: which product?", product=aurora, topic=None)
    solved = QuestionFactory(
        title="How often should I descale the Aurora?", product=aurora, topic=None
    )
    Question.objects.filter(pk=solved.pk).update(status=QuestionStatus.SOLVED)
    # The answer's save indexes the question again, now solved.
    Answer.objects.create(
        question=solved, author=MemberFactory(), body="Once a month with hard water."
    )
    proposed_idea(title="Remind me when the Aurora needs descaling", product=aurora)
    return {"solved": solved}


def test_a_visitor_finds_the_answer_before_asking_again(page, community_content):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")

    box = page.get_by_role("search", name="Search the community").get_by_role(
        "searchbox", name="Search the community"
    )
    box.fill("descale aurora")
    box.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “descale aurora”")
    results = page.locator(".search-result__title")
    expect(results.first).to_have_text("How often should I descale the Aurora?")
    expect(page.locator(".search-result").first).to_contain_text("Solved")
    expect(page.locator(".search-result__title mark").first).to_be_visible()
    idea = page.get_by_role("link", name="Remind me when the Aurora needs descaling")
    expect(idea).to_be_visible()
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Question 2 results").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=question"))
    expect(results).to_have_count(2)
    expect(page.get_by_role("link", name="Kind: Question — remove this filter")).to_be_visible()

    page.get_by_role("link", name="How often should I descale the Aurora?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How often should I descale the Aurora?"
    )


def test_nothing_found_offers_to_ask(page, community_content):
    page.goto("/search/?q=flux+capacitor")

    empty = page.get_by_role("heading", name="Nothing found for “flux capacitor”")
    expect(empty).to_be_visible()
    expect(page.get_by_role("link", name="Ask a question")).to_have_attribute(
        "href", "/questions/ask/?title=flux%20capacitor"
    )
    assert_no_serious_violations(page)


def test_on_a_phone_the_filters_fold_away_and_nothing_scrolls_sideways(page, community_content):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?q=descale")

    filters = page.locator("details.search-filters")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.locator(".search-result").first).to_be_in_viewport()
    page.get_by_text("Filter results").click()
    expect(page.get_by_role("link", name="Idea 1 result")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_serious_violations(page)

    # On a phone the header's search is a button, which opens the search page ready to type.
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("search", name="Search the community").get_by_role(
        "button", name="Search"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the community")
    expect(page.get_by_role("searchbox", name="Search the community")).to_be_focused()


def test_the_header_box_fits_on_wide_screens(page, community_content):
    for width in (1280, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        box = page.get_by_role("searchbox", name="Search the community")
        expect(box).to_be_visible()
        assert box.bounding_box()["width"] >= 160
        assert page.evaluate("document.documentElement.scrollWidth") <= width
