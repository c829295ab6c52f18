"""The "my data" page: every section with its count and latest items, at a fixed cost."""

import pytest

from community import personal_data
from community.questions import services as questions
from ideas import services as ideas
from tests.factories import MemberFactory, QuestionFactory, ReviewFactory, product_page
from tests.queries import queries_for

from .helpers import MARKERS, OTHERS_EMAILS, VOTER_NAME, build_everything

pytestmark = pytest.mark.django_db

PATH = "/accounts/data/"


def test_the_page_shows_every_section_with_its_explanation_and_count(client, site_pages):
    everything = build_everything(site_pages)
    client.force_login(everything.member)

    response = client.get(PATH)

    assert response.status_code == 200
    page = response.content.decode()
    for section in personal_data.sections():
        assert f'data-section="{section.key}"' in page
        assert str(section.explanation).replace("'", "&#x27;") in page
    assert 'data-testid="count-reviews">1<' in page
    assert 'data-testid="count-ideas">1<' in page
    assert "quillon@example.org" in page
    assert "2026-01" in page, "the guidelines version accepted"


def test_the_page_lists_the_latest_items_linking_to_where_public_ones_live(
    client, site_pages, elements
):
    everything = build_everything(site_pages)
    client.force_login(everything.member)

    page = client.get(PATH).content.decode()

    links = {text: attrs["href"] for attrs, text in elements(page, "a")}
    assert links[MARKERS["questions"]] == everything.things["question"].get_absolute_url()
    assert links[MARKERS["ideas"]] == everything.things["idea"].get_absolute_url()
    assert MARKERS["reports"][:20] not in links, "reports are private: no link"
    for email in OTHERS_EMAILS:
        assert email not in page
    assert VOTER_NAME not in page


def test_the_page_says_how_many_more_are_in_the_download(client, site_pages):
    member = MemberFactory()
    for _ in range(7):
        QuestionFactory(author=member)
    client.force_login(member)

    page = client.get(PATH).content.decode()

    assert 'data-testid="count-questions">7<' in page
    assert "And 2 more, in your download." in page


def make_contributions(member, product, count, *, start=0):
    other = MemberFactory()
    for number in range(start, start + count):
        question = questions.question_ask(
            member, title=f"Question number {number} here", body="Body.", product=product
        )
        answer = questions.answer_create(other, question, body="An answer.")
        questions.answer_vote_set(member, answer, on=True)
        questions.reply_create(member, answer, body="A reply.")
        idea = ideas.idea_propose(member, title=f"Idea number {number}", body="Body.")
        ideas.comment_create(other, idea, body="A comment.")
        ReviewFactory(author=member, product=product_page(product.get_parent(), f"P{number}"))


def test_the_page_costs_the_same_number_of_queries_whatever_the_member_wrote(client, site_pages):
    product = product_page(site_pages.catalogue["en"], "Queries machine")
    member = MemberFactory()
    client.force_login(member)
    make_contributions(member, product, 1)
    few = queries_for(client.get, PATH)

    make_contributions(member, product, 6, start=1)
    many = queries_for(client.get, PATH)

    assert many == few
    assert few < 100
