"""Asking for the download, its notification, the link that only its member can use, and its
week: afterwards the link refuses with a clear page and the file is gone."""

import io
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from community.member_data import exports
from community.member_data.models import DataExport
from community.models import Notification
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PAGE = "/accounts/data/"
ASK = "/accounts/data/download/"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for `member`'s download through the page, running the task as it is enqueued."""

    def asking(client, member):
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(ASK)
        assert response.status_code == 302
        return DataExport.objects.filter(member=member).first()

    return asking


def test_asking_prepares_the_zip_and_tells_the_member_in_the_site_and_by_email(client, member, ask):
    export = ask(client, member)

    assert export.status == DataExport.Status.READY
    assert exports.export_storage().exists(export.file_name)
    assert export.file_name.startswith("personal-data/")
    notification = Notification.objects.get(recipient=member, kind="data_export_ready")
    assert notification.url == "/accounts/data/#download"
    assert [message.to for message in mail.outbox if "download" in message.body.lower()] == [
        [member.email]
    ]
    page = client.get(PAGE).content.decode()
    assert "Ready" in page
    assert "Available until" in page
    assert f"/accounts/data/download/{export.pk}/" in page


def test_the_member_downloads_their_zip(client, member, ask):
    export = ask(client, member)

    response = client.get(f"/accounts/data/download/{export.pk}/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "data/account.json" in archive.namelist()
    assert member.email in archive.read("data/account.json").decode()


def test_the_file_is_not_in_the_public_media(client, member, settings, ask):
    export = ask(client, member)

    assert not str(exports.export_storage().path(export.file_name)).startswith(
        str(settings.MEDIA_ROOT)
    )


@pytest.mark.parametrize("who", ["other_member", "staff", "moderator"])
def test_anyone_else_signed_in_gets_not_found(client, member, request, who, ask):
    export = ask(client, member)
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"/accounts/data/download/{export.pk}/")

    assert response.status_code == 404


def test_a_visitor_is_sent_to_log_in(client, member, ask):
    export = ask(client, member)
    client.logout()
    path = f"/accounts/data/download/{export.pk}/"

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_an_unknown_or_malformed_link_is_not_found(client, member):
    client.force_login(member)

    assert (
        client.get("/accounts/data/download/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )
    assert client.get("/accounts/data/download/not-a-uuid/").status_code == 404


def test_after_a_week_the_link_refuses_with_a_clear_page_and_the_file_is_removed(
    client, member, ask
):
    export = ask(client, member)
    path = f"/accounts/data/download/{export.pk}/"

    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.get(path)
        page = client.get(PAGE).content.decode()

    assert response.status_code == 410
    assert "This download has expired" in response.content.decode()
    assert "Ask for a new download" in response.content.decode()
    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not exports.export_storage().exists(export.file_name or "personal-data/none")
    assert "Expired" in page


def test_the_cleanup_task_is_enqueued_for_the_moment_the_file_expires(member, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    export = DataExport.objects.create(member=member)

    with time_machine.travel(timezone.now(), tick=False):
        exports.export_run(export.pk)
        export.refresh_from_db()
        queued = [
            result
            for result in task_backends["default"].results
            if result.task.name == "remove_expired_data_exports"
        ]

        assert len(queued) == 1
        assert queued[0].task.run_after == export.expires_at == timezone.now() + timedelta(days=7)


def test_the_cleanup_removes_expired_files_only(member, other_member, client, ask):
    old = ask(client, member)
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        recent = ask(client, other_member)

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert exports.exports_remove_expired() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == DataExport.Status.EXPIRED
    assert recent.status == DataExport.Status.READY
    assert exports.export_storage().exists(recent.file_name)


def test_a_new_request_replaces_the_previous_download_and_removes_its_file(client, member, ask):
    first = ask(client, member)
    first_file = first.file_name

    second = ask(client, member)

    first.refresh_from_db()
    assert second.pk != first.pk
    assert first.status == DataExport.Status.EXPIRED
    assert not exports.export_storage().exists(first_file)
    assert client.get(f"/accounts/data/download/{first.pk}/").status_code == 410


def test_one_download_is_prepared_at_a_time(member):
    under_way = DataExport.objects.create(member=member, status=DataExport.Status.RUNNING)

    assert exports.export_request(member) == under_way
    assert DataExport.objects.filter(member=member).count() == 1


def test_while_one_is_prepared_the_page_says_so_and_offers_no_second_button(client, member):
    DataExport.objects.create(member=member, status=DataExport.Status.PENDING)
    client.force_login(member)

    page = client.get(PAGE).content.decode()

    assert "Being prepared" in page
    assert 'action="/accounts/data/download/"' not in page


def test_asking_too_often_in_a_day_is_refused_with_a_reason(client, member):
    for _ in range(exports.REQUESTS_PER_DAY):
        DataExport.objects.create(member=member, status=DataExport.Status.EXPIRED)
    client.force_login(member)

    response = client.post(ASK, follow=True)

    assert "ask again tomorrow" in response.content.decode()
    assert DataExport.objects.filter(member=member).count() == exports.REQUESTS_PER_DAY


def test_a_failed_preparation_is_told_and_can_be_asked_again(client, member, monkeypatch, ask):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_zip", broken)
    export = ask(client, member)

    assert export.status == DataExport.Status.FAILED
    assert Notification.objects.filter(recipient=member, kind="data_export_failed").exists()
    page = client.get(PAGE).content.decode()
    assert "could not be prepared" in page
    assert 'action="/accounts/data/download/"' in page


@pytest.mark.parametrize("who", ["unverified_member", "member", "staff", "suspended_member"])
def test_every_signed_in_member_sees_and_takes_their_own_data(client, request, who, ask):
    someone = request.getfixturevalue(who)
    client.force_login(someone)

    assert client.get(PAGE).status_code == 200
    export = ask(client, someone)
    assert export.status == DataExport.Status.READY
    assert client.get(f"/accounts/data/download/{export.pk}/").status_code == 200


@pytest.mark.parametrize("path", [PAGE, "/accounts/preferences/"])
def test_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_a_visitor_cannot_ask_for_a_download(client):
    response = client.post(ASK)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not DataExport.objects.exists()


def test_asking_needs_a_post(client, member):
    client.force_login(member)

    assert client.get(ASK).status_code == 405
    assert not DataExport.objects.exists()


def test_the_account_menu_leads_to_my_data_and_preferences(client, member):
    client.force_login(member)

    page = client.get("/accounts/notifications/").content.decode()

    assert 'href="/accounts/data/"' in page
    assert 'href="/accounts/preferences/"' in page


def test_other_members_exports_do_not_show_on_my_page(client, member):
    other = MemberFactory()
    DataExport.objects.create(member=other, status=DataExport.Status.PENDING)
    client.force_login(member)

    page = client.get(PAGE).content.decode()

    assert "Being prepared" not in page
