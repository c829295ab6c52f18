"""The search app names no kind: a kind registered with a search facet, here over topics, is
indexed, found and listed like the kinds the project ships."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from community import content_kinds
from community.content_kinds import ContentKind
from community.questions.models import Topic
from community.searching import Entry, SearchFacet
from search.forms import SearchForm
from search.selectors import search_page
from tests.factories import TopicFactory
from tests.search.conftest import keys

pytestmark = pytest.mark.django_db


class TopicSearch(SearchFacet):
    key = "topic"
    label = "Topic"
    label_plural = "Topics"

    def indexable(self):
        return Topic.objects.all()

    def entry(self, topic) -> Entry:
        return Entry(
            kind=self.key,
            object_id=topic.pk,
            title=topic.name_en,
            body=topic.description_en,
            created_at=timezone.now(),
        )

    def for_display(self, ids):
        return Topic.objects.filter(pk__in=ids)

    def url(self, topic, *, request=None, product_url=""):
        return f"/topics/{topic.slug}/"


TOPIC = ContentKind(
    key="topic",
    label="topic",
    model_label="community.Topic",
    is_writing=False,
    moderated=False,
    counts_towards_trust=False,
    soft_delete=False,
    queue_related=(),
    search=TopicSearch(),
)


@pytest.fixture
def topic_kind():
    content_kinds.register(TOPIC)
    yield TOPIC
    content_kinds.registry.unregister(TOPIC.key)


def test_a_kind_registered_at_runtime_is_indexed_and_found(topic_kind, on_commit, db_search):
    with on_commit():
        topic = TopicFactory(
            name_en="Orders and delivery", description_en="Parcels, couriers and tracking."
        )

    assert keys(db_search("couriers")) == [("topic", topic.pk)]
    assert keys(db_search("couriers", kind="topic")) == [("topic", topic.pk)]

    page = search_page(SearchForm(QueryDict("q=couriers")), "en")

    assert [(item.kind_label, item.url) for item in page.items] == [
        ("Topic", f"/topics/{topic.slug}/")
    ]
    kinds = next(facet for facet in page.facets if facet.name == "kind")
    assert [(value.value, value.label, value.count) for value in kinds.values] == [
        ("topic", "Topic", 1)
    ]

    with on_commit():
        topic.delete()

    assert keys(db_search("couriers")) == []
