"""After the deletion: the threads read well, staff find nothing of the member in the admin,
the exports or the API, mentions no longer lead to them, the task rows hold no address, and
an interrupted deletion completes when resumed."""

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.test import override_settings

from community.account_deletion import erasers, services
from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.models import AccountDeletion, Member
from community.questions import services as questions
from community.roles import Role
from tests.factories import MemberFactory, api_token, totp_authenticator

from .helpers import EMAIL, NAME, build_community, traces_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(site_pages):
    return build_community(site_pages, avatar=False)


def delete(member, choice, capture):
    with capture(execute=True):
        deletion_request(member, choice=choice)


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_the_threads_still_read_well(community, choice, client, django_capture_on_commit_callbacks):
    things = community.things
    delete(community.leaving, choice, django_capture_on_commit_callbacks)
    answered = client.get(things["answered"].get_absolute_url(), follow=True).content.decode()
    assert "Prime the pump with water first." in answered, "Olga's answer stays readable"
    olga_question = client.get(things["olga_question"].get_absolute_url()).content.decode()
    assert "Table salt is a good comparison." in olga_question, "Omar's reply stays readable"
    assert NAME not in answered + olga_question
    if choice == Choice.ANONYMISE:
        assert "Former member" in olga_question
        assert "Fine, like table salt." in olga_question
        assert "Why does the pump rattle?" in answered
    else:
        assert "Fine, like table salt." not in olga_question
        assert "Why does the pump rattle?" not in answered
    idea = client.get(things["olga_idea"].get_absolute_url()).content.decode()
    assert "Agreed." in idea and NAME not in idea
    product = client.get(community.product.url)
    assert product.status_code == 200
    reviews = product.content.decode()
    assert "Lovely" in reviews and NAME not in reviews
    assert ("Too loud" in reviews) == (choice == Choice.ANONYMISE)
    popular = client.get(things["popular"].get_absolute_url(), follow=True)
    if choice == Choice.ANONYMISE:
        assert "Yes please, my baby sleeps next door." in popular.content.decode()
    else:
        # As when an author deletes their idea: its address says so (its votes stay counted
        # where staff look, and the others' comments stay in the database with it).
        assert popular.status_code == 410
        assert "A quieter grinder mode" not in popular.content.decode()


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_staff_find_nothing_of_the_member_in_the_admin(
    community, choice, login, django_capture_on_commit_callbacks
):
    delete(community.leaving, choice, django_capture_on_commit_callbacks)
    admin = MemberFactory(roles=[Role.SITE_ADMIN, Role.MODERATOR, Role.STAFF])
    totp_authenticator(admin)
    client = login(admin)
    for address in (
        "/admin/users/",
        "/admin/users/?q=Quillfeather",
        "/admin/users/?q=zephyrine",
        "/admin/question/",
        f"/admin/question/inspect/{community.things['olga_question'].pk}/",
        "/admin/moderation/",
        "/admin/moderation/audit-log/",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert NAME not in page and EMAIL not in page, address


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_the_api_and_exports_hold_nothing_of_the_member(
    community, choice, client, django_capture_on_commit_callbacks
):
    from ideas.exports import IdeaExport, VoteExport, csv_chunks

    delete(community.leaving, choice, django_capture_on_commit_callbacks)
    _token, secret = api_token()
    for address in ("/api/v1/questions/", "/api/v1/reviews/", "/api/v1/ideas/", "/api/v1/votes/"):
        response = client.get(address, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200, address
        assert NAME not in response.content.decode(), address
    for export in (IdeaExport({}, language="en"), VoteExport({}, language="en", with_emails=True)):
        exported = "".join(csv_chunks(export))
        assert "Bigger water tank" in exported
        assert NAME not in exported and EMAIL not in exported


def test_mentions_in_others_writing_no_longer_lead_to_the_member(
    community, client, django_capture_on_commit_callbacks
):
    handle = community.leaving.handle
    olga = community.others[0]
    answer = questions.answer_create(
        olga, community.things["lonely"], body=f"Ask @{handle}, they know the machine."
    )
    assert f'href="/members/{handle}/"' in answer.body_html
    delete(community.leaving, Choice.ANONYMISE, django_capture_on_commit_callbacks)
    answer.refresh_from_db()
    assert f"/members/{handle}/" not in answer.body_html
    assert f"@{handle}" in answer.body, "the others' text is theirs and stays as written"
    # A newcomer who takes the handle is not linked from the old text.
    MemberFactory(display_name="New Person", handle=handle)
    page = client.get(community.things["lonely"].get_absolute_url()).content.decode()
    assert f'href="/members/{handle}/"' not in page


def test_the_task_rows_never_hold_the_address(community, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):
        from django_tasks import task_backends

        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                deletion_request(community.leaving, choice=Choice.REMOVE)
            row = DBTaskResult.objects.get(task_path__endswith="erase_account")
            deletion = AccountDeletion.objects.get()
            assert row.args_kwargs == {"args": [], "kwargs": {"deletion_id": deletion.pk}}
        finally:
            task_backends._settings = None
            task_backends.__dict__.pop("settings", None)
    services.deletion_run(deletion.pk)
    assert traces_of(EMAIL, NAME) == []


def test_an_interrupted_deletion_completes_when_resumed(
    community, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(member, choice):
        raise RuntimeError("The worker was stopped")

    registry = erasers.erasure._erasers
    original = registry["writing.reviews"]
    monkeypatch.setitem(registry, "writing.reviews", replace(original, erase=broken))
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(community.leaving, choice=Choice.REMOVE)
    deletion = AccountDeletion.objects.get()
    assert deletion.status == AccountDeletion.Status.FAILED
    assert deletion.error == "RuntimeError"
    assert deletion.counts.get("votes.ideas") and "writing.reviews" not in deletion.counts
    member = Member.objects.get(pk=community.leaving.pk)
    assert not member.is_active
    monkeypatch.setitem(registry, "writing.reviews", original)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resume_account_deletions")
    deletion.refresh_from_db()
    assert deletion.status == AccountDeletion.Status.COMPLETED and deletion.attempts == 2
    assert traces_of(EMAIL, NAME) == []


@pytest.mark.parametrize("leaving", ["staff", "member"])
def test_a_site_admin_deleting_a_user_in_the_admin_erases_the_account(
    leaving, request, login, site_pages, django_capture_on_commit_callbacks
):
    person = request.getfixturevalue(leaving)
    name, email = person.display_name, person.email
    admin = MemberFactory(roles=[Role.SITE_ADMIN], is_superuser=True)
    totp_authenticator(admin)
    client = login(admin)
    address = f"/admin/users/delete/{person.pk}/"
    assert client.get(address).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address)
    assert response.status_code == 302
    assert not Member.objects.filter(pk=person.pk).exists()
    assert AccountDeletion.objects.get().status == AccountDeletion.Status.COMPLETED
    assert traces_of(email, name) == []


def test_a_site_admin_cannot_erase_their_own_account_from_the_admin(login, db):
    admin = MemberFactory(roles=[Role.SITE_ADMIN], is_superuser=True)
    totp_authenticator(admin)
    response = login(admin).post(f"/admin/users/delete/{admin.pk}/")
    assert response.status_code in (302, 403)
    assert Member.objects.filter(pk=admin.pk, is_active=True).exists()
