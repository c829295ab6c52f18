"""Every view that changes something about ideas, against every role: visitor, unverified
member, member, the idea's author, staff (with a card), moderator and product team (without a
card)."""

import pytest

from ideas.models import Comment, Idea, IdeaVote, Importance, Merge, Status
from tests.factories import MemberFactory, idea_status, proposed_idea

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "author",
    "staff",
    "moderator",
    "product_team_member",
]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(request, role, idea):
    return request.getfixturevalue(role)


@pytest.fixture
def acting(client, actor):
    if actor is not None:
        client.force_login(actor)
    return client


def expect(role, allowed: set):
    """What a refused role gets: visitors are sent to log in, others are forbidden."""
    if role in allowed:
        return "allowed"
    return "log in" if role == "visitor" else "forbidden"


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "log in"
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code == 302, response.content[:500]
    return "allowed"


WRITERS = {"member", "author", "staff", "moderator", "product_team_member"}
IDEA_STAFF = {"staff", "product_team_member"}


def test_proposing(acting, role):
    response = acting.post(
        "/ideas/new/",
        {"title": "Descale reminder", "body": "Tell me when to descale.", "importance": "2"},
    )

    assert outcome(response) == expect(role, WRITERS)
    assert Idea.objects.filter(title="Descale reminder").exists() == (role in WRITERS)


def test_the_proposal_form_itself(acting, role):
    response = acting.get("/ideas/new/")

    if role in WRITERS:
        assert response.status_code == 200
    else:
        assert outcome(response) == expect(role, WRITERS)


def test_voting(acting, role, actor, idea):
    response = acting.post(f"/ideas/{idea.pk}/vote/", {"importance": "3"})

    assert outcome(response) == expect(role, WRITERS)
    voted = IdeaVote.objects.filter(idea=idea, member=actor, importance=Importance.ESSENTIAL)
    assert voted.exists() == (role in WRITERS)


def test_recording_a_vote_for_a_customer(acting, role, idea):
    customer = MemberFactory(email="caller@example.com")

    response = acting.post(
        f"/ideas/{idea.pk}/record-vote/", {"member": "caller@example.com", "importance": "1"}
    )

    assert outcome(response) == expect(role, IDEA_STAFF)
    assert IdeaVote.objects.filter(member=customer).exists() == (role in IDEA_STAFF)


def test_commenting(acting, role, idea):
    response = acting.post(f"/ideas/{idea.pk}/comment/", {"body": "Good idea."})

    assert outcome(response) == expect(role, WRITERS)
    assert Comment.objects.filter(body="Good idea.", is_internal=False).exists() == (
        role in WRITERS
    )


def test_writing_an_internal_note(acting, role, idea):
    response = acting.post(
        f"/ideas/{idea.pk}/comment/", {"body": "Engineering: Q3.", "internal": "on"}
    )

    assert outcome(response) == expect(role, IDEA_STAFF)
    assert Comment.objects.filter(body="Engineering: Q3.", is_internal=True).exists() == (
        role in IDEA_STAFF
    )
    assert not Comment.objects.filter(body="Engineering: Q3.", is_internal=False).exists()


def test_changing_the_status(acting, role, idea):
    planned = idea_status("planned")

    response = acting.post(
        f"/ideas/{idea.pk}/status/", {"to_status": planned.pk, "note": "We will build it."}
    )

    assert outcome(response) == expect(role, {"staff"})
    assert (Idea.objects.get(pk=idea.pk).status == planned) == (role == "staff")


def test_merging(acting, role, idea):
    kept = proposed_idea(title="The idea to keep")

    response = acting.post(f"/ideas/{idea.pk}/merge/", {"into": str(kept.pk)})

    assert outcome(response) == expect(role, IDEA_STAFF)
    assert (Idea.objects.get(pk=idea.pk).merged_into_id == kept.pk) == (role in IDEA_STAFF)


