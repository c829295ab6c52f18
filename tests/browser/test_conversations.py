"""A person to talk to, in a real browser: a member asks for a person from their question, the
member of staff who looks after it answers privately, asks to post a summary, the member agrees,
the summary appears on the question under the staff member's name, and the service figures count
the promise as kept. axe checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from community.conversations.models import Conversation
from community.models import ResponsePromise
from community.questions import services
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff_page(browser, live_server):
    """A second tab, in its own browser session, for the member of staff: they sign in once
    (their authenticator code cannot be used twice)."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_member_talks_privately_to_the_owner_who_posts_an_agreed_summary(
    page, staff_page, site_pages, staff
):
    ResponsePromise.objects.get_or_create(
        product=None,
        topic=None,
        defaults={
            "length": 5,
            "unit": ResponsePromise.Unit.DAYS,
            "text_en": "A member of staff answers within 5 business days.",
        },
    )
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    asker = MemberFactory(display_name="Léa Dubois")
    question = services.question_ask(
        asker,
        title="My Aurora arrived with a cracked water tank",
        body="The tank leaks from the first use. What can I do?",
        product=product,
    )
    services.ownership_take(staff, question)
    member_page = page

    # The asker asks for a person from their question, with details they would not post.
    log_in(page, asker, next_url=question.get_absolute_url())
    panel = page.locator("#private-conversations")
    expect(panel).to_contain_text("Talk privately with a member of staff")
    assert_no_serious_violations(page)
    panel.get_by_role("link", name="Talk to a person privately").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talk to a person privately")
    expect(page.get_by_role("textbox", name="Subject")).to_have_value(f"About: {question.title}")
    owner_line = page.get_by_text("Amélie Durand (Support specialist) already looks after")
    expect(owner_line).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Send privately").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing you typed is lost.")
    expect(page.locator(".field__error")).to_have_text("Please write your message.")
    page.get_by_role("textbox", name="Your message").fill(
        "My order number is **A-1234-ZZ** and I live at 12 rue des Lilas."
    )
    page.get_by_role("button", name="Send privately").click()

    conversation = Conversation.objects.get(question=question)
    expect(page).to_have_url(re.compile(rf"{conversation.get_absolute_url()}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(conversation.subject)
    expect(page.locator("#owner")).to_contain_text("Amélie Durand")
    expect(page.locator(".conversation-message strong")).to_have_text("A-1234-ZZ")
    expect(page.locator(".conversation-clock")).to_contain_text("We promised an answer by")
    assert_no_serious_violations(page)

    # The question page tells the asker the conversation exists; nothing of it is public.
    page.goto(question.get_absolute_url())
    private = page.locator("#private-conversations")
    expect(private.get_by_role("link", name=conversation.subject)).to_be_visible()
    log_out(page)
    page.goto(question.get_absolute_url())
    expect(page.locator("#private-conversations")).to_have_count(0)
    expect(page.get_by_text("A-1234-ZZ")).to_have_count(0)

    # The owner answers privately, closes the conversation and asks to post a summary.
    page = staff_page
    log_in(page, staff, next_url=conversation.get_absolute_url())
    expect(page.locator(".conversation-message")).to_contain_text("12 rue des Lilas")
    page.get_by_role("textbox", name="Your message").fill(
        "Thank you Léa. A new tank leaves today; keep the cracked one for the courier."
    )
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".conversation-message--staff .byline__name")).to_have_text("Amélie Durand")
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Close the conversation").click()
    page.get_by_role("link", name="Ask to post a public summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to post a public summary")
    assert_no_serious_violations(page)
    summary = "A cracked tank on arrival is replaced for free: write to us and we send a new one."
    page.get_by_role("textbox", name="Public summary").fill(summary)
    page.get_by_role("button", name="Ask the member").click()
    expect(page.locator("#summary")).to_contain_text("Waiting for the member's answer.")

    # The member page for staff shows the conversation and takes a note.
    page.goto(f"/staff/members/{asker.handle}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Léa Dubois")
    expect(page.locator("#file-conversations")).to_contain_text(conversation.subject)
    expect(page.locator("#file-questions")).to_contain_text(question.title)
    page.get_by_role("textbox", name="Note").fill("Prefers to be written to in French.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator("#notes")).to_contain_text("Prefers to be written to in French.")
    assert_no_serious_violations(page)

    # The member reads the exact text and agrees; it is posted under the owner's name.
    page = member_page
    log_in(page, asker, next_url=conversation.get_absolute_url())
    request = page.locator("#summary")
    expect(request).to_contain_text("may we post this summary on the public thread?")
    expect(request.locator("blockquote")).to_have_text(summary)
    assert_no_serious_violations(page)
    request.get_by_role("button", name="Yes, post this summary").click()
    expect(page.locator(".messages")).to_contain_text("The summary is posted on the thread.")
    page.get_by_role("link", name="See it on the question").click()
    posted = page.locator("article.answer", has_text="replaced for free")
    expect(posted.locator(".byline__name")).to_have_text("Amélie Durand")
    expect(page.get_by_text("A-1234-ZZ")).to_have_count(0)
    assert_no_serious_violations(page)

    # The service figures count the promise as kept.
    page = staff_page
    page.goto("/staff/figures/")
    expect(page.locator('[data-figure="promises-kept"]')).to_contain_text("1 of 1 kept")
    assert_no_serious_violations(page)
