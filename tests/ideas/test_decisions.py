"""Signed decisions: a public note by a named member of staff, never overwritten, told to the
voters, the author and the followers in their language; and "does this solve it?"."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from community import follows
from community.models import Notification
from ideas import services
from ideas.models import DeclineReason, Idea, Importance, ShipFeedback, StatusChange
from ideas.selectors import ship_feedback_summary
from tests.factories import MemberFactory, StaffCardFactory, idea_status

pytestmark = pytest.mark.django_db


def reason():
    return DeclineReason.objects.filter(active=True).order_by("order").first()


def test_a_decision_is_signed_with_the_staff_card_and_moves_the_idea(idea, staff):
    change = services.idea_status_change(
        staff, idea, to_status=idea_status("planned"), note="We start in **May**."
    )

    idea.refresh_from_db()
    assert idea.status.slug == "planned"
    assert idea.last_status_change == change
    assert idea.status_changed_at == change.created_at
    assert change.from_status.slug == "new"
    assert change.author == staff
    assert change.author_card.real_name == "Amélie Durand"
    assert change.author_role_title == "Support specialist"
    assert change.is_staff_writing
    assert change.note_html == "<p>We start in <strong>May</strong>.</p>\n"
    assert change.vote_count == 1


def test_decisions_are_never_overwritten(idea, staff):
    other = StaffCardFactory(real_name="Bruno Leroy").member
    first = services.idea_status_change(
        staff, idea, to_status=idea_status("planned"), note="We will build it."
    )
    services.idea_status_change(
        other, idea, to_status=idea_status("in-progress"), note="Bruno is on it."
    )

    changes = list(StatusChange.objects.filter(idea=idea).order_by("created_at", "pk"))
    assert [(c.to_status.slug, c.author_card.real_name, c.note) for c in changes] == [
        ("planned", "Amélie Durand", "We will build it."),
        ("in-progress", "Bruno Leroy", "Bruno is on it."),
    ]
    assert changes[0] == first
    assert changes[1].from_status.slug == "planned"


@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_status_change_without_a_note_is_refused_and_changes_nothing(idea, staff, note):
    with pytest.raises(ValidationError) as refused:
        services.idea_status_change(staff, idea, to_status=idea_status("planned"), note=note)

    assert "note" in refused.value.message_dict
    assert Idea.objects.get(pk=idea.pk).status.slug == "new"
    assert not StatusChange.objects.exists()


def test_a_decline_without_a_reason_is_refused(idea, staff):
    with pytest.raises(ValidationError) as refused:
        services.idea_status_change(
            staff, idea, to_status=idea_status("declined"), note="We will not."
        )

    assert list(refused.value.message_dict) == ["decline_reason"]
    assert Idea.objects.get(pk=idea.pk).status.slug == "new"


def test_an_inactive_reason_cannot_be_chosen(idea, staff):
    retired = reason()
    retired.active = False
    retired.save()

    with pytest.raises(ValidationError) as refused:
        services.idea_status_change(
            staff, idea, to_status=idea_status("declined"), note="No.", decline_reason=retired
        )

    assert "decline_reason" in refused.value.message_dict


def test_a_decline_keeps_its_reason_workaround_and_when_it_will_be_looked_at_again(idea, staff):
    later = timezone.localdate() + timedelta(days=90)

    change = services.idea_status_change(
        staff,
        idea,
        to_status=idea_status("declined"),
        note="Not this year.",
        decline_reason=reason(),
        workaround="Use the *timer* socket.",
        revisit_on=later,
        revisit_at_votes=50,
    )

    assert change.decline_reason == reason()
    assert change.workaround_html == "<p>Use the <em>timer</em> socket.</p>\n"
    assert (change.revisit_on, change.revisit_at_votes) == (later, 50)


def test_a_revisit_date_in_the_past_or_a_threshold_already_reached_is_refused(idea, staff):
    with pytest.raises(ValidationError) as refused:
        services.idea_status_change(
            staff,
            idea,
            to_status=idea_status("declined"),
            note="No.",
            decline_reason=reason(),
            revisit_on=timezone.localdate(),
            revisit_at_votes=1,
        )

    assert set(refused.value.message_dict) == {"revisit_on", "revisit_at_votes"}


def test_decline_details_are_dropped_when_the_status_is_not_a_decline(idea, staff):
    change = services.idea_status_change(
        staff,
        idea,
        to_status=idea_status("planned"),
        note="Yes.",
        decline_reason=reason(),
        workaround="Something",
        revisit_at_votes=100,
    )

    assert (change.decline_reason, change.workaround, change.revisit_at_votes) == (None, "", None)


def test_moving_an_idea_to_the_status_it_has_is_refused(idea, staff):
    with pytest.raises(ValidationError) as refused:
        services.idea_status_change(staff, idea, to_status=idea_status("new"), note="Again.")

    assert "to_status" in refused.value.message_dict


@pytest.mark.parametrize("who", ["member", "moderator", "product_team_member"])
def test_only_staff_with_an_active_card_change_a_status(request, idea, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.idea_status_change(actor, idea, to_status=idea_status("planned"), note="Hm.")


def test_staff_whose_card_is_inactive_cannot_sign_a_decision(idea, staff):
    staff.staff_card.is_active = False
    staff.staff_card.save()

    with pytest.raises(PermissionDenied):
        services.idea_status_change(staff, idea, to_status=idea_status("planned"), note="Hm.")


def test_voters_the_author_and_followers_are_told_once_each_in_their_language(
    idea, author, staff, committed
):
    french_voter = MemberFactory(preferred_language="fr")
    services.idea_vote(french_voter, idea, importance=Importance.ESSENTIAL)
    follower = MemberFactory()
    follows.follow(follower, idea)
    follows.follow(french_voter, idea)
    bystander = MemberFactory()

    committed(
        services.idea_status_change,
        staff,
        idea,
        to_status=idea_status("planned"),
        note="We start in May.\nThank you all!",
    )

    told = Notification.objects.filter(kind="idea_status_changed")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        [author.pk, french_voter.pk, follower.pk]
    )
    assert not Notification.objects.filter(recipient=bystander).exists()
    french = told.get(recipient=french_voter)
    assert french.params == {
        "staff_name": "Amélie Durand",
        "role": {"en": "Support specialist", "fr": "Conseillère support"},
        "title": "Schedule the machine to start",
        "status": {"en": "Planned", "fr": "Prévue"},
        "note": "We start in May. Thank you all!",
    }
    with translation.override("fr"):
        assert "Amélie Durand (Conseillère support)" in french.message
        assert "Prévue" in french.message
    assert french.url.startswith(f"/fr/ideas/{idea.pk}/")
    assert told.get(recipient=author).url.startswith(f"/ideas/{idea.pk}/")
    assert french.actor == staff
    assert (
        "Amélie Durand (Support specialist) moved “Schedule the machine to start” to Planned"
        in (told.get(recipient=author).message)
    )


def test_the_staff_member_who_decides_is_not_told_of_their_own_decision(idea, staff, committed):
    services.idea_vote(staff, idea, importance=Importance.NICE)

    committed(
        services.idea_status_change, staff, idea, to_status=idea_status("planned"), note="Yes."
    )

    assert not Notification.objects.filter(recipient=staff).exists()


def test_shipping_asks_each_voter_whether_it_solves_it(idea, author, staff, committed):
    follower = MemberFactory()
    follows.follow(follower, idea)

    committed(
        services.idea_status_change, staff, idea, to_status=idea_status("shipped"), note="Out!"
    )

    asked = Notification.objects.get(recipient=author)
    assert asked.kind == "idea_shipped"
    assert asked.url.endswith("#ship-feedback")
    assert Notification.objects.get(recipient=follower).kind == "idea_status_changed"


def test_a_decline_tells_the_reason_in_the_readers_language(idea, author, staff, committed):
    author.preferred_language = "fr"
    author.save()

    committed(
        services.idea_status_change,
        staff,
        idea,
        to_status=idea_status("declined"),
        note="Pas cette année.",
        decline_reason=reason(),
    )

    told = Notification.objects.get(recipient=author)
    assert told.kind == "idea_declined"
    assert told.params["status"] == {"en": "Declined", "fr": "Refusée"}
    with translation.override("fr"):
        assert reason().label_fr in told.message
    assert reason().label_en in told.message


def test_nobody_is_told_before_the_decision_is_saved(idea, author, staff, committed):
    with pytest.raises(ValidationError):
        committed(
            services.idea_status_change, staff, idea, to_status=idea_status("planned"), note=""
        )

    assert not Notification.objects.exists()


def _ship(idea, staff):
    services.idea_status_change(
        staff, idea, to_status=idea_status("shipped"), note="Out!", notify_people=False
    )


def test_voters_of_a_shipped_idea_say_whether_it_solves_it(idea, author, staff):
    no_voter = MemberFactory()
    services.idea_vote(no_voter, idea, importance=Importance.ESSENTIAL)
    _ship(idea, staff)

    services.ship_feedback_save(author, idea, solves=True, why="ignored when it solves it")
    services.ship_feedback_save(no_voter, idea, solves=False, why="It still needs a timer.")
    services.ship_feedback_save(no_voter, idea, solves=False, why="Only on weekdays, please.")

    assert ShipFeedback.objects.get(member=author).why == ""
    assert ShipFeedback.objects.get(member=no_voter).why == "Only on weekdays, please."
    assert ship_feedback_summary(idea) == {"yes": 1, "no": 1, "total": 2, "percent": 50}


def test_only_voters_answer_and_only_once_the_idea_shipped(idea, author, staff):
    with pytest.raises(PermissionDenied):
        services.ship_feedback_save(author, idea, solves=True)
    _ship(idea, staff)
    with pytest.raises(PermissionDenied):
        services.ship_feedback_save(MemberFactory(), idea, solves=True)

    assert not ShipFeedback.objects.exists()


def test_the_product_team_estimates_impact_and_effort_into_a_score(idea, product_team_member):
    services.idea_estimate(product_team_member, idea, impact=4, effort=2)
    idea.refresh_from_db()
    assert (idea.impact, idea.effort, idea.score) == (4, 2, 200)
    assert idea.estimated_by == product_team_member

    services.idea_estimate(product_team_member, idea, impact=4, effort=None)
    idea.refresh_from_db()
    assert idea.score is None


def test_estimates_out_of_range_or_by_others_are_refused(idea, product_team_member, staff):
    with pytest.raises(ValidationError):
        services.idea_estimate(product_team_member, idea, impact=9, effort=1)
    with pytest.raises(PermissionDenied):
        services.idea_estimate(staff, idea, impact=3, effort=3)

    idea.refresh_from_db()
    assert idea.score is None
