"""The ground floor's search interface answers through the backend the settings name; with
none, nothing is indexed and nothing is found."""

import pytest

from community import searching
from community.questions.models import Question
from search.backend import SearchBackend
from search.models import SearchDocument
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_the_backend_is_the_one_the_settings_name(settings):
    settings.COMMUNITY_SEARCH_BACKEND = "search.backend.SearchBackend"

    assert isinstance(searching.backend(), SearchBackend)


def test_without_a_backend_nothing_is_indexed_nor_found(
    settings, site_pages, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_SEARCH_BACKEND = ""

    with django_capture_on_commit_callbacks(execute=True):
        QuestionFactory(title="How do I descale the Aurora machine?")

    assert not SearchDocument.objects.exists()
    assert searching.similar_to(Question.objects.all(), "descale the Aurora") == []
    assert searching.rebuild() == 0
