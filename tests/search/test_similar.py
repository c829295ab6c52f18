"""Similar questions and ideas while a title is typed go through the search app's interface:
the database's text ranking here (more-like-this on Elasticsearch: tests/search/
test_elasticsearch.py), and only what the public may see."""

import pytest
from django.utils import timezone

from community.questions.models import Question
from community.questions.selectors import similar_questions
from community.similar import similar
from ideas.selectors import similar_ideas
from search import services
from tests.factories import QuestionFactory, proposed_idea

pytestmark = pytest.mark.django_db


def test_suggestions_go_through_the_engine_in_use(products, monkeypatch):
    asked = []
    original = services.database_engine

    def recording_engine():
        engine = original()
        real = engine.similar

        def similar_recorded(queryset, text, *, limit):
            asked.append((queryset.model.__name__, text))
            return real(queryset, text, limit=limit)

        engine.similar = similar_recorded
        return engine

    monkeypatch.setattr(services, "database_engine", recording_engine)
    question = QuestionFactory(title="How do I descale the Aurora machine?")

    assert similar_questions("descale the Aurora") == [question]
    assert asked == [("Question", "descale the Aurora")]


def test_the_best_match_comes_first(products):
    close = QuestionFactory(title="Descale the Aurora espresso machine")
    loose = QuestionFactory(title="Aurora milk frother noise")

    found = similar(Question.objects.all(), "descale aurora espresso")

    assert found[0] == close
    assert loose in found


def test_content_the_public_may_not_see_is_never_suggested(products):
    public = QuestionFactory(title="Descale the Aurora espresso machine")
    QuestionFactory(title="Descale the Aurora espresso machine again", deleted_at=timezone.now())

    assert similar(Question.objects.all(), "descale aurora espresso") == [public]


def test_similar_ideas_use_the_same_interface(products):
    idea = proposed_idea(title="Start the machine on a timer")

    assert similar_ideas("timer to start the machine") == [idea]


def test_a_title_too_short_suggests_nothing(products):
    QuestionFactory(title="Descale the Aurora espresso machine")

    assert similar(Question.objects.all(), "a b") == []
    assert similar(Question.objects.all(), "") == []
