"""The Elasticsearch engine without a cluster: the JSON it sends (mapping, searches with filters,
more-like-this, a rebuild) against expected bodies, and its reading of bodies shaped like a real
cluster's answers. The same page falls back to the database when the cluster does not answer."""

import json
import logging
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from community.questions.models import Question
from community.questions.selectors import similar_questions
from community.searching import Entry
from search.documents import index_definition
from search.engines.base import SearchRequest
from search.engines.elastic import (
    REBUILDING_KEY,
    SIMILAR_CANDIDATES,
    ElasticsearchEngine,
    parse_results,
    parse_similar,
    search_body,
    similar_body,
)
from search.services import rebuild
from search.similarity import terms_of
from tests.factories import QuestionFactory, ReviewFactory
from tests.search.fakes import FIXTURES, FakeElasticsearch, fixture

pytestmark = pytest.mark.django_db

FILTERED = SearchRequest(
    text="détartrage kettle",
    language="fr",
    kind="review",
    product=42,
    rating=4,
    date="month",
    page=2,
    per_page=20,
)


def test_the_index_reads_text_folded_in_english_and_in_french():
    assert index_definition("community-20261123101500000000").to_dict() == fixture("es_index.json")


def test_a_search_with_filters_builds_the_expected_request():
    body = search_body(FILTERED)

    assert body == fixture("es_search_request.json")
    # Filters in post_filter; each facet counts with every filter but its own.
    assert "kind" not in json.dumps(body["aggs"]["kind"]["filter"])
    assert body["aggs"]["rating"]["filter"]["bool"]["filter"][1] == {"term": {"product": 42}}


def test_a_search_without_filters_has_no_empty_conditions():
    body = search_body(SearchRequest(text="grinder", language="en"))

    assert body["post_filter"] == {"match_all": {}}
    assert body["aggs"]["kind"]["filter"] == {"match_all": {}}
    assert body["from"] == 0


def test_the_engine_sends_the_search_to_the_alias():
    fake = FakeElasticsearch(search_response=fixture("es_search_response.json"))

    ElasticsearchEngine(es=fake, alias="community").search(FILTERED)

    assert fake.calls == [("search", {"index": "community", "body": search_body(FILTERED)})]


def test_suggestions_ask_for_each_word_in_english_and_french_and_how_often_it_is_found():
    terms = terms_of("How do I stop the descaling reminder?")

    body = similar_body("question", terms, size=30)

    assert body == fixture("es_similar_request.json")
    # The stop words are left out before the request; each word left is read by the English
    # and the French analysers, and counted among the questions.
    assert [clause["multi_match"]["query"] for clause in body["query"]["bool"]["should"]] == [
        "stop",
        "descaling",
        "reminder",
    ]
    assert body["query"]["bool"]["should"][1]["multi_match"]["fields"] == [
        "title.en^3",
        "title.fr^3",
        "body.en",
        "body.fr",
    ]
    assert body["aggs"]["word-1"]["filter"] == body["query"]["bool"]["should"][1]
    assert body["aggs"]["documents"]["aggs"]["kind"]["filter"] == {"term": {"kind": "question"}}
    # The beginning of each text comes back, as the database engine reads it.
    assert body["highlight"]["fields"]["body"]["highlight_query"] == {"match_none": {}}


def test_a_cluster_answer_is_read_into_results_with_escaped_marks():
    results = parse_results(fixture("es_search_response.json"))

    assert results.total == 23
    assert [(hit.kind, hit.object_id) for hit in results.hits] == [
        ("question", 12),
        ("review", 7),
        ("product", 31),
    ]
    question, review, product = results.hits
    assert question.title == "How often should I <mark>descale</mark> the Aurora?"
    # Of the same text read several ways, the fragment with the most matches is shown.
    assert question.excerpt == (
        "The display shows a <mark>descaling</mark> reminder &lt;every&gt; month &amp; "
        "I use <mark>vinegar</mark>."
    )
    assert review.title == "Théâtre of &lt;b&gt;steam&lt;/b&gt;"
    assert review.excerpt == "Le <mark>détartrage</mark> est rapide"
    assert product.excerpt == ""
    assert results.facets == {
        "kind": {"question": 12, "review": 8, "product": 2, "idea": 1},
        "product": {"31": 15, "32": 4},
        "rating": {"5": 5, "2": 3},
        "status": {"question-solved": 7, "question-open": 5, "idea-planned": 1},
        "date": {"month": 9, "year": 20},
    }


