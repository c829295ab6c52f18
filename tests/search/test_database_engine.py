"""The database engine, live on SQLite (and on PostgreSQL when DATABASE_URL points at it):
ranking, accents, stemming, filters and their counts, what is left out, highlighting."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Locale

from community.models import ModerationState
from community.questions.models import Answer, Question, QuestionStatus
from community.site_setup import translate_page
from ideas.models import Comment, Idea
from ideas.services import idea_merge
from search.engines.base import MATCH_ANY, SearchRequest
from search.services import find
from tests.conftest import postgres_only
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    idea_status,
    product_page,
    proposed_idea,
)
from tests.search.conftest import keys

pytestmark = pytest.mark.django_db


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(products, reindex, db_search):
    in_title = QuestionFactory(title="Which burr grinder suits a beginner?", body="Any advice.")
    in_text = QuestionFactory(
        title="Advice for a first coffee set-up", body="I also need a burr grinder for it."
    )
    reindex()

    results = db_search("grinder")

    assert keys(results) == [("question", in_title.pk), ("question", in_text.pk)]


@pytest.mark.parametrize("query", ["theatre", "THÉÂTRE", "Théatre"])
def test_accents_and_case_are_ignored(products, reindex, db_search, query):
    question = QuestionFactory(title="Coffee for the théâtre interval", body="A big urn.")
    reindex()

    assert keys(db_search(query)) == [("question", question.pk)]


def test_words_without_accents_in_the_text_are_found_by_accented_queries(
    products, reindex, db_search
):
    question = QuestionFactory(title="Cafe opening hours near the theatre", body="Opening.")
    reindex()

    assert keys(db_search("café théâtre")) == [("question", question.pk)]


@postgres_only
def test_french_words_are_stemmed_on_postgresql(products, reindex, db_search):
    question = QuestionFactory(title="Les journaux parlent de la machine", body="Vraiment.")
    reindex()

    assert keys(db_search("journal")) == [("question", question.pk)]


@postgres_only
def test_english_words_are_stemmed_on_postgresql(products, reindex, db_search):
    question = QuestionFactory(title="The pump keeps running at night", body="Noisy.")
    reindex()

    assert keys(db_search("run")) == [("question", question.pk)]


def test_plural_and_singular_find_each_other(products, reindex, db_search):
    question = QuestionFactory(title="Kettles that switch off too early", body="Both of them.")
    reindex()

    assert keys(db_search("kettle", kind="question")) == [("question", question.pk)]


def test_every_word_is_needed_and_the_service_loosens_when_none_has_them_all(
    products, reindex, db_search
):
    both = QuestionFactory(title="Descaling the steam wand", body="Vinegar?")
    one = QuestionFactory(title="Cleaning the steam nozzle", body="Brush?")
    reindex()

    assert keys(db_search("steam wand")) == [("question", both.pk)]
    assert keys(db_search("steam wand", match=MATCH_ANY))[0] == ("question", both.pk)
    assert ("question", one.pk) in keys(db_search("steam wand", match=MATCH_ANY))
    results, loose = find(SearchRequest(text="steam tornado", language="en"))
    assert loose is True
    assert set(keys(results)) == {("question", both.pk), ("question", one.pk)}


def test_solved_questions_and_well_voted_ideas_are_lifted(products, reindex, db_search):
    open_one = QuestionFactory(title="Milk frother stops after ten seconds", body="Why?")
    solved = QuestionFactory(title="Milk frother stops after ten seconds", body="Why?")
    Question.objects.filter(pk=solved.pk).update(status=QuestionStatus.SOLVED)
    quiet = proposed_idea(title="Milk frother with a longer cycle", body="Longer please.")
    popular = proposed_idea(title="Milk frother with a longer cycle", body="Longer please.")
    Idea.objects.filter(pk=popular.pk).update(vote_count=60)
    reindex()

    assert keys(db_search("frother", kind="question")) == [
        ("question", solved.pk),
        ("question", open_one.pk),
    ]
    assert keys(db_search("frother", kind="idea")) == [("idea", popular.pk), ("idea", quiet.pk)]


@pytest.fixture
def catalogue_content(products):
    """Reviews, questions, ideas and pages that all mention "descaling"."""
    aurora, brume = products["aurora"], products["brume"]
    with time_machine.travel(datetime(2020, 3, 1, 12, tzinfo=UTC), tick=False):
        old_review = ReviewFactory(product=aurora, rating=2, title="Descaling every week")
    content = {
        "old_review": old_review,
        "five": ReviewFactory(product=aurora, rating=5, title="Descaling is quick"),
        "four": ReviewFactory(product=brume, rating=4, title="Descaling made simple"),
        "solved": QuestionFactory(
            product=aurora, topic=None, title="Descaling programme on the Aurora?"
        ),
        "open": QuestionFactory(title="Which descaling product do you use?"),
        "idea": proposed_idea(title="Remind me about descaling", product=brume),
    }
    Idea.objects.filter(pk=content["idea"].pk).update(status=idea_status("planned"))
    Question.objects.filter(pk=content["solved"].pk).update(status=QuestionStatus.SOLVED)
    return content


def test_counts_are_given_for_every_filter_value(catalogue_content, products, reindex, db_search):
    aurora, brume = products["aurora"], products["brume"]
    reindex()

    results = db_search("descaling")

    assert results.total == 6
    assert results.facets["kind"] == {"review": 3, "question": 2, "idea": 1}
    assert results.facets["product"] == {str(aurora.pk): 3, str(brume.pk): 2}
    assert results.facets["rating"] == {"2": 1, "4": 1, "5": 1}
    assert results.facets["status"] == {
        "question-solved": 1,
        "question-open": 1,
        "idea-planned": 1,
    }
    assert results.facets["date"] == {"week": 5, "month": 5, "year": 5}


def test_each_filter_narrows_the_results_and_the_other_filters_counts(
    catalogue_content, products, reindex, db_search
):
    aurora = products["aurora"]
    reindex()

    reviews = db_search("descaling", kind="review")
    assert reviews.total == 3
    assert {kind for kind, _pk in keys(reviews)} == {"review"}
    # A filter's own values keep their counts, so that a reader can switch to another one.
    assert reviews.facets["kind"] == {"review": 3, "question": 2, "idea": 1}
    assert reviews.facets["status"] == {}

    on_aurora = db_search("descaling", product=aurora.pk)
    assert on_aurora.total == 3
    assert on_aurora.facets["kind"] == {"review": 2, "question": 1}

    five_stars = db_search("descaling", rating=5)
    assert keys(five_stars) == [("review", catalogue_content["five"].pk)]

    solved = db_search("descaling", status="question-solved")
    assert keys(solved) == [("question", catalogue_content["solved"].pk)]

    planned = db_search("descaling", status="idea-planned")
    assert keys(planned) == [("idea", catalogue_content["idea"].pk)]

    this_week = db_search("descaling", date="week", kind="review")
    assert ("review", catalogue_content["old_review"].pk) not in keys(this_week)
    assert this_week.total == 2


def test_unknown_filter_values_find_nothing_without_failing(catalogue_content, reindex, db_search):
    reindex()

    assert db_search("descaling", product=987654).total == 0
    assert db_search("descaling", status="idea-no-such-status").total == 0
    assert db_search("descaling", kind="nothing").total == 0


def test_pages_follow_the_ranking(products, reindex, db_search):
    for number in range(25):
        QuestionFactory(title=f"Grinder question number {number}")
    reindex()

    first = db_search("grinder", per_page=20)
    second = db_search("grinder", per_page=20, page=2)
    beyond = db_search("grinder", per_page=20, page=3)

    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert not set(keys(first)) & set(keys(second))
    assert beyond.hits == [] and beyond.total == 25


def test_hidden_deleted_merged_and_unpublished_content_is_not_indexed(
    products, staff, reindex, db_search
):
    aurora = products["aurora"]
    hidden = ReviewFactory(
        product=aurora, title="Zebrawood handle", moderation_state=ModerationState.HIDDEN
    )
    held = ReviewFactory(
        product=aurora, title="Zebrawood grip", moderation_state=ModerationState.HELD
    )
    deleted = QuestionFactory(title="Zebrawood question", deleted_at=timezone.now())
    gone = proposed_idea(title="Zebrawood idea one")
    Idea.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    kept = proposed_idea(title="Zebrawood idea kept")
    duplicate = proposed_idea(title="Zebrawood idea duplicate")
    idea_merge(staff, duplicate, kept, notify_people=False)
    draft = product_page(aurora.get_parent(), "Zebrawood edition")
    draft.unpublish()
    reindex()

    found = keys(db_search("zebrawood"))

    assert found == [("idea", kept.pk)]
    for absent in (hidden, held):
        assert ("review", absent.pk) not in found
    assert ("question", deleted.pk) not in found
    assert ("idea", duplicate.pk) not in found
    assert ("product", draft.pk) not in found


def test_internal_notes_are_never_indexed_but_public_comments_are(
    products, staff, reindex, db_search
):
    idea = proposed_idea(title="Bigger water tank")
    Comment.objects.create(
        idea=idea, author=staff, body="Supplier quoted quokka pricing.", is_internal=True
    )
    Comment.objects.create(idea=idea, author=MemberFactory(), body="A wombat-sized tank!")
    reindex()

    assert db_search("quokka").total == 0
    assert keys(db_search("wombat")) == [("idea", idea.pk)]


def test_public_answers_are_part_of_their_question(products, reindex, db_search):
    question = QuestionFactory(title="The machine beeps three times")
    Answer.objects.create(question=question, author=MemberFactory(), body="Press capybara.")
    Answer.objects.create(
        question=question, author=MemberFactory(), body="Or ocelot.", deleted_at=timezone.now()
    )
    reindex()

    assert keys(db_search("capybara")) == [("question", question.pk)]
    assert db_search("ocelot").total == 0


def test_product_pages_are_found_in_the_readers_language(products, reindex, db_search):
    aurora = products["aurora"]
    french = translate_page(
        aurora,
        Locale.objects.get(language_code="fr"),
        {"title": "Machine à espresso Aurora", "slug": "machine-espresso-aurora"},
    )
    reindex()

    assert keys(db_search("aurora", language="en", kind="product")) == [("product", aurora.pk)]
    in_french = db_search("aurora", language="fr", kind="product")
    assert keys(in_french) == [("product", french.pk)]
    # Both pages belong to the same product: the one the filter names.
    assert in_french.facets["product"] == {str(aurora.pk): 1}


def test_matches_are_marked_in_escaped_text(products, reindex, db_search):
    QuestionFactory(
        title="<script>alert(1)</script> kettle whistle",
        body="The <b>kettle</b> & the whistle.",
    )
    reindex()

    hit = db_search("kettle", kind="question").hits[0]

    assert "<script>" not in hit.title
    assert hit.title == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>kettle</mark> whistle"
    assert "&lt;b&gt;<mark>kettle</mark>&lt;/b&gt; &amp;" in hit.excerpt


def test_queries_of_odd_characters_find_nothing_and_do_not_fail(products, reindex, db_search):
    QuestionFactory(title="A normal question about the toaster")
    reindex()

    for query in ['"', "AND OR NOT", "NEAR(toaster)", "'; DROP TABLE", "^$%", "\\", "\x00"]:
        db_search(query)
    assert db_search('"toaster"').total == 1
    assert db_search("toaster*").total == 1
    assert db_search("-toaster").total == 1


def test_documents_older_than_a_year_only_count_without_a_date_filter(products, reindex, db_search):
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        QuestionFactory(title="Ancient walrus question")
    reindex()

    results = db_search("walrus")
    assert results.total == 1
    assert results.facets["date"] == {}
    assert db_search("walrus", date="year").total == 0


def test_a_word_in_too_many_documents_is_answered_from_the_most_recent(
    products, reindex, db_search, monkeypatch
):
    from search.engines import DatabaseEngine

    monkeypatch.setattr(DatabaseEngine, "max_matches", 5)
    questions = [QuestionFactory(title=f"Grinder question {n}") for n in range(8)]
    reindex()

    results = db_search("grinder", kind="question")

    assert results.capped is True
    assert results.total == 5
    assert {pk for _kind, pk in keys(results)} == {q.pk for q in questions[-5:]}
    assert db_search("question 3", kind="question").capped is False
