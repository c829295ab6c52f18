"""The search page's cost: its own queries only (the site's structure comes from memory, the
member in one query), the same with few and many matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberFactory, QuestionFactory, ReviewFactory, proposed_idea

pytestmark = pytest.mark.django_db

QUERY = {"q": "descale manual"}


def queries_of(client, **filters):
    params = {**QUERY, **filters}
    assert client.get("/search/", params).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    assert response.status_code == 200
    assert "descale" in response.content.decode()
    return [query["sql"] for query in captured]


def add_matches(products, count, start=0):
    aurora, brume = products["aurora"], products["brume"]
    author = MemberFactory()
    for number in range(start, start + count):
        QuestionFactory(
            product=aurora,
            topic=None,
            title=f"Descale manual, step {number}",
            body="The manual is unclear.",
        )
        ReviewFactory(
            product=brume,
            title=f"The descale manual {number}",
            text="Read the manual before you descale.",
            author=MemberFactory(),
        )
        proposed_idea(author, title=f"A clearer descale manual {number}", body="Please.")


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_search_page_costs_the_same_with_few_and_many_matches(
    client, products, reindex, member, who
):
    if who == "member":
        client.force_login(member)
    kinds = ("question", "review", "idea")
    add_matches(products, 2)
    reindex()
    few = {kind: len(queries_of(client, kind=kind)) for kind in kinds}

    add_matches(products, 25, start=2)
    reindex()
    many = {kind: len(queries_of(client, kind=kind)) for kind in kinds}

    assert many == few


def test_the_search_page_makes_only_its_own_queries(client, products, reindex, member):
    add_matches(products, 3)
    reindex()
    visitor = queries_of(client)

    # The search and its facets, one query per kind of result, the products they belong to.
    assert len(visitor) <= 7
    assert not [
        sql
        for sql in visitor
        if 'FROM "wagtailcore_site"' in sql or 'FROM "wagtailcore_locale"' in sql
    ]

    client.force_login(member)
    assert len(queries_of(client)) == len(visitor) + 2
