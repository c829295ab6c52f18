"""Keyset pagination (`community.pagination`): every row once, in order, both ways, through ties
and NULLs, and the first page for any cursor that is not one of the list's own."""

import base64
import json
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.pagination import KeysetPaginator
from community.questions.models import Question
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def query(**params):
    data = QueryDict(mutable=True)
    data.update(params)
    return data


def ids(page):
    return [row.pk for row in page]


def walk_forward(paginator):
    """Every page from the first, following the "next" cursors."""
    page = paginator.page(query())
    pages = [page]
    while page.has_next:
        page = paginator.page(query(after=page.next_cursor))
        pages.append(page)
    return pages


def walk_back(paginator, last):
    """Every page from `last` back to the first, following the "previous" cursors."""
    pages = [last]
    while pages[-1].has_previous:
        pages.append(paginator.page(query(before=pages[-1].previous_cursor)))
    return pages[::-1]


@pytest.fixture
def questions(db):
    """25 questions with many ties: five vote counts, three activity dates, NULL first answers
    for a third of them."""
    now = timezone.now()
    rows = QuestionFactory.create_batch(25)
    for number, question in enumerate(rows):
        Question.objects.filter(pk=question.pk).update(
            vote_count=number % 5,
            last_activity_at=now - timedelta(hours=number % 3),
            first_answer_at=None if number % 3 == 0 else now - timedelta(minutes=number % 4),
        )
    return list(Question.objects.order_by("pk"))


def expected_order(rows, *keys):
    """`rows` sorted in Python by (attribute, descending) pairs, NULLs last either way."""
    ordered = list(rows)
    for name, descending in reversed(keys):
        present = sorted(
            (row for row in ordered if getattr(row, name) is not None),
            key=lambda row, name=name: getattr(row, name),
            reverse=descending,
        )
        ordered = present + [row for row in ordered if getattr(row, name) is None]
    return [row.pk for row in ordered]


ORDERINGS = {
    # All descending and NOT NULL: one row comparison.
    ("-vote_count", "-last_activity_at", "-id"): (
        ("vote_count", True),
        ("last_activity_at", True),
        ("pk", True),
    ),
    # Mixed directions.
    ("vote_count", "-last_activity_at", "id"): (
        ("vote_count", False),
        ("last_activity_at", True),
        ("pk", False),
    ),
    # A nullable field, descending and ascending.
    ("-first_answer_at", "-pk"): (("first_answer_at", True), ("pk", True)),
    ("first_answer_at", "vote_count", "pk"): (
        ("first_answer_at", False),
        ("vote_count", False),
        ("pk", False),
    ),
}


@pytest.mark.parametrize("ordering", list(ORDERINGS), ids=lambda o: ",".join(o))
def test_following_next_shows_every_row_once_in_order(questions, ordering):
    paginator = KeysetPaginator(Question.objects.all(), ordering=ordering, per_page=7)

    pages = walk_forward(paginator)

    assert [len(page) for page in pages] == [7, 7, 7, 4]
    assert [pk for page in pages for pk in ids(page)] == expected_order(
        questions, *ORDERINGS[ordering]
    )
    assert not pages[0].has_previous and pages[0].is_first
    assert all(page.has_previous for page in pages[1:])


@pytest.mark.parametrize("ordering", list(ORDERINGS), ids=lambda o: ",".join(o))
def test_following_previous_from_the_last_page_shows_the_same_pages(questions, ordering):
    paginator = KeysetPaginator(Question.objects.all(), ordering=ordering, per_page=7)
    forward = walk_forward(paginator)

    back = walk_back(paginator, forward[-1])

    assert [ids(page) for page in back] == [ids(page) for page in forward]
    assert back[0].is_first
    assert all(page.has_next for page in back[:-1])


