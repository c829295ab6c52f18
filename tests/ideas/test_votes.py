"""Proposing and voting: one vote per member, with its importance, closed when the idea is."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from community.follows import is_following
from community.models import Notification
from ideas import services
from ideas.models import IdeaVote, Importance
from ideas.selectors import importance_counts, vote_history
from tests.factories import (
    MemberFactory,
    StaffCardFactory,
    idea_status,
    product_page,
    proposed_idea,
)
from tests.ideas.helpers import assert_count_matches_votes, count_of, votes_of

pytestmark = pytest.mark.django_db


def test_a_proposed_idea_starts_in_the_first_open_status_with_its_authors_vote(author, product):
    idea = proposed_idea(author, product=product, importance=Importance.ESSENTIAL)

    assert idea.status.slug == "new"
    assert votes_of(idea) == {author.pk: Importance.ESSENTIAL}
    assert count_of(idea) == 1
    assert is_following(author, idea)
    assert idea.slug == "schedule-the-machine-to-start"


def test_an_idea_proposed_from_the_french_page_belongs_to_the_product(site_pages, author):
    from wagtail.models import Locale

    from community.site_setup import translate_page

    english = product_page(site_pages.catalogue["en"], "Espresso One")
    french = translate_page(english, Locale.objects.get(language_code="fr"), {"title": "Expresso"})
    with translation.override("fr"):
        idea = proposed_idea(author, product=french)

    assert idea.product_id == english.pk
    assert idea.language == "fr"


def test_a_title_that_is_one_of_the_ideas_own_addresses_gets_another_slug(author):
    assert proposed_idea(author, title="Edit").slug == "edit-idea"


def test_voting_again_changes_the_importance_without_counting_twice(idea):
    voter = MemberFactory()

    assert services.idea_vote(voter, idea, importance=Importance.NICE) is True
    assert services.idea_vote(voter, idea, importance=Importance.ESSENTIAL) is False
    assert services.idea_vote(voter, idea, importance=Importance.ESSENTIAL) is False

    assert votes_of(idea)[voter.pk] == Importance.ESSENTIAL
    assert count_of(idea) == 2


def test_taking_a_vote_back_twice_lowers_the_count_once(idea):
    voter = MemberFactory()
    services.idea_vote(voter, idea, importance=Importance.IMPORTANT)

    assert services.idea_unvote(voter, idea) is True
    assert services.idea_unvote(voter, idea) is False

    assert voter.pk not in votes_of(idea)
    assert count_of(idea) == 1


def test_a_vote_with_an_unknown_importance_is_refused(idea):
    with pytest.raises(ValidationError) as refused:
        services.idea_vote(MemberFactory(), idea, importance=7)

    assert "importance" in refused.value.message_dict
    assert count_of(idea) == 1


def test_members_who_have_not_verified_their_address_cannot_vote(idea):
    with pytest.raises(PermissionDenied):
        services.idea_vote(MemberFactory(verified=False), idea, importance=Importance.NICE)
    assert count_of(idea) == 1


def _ship(idea, staff):
    services.idea_status_change(
        staff, idea, to_status=idea_status("shipped"), note="It is out.", notify_people=False
    )


def _decline(idea, staff):
    services.idea_status_change(
        staff,
        idea,
        to_status=idea_status("declined"),
        note="Not for us.",
        decline_reason=_reason(),
        notify_people=False,
    )


def _merge(idea, staff):
    services.idea_merge(staff, idea, proposed_idea(title="Another one"), notify_people=False)


def _delete(idea, staff):
    services.idea_delete(idea.author, idea)


def _reason():
    from ideas.models import DeclineReason

    return DeclineReason.objects.filter(active=True).first()


@pytest.mark.parametrize(
    ("close", "message"),
    [
        (_ship, "this idea has shipped"),
        (_decline, "this idea was declined"),
        (_merge, "merged into another one"),
        (_delete, "this idea was deleted"),
    ],
)
def test_voting_closes_when_an_idea_ships_is_declined_merged_or_deleted(
    idea, staff, close, message
):
    voter = MemberFactory()
    services.idea_vote(voter, idea, importance=Importance.NICE)
    close(idea, staff)
    before = votes_of(idea)

    for attempt in (
        lambda: services.idea_vote(MemberFactory(), idea, importance=Importance.NICE),
        lambda: services.idea_vote(voter, idea, importance=Importance.ESSENTIAL),
        lambda: services.idea_unvote(voter, idea),
        lambda: services.vote_record_for(staff, MemberFactory(), idea, importance=2),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "closed"
        assert message in refused.value.messages[0]

    assert votes_of(idea) == before
    assert_count_matches_votes(idea)


def test_reopening_a_shipped_idea_opens_voting_again(idea, staff):
    _ship(idea, staff)
    services.idea_status_change(
        staff, idea, to_status=idea_status("in-progress"), note="Not quite.", notify_people=False
    )

    assert services.idea_vote(MemberFactory(), idea, importance=Importance.NICE) is True


def test_staff_record_a_customers_vote_and_the_customer_is_told_who(idea, staff):
    customer = MemberFactory(display_name="Paul Phone", preferred_language="fr")

    assert services.vote_record_for(staff, customer, idea, importance=Importance.ESSENTIAL)

    vote = IdeaVote.objects.get(idea=idea, member=customer)
    assert vote.recorded_by == staff
    assert vote.importance == Importance.ESSENTIAL
    told = Notification.objects.get(recipient=customer, kind="idea_vote_recorded")
    assert told.params["staff_name"] == "Amélie Durand"
    with translation.override("fr"):
        assert str(Importance.ESSENTIAL.label) in told.message
    assert told.url.startswith("/fr/ideas/")
    assert count_of(idea) == 2


def test_recording_again_changes_the_importance_and_a_members_own_change_owns_the_vote(idea, staff):
    customer = MemberFactory()
    services.vote_record_for(staff, customer, idea, importance=Importance.NICE)

    assert services.vote_record_for(staff, customer, idea, importance=Importance.IMPORTANT) is False
    services.idea_vote(customer, idea, importance=Importance.ESSENTIAL)

    vote = IdeaVote.objects.get(idea=idea, member=customer)
    assert (vote.importance, vote.recorded_by) == (Importance.ESSENTIAL, None)
    assert count_of(idea) == 2


@pytest.mark.parametrize("who", ["nobody", "self", "inactive"])
def test_recording_a_vote_for_nobody_for_oneself_or_an_inactive_account_is_refused(
    idea, staff, who
):
    customer = {
        "nobody": None,
        "self": staff,
        "inactive": MemberFactory(is_active=False),
    }[who]

    with pytest.raises(ValidationError) as refused:
        services.vote_record_for(staff, customer, idea, importance=Importance.NICE)

    assert "member" in refused.value.message_dict
    assert count_of(idea) == 1


def test_members_and_moderators_cannot_record_votes_for_others(idea, member, moderator):
    for actor in (member, moderator):
        with pytest.raises(PermissionDenied):
            services.vote_record_for(actor, MemberFactory(), idea, importance=Importance.NICE)


def test_the_product_team_records_votes_too(idea, product_team_member):
    customer = MemberFactory()

    services.vote_record_for(product_team_member, customer, idea, importance=Importance.NICE)

    assert IdeaVote.objects.get(member=customer).recorded_by == product_team_member


def test_votes_by_importance_add_up_to_the_count(idea):
    for importance in (Importance.NICE, Importance.ESSENTIAL, Importance.ESSENTIAL):
        services.idea_vote(MemberFactory(), idea, importance=importance)

    rows = {row["importance"]: row["count"] for row in importance_counts(idea)}

    assert rows == {Importance.ESSENTIAL: 2, Importance.IMPORTANT: 1, Importance.NICE: 1}
    assert sum(rows.values()) == count_of(idea)


def test_the_vote_history_counts_votes_day_by_day_up_to_the_count(idea, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now()
    for days in (3, 3, 10):
        time_machine.move_to(start + timedelta(days=days))
        services.idea_vote(MemberFactory(), idea, importance=Importance.NICE)
    time_machine.move_to(start + timedelta(days=12))

    history = vote_history(idea)

    counts = [count for _day, count in history["series"]]
    assert counts[0] == 1
    assert counts[-1] == 4 == count_of(idea)
    assert counts == sorted(counts)
    assert history["first_day"] == timezone.localdate(idea.created_at)
    assert len(history["series"]) == 13


def test_the_vote_history_starts_90_days_ago_for_older_ideas(idea, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    time_machine.move_to(timezone.now() + timedelta(days=200))
    services.idea_vote(MemberFactory(), idea, importance=Importance.NICE)

    history = vote_history(idea)

    assert len(history["series"]) == 90
    assert history["start"] == 1
    assert history["end"] == 2


def test_staff_propose_under_their_staff_card(db):
    staff = StaffCardFactory(real_name="Bruno Leroy").member

    idea = proposed_idea(staff)

    assert idea.is_staff_writing
    assert idea.author_card.real_name == "Bruno Leroy"
