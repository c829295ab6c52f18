"""The search page: results with marked matches, filters as links with their counts, an empty
state that offers to ask, both languages, bad input, what each role sees, and its cost."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from wagtail.models import Locale

from community.models import ModerationState
from community.questions.models import Answer, Question, QuestionStatus
from community.site_setup import translate_page
from ideas.models import Comment, Idea
from reviews.models import Review
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    product_page,
    proposed_idea,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "staff",
    "moderator",
    "product_team_member",
]


def page_of(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(elements, html):
    return [text for _attrs, text in elements(html, "h3", class_="search-result__title")]


def facet_links(elements, html, facet):
    """(label with count, href) of the values of one filter."""
    section = html.split(f'id="facet-{facet}"', 1)[1].split("</section>", 1)[0]
    return [(text, attrs["href"]) for attrs, text in elements(section, "a")]


@pytest.fixture
def content(products, reindex):
    """A little of everything about descaling, indexed."""
    aurora, brume = products["aurora"], products["brume"]
    solved = QuestionFactory(
        product=aurora, topic=None, title="How often should I descale the Aurora?"
    )
    Question.objects.filter(pk=solved.pk).update(status=QuestionStatus.SOLVED)
    made = {
        "solved": solved,
        "open": QuestionFactory(title="Descaling with vinegar: safe?"),
        "review": ReviewFactory(product=brume, rating=5, title="Descaling takes a minute"),
        "idea": proposed_idea(title="Descaling reminder on the display", product=aurora),
    }
    reindex()
    return made


def test_the_header_has_a_search_box_on_every_page(client, site_pages, elements):
    for path in ("/", "/questions/", "/ideas/", "/products/"):
        html = client.get(path).content.decode()
        [(form, _text)] = elements(html, "form", class_="site-search")
        assert form["action"] == "/search/" and form["role"] == "search"
        [(field, _text)] = elements(html, "input", id="site-search-query")
        assert field["name"] == "q"
        labels = [
            text for attrs, text in elements(html, "label") if attrs.get("for") == field["id"]
        ]
        assert labels == ["Search the community"]

    french = client.get("/fr/questions/").content.decode()
    [(form, _text)] = elements(french, "form", class_="site-search")
    assert form["action"] == "/fr/search/"


def test_without_a_query_the_page_invites_a_search(client, site_pages, elements):
    html = page_of(client)

    [(_attrs, heading)] = elements(html, "h1")
    assert heading == "Search the community"
    assert not elements(html, "ol", class_="search-results__list")
    [(field, _text)] = elements(html, "input", id="search-query")
    assert "autofocus" in field


def test_results_show_their_kind_marked_matches_and_a_link(client, content, elements):
    html = page_of(client, q="descaling")

    assert "4 results" in html
    titles = result_titles(elements, html)
    assert "How often should I descale the Aurora?" in titles
    assert "Descaling <mark>" not in html
    assert "<mark>Descaling</mark> with vinegar: safe?" in html
    links = [attrs["href"] for attrs, _text in elements(html, "a")]
    assert content["solved"].get_absolute_url() in links
    assert content["idea"].get_absolute_url() in links
    review = content["review"]
    assert f"/products/brume-kettle/?review={review.pk}#review-{review.pk}" in links
    [(field, _text)] = elements(html, "input", id="search-query")
    assert field["value"] == "descaling"


def test_filters_are_links_with_counts_that_narrow_the_results(client, content, elements):
    html = page_of(client, q="descaling")

    kinds = facet_links(elements, html, "kind")
    assert [label for label, _href in kinds] == [
        "Question 2 results",
        "Idea 1 result",
        "Review 1 result",
    ]
    question_href = dict(kinds)["Question 2 results"]
    assert parse_qs(urlsplit(question_href).query) == {"q": ["descaling"], "kind": ["question"]}

    narrowed = page_of(client, q="descaling", kind="question")
    assert "2 results" in narrowed
    assert set(result_titles(elements, narrowed)) == {
        "How often should I descale the Aurora?",
        "Descaling with vinegar: safe?",
    }
    statuses = [label for label, _href in facet_links(elements, narrowed, "status")]
    assert statuses == ["Open 1 result", "Solved 1 result"]
    # The chosen value is marked and its link takes the filter off again.
    [(attrs, _text)] = [
        (attrs, text) for attrs, text in elements(narrowed, "a") if attrs.get("aria-current")
    ]
    assert parse_qs(urlsplit(attrs["href"]).query) == {"q": ["descaling"]}


def test_rating_status_product_and_date_filters_work_together(client, content, products, elements):
    aurora = products["aurora"]
    html = page_of(client, q="descaling", product=aurora.pk)
    assert "2 results" in html
    products_facet = facet_links(elements, html, "product")
    assert ("Selected: Aurora espresso machine 2 results", "?q=descaling") in products_facet

    five = page_of(client, q="descaling", rating=5)
    assert result_titles(elements, five) == ["Descaling takes a minute"]

    solved = page_of(client, q="descaling", status="question-solved", date="week")
    assert result_titles(elements, solved) == ["How often should I descale the Aurora?"]
    chips = [text for _attrs, text in elements(solved, "a", class_="search-active__chip")]
    assert chips == [
        "Status: Solved × — remove this filter",
        "Date: Past week × — remove this filter",
    ]


def test_the_product_filter_lists_the_products_with_most_results_and_links_to_the_rest(
    client, products, reindex, elements
):
    catalogue = products["aurora"].get_parent()
    counts = {}
    for number in range(1, 13):
        product = product_page(catalogue, f"Grinder model {number:02}")
        counts[product.pk] = number
        for copy in range(number):
            QuestionFactory(product=product, topic=None, title=f"Burr grinder jam {copy}")
    reindex()
    by_results = sorted(counts, key=lambda pk: -counts[pk])

    html = page_of(client, q="burr")

    labels = [label for label, _href in facet_links(elements, html, "product")]
    assert labels[:3] == [
        "Grinder model 12 12 results",
        "Grinder model 11 11 results",
        "Grinder model 10 10 results",
    ]
    assert len(labels) == 10 + 1  # ten products, then the link to the others
    assert labels[-1] == "Show 2 more products"
    [(more, _text)] = elements(html, "a", class_="more-link")
    assert parse_qs(urlsplit(more["href"]).query) == {"q": ["burr"], "all_products": ["1"]}

    every_one = page_of(client, q="burr", all_products=1)
    labels = [label for label, _href in facet_links(elements, every_one, "product")]
    assert labels[10:] == [
        "Grinder model 02 2 results",
        "Grinder model 01 1 result",
        "Show fewer products",
    ]

    # A product chosen from the long list stays listed, and selected, in the short one.
    least = by_results[-1]
    chosen = page_of(client, q="burr", product=least)
    labels = [label for label, _href in facet_links(elements, chosen, "product")]
    assert "Selected: Grinder model 01 1 result" in labels
    assert "1 result" in chosen


def test_the_page_works_without_javascript(client, content, elements):
    """The filters are plain links and the form is a GET form: nothing needs a script."""
    html = page_of(client, q="descaling")

    [(form, _text)] = elements(html, "form", class_="search-form")
    assert form["method"] == "get" and form["action"] == "/search/"
    [(details, _text)] = elements(html, "details", class_="search-filters")
    assert "open" in details


def test_pages_of_results_keep_the_query_and_filters(client, products, reindex, elements):
    for number in range(25):
        QuestionFactory(title=f"Grinder question number {number}")
    reindex()

    first = page_of(client, q="grinder", kind="question")
    [(next_link, _text)] = elements(first, "a", rel="next")
    assert parse_qs(urlsplit(next_link["href"]).query) == {
        "q": ["grinder"],
        "kind": ["question"],
        "page": ["2"],
    }
    second = page_of(client, q="grinder", kind="question", page=2)
    assert len(result_titles(elements, second)) == 5
    assert "page 2 of 2" in second


def test_nothing_found_offers_to_ask_or_to_suggest_an_idea(client, content, elements):
    html = page_of(client, q="unobtainium flux capacitor")

    assert "0 results" in html
    assert "Nothing found for “unobtainium flux capacitor”" in html
    links = {text: attrs["href"] for attrs, text in elements(html, "a")}
    assert links["Ask a question"] == "/questions/ask/?title=unobtainium%20flux%20capacitor"
    assert links["Suggest an idea"] == "/ideas/new/"


def test_when_no_result_has_every_word_those_with_some_are_shown(client, content, elements):
    html = page_of(client, q="descaling unicorn")

    assert "No result has all of your words; these have some of them." in html
    assert len(result_titles(elements, html)) == 4


def test_the_french_page_links_to_french_addresses(client, content, products, reindex, elements):
    aurora = products["aurora"]
    translate_page(
        aurora,
        Locale.objects.get(language_code="fr"),
        {"title": "Machine à espresso Aurora", "slug": "machine-espresso-aurora"},
    )
    reindex()

    html = client.get("/fr/search/", {"q": "aurora"}).content.decode()

    assert '<html lang="fr">' in html
    links = [attrs["href"] for attrs, _text in elements(html, "a")]
    assert f"/fr/questions/{content['solved'].pk}/{content['solved'].slug}/" in links
    assert "/fr/products/machine-espresso-aurora/" in links
    assert "/products/aurora-espresso-machine/" not in links
    product_labels = [label for label, _href in facet_links(elements, html, "product")]
    assert product_labels[0].startswith("Machine à espresso Aurora")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "descaling " * 1000},
        {"q": "descaling", "page": "abc"},
        {"q": "descaling", "page": "-3"},
        {"q": "descaling", "page": "99999999999999999999"},
        {"q": "descaling", "kind": "spaceship"},
        {"q": "descaling", "product": "not-a-number"},
        {"q": "descaling", "product": "99999999999999999999999"},
        {"q": "descaling", "rating": "11"},
        {"q": "descaling", "status": "<script>alert(1)</script>"},
        {"q": "descaling", "date": "century"},
        {"q": "descaling\x00", "kind": ["review", "idea"]},
        {"q": "' OR 1=1 --"},
        {"q": '"unbalanced'},
        {"q": "(((())))"},
        {"q": "\ue000descaling\ue001"},
        {"q": "😀 descaling 🚀"},
        {"q": "   "},
    ],
)
def test_bad_input_never_breaks_the_page(client, content, params):
    response = client.get("/search/", params)

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unknown_filter_values_are_ignored(client, content, elements):
    plain = result_titles(elements, page_of(client, q="descaling"))

    odd = page_of(client, q="descaling", kind="spaceship", rating="11", date="century")

    assert result_titles(elements, odd) == plain
    assert not elements(odd, "a", class_="search-active__chip")


def test_a_page_beyond_the_last_shows_the_last(client, content, elements):
    html = page_of(client, q="descaling", page=40)

    assert len(result_titles(elements, html)) == 4


def test_a_very_long_query_is_cut_and_still_searched(client, content, elements):
    html = page_of(client, q="descaling " + "x" * 5000)

    [(field, _text)] = elements(html, "input", id="search-query")
    assert len(field["value"]) == 200


@pytest.fixture
def hidden_things(products, staff, reindex):
    """Things nobody but their authors or staff may see, each with the word "ocelot"."""
    aurora = products["aurora"]
    idea = proposed_idea(title="Quieter pump", body="Please.")
    made = {
        "public": QuestionFactory(title="The ocelot question everyone may read"),
        "hidden_review": ReviewFactory(
            product=aurora, title="Ocelot review", moderation_state=ModerationState.HIDDEN
        ),
        "held_review": ReviewFactory(
            product=aurora, title="Ocelot held review", moderation_state=ModerationState.HELD
        ),
        "deleted_question": QuestionFactory(
            title="Ocelot deleted question", deleted_at=timezone.now()
        ),
        "idea": idea,
    }
    Comment.objects.create(
        idea=idea, author=staff, body="Internal: ocelot supplier costs.", is_internal=True
    )
    gone = proposed_idea(title="Ocelot idea deleted")
    Idea.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    question = made["public"]
    Answer.objects.create(
        question=question,
        author=MemberFactory(),
        body="A deleted answer about marmots.",
        deleted_at=timezone.now(),
    )
    reindex()
    return made


@pytest.mark.parametrize("role", ROLES)
def test_hidden_deleted_content_and_internal_notes_are_absent_for_every_role(
    login, request, hidden_things, elements, role
):
    client = login(request.getfixturevalue(role))

    html = client.get("/search/", {"q": "ocelot"}).content.decode()

    assert result_titles(elements, html) == ["The ocelot question everyone may read"]
    assert "supplier" not in html
    assert "1 result" in html
    assert "0 results" in client.get("/search/", {"q": "marmots"}).content.decode()
    assert "0 results" in client.get("/search/", {"q": "supplier"}).content.decode()


def test_a_result_hidden_after_it_was_indexed_is_not_shown(client, content, elements):
    Review.objects.filter(pk=content["review"].pk).update(moderation_state=ModerationState.HIDDEN)

    html = page_of(client, q="descaling", kind="review")

    assert result_titles(elements, html) == []


# --- Cost: a fixed number of queries whatever the number of matches -------------------------


def _walnut_anchors(products):
    """One of each kind with "walnut" in its title: they rank first, so every page of results
    shows all four kinds."""
    aurora, brume = products["aurora"], products["brume"]
    QuestionFactory(product=aurora, topic=None, title="Walnut finish for the handle?")
    ReviewFactory(product=brume, title="Walnut handle is lovely")
    proposed_idea(MemberFactory(), title="Walnut edition", product=aurora)
    product_page(aurora.get_parent(), "Walnut grinder", tagline="Wood and steel")


def _walnut_content(products, count):
    """`count` more of each kind with "walnut" in the text only."""
    aurora, brume = products["aurora"], products["brume"]
    author = MemberFactory()
    for number in range(count):
        QuestionFactory(title=f"Handle question {number}", body="It is walnut, I think.")
        ReviewFactory(
            product=aurora if number % 2 else brume,
            title=f"Review {number}",
            text="Walnut-coloured.",
            author=MemberFactory(),
        )
        proposed_idea(author, title=f"Idea {number} for wood", body="Walnut please.")


@pytest.mark.parametrize("role", ["visitor", "member", "staff"])
def test_the_page_costs_the_same_with_few_and_many_matches(login, request, products, reindex, role):
    client = login(request.getfixturevalue(role))
    _walnut_anchors(products)
    _walnut_content(products, 2)
    reindex()
    few = {
        kind: queries_for(client.get, "/search/", {"q": "walnut", "kind": kind})
        for kind in ("", "question", "review", "idea", "product")
    }

    _walnut_content(products, 30)
    reindex()
    many = {
        kind: queries_for(client.get, "/search/", {"q": "walnut", "kind": kind})
        for kind in ("", "question", "review", "idea", "product")
    }

    assert many == few


def test_the_page_says_when_a_word_is_too_common_to_count_every_match(client, content, monkeypatch):
    from search.engines import DatabaseEngine

    monkeypatch.setattr(DatabaseEngine, "max_matches", 2)

    html = page_of(client, q="descaling")

    assert "More than 2 results" in html
    assert "only the most recent are ranked and counted" in html
