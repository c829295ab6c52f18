"""The ideas list, a popular idea and the roadmap at scale (issue 12): the same queries with few
and many ideas, votes and comments; the list paged with a keyset however deep; the roadmap's
columns and counts right whichever way they are read; a vote that never recounts."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas import selectors, services
from ideas.models import Comment, Idea, IdeaVote, Importance
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    idea_status,
    proposed_idea,
)
from tests.ideas.test_queries import add_comments, add_votes
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def many_ideas(count, *, author, status="new", product=None, tags=(), first_votes=0):
    """`count` published ideas made at once, with distinct vote counts and dates."""
    now = timezone.now()
    status = idea_status(status)
    ideas = Idea.objects.bulk_create(
        Idea(
            title=f"Bulk {number:03}",
            slug=f"bulk-{number:03}",
            body="An idea among many.",
            body_html="<p>An idea among many.</p>",
            author=author,
            status=status,
            product=product,
            vote_count=first_votes + number % 7,
            created_at=now - timedelta(minutes=number),
            published_at=now - timedelta(minutes=number),
            last_activity_at=now - timedelta(minutes=number * 3 % 11),
        )
        for number in range(count)
    )
    for tag in tags:
        tag.ideas.add(*ideas)
    return ideas


def card_titles(elements, response):
    return [text for _attrs, text in elements(response.content, "h3", class_="idea-card__title")]


def next_link(elements, response):
    links = elements(response.content, "a", rel="next")
    return links[0][0]["href"] if links else None


def previous_link(elements, response):
    links = elements(response.content, "a", rel="prev")
    return links[0][0]["href"] if links else None


def follow_pages(client, elements, path, params):
    """Every page of the list, following its "Next" links from the first: their titles."""
    pages = []
    response = client.get(path, params)
    while True:
        assert response.status_code == 200
        pages.append(card_titles(elements, response))
        href = next_link(elements, response)
        if href is None:
            return pages
        assert "page=" not in href
        response = client.get(href)


# --- The list, paged with a keyset ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("top", lambda idea: (-idea.vote_count, -idea.created_at.timestamp(), -idea.pk)),
        ("newest", lambda idea: (-idea.created_at.timestamp(), -idea.pk)),
        ("updated", lambda idea: (-idea.last_activity_at.timestamp(), -idea.pk)),
    ],
)
def test_following_next_from_the_first_page_shows_every_idea_once_in_order(
    client, elements, author, sort, order
):
    many_ideas(65, author=author)
    expected = [idea.title for idea in sorted(selectors.listed_ideas(), key=order)]

    pages = follow_pages(client, elements, "/ideas/", {"sort": sort})

    assert [len(page) for page in pages] == [20, 20, 20, 5]
    assert [title for page in pages for title in page] == expected


def test_previous_goes_back_to_the_same_pages(client, elements, author):
    many_ideas(45, author=author)
    first = client.get("/ideas/", {"sort": "newest"})
    second = client.get(next_link(elements, first))
    third = client.get(next_link(elements, second))

    back_to_second = client.get(previous_link(elements, third))
    back_to_first = client.get(previous_link(elements, back_to_second))

    assert card_titles(elements, back_to_second) == card_titles(elements, second)
    assert card_titles(elements, back_to_first) == card_titles(elements, first)
    assert previous_link(elements, first) is None
    assert next_link(elements, third) is None


def test_a_deep_page_keeps_the_filters_and_says_it_is_not_the_first(
    client, elements, author, product
):
    tag = IdeaTagFactory(slug="mobile")
    many_ideas(30, author=author, status="planned", product=product, tags=[tag])
    many_ideas(30, author=author, status="new")

    pages = follow_pages(
        client, elements, "/ideas/", {"status": "planned", "product": product.pk, "tag": "mobile"}
    )
    deep = client.get(next_link(elements, client.get("/ideas/", {"status": "planned"})))

    assert [len(page) for page in pages] == [20, 10]
    assert b'<meta name="robots" content="noindex">' in deep.content
    assert "status=planned" in next_link(elements, client.get("/ideas/", {"status": "planned"}))


def test_staff_page_through_the_score_sort_with_unestimated_ideas_last(
    client, elements, author, staff
):
    ideas = many_ideas(25, author=author)
    Idea.objects.filter(pk__in=[idea.pk for idea in ideas[:12]]).update(score=F("vote_count"))
    client.force_login(staff)

    pages = follow_pages(client, elements, "/ideas/", {"sort": "score"})
    listed = [title for page in pages for title in page]

    scored = Idea.objects.filter(score__isnull=False).order_by("-score", "-vote_count", "-pk")
    assert listed[:12] == [idea.title for idea in scored]
    assert len(listed) == len(set(listed)) == 25


def test_a_forged_or_foreign_cursor_shows_the_first_page(client, elements, author):
    many_ideas(25, author=author)
    first = client.get("/ideas/", {"sort": "newest"})
    newest_cursor = next_link(elements, first).split("after=")[1]

    forged = client.get("/ideas/", {"sort": "newest", "after": "not-a-cursor"})
    foreign = client.get("/ideas/", {"sort": "top", "after": newest_cursor})

    assert card_titles(elements, forged) == card_titles(elements, first)
    assert card_titles(elements, foreign) == card_titles(elements, client.get("/ideas/"))


def test_trending_still_pages_with_numbers(client, elements, author):
    many_ideas(25, author=author)

    second = client.get("/ideas/", {"sort": "trending", "page": "2"})

    assert len(card_titles(elements, second)) == 5
    assert previous_link(elements, second) == "?sort=trending&page=1"


# --- The same queries with few and many ---------------------------------------------------


@pytest.mark.parametrize("viewer", ["visitor", "member"])
@pytest.mark.parametrize("sort", ["top", "newest", "updated"])
def test_a_deep_page_of_the_list_costs_what_the_first_page_costs_at_any_size(
    client, elements, request, author, product, viewer, sort
):
    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)
    tag = IdeaTagFactory()
    many_ideas(45, author=author, product=product, tags=[tag])
    first_path = f"/ideas/?sort={sort}"
    deep_path = next_link(elements, client.get(first_path))
    few = (queries_for(client.get, first_path), queries_for(client.get, deep_path))

    many_ideas(400, author=MemberFactory(), product=product, tags=[tag], first_votes=50)
    many = (queries_for(client.get, first_path), queries_for(client.get, deep_path))

    assert few[0] == few[1] == many[0] == many[1]


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_the_roadmap_costs_the_same_with_few_and_many_ideas_per_column(
    client, request, author, product, viewer
):
    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)
    tag = IdeaTagFactory()
    for status in ("planned", "in-progress", "shipped"):
        many_ideas(3, author=author, status=status, product=product, tags=[tag])
    few = queries_for(client.get, "/roadmap/"), queries_for(client.get, f"/roadmap/?tag={tag.slug}")

    for status in ("planned", "in-progress", "shipped"):
        many_ideas(80, author=author, status=status, product=product, tags=[tag])
    many = (
        queries_for(client.get, "/roadmap/"),
        queries_for(client.get, f"/roadmap/?tag={tag.slug}"),
    )

    assert many == few


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_a_popular_idea_costs_the_same_with_few_and_many_votes_comments_and_merges(
    client, request, staff, viewer
):
    reader = request.getfixturevalue(viewer)
    popular = proposed_idea(title="Popular")
    if reader is not None:
        client.force_login(reader)
        services.idea_vote(reader, popular, importance=Importance.ESSENTIAL)
    add_votes(popular, 5)
    add_comments(popular, 5)
    services.idea_merge(staff, proposed_idea(title="Twin 0"), popular, notify_people=False)
    few = queries_for(client.get, popular.get_absolute_url())

    add_votes(popular, 300)
    add_comments(popular, 100)
    for number in range(1, 4):
        services.idea_merge(
            staff, proposed_idea(title=f"Twin {number}"), popular, notify_people=False
        )
    many = queries_for(client.get, popular.get_absolute_url())

    assert many == few


# --- What the pages show, read the cheap way ----------------------------------------------


def test_the_roadmap_shows_each_columns_top_ideas_and_its_whole_count(author, product):
    planned = many_ideas(35, author=author, status="planned", product=product)
    many_ideas(4, author=author, status="shipped")
    many_ideas(5, author=author, status="new")
    Idea.objects.filter(pk=planned[-1].pk).update(vote_count=1000)
    Idea.objects.filter(pk=planned[0].pk).update(deleted_at=timezone.now())

    columns = {
        status.slug: (ideas, total)
        for status, ideas, total in selectors.roadmap(per_column=30, viewer=None)
    }

    ideas, total = columns["planned"]
    expected = Idea.objects.filter(status__slug="planned", deleted_at__isnull=True).order_by(
        "-vote_count", "-created_at", "-pk"
    )
    assert total == 34
    assert [idea.pk for idea in ideas] == [idea.pk for idea in expected[:30]]
    assert ideas[0].vote_count == 1000
    assert (len(columns["shipped"][0]), columns["shipped"][1]) == (4, 4)
    assert columns["in-progress"] == ([], 0)
    assert "new" not in columns


def test_the_roadmap_counts_and_cards_follow_its_product_and_tag_filters(author, product):
    tag = IdeaTagFactory()
    many_ideas(3, author=author, status="planned", product=product, tags=[tag])
    many_ideas(2, author=author, status="planned", product=product)
    many_ideas(4, author=author, status="planned")

    by_product = {s.slug: (len(i), t) for s, i, t in selectors.roadmap(product=product)}
    by_tag = {s.slug: (len(i), t) for s, i, t in selectors.roadmap(tag=tag)}

    assert by_product["planned"] == (5, 5)
    assert by_tag["planned"] == (3, 3)


def test_the_vote_history_adds_older_votes_from_the_count_without_reading_them(idea, time_machine):
    start = timezone.now()
    time_machine.move_to(start + timedelta(days=1))
    for _ in range(3):
        services.idea_vote(MemberFactory(), idea, importance=Importance.NICE)
    time_machine.move_to(start + timedelta(days=150))
    services.idea_vote(MemberFactory(), idea, importance=Importance.NICE)
    stale = Idea.objects.get(pk=idea.pk)
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count"))

    with CaptureQueriesContext(connection) as captured:
        history = selectors.vote_history(stale)

    assert (history["start"], history["end"]) == (4, 5)
    assert len(captured) == 1
    assert "created_at" in captured[0]["sql"]


def test_an_idea_page_links_the_ideas_merged_into_it_but_not_unmerged_or_deleted_ones(
    client, staff
):
    kept = proposed_idea(title="Kept")
    merged, unmerged, deleted = (proposed_idea(title=t) for t in ("Merged", "Unmerged", "Gone"))
    for duplicate in (merged, unmerged, deleted):
        services.idea_merge(staff, duplicate, kept, notify_people=False)
    services.idea_unmerge(staff, unmerged, notify_people=False)
    Idea.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())

    html = client.get(kept.get_absolute_url()).content.decode()
    section = html.split('id="merged-here-heading"')[1].split("</section>")[0]

    assert re.findall(r">(Merged|Unmerged|Gone)</a>", section) == ["Merged"]


# --- A vote moves the count, never recounts ----------------------------------------------


def test_a_vote_moves_the_count_by_one_without_counting_the_ideas_votes(idea):
    add_votes(idea, 300)
    voter = MemberFactory()

    with CaptureQueriesContext(connection) as captured:
        services.idea_vote(voter, idea, importance=Importance.ESSENTIAL)

    counting = [
        query["sql"]
        for query in captured
        if "COUNT(" in query["sql"].upper() and "ideas_ideavote" in query["sql"]
    ]
    assert counting == []
    assert Idea.objects.get(pk=idea.pk).vote_count == IdeaVote.objects.filter(idea=idea).count()


# --- An idea's comments, a page of threads at a time ---------------------------------------


def thread_comments(idea, count, *, author):
    """`count` top-level comments in order, the first with two replies."""
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        Comment(
            idea=idea,
            author=author,
            body=f"Comment {number:03}",
            body_html=f"<p>Comment {number:03}</p>",
            created_at=now + timedelta(seconds=number),
            published_at=now + timedelta(seconds=number),
        )
        for number in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            idea=idea,
            parent=comments[0],
            author=author,
            body=f"Reply {number}",
            body_html=f"<p>Reply {number}</p>",
            created_at=now + timedelta(seconds=count + number),
        )
        for number in range(2)
    )
    return comments


def comment_texts(response):
    return re.findall(r"<p>((?:Comment|Reply) [0-9]+)</p>", response.content.decode())


def test_an_idea_shows_its_comments_a_page_of_threads_at_a_time(client, elements, idea, author):
    thread_comments(idea, 120, author=author)
    url = idea.get_absolute_url()

    first = client.get(url)
    second = client.get(next_link(elements, first))
    third = client.get(next_link(elements, second))

    assert comment_texts(first)[:4] == ["Comment 000", "Reply 0", "Reply 1", "Comment 001"]
    assert len(comment_texts(first)) == selectors.COMMENTS_PER_PAGE + 2
    shown = comment_texts(first) + comment_texts(second) + comment_texts(third)
    assert [text for text in shown if text.startswith("Comment")] == [
        f"Comment {number:03}" for number in range(120)
    ]
    assert next_link(elements, third) is None
    assert comment_texts(client.get(previous_link(elements, third))) == comment_texts(second)


def test_replying_to_a_comment_of_a_later_page_offers_the_reply_form(
    client, elements, idea, author, member
):
    comments = thread_comments(idea, 60, author=author)
    client.force_login(member)

    response = client.get(idea.get_absolute_url(), {"reply": comments[55].pk})

    html = response.content.decode()
    assert "Reply to Ines Idea" in html
    assert f'<input type="hidden" name="parent" value="{comments[55].pk}">' in html
