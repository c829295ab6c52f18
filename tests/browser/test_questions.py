"""Questions and answers in a real browser: a member asks, another answers, a member of staff
takes the question on and answers under their own name, and the asker marks that answer as the
solution; axe checks every page on the way, in English and once in French."""

import re

import pytest
from playwright.sync_api import expect

from community.questions import services
from community.questions.models import Question
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_question_is_answered_taken_on_by_staff_and_solved(page, site_pages, staff):
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    earlier = services.question_ask(
        MemberFactory(),
        title="Descaling the Aurora: which descaler?",
        body="Citric acid or something else?",
        product=product,
    )
    asker = MemberFactory(display_name="Léa Dubois")
    answerer = MemberFactory(display_name="Oliver Smith")

    # The member asks, and sees a similar question suggested while typing the title.
    log_in(page, asker, next_url="/questions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Ask a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    page.get_by_role("textbox", name="Your question").fill("How often should I descale the Aurora?")
    suggestions = page.locator("#similar-questions")
    expect(suggestions.get_by_role("link", name=earlier.title)).to_be_visible()
    page.get_by_label("What is it about?").select_option(label="Aurora espresso machine")
    page.get_by_role("textbox", name="Details").fill(
        "The machine asks every month. Our water is **hard**."
    )
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Publish my question").click()

    question = Question.objects.get(title="How often should I descale the Aurora?")
    expect(page).to_have_url(re.compile(rf"{re.escape(question.get_absolute_url())}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(question.title)
    expect(page.locator(".question .qa-body strong")).to_have_text("hard")
    expect(page.get_by_text("Waiting for an answer since")).to_be_visible()
    assert_no_serious_violations(page)
    log_out(page)

    # Another member answers.
    log_in(page, answerer, next_url=question.get_absolute_url())
    page.get_by_role("textbox", name="Your answer").fill("Every month with hard water, I think.")
    page.get_by_role("button", name="Post my answer").click()
    expect(page.locator("article.answer")).to_have_count(1)
    expect(page.locator("article.answer")).to_contain_text("Every month with hard water")
    assert_no_serious_violations(page)
    log_out(page)

    # A member of staff takes the question on and answers under their own name.
    log_in(page, staff, next_url=question.get_absolute_url())
    page.get_by_role("button", name="Take ownership").click()
    owner = page.locator("#owner")
    expect(owner).to_contain_text(
        "Amélie Durand, Support specialist, is looking after this question."
    )
    expect(owner.locator(".staff-card__name")).to_have_text("Amélie Durand")
    page.get_by_role("textbox", name="Your answer").fill(
        "Follow the reminder: it counts litres, not days. Use a citric-acid descaler."
    )
    page.get_by_role("button", name="Post my answer").click()
    staff_answer = page.locator("article.answer", has_text="it counts litres")
    expect(staff_answer.locator(".byline__name")).to_have_text("Amélie Durand")
    expect(staff_answer.locator(".byline__role")).to_contain_text("Support specialist")
    assert_no_serious_violations(page)
    log_out(page)

    # The asker sees who looks after the question and marks the staff answer as the solution.
    log_in(page, asker, next_url=question.get_absolute_url())
    expect(page.locator("#owner")).to_contain_text(
        "Amélie Durand, Support specialist, is looking after your question."
    )
    staff_answer = page.locator("article.answer", has_text="it counts litres")
    staff_answer.get_by_role("button", name=re.compile(r"^Mark as the solution")).click()
    expect(page.locator("article.answer").first).to_contain_text("it counts litres")
    expect(page.locator("article.answer").first.locator(".answer__solution")).to_have_text(
        "Solution"
    )
    expect(page.locator(".question .qa-status--solved")).to_be_visible()
    assert_no_serious_violations(page)

    # The list shows the question as solved.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    row = page.locator(".question-row", has_text=question.title)
    expect(row.locator(".qa-status--solved")).to_have_text("Solved")
    assert_no_serious_violations(page)

    # The same question in French.
    page.goto(f"/fr/questions/{question.pk}/{question.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(question.title)
    assert_no_serious_violations(page)