def test_ties_on_every_sort_field_are_broken_by_the_id(db):
    moment = timezone.now()
    rows = QuestionFactory.create_batch(9)
    Question.objects.update(vote_count=3, last_activity_at=moment)
    paginator = KeysetPaginator(
        Question.objects.all(), ordering=("-vote_count", "-last_activity_at", "-id"), per_page=4
    )

    pages = walk_forward(paginator)

    assert [ids(page) for page in pages] == [
        [row.pk for row in rows][::-1][start : start + 4] for start in (0, 4, 8)
    ]


def test_the_last_page_has_no_next_link(questions):
    paginator = KeysetPaginator(Question.objects.all(), ordering=("-id",), per_page=25)

    page = paginator.page(query())

    assert len(page) == 25
    assert not page.has_next and page.next_cursor is None and page.next_url == ""
    assert not page.has_other_pages


def test_a_page_reads_one_query_at_any_depth(questions):
    paginator = KeysetPaginator(
        Question.objects.all(), ordering=("-vote_count", "-last_activity_at", "-id"), per_page=5
    )
    deep = walk_forward(paginator)[3]

    with CaptureQueriesContext(connection) as captured:
        page = paginator.page(query(after=deep.next_cursor))

    assert len(captured) == 1
    assert len(page) == 5


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "nonsense",
        "a" * 5000,
        # Readable sort values without the signature: forged.
        base64.urlsafe_b64encode(json.dumps([0, 1]).encode()).decode(),
        # Signed, but with values that are not the sort's.
        signing.dumps(["not a number", "x"], salt="keyset:community.question:-vote_count,-id"),
        signing.dumps([1], salt="keyset:community.question:-vote_count,-id"),
        signing.dumps({"a": 1}, salt="keyset:community.question:-vote_count,-id"),
        signing.dumps([None, 5], salt="keyset:community.question:-vote_count,-id"),
    ],
    # Signed tokens carry a timestamp: fixed names keep test ids the same in every worker.
    ids=[
        "empty",
        "nonsense",
        "very-long",
        "unsigned",
        "signed-not-numbers",
        "signed-too-short",
        "signed-not-a-list",
        "signed-null-count",
    ],
)
@pytest.mark.parametrize("direction", ["after", "before"])
def test_a_bad_or_forged_cursor_shows_the_first_page(questions, cursor, direction):
    paginator = KeysetPaginator(
        Question.objects.all(), ordering=("-vote_count", "-id"), per_page=10
    )

    page = paginator.page(query(**{direction: cursor}))

    assert ids(page) == ids(paginator.page(query()))
    assert page.is_first


def test_a_cursor_from_another_sort_shows_the_first_page(questions):
    by_votes = KeysetPaginator(Question.objects.all(), ordering=("-vote_count", "-id"), per_page=5)
    by_id = KeysetPaginator(Question.objects.all(), ordering=("-id",), per_page=5)
    cursor = by_votes.page(query()).next_cursor

    page = by_id.page(query(after=cursor))

    assert page.is_first
    assert ids(page) == ids(by_id.page(query()))


def test_links_keep_the_other_parameters_and_drop_page_numbers(questions):
    paginator = KeysetPaginator(Question.objects.all(), ordering=("-id",), per_page=10)
    first = paginator.page(query(sort="votes", topic="kettles", page="4"))
    second = paginator.page(query(sort="votes", topic="kettles", after=first.next_cursor))

    assert first.next_url == f"?sort=votes&topic=kettles&after={first.next_cursor}"
    assert second.previous_url == f"?sort=votes&topic=kettles&before={second.previous_cursor}"
    assert second.first_url == "?sort=votes&topic=kettles"


def test_an_ordering_must_end_with_the_primary_key(db):
    with pytest.raises(ValueError):
        KeysetPaginator(Question.objects.all(), ordering=("-vote_count",))
    with pytest.raises(ValueError):
        KeysetPaginator(Question.objects.all(), ordering=("-nothing", "-pk"))
    with pytest.raises(ValueError):
        KeysetPaginator(Question.objects.all(), ordering=())
