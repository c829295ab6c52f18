"""Suspensions: moderators suspend a member for a period with a reason the member sees on every
page; a suspended member reads but does not write or vote; it ends by itself or is lifted; every
decision is audited and the member is told."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from community import permissions
from community.models import AuditEntry, Notification, Suspension
from community.protections import suspensions
from community.questions.models import Answer
from community.roles import Role
from tests.factories import MemberFactory, QuestionFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

REASON = "Insulted other members in three answers."


def text_of(response):
    return response.content.decode()


# --- The services ---------------------------------------------------------------------------


def test_a_suspension_is_told_to_the_member_with_its_reason_and_audited(
    moderator, django_capture_on_commit_callbacks
):
    member = MemberFactory(display_name="Sam")
    until = timezone.now() + timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        suspension = suspensions.suspend(moderator, member, until=until, reason=REASON)

    assert suspensions.active_suspension(member) == suspension
    assert not permissions.can_write(member)
    notification = Notification.objects.get(recipient=member, kind="member_suspended")
    assert REASON in notification.message
    assert "you can read, but not write or vote" in notification.message
    assert any(REASON in message.body for message in mail.outbox if message.to == [member.email])
    entry = AuditEntry.objects.get(action="protections.suspend")
    assert entry.reason == REASON
    assert entry.subject_ref and entry.actor_ref


def test_lifting_a_suspension_lets_the_member_write_again_and_is_audited(moderator):
    member = MemberFactory()
    suspension = suspensions.suspend_for(moderator, member, days=7, reason=REASON)

    suspensions.lift(moderator, suspension, reason="The member apologised to everyone.")

    suspension.refresh_from_db()
    assert suspension.lifted_at is not None and suspension.lifted_by == moderator
    assert permissions.can_write(member)
    assert Notification.objects.filter(recipient=member, kind="member_suspension_lifted").exists()
    assert AuditEntry.objects.filter(action="protections.lift").count() == 1


def test_a_suspension_ends_by_itself_at_its_date(moderator):
    member = MemberFactory()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        suspensions.suspend_for(moderator, member, days=1, reason=REASON)
        suspensions.forget(member)
        assert suspensions.is_suspended(member)
        clock.shift(timedelta(days=1, seconds=1))
        # Even a member object read before the end sees it ended.
        assert not suspensions.is_suspended(member)
        assert permissions.can_write(member)


@pytest.mark.parametrize("reason", ["", "   ", "Rude."])
def test_a_suspension_needs_a_real_reason(moderator, reason):
    with pytest.raises(Exception, match="reason of at least 10 characters"):
        suspensions.suspend_for(moderator, MemberFactory(), days=1, reason=reason)
    assert not Suspension.objects.exists()


def test_a_suspension_ends_in_the_future(moderator):
    with pytest.raises(Exception, match="must be in the future"):
        suspensions.suspend(
            moderator, MemberFactory(), until=timezone.now() - timedelta(minutes=1), reason=REASON
        )


def test_a_moderator_cannot_suspend_themself_nor_a_superuser(moderator):
    with pytest.raises(Exception, match="Only moderators suspend members"):
        suspensions.suspend_for(moderator, moderator, days=1, reason=REASON)
    superuser = MemberFactory(is_superuser=True)
    with pytest.raises(Exception, match="Only moderators suspend members"):
        suspensions.suspend_for(moderator, superuser, days=1, reason=REASON)


# --- Permission matrix: who suspends --------------------------------------------------------

SUSPENDERS = [
    ("visitor", False),
    ("unverified_member", False),
    ("member", False),
    ("staff", False),
    ("product_team_member", False),
    ("moderator", True),
]


@pytest.mark.parametrize(("role", "allowed"), SUSPENDERS)
def test_only_moderators_suspend_from_the_admin(request, client, role, allowed):
    actor = request.getfixturevalue(role)
    target = MemberFactory(display_name="Target Member")
    if actor is not None:
        client.force_login(actor)

    page = client.get(f"/admin/suspensions/member/{target.pk}/")
    response = client.post(
        f"/admin/suspensions/member/{target.pk}/", {"days": "7", "reason": REASON}
    )

    assert Suspension.objects.filter(member=target).exists() is allowed
    if allowed:
        assert page.status_code == 200
        assert response.status_code == 302
        assert response["Location"] == "/admin/suspensions/"
    else:
        assert page.status_code in (302, 403)
        assert response.status_code in (302, 403)


@pytest.mark.parametrize(("role", "allowed"), SUSPENDERS)
def test_only_moderators_lift_suspensions(request, client, moderator, role, allowed):
    suspension = suspensions.suspend_for(moderator, MemberFactory(), days=7, reason=REASON)
    actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    client.post(f"/admin/suspensions/{suspension.pk}/lift/", {"reason": "Apologised to all."})

    suspension.refresh_from_db()
    assert (suspension.lifted_at is not None) is allowed


# --- Permission matrix: reading and writing while suspended ---------------------------------

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "author",
    "staff",
    "moderator",
    "product_team_member",
    "suspended",
]


@pytest.fixture
def person(request, moderator, question, asker):
    def make(role):
        if role == "author":
            return asker
        if role == "suspended":
            member = MemberFactory(display_name="Sam Suspended")
            suspensions.suspend_for(moderator, member, days=7, reason=REASON)
            return member
        return request.getfixturevalue(role)

    return make


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_and_only_the_suspended_and_unverified_cannot_answer(
    client, person, question, role
):
    actor = person(role)
    if actor is not None:
        client.force_login(actor)

    reading = client.get(question.get_absolute_url())
    writing = client.post(
        f"/questions/{question.pk}/answer/", {"body": f"An answer written by the {role} role."}
    )

    assert reading.status_code == 200
    written = Answer.objects.filter(body__startswith="An answer written by").exists()
    if role == "visitor":
        assert writing.status_code == 302 and "/accounts/login/" in writing["Location"]
    elif role in ("unverified_member", "suspended"):
        assert writing.status_code == 403
    else:
        assert writing.status_code == 302
    assert written is (role not in ("visitor", "unverified_member", "suspended"))
    if role == "suspended":
        assert REASON in text_of(writing)
        assert "Verify my e-mail address" not in text_of(writing)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_suspended_and_unverified_cannot_vote(client, person, question, role):
    actor = person(role)
    if actor is not None:
        client.force_login(actor)

    client.post(f"/questions/{question.pk}/vote/", {"vote": "1"})

    question.refresh_from_db()
    voted = role not in ("visitor", "unverified_member", "suspended", "author")
    assert question.vote_count == (1 if voted else 0)


def test_a_suspended_moderator_is_suspended_too(client, moderator, question):
    other = MemberFactory(roles=[Role.MODERATOR])
    suspensions.suspend_for(other, moderator, days=1, reason=REASON)
    suspensions.forget(moderator)

    assert not permissions.can_write(moderator)


# --- What the suspended member sees ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/questions/", "/ideas/", "/accounts/notifications/"])
def test_the_suspended_member_sees_the_reason_and_end_on_every_page(
    client, suspended_member, site_pages, path, elements
):
    client.force_login(suspended_member)

    response = client.get(path)

    banner = elements(response.content, "div", data_testid="suspension-banner")
    assert banner
    assert REASON in banner[0][1]
    assert "Your account is suspended until" in banner[0][1]
    assert "verify your e-mail address" not in text_of(response)


def test_other_members_see_no_banner(client, member, suspended_member, site_pages, elements):
    client.force_login(member)
    response = client.get(suspended_member.get_absolute_url())
    assert not elements(response.content, "div", data_testid="suspension-banner")


def test_the_question_page_tells_the_suspended_member_why_there_is_no_answer_form(
    client, suspended_member, question, elements
):
    client.force_login(suspended_member)

    response = client.get(question.get_absolute_url())

    assert not elements(response.content, "textarea", name="body")
    notes = elements(response.content, "p", class_="suspended-note")
    assert notes and "you can read, but not write or vote" in notes[0][1]


def test_the_ask_page_refuses_with_the_suspension_not_the_e_mail(client, suspended_member):
    client.force_login(suspended_member)

    response = client.get("/questions/ask/")

    assert response.status_code == 403
    assert REASON in text_of(response)
    assert "About your suspension" in text_of(response)


def test_the_suspension_page_shows_the_reason_the_end_and_earlier_suspensions(client, moderator):
    member = MemberFactory()
    earlier = suspensions.suspend_for(moderator, member, days=3, reason="Advertised a shop twice.")
    suspensions.lift(moderator, earlier, reason="It was a misunderstanding.")
    suspensions.suspend_for(moderator, member, days=7, reason=REASON)
    client.force_login(member)

    response = client.get("/accounts/suspension/")

    page = text_of(response)
    assert response.status_code == 200
    assert REASON in page and "Moderator Max" in page
    assert "Advertised a shop twice." in page and "It was a misunderstanding." in page


def test_the_suspension_page_says_when_there_is_none(client, member):
    client.force_login(member)
    response = client.get("/accounts/suspension/")
    assert "Your account is not suspended" in text_of(response)


def test_the_suspension_page_is_for_members(client):
    response = client.get("/accounts/suspension/")
    assert response.status_code == 302


def test_the_banner_goes_when_the_suspension_ends(client, moderator, site_pages, elements):
    member = MemberFactory()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        suspensions.suspend_for(moderator, member, days=2, reason=REASON)
        client.force_login(member)
        assert elements(client.get("/").content, "div", data_testid="suspension-banner")
        clock.shift(timedelta(days=2, minutes=1))
        assert not elements(client.get("/").content, "div", data_testid="suspension-banner")


# --- Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/questions/"])
def test_the_banner_costs_no_query_more_than_a_page_without_it(client, moderator, site_pages, path):
    ordinary = MemberFactory()
    suspended = MemberFactory()
    suspensions.suspend_for(moderator, suspended, days=7, reason=REASON)
    QuestionFactory.create_batch(2)

    client.force_login(ordinary)
    without_banner = queries_for(client.get, path)
    client.force_login(suspended)
    with_banner = queries_for(client.get, path)
    for _ in range(3):
        suspensions.suspend_for(moderator, suspended, days=1, reason=REASON)
    QuestionFactory.create_batch(8)
    with_more = queries_for(client.get, path)

    assert with_banner == without_banner
    assert with_more == with_banner


# --- The admin --------------------------------------------------------------------------------


def test_the_admin_lists_suspensions_in_force_and_finds_members(client, moderator):
    target = MemberFactory(display_name="Findable Fiona")
    suspended = MemberFactory(display_name="Suspended Sue")
    suspensions.suspend_for(moderator, suspended, days=7, reason=REASON)
    client.force_login(moderator)

    response = client.get("/admin/suspensions/", {"q": "fiona"})

    page = text_of(response)
    assert response.status_code == 200
    assert "Suspended Sue" in page and REASON in page
    assert f"/admin/suspensions/member/{target.pk}/" in page


def test_the_admin_keeps_what_was_typed_when_the_reason_is_too_short(client, moderator):
    target = MemberFactory()
    client.force_login(moderator)

    response = client.post(
        f"/admin/suspensions/member/{target.pk}/", {"days": "3", "reason": "Bad"}
    )

    assert response.status_code == 200
    assert "Ensure this value has at least 10 characters" in text_of(response)
    assert 'value="3" selected' in text_of(response) or "selected" in text_of(response)
    assert not Suspension.objects.exists()


def test_the_admin_menu_shows_suspensions_to_moderators_only(client, moderator, staff):
    client.force_login(moderator)
    assert "/admin/suspensions/" in text_of(client.get("/admin/"))
    client.force_login(staff)
    assert "/admin/suspensions/" not in text_of(client.get("/admin/"))


def test_the_member_page_links_moderators_to_the_suspension_form(client, moderator, member):
    client.force_login(moderator)
    assert f"/admin/suspensions/member/{member.pk}/" in text_of(
        client.get(member.get_absolute_url())
    )
    client.force_login(MemberFactory())
    assert "/admin/suspensions/member/" not in text_of(client.get(member.get_absolute_url()))


# --- The profile ------------------------------------------------------------------------------


def profile_data(member, **changes):
    return {
        "display_name": member.display_name,
        "handle": member.handle,
        "bio": member.bio,
        "preferred_language": member.preferred_language,
        **changes,
    }


def test_a_suspended_member_cannot_change_their_public_profile(client, suspended_member):
    client.force_login(suspended_member)

    response = client.post(
        "/accounts/profile/", profile_data(suspended_member, bio="Buy cheap pods at shop.example")
    )

    suspended_member.refresh_from_db()
    assert response.status_code == 403
    assert REASON in text_of(response)
    assert suspended_member.bio == ""


def test_a_suspended_member_still_chooses_their_language(client, suspended_member):
    client.force_login(suspended_member)

    response = client.post(
        "/accounts/profile/", profile_data(suspended_member, preferred_language="fr")
    )

    suspended_member.refresh_from_db()
    assert response.status_code == 302
    assert suspended_member.preferred_language == "fr"


def test_the_admin_list_of_users_offers_moderators_to_suspend(moderator, member):
    from community.protections.admin import suspend_button

    assert [button.url for button in suspend_button(user=member, request_user=moderator)] == [
        f"/admin/suspensions/member/{member.pk}/"
    ]
    assert suspend_button(user=member, request_user=MemberFactory()) == []
