"""Who may change a staff note, and the earlier versions every edit keeps.

A note is its author's and a site admin's to edit or delete, never a colleague's; each edit
keeps the text it replaced with who replaced it and when, shown under the note to staff and in
the member's own data, and erased with the note.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group

from community import erasure
from community.conversations import services
from community.conversations.erasure import erase_conversations
from community.conversations.models import NOTE_MAX_LENGTH, MemberNote, MemberNoteRevision
from community.personal_data import sections
from community.roles import Role
from tests.factories import MemberFactory, site_admin, totp_authenticator

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "suspended_member",
    "moderator",
    "product_team_member",
    "colleague",
    "note_author",
    "site_admin",
    "superuser",
]
ALLOWED = {"note_author", "site_admin", "superuser"}


@pytest.fixture
def superuser(db):
    member = MemberFactory(display_name="Root Admin", is_superuser=True, is_staff=True)
    totp_authenticator(member)
    return member


@pytest.fixture
def note(staff, asker):
    """A note `staff` wrote about the asker."""
    return services.note_add(staff, asker, text="Prefers e-mail.")


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def acting(request, role, client, staff):
    actor = {
        "visitor": None,
        "note_author": staff,
        "site_admin": site_admin(display_name="Sita Admin"),
    }.get(role, "fixture")
    if actor == "fixture":
        actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)
    return client, actor


def assert_outcome(response, role):
    """True when the role was let through; otherwise the refusal it should get."""
    if role == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        return False
    if role in ALLOWED:
        assert response.status_code == 302, response.content[:300]
        return True
    assert response.status_code == 403
    return False


def test_editing_a_note_is_for_its_author_and_site_admins(acting, role, note):
    client, actor = acting

    response = client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "Prefers phone."})

    ok = assert_outcome(response, role)
    note.refresh_from_db()
    assert note.text == ("Prefers phone." if ok else "Prefers e-mail.")
    earlier = list(note.revisions.values_list("text", "edited_by"))
    assert earlier == ([("Prefers e-mail.", actor.pk)] if ok else [])


def test_deleting_a_note_is_for_its_author_and_site_admins(acting, role, note):
    client, actor = acting

    response = client.post(f"/staff/members/notes/{note.pk}/delete/")

    ok = assert_outcome(response, role)
    assert MemberNote.objects.filter(pk=note.pk).exists() != ok


def test_a_site_admin_who_is_not_staff_goes_back_to_the_members_account(client, note, asker):
    admin = site_admin()
    client.force_login(admin)

    response = client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "Prefers phone."})

    assert response["Location"] == f"/admin/users/edit/{asker.pk}/"


def test_every_edit_keeps_the_earlier_text_with_who_replaced_it_and_when(
    client, note, staff, asker, superuser
):
    client.force_login(staff)
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False):
        client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "Prefers phone."})
    client.force_login(superuser)
    with time_machine.travel(datetime(2026, 3, 5, 16, 30, tzinfo=UTC), tick=False):
        client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "Prefers letters."})

    note.refresh_from_db()
    assert note.text == "Prefers letters."
    assert note.edited_at == datetime(2026, 3, 5, 16, 30, tzinfo=UTC)
    assert list(note.revisions.values_list("text", "edited_by", "edited_by_card", "edited_at")) == [
        ("Prefers phone.", superuser.pk, None, datetime(2026, 3, 5, 16, 30, tzinfo=UTC)),
        ("Prefers e-mail.", staff.pk, staff.staff_card.pk, datetime(2026, 3, 2, 9, 0, tzinfo=UTC)),
    ]


def test_saving_the_same_text_again_adds_no_version(note, staff):
    services.note_edit(staff, note, text="Prefers e-mail.")

    assert not MemberNoteRevision.objects.exists()


def test_staff_see_edited_by_whom_and_the_earlier_versions_under_the_note(
    client, note, staff, asker, colleague, elements
):
    services.note_edit(staff, note, text="Prefers phone.")
    client.force_login(colleague)

    html = client.get(f"/staff/members/{asker.handle}/").content.decode()

    assert [text for _a, text in elements(html, "p", class_="member-note__text")] == [
        "Prefers phone."
    ]
    [(_attrs, edited)] = elements(html, "span", class_="member-note__edited")
    assert edited.startswith("edited ") and edited.endswith(" by Amélie Durand")
    [(_attrs, summary)] = elements(html, "summary", class_="member-note__versions-toggle")
    assert summary == "1 earlier version"
    assert [text for _a, text in elements(html, "p", class_="member-note__earlier")] == [
        "Prefers e-mail."
    ]
    full_list = client.get(f"/staff/members/{asker.handle}/notes/").content.decode()
    assert [text for _a, text in elements(full_list, "p", class_="member-note__earlier")] == [
        "Prefers e-mail."
    ]


@pytest.mark.parametrize(
    "viewer, sees_buttons",
    [("note_author", True), ("colleague", False), ("superuser", True)],
)
def test_the_edit_and_delete_buttons_show_only_to_those_allowed(
    request, client, note, staff, asker, elements, viewer, sees_buttons
):
    member = staff if viewer == "note_author" else request.getfixturevalue(viewer)
    client.force_login(member)

    html = client.get(f"/staff/members/{asker.handle}/").content.decode()

    assert bool(elements(html, "a", href=f"/staff/members/notes/{note.pk}/edit/")) == sees_buttons
    assert bool(elements(html, "form", action=f"/staff/members/notes/{note.pk}/delete/")) == (
        sees_buttons
    )


@pytest.mark.parametrize(
    "text, error",
    [
        ("   ", "Please write the note."),
        ("x" * (NOTE_MAX_LENGTH + 1), str(NOTE_MAX_LENGTH)),
    ],
)
def test_a_bad_edit_is_refused_with_a_message_and_changes_nothing(
    client, note, staff, elements, text, error
):
    client.force_login(staff)

    response = client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": text})

    assert response.status_code == 200
    html = response.content.decode()
    assert any(error in message for _a, message in elements(html, "p", class_="field__error"))
    [(_attrs, typed)] = elements(html, "textarea", name="text")
    assert typed == " ".join(text.split())
    note.refresh_from_db()
    assert note.text == "Prefers e-mail."
    assert not note.revisions.exists()


def test_a_note_that_does_not_exist_is_not_found_for_staff(client, staff):
    client.force_login(staff)

    assert client.post("/staff/members/notes/999999/edit/", {"text": "x"}).status_code == 404
    assert client.post("/staff/members/notes/999999/delete/").status_code == 404


def test_a_site_admin_role_without_staff_changes_a_note_it_was_given(client, note):
    """The role, not only a superuser: the Site admins group alone lets them set notes right."""
    admin = MemberFactory(display_name="Group Admin")
    admin.groups.add(Group.objects.get(name=Role.SITE_ADMIN.value))
    totp_authenticator(admin)
    client.force_login(admin)

    client.post(f"/staff/members/notes/{note.pk}/delete/")

    assert not MemberNote.objects.filter(pk=note.pk).exists()


def test_the_member_sees_the_earlier_versions_in_their_data(note, staff, superuser, asker):
    services.note_edit(staff, note, text="Prefers phone.")
    services.note_edit(superuser, note, text="Prefers letters.")
    [section] = [item for item in sections() if item.key == "staff_notes"]

    [described] = [section.describe(row) for row in section.rows(asker)]

    assert described["text"] == "Prefers letters."
    assert [
        (version["text"], version["replaced_by"]) for version in described["earlier_versions"]
    ] == [("Prefers phone.", superuser.display_name), ("Prefers e-mail.", "Amélie Durand")]


def test_erasing_the_member_erases_the_earlier_versions_of_notes_about_them(note, staff, asker):
    services.note_edit(staff, note, text="Prefers phone.")
    kept = services.note_add(staff, staff, text="About a colleague.")
    services.note_edit(staff, kept, text="About a colleague, edited.")

    erase_conversations(asker, erasure.Choice.ANONYMISE)

    assert not MemberNoteRevision.objects.filter(note__member=asker).exists()
    assert list(MemberNoteRevision.objects.values_list("note", flat=True)) == [kept.pk]


def test_deleting_a_note_deletes_its_earlier_versions(note, staff):
    services.note_edit(staff, note, text="Prefers phone.")

    services.note_delete(staff, note)

    assert not MemberNoteRevision.objects.exists()
