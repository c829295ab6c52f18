"""Who may report, claim, decide and read the audit log, across every role; the same rules in
the services and on the pages."""

import pytest
from django.urls import reverse

from community import reports
from community.models import QueueItem, Report
from community.moderation import permissions
from tests.factories import site_admin

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


@pytest.fixture
def queued(answer, db):
    from tests.factories import MemberFactory

    reports.report_create(MemberFactory(), answer, reason="spam")
    return QueueItem.objects.get(closed_at__isnull=True)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("visitor", False),
        ("unverified_member", False),
        ("member", True),
        ("author", False),
        ("staff", True),
        ("moderator", True),
        ("product_team_member", True),
    ],
)
def test_who_may_report_an_answer(request, login, answer, role, allowed):
    person = request.getfixturevalue(role)
    client = login(person)

    response = client.post(
        reverse("questions:answer_report", args=[answer.pk]), {"reason": "spam", "text": ""}
    )

    made = Report.objects.filter(object_id=answer.pk).exists()
    assert made is allowed
    assert permissions.can_report(person, answer) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("visitor", False),
        ("unverified_member", False),
        ("member", True),
        ("author", False),
        ("staff", True),
        ("moderator", True),
        ("product_team_member", True),
    ],
)
def test_who_may_report_a_member(request, login, author, role, allowed):
    person = request.getfixturevalue(role)

    response = login(person).post(
        reverse("moderation:member_report", args=[author.handle]), {"reason": "abuse"}
    )

    assert Report.objects.filter(object_id=author.pk).exists() is allowed
    if not allowed:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_claim(request, login, queued, role):
    person = request.getfixturevalue(role)

    response = login(person).post(reverse("moderation_item", args=[queued.pk]), {"step": "claim"})

    queued.refresh_from_db()
    if role == "moderator":
        assert response.status_code == 302
        assert queued.claimed_by == person
    else:
        assert response.status_code in (302, 403)
        assert queued.claimed_by is None
    assert permissions.can_claim(person) is (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_decide(request, login, queued, answer, role):
    person = request.getfixturevalue(role)
    if role == "author":
        person = answer.author

    response = login(person).post(
        reverse("moderation_item", args=[queued.pk]),
        {"step": "decide", "action": "hide", "reason_code": "spam", "reason": "Advertises a shop."},
    )

    answer.refresh_from_db()
    if role == "moderator":
        assert response.status_code == 302
        assert answer.is_hidden
    else:
        assert response.status_code in (302, 403)
        assert answer.is_public
    assert permissions.can_decide(person, answer) is (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_moderators_and_site_admins_read_the_audit_log(request, login, role):
    person = request.getfixturevalue(role)

    response = login(person).get(reverse("moderation_audit_log"))

    if role == "moderator":
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_site_admins_read_the_audit_log_but_do_not_moderate(login):
    admin = site_admin()

    assert login(admin).get(reverse("moderation_audit_log")).status_code == 200
    assert login(admin).get(reverse("moderation_queue")).status_code in (302, 403)
    assert not permissions.can_moderate(admin)


def test_superusers_moderate(superuser):
    assert permissions.can_moderate(superuser)
    assert permissions.can_read_audit_log(superuser)


def test_staff_and_the_product_team_do_not_moderate(staff, product_team_member):
    for person in (staff, product_team_member):
        assert not permissions.can_moderate(person)
        assert not permissions.can_read_audit_log(person)


def test_the_audit_log_has_no_edit_or_delete_page(login, moderator):
    from community.audit import audit

    entry = audit(moderator, "moderation.hide", None, "Spam")
    client = login(moderator)

    for suffix in (f"{entry.pk}/edit/", f"{entry.pk}/delete/", f"{entry.pk}/"):
        assert client.get(reverse("moderation_audit_log") + suffix).status_code == 404
    assert client.post(reverse("moderation_audit_log"), {"reason": "x"}).status_code == 405
