"""The pages the benchmarks measure cost the same number of queries in a small community and in
a larger one, as a visitor and as a signed-in member (issue 12: no N+1, nothing that grows with
the data).

Both communities are made by the benchmarks' own seeder (`ScaleSeeder`), and the pages are
picked the way `bench/pages.py` picks them: the product with the most reviews, the public idea
with the most votes, the busiest question. Seeding takes seconds, so one module-scoped fixture
seeds each community once, inside a transaction it rolls back, counts every page there, and
the tests compare what it counted. Each page is counted cold (every cache emptied: a cached
fragment could hide an N+1) and warm (the second request, as the benchmark counts). The page
cache stays off, as in every test: what is counted is the work a page does, not a cache hit.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from community.demo import scale as scaling
from community.demo.scale import Scale, ScaleSeeder
from tests.factories import MemberFactory, NotificationFactory, StaffCardFactory
from tests.scale_helpers import extra_queries, pick_pages

# Everything grows about five times, but for questions: the search costs one query per kind of
# result it shows, so both communities keep few enough questions about descaling for reviews to
# show among the first results too.
SMALL = Scale(
    products=3,
    members=120,
    reviews=120,
    questions=45,
    answers=150,
    ideas=45,
    votes=400,
    comments=90,
)
LARGER = Scale(
    products=10,
    members=600,
    reviews=600,
    questions=120,
    answers=700,
    ideas=220,
    votes=2_500,
    comments=450,
)
# Each community: its scale, the answers of its busiest question (the benchmark's has 200) and
# the signed-in member's notifications.
COMMUNITIES = {"small": (SMALL, 40, 2), "larger": (LARGER, 200, 12)}
PAGES = [
    "home",
    "popular product",
    "ideas list",
    "popular idea",
    "roadmap",
    "question, many answers",
    "questions list",
    "search",
]
ROLES = ["visitor", "member"]
STATES = ["cold", "warm"]
MOST_QUERIES = 15

# The counting happens in the module's fixture; the mark makes pytest-django set up the database.
pytestmark = pytest.mark.django_db


WRITES = ("INSERT", "UPDATE", "DELETE")


def read(url, response, captured):
    sql = [query["sql"] for query in captured.captured_queries]
    return {
        "url": url,
        "status": response.status_code,
        "sql": sql,
        "writes": [query for query in sql if query.lstrip().upper().startswith(WRITES)],
        "session cookie": "sessionid" in response.cookies,
    }


def forget_caches():
    """Empty the caches and what the process keeps between requests (content types)."""
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


def count_pages(community):
    """Seeds one community and counts each page's queries, cold and warm, in each role; rolls
    it all back. Returns {(role, page, "cold" or "warm"): {"url", "status", "sql", "writes",
    "session cookie"}}."""
    scale, busiest, notifications = COMMUNITIES[community]
    counted = {}
    with transaction.atomic():
        StaffCardFactory()
        saved, scaling.BUSIEST_THREAD = scaling.BUSIEST_THREAD, busiest
        try:
            ScaleSeeder(scale, log=lambda *line: None, with_demo=False).run()
        finally:
            scaling.BUSIEST_THREAD = saved
        pages = pick_pages(busiest)
        member = MemberFactory(display_name="Bench Member")
        for number in range(notifications):
            NotificationFactory(recipient=member, params={"name": f"Someone {number}"})
        for role in ROLES:
            client = Client(raise_request_exception=False)  # a broken page fails its own tests
            if role == "member":
                client.force_login(member)
            for name in PAGES:
                forget_caches()
                # Cold, with every cache empty (what is cached could hide an N+1), then warm,
                # as the benchmark counts: the first request fills what the next ones read.
                for state in STATES:
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(pages[name])
                    counted[role, name, state] = read(pages[name], response, captured)
        transaction.set_rollback(True)
    forget_caches()
    return counted


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """Each page's queries in the small and in the larger community."""
    with django_db_blocker.unblock(), override_settings(PAGE_CACHE_SECONDS=0):
        return {community: count_pages(community) for community in COMMUNITIES}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_the_same_queries_in_a_larger_community(counts, page, role, state):
    small, larger = counts["small"][role, page, state], counts["larger"][role, page, state]
    assert small["status"] == larger["status"] == 200, (
        f"{page} as a {role}: {small['url']} answered {small['status']}, "
        f"{larger['url']} answered {larger['status']}"
    )

    assert len(larger["sql"]) == len(small["sql"]), (
        f"{page} as a {role}, {state}: {len(small['sql'])} queries in the small community "
        f"({small['url']}), {len(larger['sql'])} in the larger one ({larger['url']}).\n"
        + extra_queries(small["sql"], larger["sql"])
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_reading_a_page_writes_nothing_and_gets_no_session(counts, page):
    for community in COMMUNITIES:
        for state in STATES:
            seen = counts[community]["visitor", page, state]

            assert seen["writes"] == [], f"{page} ({seen['url']}, {state}) wrote:\n" + "\n".join(
                seen["writes"]
            )
            assert not seen["session cookie"], f"{page} ({seen['url']}) set a session cookie"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_issues_at_most_fifteen_queries(counts, page, role):
    larger = counts["larger"][role, page, "warm"]
    assert larger["status"] == 200, f"{page}: {larger['url']} answered {larger['status']}"

    assert len(larger["sql"]) <= MOST_QUERIES, (
        f"{page} as a {role} ({larger['url']}): {len(larger['sql'])} queries, "
        f"at most {MOST_QUERIES} allowed:\n" + "\n".join(larger["sql"])
    )
