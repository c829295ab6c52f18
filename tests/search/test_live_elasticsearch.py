"""Against a real cluster, when ELASTICSEARCH_URL is set (skipped otherwise):

    ELASTICSEARCH_URL=http://localhost:9200 \
        .venv/bin/pytest -n 0 tests/search/test_live_elasticsearch.py

Each test builds its own index behind a unique alias and removes it afterwards, so the
cluster's real index is never touched.
"""

import os
import uuid

import pytest

from community.questions.models import Question
from community.questions.selectors import similar_questions
from search.engines.base import SearchRequest
from search.engines.elastic import ElasticsearchEngine, _clients
from search.services import index_object, rebuild
from tests.factories import QuestionFactory, ReviewFactory

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ELASTICSEARCH_URL, reason="set ELASTICSEARCH_URL to run"),
]


@pytest.fixture
def cluster(settings):
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX = f"community-test-{uuid.uuid4().hex[:12]}"
    _clients.clear()
    engine = ElasticsearchEngine()
    yield engine
    engine.es.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX}-*", ignore_unavailable=True)
    _clients.clear()


def search(engine, text, **filters):
    engine.es.indices.refresh(index=engine.alias)
    return engine.search(SearchRequest(text=text, language="en", **filters))


def keys(results):
    return [(hit.kind, hit.object_id) for hit in results.hits]


def test_accents_typos_stemming_filters_and_facets(products, cluster):
    theatre = QuestionFactory(title="Coffee for the théâtre interval", body="A big urn.")
    descaling = QuestionFactory(title="Descaling the kettles", body="Every month.")
    review = ReviewFactory(product=products["aurora"], rating=5, title="Descaling is quick")
    rebuild(cluster)

    assert keys(search(cluster, "theatre")) == [("question", theatre.pk)]
    assert ("question", descaling.pk) in keys(search(cluster, "descalling"))
    assert ("question", descaling.pk) in keys(search(cluster, "kettle"))
    results = search(cluster, "descaling")
    assert results.facets["kind"] == {"question": 1, "review": 1}
    assert results.facets["rating"] == {"5": 1}
    assert keys(search(cluster, "descaling", kind="review")) == [("review", review.pk)]
    assert "<mark>" in results.hits[0].title


def test_hiding_removes_a_document_and_suggestions_show_the_rest(products, cluster):
    kept = QuestionFactory(title="How do I descale the Aurora machine?")
    gone = QuestionFactory(title="Descale the Aurora machine with vinegar?")
    rebuild(cluster)

    Question.objects.filter(pk=gone.pk).update(deleted_at="2026-01-01T00:00:00Z")
    index_object("question", gone.pk)

    assert keys(search(cluster, "vinegar")) == []
    assert similar_questions("descale the aurora machine") == [kept]


def test_the_status_counts_the_documents(products, cluster):
    QuestionFactory(title="One question")
    rebuild(cluster)
    cluster.es.indices.refresh(index=cluster.alias)

    status = cluster.status()

    assert status["reachable"] is True
    assert status["documents"] >= 3