def test_the_merge_confirmation(acting, role, idea):
    kept = proposed_idea(title="The idea to keep")

    response = acting.get(f"/ideas/{idea.pk}/merge/", {"into": str(kept.pk)})

    if role in IDEA_STAFF:
        assert response.status_code == 200
    else:
        assert outcome(response) == expect(role, IDEA_STAFF)
    assert Idea.objects.get(pk=idea.pk).merged_into_id is None


def test_unmerging(acting, role, idea, staff):
    from ideas import services

    services.idea_merge(staff, idea, proposed_idea(title="Kept"), notify_people=False)

    response = acting.post(f"/ideas/{idea.pk}/unmerge/")

    assert outcome(response) == expect(role, IDEA_STAFF)
    assert Merge.objects.get().is_active == (role not in IDEA_STAFF)


def test_estimating_impact_and_effort(acting, role, idea):
    response = acting.post(f"/ideas/{idea.pk}/estimate/", {"impact": "5", "effort": "1"})

    assert outcome(response) == expect(role, {"product_team_member"})
    assert (Idea.objects.get(pk=idea.pk).score == 500) == (role == "product_team_member")


def test_editing_statuses_in_the_admin(acting, role):
    new = Status.objects.get(slug="new")

    listing = acting.get("/admin/idea-statuses/")
    response = acting.post(
        f"/admin/idea-statuses/edit/{new.pk}/",
        {
            "name_en": "Fresh",
            "name_fr": "Nouvelle",
            "slug": "new",
            "description_en": "",
            "description_fr": "",
            "colour": "#5b6472",
            "kind": "open",
            "order": "10",
        },
    )

    allowed = role == "product_team_member"
    assert (listing.status_code == 200) == allowed
    assert (Status.objects.get(pk=new.pk).name_en == "Fresh") == allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_site_admins_edit_statuses_too(client, db):
    from community.roles import Role
    from tests.factories import totp_authenticator

    admin = MemberFactory(roles=[Role.SITE_ADMIN])
    totp_authenticator(admin)
    client.force_login(admin)

    assert client.get("/admin/idea-statuses/").status_code == 200
    assert client.get("/admin/idea-decline-reasons/").status_code == 200
    assert client.get("/admin/idea-tags/").status_code == 200


def test_the_ideas_listing_in_the_admin_is_for_staff_and_the_product_team(acting, role):
    response = acting.get("/admin/ideas/")

    assert (response.status_code == 200) == (role in IDEA_STAFF)


def test_editing_and_deleting_an_idea(acting, role, idea):
    edit = acting.post(
        f"/ideas/{idea.pk}/edit/",
        {"title": "Schedule the start", "body": "Same need, better words."},
    )

    editors = {"author", "staff", "moderator", "product_team_member"}
    assert outcome(edit) == expect(role, editors)
    assert (Idea.objects.get(pk=idea.pk).title == "Schedule the start") == (role in editors)

    delete = acting.post(f"/ideas/{idea.pk}/delete/")
    deleters = {"author", "moderator"}
    assert outcome(delete) == expect(role, deleters)
    assert Idea.objects.get(pk=idea.pk).is_deleted == (role in deleters)


def test_authors_cannot_delete_an_idea_others_voted_for(client, idea, author):
    from ideas import services

    services.idea_vote(MemberFactory(), idea, importance=Importance.NICE)
    client.force_login(author)

    response = client.post(f"/ideas/{idea.pk}/delete/")

    assert response.status_code == 403
    assert "Other members have voted for your idea" in response.content.decode()
    assert not Idea.objects.get(pk=idea.pk).is_deleted


def test_reporting_an_idea(acting, role, idea):
    response = acting.post(f"/ideas/{idea.pk}/report/", {"reason": "spam", "text": ""})

    reporters = WRITERS - {"author"}
    assert outcome(response) == expect(role, reporters)


def test_internal_notes_are_seen_by_staff_only(acting, role, idea, staff):
    from ideas import services

    services.comment_create(staff, idea, body="Engineering says Q3.", internal=True)

    page = acting.get(idea.get_absolute_url()).content.decode()

    assert ("Engineering says Q3." in page) == (role in IDEA_STAFF)
    assert ("Only staff see this" in page) == (role in IDEA_STAFF)