def test_an_answer_without_aggregations_or_hits_reads_as_empty():
    results = parse_results({"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})

    assert results.total == 0 and results.hits == []
    assert results.facets == {name: {} for name in ("kind", "product", "rating", "status", "date")}


# --- Rebuilding behind the alias --------------------------------------------------------------


def _entries():
    return [
        Entry(
            kind="question",
            object_id=5,
            title="Descaling",
            body="Vinegar?",
            status="question-open",
            created_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
        )
    ]


def test_a_rebuild_fills_a_new_index_and_moves_the_alias_in_one_request():
    fake = FakeElasticsearch(alias_indices=["community-20260101000000000000"])
    engine = ElasticsearchEngine(es=fake, alias="community")

    with time_machine.travel(datetime(2026, 11, 23, 10, 15, tzinfo=UTC), tick=False):
        count = engine.rebuild(iter([_entries()]), total=1)

    new = "community-20261123101500000000"
    assert count == 1
    assert [name for name, _kwargs in fake.calls] == [
        "indices.create",
        "bulk",
        "indices.refresh",
        "indices.exists_alias",
        "indices.get_alias",
        "indices.update_aliases",
        "indices.delete",
    ]
    assert fake.named("indices.create") == [{"index": new, **fixture("es_index.json")}]
    assert fake.named("bulk") == [
        {
            "operations": [
                {"index": {"_index": new, "_id": "question-5"}},
                {
                    "kind": "question",
                    "object_id": 5,
                    "language": "",
                    "title": "Descaling",
                    "body": "Vinegar?",
                    "product": None,
                    "rating": None,
                    "status": "question-open",
                    "created_at": "2026-11-01T09:30:00+00:00",
                    "boost": 1.0,
                },
            ]
        }
    ]
    assert fake.named("indices.refresh") == [{"index": new}]
    assert fake.named("indices.update_aliases") == [
        {
            "actions": [
                {"remove": {"index": "community-20260101000000000000", "alias": "community"}},
                {"add": {"index": new, "alias": "community"}},
            ]
        }
    ]
    assert fake.named("indices.delete") == [{"index": "community-20260101000000000000"}]
    assert cache.get(REBUILDING_KEY) is None


def test_the_first_rebuild_replaces_an_index_created_on_the_fly_under_the_aliass_name():
    fake = FakeElasticsearch(alias_indices=None)
    fake.indices.exists = lambda **kwargs: True
    engine = ElasticsearchEngine(es=fake, alias="community")

    with time_machine.travel(datetime(2026, 11, 23, 10, 15, tzinfo=UTC), tick=False):
        engine.rebuild(iter([_entries()]), total=1)

    assert fake.named("indices.update_aliases") == [
        {
            "actions": [
                {"remove_index": {"index": "community"}},
                {"add": {"index": "community-20261123101500000000", "alias": "community"}},
            ]
        }
    ]
    assert fake.named("indices.delete") == []


def test_a_failed_rebuild_leaves_the_alias_where_it_was_and_removes_the_new_index():
    from search.engines import SearchUnavailable

    fake = FakeElasticsearch(alias_indices=["community-old"])
    engine = ElasticsearchEngine(es=fake, alias="community")

    def failing_batches():
        yield _entries()
        fake.down = True
        yield _entries()

    with pytest.raises(SearchUnavailable):
        engine.rebuild(failing_batches(), total=2)

    assert fake.named("indices.update_aliases") == []
    assert cache.get(REBUILDING_KEY) is None


def test_changes_during_a_rebuild_are_written_to_the_new_index_too():
    fake = FakeElasticsearch(alias_indices=["community-old"])
    engine = ElasticsearchEngine(es=fake, alias="community")
    cache.set(REBUILDING_KEY, "community-new")
    try:
        engine.index(_entries())
        engine.remove("question", [5])
    finally:
        cache.delete(REBUILDING_KEY)

    targets = [call["operations"][0] for call in fake.named("bulk")]
    assert targets[0] == {"index": {"_index": "community", "_id": "question-5"}}
    assert targets[1] == {"index": {"_index": "community-new", "_id": "question-5"}}
    assert fake.named("bulk")[2]["operations"] == [
        {"delete": {"_index": "community", "_id": "question-5"}},
        {"delete": {"_index": "community-new", "_id": "question-5"}},
    ]


def test_the_rebuild_command_reads_the_database_in_batches(products, elastic):
    questions = [QuestionFactory(title=f"Question {n} about grinders") for n in range(3)]

    rebuild(ElasticsearchEngine())

    sent = [line for call in elastic.named("bulk") for line in call["operations"]]
    ids = {line["index"]["_id"] for line in sent if "index" in line}
    assert {f"question-{q.pk}" for q in questions} <= ids
    assert f"product-{products['aurora'].pk}" in ids


# --- The page, the suggestions and the fallback --------------------------------------------


def _answer_for(objects):
    hits = [
        {
            "_index": "community-x",
            "_id": f"{kind}-{obj.pk}",
            "_score": 10.0 - position,
            "_source": {"kind": kind, "object_id": obj.pk, "title": obj.title},
            "highlight": {"title": [obj.title.replace("grinder", "\ue000grinder\ue001")]},
        }
        for position, (kind, obj) in enumerate(objects)
    ]
    return {
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
        "aggregations": {
            "kind": {
                "doc_count": len(hits),
                "values": {
                    "buckets": [
                        {"key": "question", "doc_count": 1},
                        {"key": "review", "doc_count": 1},
                    ]
                },
            }
        },
    }


def test_the_search_page_shows_elasticsearchs_results_loaded_from_the_database(
    client, products, elastic
):
    question = QuestionFactory(title="Which grinder for espresso?")
    review = ReviewFactory(product=products["aurora"], title="The grinder is loud")
    hidden_since = QuestionFactory(title="A grinder question hidden since it was indexed")
    Question.objects.filter(pk=hidden_since.pk).update(deleted_at=timezone.now())
    elastic.search_response = _answer_for(
        [("question", question), ("question", hidden_since), ("review", review)]
    )

    page = client.get("/search/", {"q": "grinder"}).content.decode()

    assert elastic.named("search")[0]["index"] == "community"
    assert "Which <mark>grinder</mark> for espresso?" in page
    assert "The <mark>grinder</mark> is loud" in page
    assert "hidden since" not in page


def test_the_search_page_answers_from_the_database_when_elasticsearch_is_down(
    client, products, elastic, reindex, caplog
):
    question = QuestionFactory(title="Grinder burrs wear out")
    reindex()
    elastic.down = True

    with caplog.at_level(logging.WARNING, logger="search.services"):
        response = client.get("/search/", {"q": "burrs"})

    assert response.status_code == 200
    assert "Grinder <mark>burrs</mark> wear out" in response.content.decode()
    assert question.get_absolute_url() in response.content.decode()
    assert any("answering from the database" in record.message for record in caplog.records)


def test_similar_questions_from_elasticsearch_are_scored_like_the_database_does(products, elastic):
    first = QuestionFactory(title="How do I turn off the descale reminder?")
    second = QuestionFactory(title="Which descaler for the Aurora?")
    third = QuestionFactory(title="The grinder will not stop")
    hidden = QuestionFactory(title="Descaling reminder will not stop", deleted_at=timezone.now())
    text = (FIXTURES / "es_similar_response.json").read_text()
    for name, obj in (("FIRST", first), ("SECOND", second), ("THIRD", third), ("HIDDEN", hidden)):
        text = text.replace(name, str(obj.pk))
    elastic.search_response = json.loads(text)

    found = similar_questions("How do I stop the descaling reminder?")

    # The deleted question, first in the cluster's order, is left out and cuts nothing; the
    # descaler question is far behind the reminder one, the grinder one shares only "stop".
    assert found == [first]
    request = elastic.named("search")[0]
    assert request["index"] == "community"
    assert request["body"] == similar_body(
        "question", terms_of("How do I stop the descaling reminder?"), size=SIMILAR_CANDIDATES
    )


def test_a_cluster_answer_to_suggestions_is_read_into_candidates_and_counts():
    candidates, frequencies, total = parse_similar(
        json.loads(
            (FIXTURES / "es_similar_response.json")
            .read_text()
            .replace("HIDDEN", "4")
            .replace("FIRST", "1")
            .replace("SECOND", "2")
            .replace("THIRD", "3")
        ),
        3,
    )

    assert candidates[0] == (
        4,
        "Descaling reminder will not stop",
        "The descaling reminder comes back every day.",
    )
    assert [candidate[0] for candidate in candidates] == [4, 1, 2, 3]
    assert frequencies == [14, 3, 2]
    assert total == 240


def test_similar_questions_fall_back_to_the_database_when_elasticsearch_is_down(
    products, elastic, caplog, reindex
):
    question = QuestionFactory(title="How do I descale the Aurora machine?")
    reindex()
    elastic.down = True

    with caplog.at_level(logging.WARNING, logger="search.services"):
        found = similar_questions("descale aurora")

    assert found == [question]
    assert any("suggesting from the database" in record.message for record in caplog.records)


def test_the_status_reports_reachability_and_the_number_of_documents():
    fake = FakeElasticsearch(alias_indices=["community-20261123101500000000"])
    fake.documents = 1234

    status = ElasticsearchEngine(es=fake, alias="community").status()

    assert status["reachable"] is True
    assert status["documents"] == 1234
    assert status["indices"] == ["community-20261123101500000000"]

    assert ElasticsearchEngine(es=FakeElasticsearch(down=True)).status()["reachable"] is False
    missing = ElasticsearchEngine(es=FakeElasticsearch(alias_indices=None)).status()
    assert missing["reachable"] is True and missing["documents"] is None
