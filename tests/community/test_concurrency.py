"""community.concurrency.in_parallel: work spread over threads with connections of their own,
results in order, every connection closed afterwards."""

import threading
import time

import pytest
from django.db import connection

from community.concurrency import in_parallel
from community.models import Member
from tests.conftest import postgres_only
from tests.factories import MemberFactory


def where_and_what(item):
    return threading.get_ident(), item * item


@pytest.mark.django_db
def test_inside_a_transaction_the_items_are_handled_in_turn_on_this_thread():
    results = list(in_parallel(where_and_what, range(10), workers=2))

    assert [square for _thread, square in results] == [n * n for n in range(10)]
    assert {thread for thread, _square in results} == {threading.get_ident()}


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_the_work_runs_on_other_threads_and_the_results_come_in_order():
    results = list(in_parallel(where_and_what, range(50), workers=2))

    assert [square for _thread, square in results] == [n * n for n in range(50)]
    threads = {thread for thread, _square in results}
    assert threading.get_ident() not in threads
    assert 1 <= len(threads) <= 2


def backends():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def backends_once_settled(expected):
    """The number of server processes on this database, once those of closed connections have
    gone (a server process ends a moment after its client closes the connection)."""
    for _attempt in range(100):
        count = backends()
        if count == expected:
            return count
        time.sleep(0.05)
    return count


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_thread_writes_on_its_own_connection_and_closes_it():
    before = backends()
    members = MemberFactory.create_batch(6)

    def rename(member):
        Member.objects.filter(pk=member.pk).update(display_name=f"Renamed {member.pk}")
        return connection.connection is not None

    assert list(in_parallel(rename, members, workers=3)) == [True] * 6
    assert set(
        Member.objects.filter(pk__in=[m.pk for m in members]).values_list("display_name", flat=True)
    ) == {f"Renamed {m.pk}" for m in members}
    assert backends_once_settled(before) == before


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_error_in_the_work_reaches_the_caller():
    def fails_on_three(item):
        if item == 3:
            raise ValueError("three")
        return item

    results = in_parallel(fails_on_three, range(10), workers=2)
    with pytest.raises(ValueError, match="three"):
        list(results)
