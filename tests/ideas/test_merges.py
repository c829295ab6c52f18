"""Merging duplicates: nobody counted twice, the higher importance wins, followers and comments
stay reachable, voters are told, and undoing a merge gives both ideas back exactly what they
had."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import follows
from community.models import Notification
from ideas import services
from ideas.models import Comment, Idea, IdeaVote, Importance, Merge, MergedVote
from tests.factories import MemberFactory, proposed_idea
from tests.ideas.helpers import assert_count_matches_votes, count_of, votes_of

pytestmark = pytest.mark.django_db

NICE, IMPORTANT, ESSENTIAL = Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL


@pytest.fixture
def kept(db):
    return proposed_idea(MemberFactory(display_name="Kim Kept"), title="Start the machine on time")


@pytest.fixture
def duplicate(db):
    return proposed_idea(MemberFactory(display_name="Dan Duplicate"), title="Machine timer")


def vote(member, idea, importance):
    services.idea_vote(member, idea, importance=importance)


def snapshot(*ideas):
    """Every vote of these ideas with what describes it, and their stored counts."""
    return {
        idea.pk: (
            count_of(idea),
            sorted(
                IdeaVote.objects.filter(idea=idea).values_list(
                    "member_id", "importance", "recorded_by_id", "created_at", "updated_at"
                )
            ),
        )
        for idea in ideas
    }


def test_merge_counts_a_member_who_voted_for_both_once_with_the_higher_importance(
    kept, duplicate, staff
):
    both_higher_on_duplicate = MemberFactory()
    both_higher_on_kept = MemberFactory()
    only_duplicate = MemberFactory()
    vote(both_higher_on_duplicate, kept, NICE)
    vote(both_higher_on_duplicate, duplicate, ESSENTIAL)
    vote(both_higher_on_kept, kept, ESSENTIAL)
    vote(both_higher_on_kept, duplicate, NICE)
    vote(only_duplicate, duplicate, IMPORTANT)

    services.idea_merge(staff, duplicate, kept, notify_people=False)

    assert votes_of(kept) == {
        kept.author_id: IMPORTANT,
        duplicate.author_id: IMPORTANT,
        both_higher_on_duplicate.pk: ESSENTIAL,
        both_higher_on_kept.pk: ESSENTIAL,
        only_duplicate.pk: IMPORTANT,
    }
    assert count_of(kept) == 5
    assert votes_of(duplicate) == {}
    assert count_of(duplicate) == 0
    assert Idea.objects.get(pk=duplicate.pk).merged_into_id == kept.pk
    assert set(
        MergedVote.objects.values_list("member_id", "outcome", "kept_importance_before")
    ) == {
        (duplicate.author_id, "moved", None),
        (both_higher_on_duplicate.pk, "raised", NICE),
        (both_higher_on_kept.pk, "already", ESSENTIAL),
        (only_duplicate.pk, "moved", None),
    }


def test_a_moved_vote_keeps_the_date_it_was_cast_and_who_recorded_it(
    kept, duplicate, staff, time_machine
):
    customer = MemberFactory()
    time_machine.move_to(timezone.now() - timedelta(days=40))
    services.vote_record_for(staff, customer, duplicate, importance=NICE)
    cast = IdeaVote.objects.get(member=customer).created_at
    time_machine.move_to(timezone.now() + timedelta(days=40))

    services.idea_merge(staff, duplicate, kept, notify_people=False)

    moved = IdeaVote.objects.get(member=customer)
    assert (moved.idea_id, moved.created_at, moved.recorded_by) == (kept.pk, cast, staff)


def test_unmerge_gives_both_ideas_back_exactly_their_votes_and_counts(kept, duplicate, staff):
    both = MemberFactory()
    vote(both, kept, NICE)
    vote(both, duplicate, ESSENTIAL)
    vote(MemberFactory(), kept, ESSENTIAL)
    for importance in (NICE, ESSENTIAL, IMPORTANT):
        vote(MemberFactory(), duplicate, importance)
    services.vote_record_for(staff, MemberFactory(), duplicate, importance=ESSENTIAL)
    both_again = MemberFactory()
    vote(both_again, kept, ESSENTIAL)
    vote(both_again, duplicate, ESSENTIAL)
    before = snapshot(kept, duplicate)

    services.idea_merge(staff, duplicate, kept, notify_people=False)
    assert count_of(kept) == 9
    services.idea_unmerge(staff, duplicate, notify_people=False)

    assert snapshot(kept, duplicate) == before
    assert Idea.objects.get(pk=duplicate.pk).merged_into_id is None
    assert Merge.objects.get().undone_by == staff
    assert_count_matches_votes(kept, duplicate)


def test_votes_cast_on_the_kept_idea_after_the_merge_stay_when_it_is_undone(kept, duplicate, staff):
    services.idea_merge(staff, duplicate, kept, notify_people=False)
    newcomer = MemberFactory()
    vote(newcomer, kept, NICE)
    vote(duplicate.author, kept, ESSENTIAL)

    services.idea_unmerge(staff, duplicate, notify_people=False)

    assert votes_of(kept) == {kept.author_id: IMPORTANT, newcomer.pk: NICE}
    assert votes_of(duplicate) == {duplicate.author_id: IMPORTANT}
    assert_count_matches_votes(kept, duplicate)


def test_a_merge_can_be_made_again_after_it_was_undone(kept, duplicate, staff):
    services.idea_merge(staff, duplicate, kept, notify_people=False)
    services.idea_unmerge(staff, duplicate, notify_people=False)

    services.idea_merge(staff, duplicate, kept, notify_people=False)

    assert count_of(kept) == 2
    assert Merge.objects.filter(undone_at__isnull=True).count() == 1


def test_followers_follow_the_kept_idea_until_the_merge_is_undone(kept, duplicate, staff):
    follower = MemberFactory()
    follows.follow(follower, duplicate)
    already = MemberFactory()
    follows.follow(already, duplicate)
    follows.follow(already, kept)

    services.idea_merge(staff, duplicate, kept, notify_people=False)
    assert follows.is_following(follower, kept)
    assert follows.is_following(duplicate.author, kept)

    services.idea_unmerge(staff, duplicate, notify_people=False)
    assert not follows.is_following(follower, kept)
    assert not follows.is_following(duplicate.author, kept)
    assert follows.is_following(already, kept)
    assert follows.is_following(follower, duplicate)


def test_comments_stay_on_the_merged_idea(kept, duplicate, staff):
    comment = services.comment_create(MemberFactory(), duplicate, body="Same for me.")

    services.idea_merge(staff, duplicate, kept, notify_people=False)

    assert Comment.objects.get(pk=comment.pk).idea_id == duplicate.pk
    assert Idea.objects.get(pk=duplicate.pk).comment_count == 1


def test_the_merged_ideas_voters_are_told_where_their_vote_went(kept, duplicate, staff, committed):
    voter = MemberFactory(preferred_language="fr")
    vote(voter, duplicate, NICE)

    committed(services.idea_merge, staff, duplicate, kept)

    told = Notification.objects.filter(kind="idea_merged")
    assert set(told.values_list("recipient", flat=True)) == {voter.pk, duplicate.author_id}
    french = told.get(recipient=voter)
    assert french.params == {"title": "Machine timer", "kept_title": "Start the machine on time"}
    assert french.url == f"/fr/ideas/{kept.pk}/start-the-machine-on-time/"

    committed(services.idea_unmerge, staff, duplicate)

    assert Notification.objects.filter(kind="idea_unmerged", recipient=voter).exists()


def test_merging_an_idea_into_itself_is_refused(duplicate, staff):
    with pytest.raises(ValidationError) as refused:
        services.idea_merge(staff, duplicate, duplicate)

    assert "into" in refused.value.message_dict
    assert not Merge.objects.exists()


def test_merging_into_an_idea_that_is_merged_is_refused_and_names_the_kept_one(
    kept, duplicate, staff
):
    services.idea_merge(staff, duplicate, kept, notify_people=False)
    third = proposed_idea(title="Wake-up coffee")
    before = snapshot(kept, duplicate, third)

    with pytest.raises(ValidationError) as refused:
        services.idea_merge(staff, third, duplicate)

    assert "Start the machine on time" in refused.value.message_dict["into"][0]
    assert snapshot(kept, duplicate, third) == before
    assert Merge.objects.count() == 1


def test_merging_an_idea_that_others_are_merged_into_is_refused(kept, duplicate, staff):
    services.idea_merge(staff, duplicate, kept, notify_people=False)
    third = proposed_idea(title="Wake-up coffee")

    with pytest.raises(ValidationError) as refused:
        services.idea_merge(staff, kept, third)

    assert refused.value.code == "chain"
    assert Idea.objects.get(pk=kept.pk).merged_into_id is None


def test_merging_an_idea_twice_is_refused(kept, duplicate, staff):
    services.idea_merge(staff, duplicate, kept, notify_people=False)

    with pytest.raises(ValidationError) as refused:
        services.idea_merge(staff, duplicate, proposed_idea(title="Elsewhere"))

    assert refused.value.code == "merged"


def test_undoing_a_merge_of_an_idea_that_is_not_merged_is_refused(duplicate, staff):
    with pytest.raises(ValidationError):
        services.idea_unmerge(staff, duplicate)


@pytest.mark.parametrize("who", ["member", "moderator", "unverified_member"])
def test_only_staff_and_the_product_team_merge_and_unmerge(request, kept, duplicate, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.idea_merge(actor, duplicate, kept)
    with pytest.raises(PermissionDenied):
        services.idea_unmerge(actor, duplicate)


def test_the_product_team_merges_without_a_staff_card(kept, duplicate, product_team_member):
    merge = services.idea_merge(product_team_member, duplicate, kept, notify_people=False)

    assert merge.author == product_team_member
    assert not merge.is_staff_writing
