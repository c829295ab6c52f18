"""Similar questions and ideas while a title is typed, on the database engine (SQLite, or
PostgreSQL with DATABASE_URL): the same thing said another way is found, through stems and
stop words of each language, and nothing that merely shares a word is suggested. Elasticsearch:
tests/search/test_elasticsearch.py; the figures on a labelled set: test_similar_quality.py."""

import pytest
from django.utils import timezone

from community.questions.models import Question, Topic
from community.questions.selectors import similar_questions
from community.similar import similar
from ideas.selectors import similar_ideas
from search import services
from search.engines import DatabaseEngine
from tests.factories import QuestionFactory, proposed_idea

pytestmark = pytest.mark.django_db


def test_another_form_of_each_word_finds_the_question(products, reindex):
    question = QuestionFactory(title="How do I turn off the descale reminder?")
    reindex()

    assert similar_questions("Descaling reminders") == [question]
    assert similar_questions("Remind me to descale") == [question]


def test_a_french_title_finds_the_question_written_with_other_forms_of_its_words(products, reindex):
    question = QuestionFactory(title="Le voyant de détartrage reste allumé", language="fr")
    reindex()

    assert similar_questions("Voyant allumé après avoir détartré") == [question]


def test_sharing_a_word_like_me_does_not_make_an_idea_similar(products, reindex):
    proposed_idea(title="Let me choose the cup size", body="Espresso and lungo differ.")
    reindex()

    assert similar_ideas("Remind me to descale") == []


def test_questions_sharing_only_a_word_are_not_suggested_after_the_right_one(products, reindex):
    right = QuestionFactory(title="Milk frother produces no foam")
    for title in (
        "Milk tank is hard to clean",
        "Frother lid cracked after a month",
        "Which milk for a flat white?",
        "Steam wand leaks water",
    ):
        QuestionFactory(title=title)
    reindex()

    assert similar_questions("Frother makes no milk foam") == [right]


def test_a_title_sharing_only_the_product_name_suggests_nothing(products, reindex):
    for title in (
        "How often should I descale the Aurora espresso machine?",
        "Aurora grinder makes a loud rattling noise",
        "Water leaking under the Aurora",
        "Aurora milk frother produces no foam",
    ):
        QuestionFactory(title=title)
    reindex()

    assert similar_questions("Which power cable for the Aurora?") == []


def test_a_question_the_list_leaves_out_neither_shows_nor_hides_the_others(products, reindex):
    edited = QuestionFactory(title="Descaling light stays on after the descaling cycle")
    close = QuestionFactory(title="Orange light on after descaling")
    reindex()

    # The question itself would match best; left out, it does not push the other one away.
    assert similar_questions(edited.title, exclude_pk=edited.pk) == [close]


def test_a_word_in_too_many_questions_does_not_crowd_out_the_rarer_ones(
    products, reindex, monkeypatch
):
    monkeypatch.setattr(DatabaseEngine, "similar_common", 3)
    monkeypatch.setattr(DatabaseEngine, "similar_newest", 2)
    wanted = QuestionFactory(title="Aurora limescale flakes")
    numbered = [QuestionFactory(title=f"Aurora question number {number}") for number in range(4)]
    reindex()

    # "aurora" is in more questions than similar_common: the candidates are found by
    # "limescale" alone, so the newest "aurora" questions do not push the older one out.
    assert similar_questions("Limescale in my Aurora") == [wanted]
    # When every word is that common, the newest questions that have one are ranked.
    assert similar_questions("Aurora question number") == [numbered[3], numbered[2]]


def test_suggestions_cost_the_same_queries_however_many_questions_there_are(
    products, reindex, django_assert_num_queries
):
    QuestionFactory(title="How do I turn off the descale reminder?")
    reindex()
    questions = Question.objects.all()
    similar(questions, "descaling reminder")  # the number of questions is kept a while

    # The words' frequencies, the candidates, the questions.
    with django_assert_num_queries(3):
        assert len(similar(questions, "descaling reminder")) == 1

    for number in range(25):
        QuestionFactory(title=f"Descaling reminder question {number}")
    reindex()

    with django_assert_num_queries(3):
        assert len(similar(questions, "descaling reminder")) == 5


def test_suggestions_go_through_the_engine_in_use(products, reindex, monkeypatch):
    asked = []
    original = services.database_engine

    def recording_engine():
        engine = original()
        real = engine.similar

        def similar_recorded(queryset, text, *, limit):
            asked.append((queryset.model.__name__, text, limit))
            return real(queryset, text, limit=limit)

        engine.similar = similar_recorded
        return engine

    monkeypatch.setattr(services, "database_engine", recording_engine)
    question = QuestionFactory(title="How do I descale the Aurora machine?")
    reindex()

    assert similar_questions("descale the Aurora") == [question]
    assert asked == [("Question", "descale the Aurora", 10)]


def test_content_the_public_may_not_see_is_never_suggested(products, reindex):
    public = QuestionFactory(title="Descale the Aurora espresso machine")
    hidden = QuestionFactory(title="Descale the Aurora espresso machine again")
    reindex()
    # Deleted after it was indexed: the index has not caught up yet.
    Question.objects.filter(pk=hidden.pk).update(deleted_at=timezone.now())

    assert similar(Question.objects.public(), "descale aurora espresso") == [public]
    assert similar_questions("descale aurora espresso") == [public]


def test_similar_ideas_use_the_same_interface(products, reindex):
    idea = proposed_idea(title="Start the machine on a timer")
    reindex()

    assert similar_ideas("timer to start the machine") == [idea]


def test_a_title_too_short_or_made_of_stop_words_suggests_nothing(products, reindex):
    QuestionFactory(title="Descale the Aurora espresso machine")
    reindex()

    assert similar(Question.objects.all(), "a b") == []
    assert similar(Question.objects.all(), "") == []
    assert similar(Question.objects.all(), "how do I do this?") == []


def test_what_the_search_does_not_index_gets_no_suggestions(products, reindex):
    Topic.objects.create(slug="descaling", name_en="Descaling", name_fr="Détartrage")

    assert similar(Topic.objects.all(), "descaling") == []


def test_the_suggestion_endpoints_cost_the_same_queries_for_one_result_or_five(
    client, products, reindex, django_assert_num_queries
):
    QuestionFactory(
        title="Descaling reminder keeps coming back", product=products["aurora"], topic=None
    )
    proposed_idea(title="Descaling reminder on my phone", product=products["aurora"])
    reindex()
    for path in ("/questions/similar/", "/ideas/similar/"):
        client.get(path, {"q": "descaling reminder"})  # the numbers of documents, kept a while

    with django_assert_num_queries(3) as one_question:
        assert (
            len(client.get("/questions/similar/", {"q": "descaling reminder"}).json()["results"])
            == 1
        )
    with django_assert_num_queries(3) as one_idea:
        assert (
            len(client.get("/ideas/similar/", {"q": "descaling reminder"}).json()["results"]) == 1
        )

    for number in range(5):
        QuestionFactory(title=f"Descaling reminder {number}", product=products["brume"], topic=None)
        proposed_idea(title=f"Descaling reminder {number}", product=products["brume"])
    reindex()

    with django_assert_num_queries(len(one_question)):
        assert (
            len(client.get("/questions/similar/", {"q": "descaling reminder"}).json()["results"])
            == 5
        )
    with django_assert_num_queries(len(one_idea)):
        assert (
            len(client.get("/ideas/similar/", {"q": "descaling reminder"}).json()["results"]) == 5
        )
