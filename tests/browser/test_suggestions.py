"""Suggestions while a title is typed, in a real browser: a member asks a question said another
way and the question already asked shows, an unrelated title shows nothing; the same on the
idea form, where an idea sharing only "let me" stays out; and once in French. axe checks each
page with its suggestions showing."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from community.questions import services as question_services
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in
from tests.factories import MemberFactory, product_page, proposed_idea

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def type_title(page, text):
    """Type a title as a person does, and wait for the suggestions asked for the whole of it."""
    title = page.locator("input[name=title]")
    title.fill("")

    def for_the_whole_title(response):
        return "/similar/" in response.url and f"q={text}" in unquote(response.url)

    with page.expect_response(for_the_whole_title):
        title.press_sequentially(text, delay=20)


def test_a_title_said_another_way_finds_what_was_written_and_an_unrelated_one_finds_nothing(
    page, site_pages
):
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    someone = MemberFactory()
    for title, body in (
        ("How do I turn off the descale reminder?", "It shows every week."),
        ("Descaling light stays on after the cycle", "The orange light blinks."),
        ("Aurora grinder makes a loud rattling noise", "Since yesterday."),
        ("Le voyant de détartrage reste allumé", "Même après le cycle complet."),
    ):
        question_services.question_ask(someone, title=title, body=body, product=product)
    proposed_idea(someone, title="Remind me to descale the machine", body="A message on my phone.")
    proposed_idea(someone, title="Let me choose the cup size", body="Espresso or lungo.")
    member = MemberFactory(display_name="Nadia Novice")

    # Asking: "descaling reminders" finds the question about the descale reminder, alone.
    log_in(page, member, next_url="/questions/ask/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    type_title(page, "Descaling reminders keep popping up")
    questions = page.locator("#similar-questions")
    expect(questions.get_by_role("link")).to_have_text(["How do I turn off the descale reminder?"])
    assert_no_serious_violations(page)

    # A title about something nobody asked shows nothing, rather than the Aurora questions.
    type_title(page, "Aurora will not switch on after a power cut")
    expect(questions.get_by_role("link")).to_have_count(0)

    # Proposing an idea: "reminder" finds "remind"; the idea that shares "let me" stays out.
    page.goto("/ideas/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose an idea")
    type_title(page, "Let me get a reminder when descaling is due")
    ideas = page.locator("#similar-ideas")
    expect(ideas).to_be_visible()
    expect(ideas.get_by_role("link")).to_have_text(["Remind me to descale the machine"])
    assert_no_serious_violations(page)
    type_title(page, "Let me share my recipes with friends")
    expect(ideas).to_be_hidden()

    # In French: the descaling light "always on" finds the one that "stays on".
    page.goto("/fr/questions/ask/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Poser une question")
    type_title(page, "Voyant du détartrage toujours allumé")
    expect(questions.get_by_role("link")).to_have_text(["Le voyant de détartrage reste allumé"])
    assert_no_serious_violations(page)
    type_title(page, "Livraison en Belgique possible")
    expect(questions.get_by_role("link")).to_have_count(0)
