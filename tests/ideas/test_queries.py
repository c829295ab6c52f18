"""The ideas list and an idea's page cost the same number of queries with 5 and with 200 votes
and comments, for visitors, members, staff and the product team."""

import pytest
from django.db.models import F

from community.markdown import render_markdown
from ideas import services
from ideas.models import Comment, Idea, IdeaVote, Importance
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    StaffCardFactory,
    idea_status,
    image_upload,
    proposed_idea,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

VIEWERS = ["visitor", "member", "staff", "product_team_member"]


def add_votes(idea, count):
    """`count` more votes of every importance, a third of them recorded by staff."""
    recorder = StaffCardFactory().member
    voters = MemberFactory.create_batch(count)
    IdeaVote.objects.bulk_create(
        IdeaVote(
            idea=idea,
            member=voter,
            importance=Importance.values[number % 3],
            recorded_by=recorder if number % 3 == 0 else None,
        )
        for number, voter in enumerate(voters)
    )
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + count)


def add_comments(idea, count):
    """`count` more comments: members and staff, replies and internal notes."""
    staff = StaffCardFactory().member
    members = MemberFactory.create_batch(3)
    top = services.comment_create(members[0], idea, body="The first comment.")
    comments = []
    for number in range(count - 1):
        writer = staff if number % 4 == 0 else members[number % 3]
        comment = Comment(
            idea=idea,
            parent=top if number % 2 else None,
            is_internal=number % 5 == 0,
            body=f"Comment {number}, @{members[1].handle}",
            body_html=render_markdown(f"Comment {number}"),
            author=writer,
            written_as="staff" if writer == staff else "member",
            author_card=staff.staff_card if writer == staff else None,
            edit_count=number % 7 == 0,
        )
        comments.append(comment)
    Comment.objects.bulk_create(comments)


@pytest.fixture
def busy_idea(idea, staff, product_team_member):
    """An idea with everything its page can show: tags, images, decisions, a merged idea,
    estimates and, once shipped, voters' answers."""
    idea.tags.set([IdeaTagFactory(), IdeaTagFactory()])
    services.idea_edit(
        idea.author,
        idea,
        title=idea.title,
        body=idea.body + " Edited.",
        images=[(*services.image_process(image_upload(size=(40, 30)), "i"), "A sketch")],
    )
    services.idea_status_change(
        staff, idea, to_status=idea_status("planned"), note="Planned.", notify_people=False
    )
    services.idea_merge(staff, proposed_idea(title="Dup"), idea, notify_people=False)
    services.idea_estimate(product_team_member, idea, impact=3, effort=2)
    return idea


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_idea_page_costs_the_same_with_5_and_200_votes_and_comments(
    client, request, busy_idea, staff, viewer
):
    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)
        services.idea_vote(reader, busy_idea, importance=Importance.ESSENTIAL)
    path = busy_idea.get_absolute_url()
    add_votes(busy_idea, 5)
    add_comments(busy_idea, 5)
    few = queries_for(client.get, path)

    add_votes(busy_idea, 195)
    add_comments(busy_idea, 195)
    many = queries_for(client.get, path)

    assert many == few
    assert Idea.objects.get(pk=busy_idea.pk).vote_count > 200
    assert Comment.objects.filter(idea=busy_idea).count() == 200


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_shipped_idea_page_costs_the_same_with_5_and_200_answers(
    client, request, busy_idea, staff, viewer
):
    from ideas.models import ShipFeedback

    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)
    add_votes(busy_idea, 5)
    services.idea_status_change(
        staff, busy_idea, to_status=idea_status("shipped"), note="Out.", notify_people=False
    )

    def answer(count):
        voters = IdeaVote.objects.filter(idea=busy_idea).exclude(
            member__in=ShipFeedback.objects.values("member")
        )[:count]
        ShipFeedback.objects.bulk_create(
            ShipFeedback(idea=busy_idea, member_id=vote.member_id, solves=n % 2 == 0, why="Hm")
            for n, vote in enumerate(voters)
        )

    answer(5)
    few = queries_for(client.get, busy_idea.get_absolute_url())
    add_votes(busy_idea, 195)
    answer(195)
    many = queries_for(client.get, busy_idea.get_absolute_url())

    assert many == few
    assert ShipFeedback.objects.count() == 200


def add_ideas(count, *, votes, comments):
    """`count` ideas with tags, a product-less status mix, votes and comments."""
    tag = IdeaTagFactory()
    for number in range(count):
        idea = proposed_idea(title=f"Idea {number}", tags=[tag])
        add_votes(idea, votes)
        add_comments(idea, comments)


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("sort", ["top", "trending"])
def test_the_ideas_list_costs_the_same_with_5_and_200_votes_and_comments(
    client, request, product, viewer, sort
):
    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)
    proposed_idea(title="With a product", product=product)
    add_ideas(2, votes=5, comments=5)
    path = f"/ideas/?sort={sort}"
    few = queries_for(client.get, path)

    add_ideas(2, votes=200, comments=200)
    many = queries_for(client.get, path)

    assert many == few


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_the_roadmap_and_the_changelog_cost_the_same_with_few_and_many_ideas(
    client, request, staff, product, viewer
):
    reader = request.getfixturevalue(viewer)
    if reader is not None:
        client.force_login(reader)

    def add(count):
        for number in range(count):
            idea = proposed_idea(title=f"Roadmap {number}", product=product)
            idea.tags.set([IdeaTagFactory()])
            status = ("planned", "in-progress", "shipped")[number % 3]
            services.idea_status_change(
                staff, idea, to_status=idea_status(status), note="Yes.", notify_people=False
            )

    add(3)
    few = (queries_for(client.get, "/roadmap/"), queries_for(client.get, "/changelog/"))
    add(30)
    many = (queries_for(client.get, "/roadmap/"), queries_for(client.get, "/changelog/"))

    assert many == few
