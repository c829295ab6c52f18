"""The questions list deep into its pages, as a reader moves through it: "Next" and "Previous"
links that show every question once, in order, with the filters kept, whatever the sort."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.questions import services
from community.questions.models import Question
from tests.factories import MemberFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def listed_ids(elements, response):
    """The questions of a list page, by their number in their address."""
    return [
        int(attrs["href"].split("/")[2])
        for attrs, _text in elements(response.content, "a")
        if attrs.get("href", "").startswith("/questions/") and attrs["href"].count("/") == 4
    ]


def link(elements, response, rel):
    found = elements(response.content, "a", rel=rel)
    return found[0][0]["href"] if found else None


@pytest.fixture
def many_questions(db):
    """45 questions in one topic with ties in votes and activity, a few answered, and 5 in
    another topic that the filter leaves out."""
    topic = TopicFactory(slug="kettles")
    now = timezone.now()
    rows = QuestionFactory.create_batch(45, topic=topic)
    for number, question in enumerate(rows):
        Question.objects.filter(pk=question.pk).update(
            vote_count=number % 4,
            last_activity_at=now - timedelta(minutes=number % 7),
            created_at=now - timedelta(hours=number % 5),
        )
    for question in rows[:6]:
        services.answer_create(MemberFactory(), question, body="Try the descaling programme.")
    QuestionFactory.create_batch(5, topic=TopicFactory(slug="orders"))
    return topic


EXPECTED = {
    "active": ("-last_activity_at", "-id"),
    "newest": ("-created_at", "-id"),
    "votes": ("-vote_count", "-last_activity_at", "-id"),
}


@pytest.mark.parametrize("sort", list(EXPECTED))
def test_next_links_show_every_question_once_in_order_with_the_filter_kept(
    client, elements, many_questions, sort
):
    expected = list(
        Question.objects.filter(topic=many_questions)
        .order_by(*EXPECTED[sort])
        .values_list("pk", flat=True)
    )
    url = f"/questions/?topic=kettles&sort={sort}"
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(listed_ids(elements, response))
        url = link(elements, response, "next")
        if url:
            assert url.startswith(f"/questions/?topic=kettles&sort={sort}&after=")

    assert [len(page) for page in pages] == [20, 20, 5]
    assert [pk for page in pages for pk in page] == expected


def test_previous_links_from_the_last_page_lead_back_through_the_same_pages(
    client, elements, many_questions
):
    url = "/questions/?topic=kettles&sort=votes"
    forward = []
    while url:
        response = client.get(url)
        forward.append(listed_ids(elements, response))
        last, url = response, link(elements, response, "next")

    back = [forward[-1]]
    url = link(elements, last, "prev")
    while url:
        response = client.get(url)
        back.append(listed_ids(elements, response))
        url = link(elements, response, "prev")

    assert back[::-1] == forward


def test_the_pages_are_a_labelled_navigation_and_deep_pages_are_not_indexed(
    client, elements, many_questions
):
    first = client.get("/questions/?topic=kettles")
    second = client.get(link(elements, first, "next"))

    (nav,) = elements(second.content, "nav", class_="pagination")
    assert nav[0]["aria-label"] == "Pages of questions"
    assert link(elements, second, "prev")
    assert elements(second.content, "a", href="/questions/?topic=kettles")
    assert not elements(first.content, "a", rel="prev")
    assert b'name="robots" content="noindex, follow"' in second.content


@pytest.mark.parametrize(
    "query", ["after=nonsense", "before=forged%3Avalue", "after=", "page=3", "page=abc"]
)
def test_a_bad_cursor_or_an_old_page_number_shows_the_first_page(
    client, elements, many_questions, query
):
    first = client.get("/questions/?topic=kettles")

    response = client.get(f"/questions/?topic=kettles&{query}")

    assert response.status_code == 200
    assert listed_ids(elements, response) == listed_ids(elements, first)
    assert not elements(response.content, "a", rel="prev")


def test_the_product_filter_offers_the_products_with_the_most_questions_and_all_on_request(
    client, elements, site_pages, monkeypatch
):
    from tests.factories import product_page

    monkeypatch.setattr("community.products.PRODUCT_FILTER_TOP", 2)
    catalogue = site_pages.catalogue["en"]
    for title, questions in (("Zest grinder", 3), ("Brume kettle", 2), ("Aero frother", 1)):
        QuestionFactory.create_batch(questions, product=product_page(catalogue, title), topic=None)
    quiet = product_page(catalogue, "Calm scale")

    def product_filter(response):
        html = response.content.decode()
        start = html.index('<select id="questions-product"')
        select = html[start : html.index("</select>", start)]
        links = [(a["href"], text) for a, text in elements(html, "a", class_="more-link")]
        return [text for _a, text in elements(select, "option")], links

    assert product_filter(client.get("/questions/", {"status": "unanswered"})) == (
        ["All products", "Brume kettle", "Zest grinder"],
        [("?status=unanswered&all_products=1", "List 2 more products")],
    )
    assert product_filter(client.get("/questions/", {"all_products": "1"})) == (
        ["All products", "Aero frother", "Brume kettle", "Calm scale", "Zest grinder"],
        [],
    )
    chosen = client.get("/questions/", {"product": quiet.pk})
    assert product_filter(chosen)[0] == [
        "All products",
        "Brume kettle",
        "Calm scale",
        "Zest grinder",
    ]
    assert [text for _a, text in elements(chosen.content, "h1")] == ["Questions about Calm scale"]
