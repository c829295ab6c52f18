"""Exports too large for one request: prepared by a background task, announced by a notification,
downloaded from a page that only the requester can open, and removed after a week."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from community.models import Notification
from ideas.models import ExportJob
from ideas.services.exports import export_job_create, export_storage, exports_remove_expired
from tests.factories import MemberFactory, proposed_idea, totp_authenticator

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_ideas(author):
    return [proposed_idea(author, title=f"Idea {number}", body="Text.") for number in range(1, 4)]


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    settings.EXPORT_INLINE_MAX_XLSX_ROWS = 2


@pytest.fixture
def exporter(client, product_team_member):
    client.force_login(product_team_member)
    return client


def prepare(client, capture, **query):
    with capture(execute=True):
        return client.post(reverse("ideas:export_prepare"), {"format": "csv", **query})


def test_a_large_export_is_offered_for_preparation_instead_of_streamed(
    exporter, three_ideas, small_limit
):
    response = exporter.get(reverse("ideas:export"), {"format": "xlsx", "status": "new"})

    assert response.status_code == 200
    assert not response.has_header("Content-Disposition")
    html = response.content.decode()
    assert "This export has 3 rows" in html
    assert f'action="{reverse("ideas:export_prepare")}"' in html
    assert '<input type="hidden" name="format" value="xlsx">' in html
    assert '<input type="hidden" name="status" value="new">' in html
    assert ExportJob.objects.count() == 0


def test_a_prepared_export_is_announced_and_downloaded_by_its_requester(
    exporter, product_team_member, three_ideas, small_limit, django_capture_on_commit_callbacks
):
    response = prepare(exporter, django_capture_on_commit_callbacks, status="new")

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ExportJob.Status.READY
    assert (job.requester, job.kind, job.format, job.row_count) == (
        product_team_member,
        "ideas",
        "csv",
        3,
    )
    assert job.filters == {"status": "new"}
    assert job.file_size == export_storage().size(job.file_name)
    notification = Notification.objects.get(recipient=product_team_member)
    assert notification.kind == "idea_export_ready"
    assert notification.url == job.get_absolute_url()
    assert "is ready to download" in notification.message and "3 rows" in notification.message

    page = exporter.get(job.get_absolute_url())
    assert page.status_code == 200
    assert reverse("ideas:export_download", args=[job.pk]) in page.content.decode()

    download = exporter.get(reverse("ideas:export_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="ideas-')
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    titles = sorted(row["Title"] for row in csv.DictReader(io.StringIO(content)))
    assert titles == ["Idea 1", "Idea 2", "Idea 3"]


def test_nobody_else_sees_or_downloads_an_export(
    client, product_team_member, three_ideas, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(product_team_member)
    prepare(client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    colleague = MemberFactory(roles=["Product team"])
    totp_authenticator(colleague)

    client.force_login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("ideas:export_download", args=[job.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("ideas:export_download", args=[job.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_requester_who_left_the_product_team_can_no_longer_download(
    client, product_team_member, three_ideas, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(product_team_member)
    prepare(client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    product_team_member.groups.clear()
    product_team_member.__dict__.pop("role_names", None)

    assert client.get(reverse("ideas:export_download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("role", ["visitor", "member", "staff"])
def test_only_the_product_team_has_an_export_prepared(
    request, client, role, three_ideas, small_limit
):
    actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    response = client.post(reverse("ideas:export_prepare"), {"format": "csv"})

    assert response.status_code == (302 if role == "visitor" else 403)
    assert ExportJob.objects.count() == 0


def test_a_double_click_prepares_one_export(
    exporter, three_ideas, small_limit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = exporter.post(reverse("ideas:export_prepare"), {"format": "json"})
        second = exporter.post(reverse("ideas:export_prepare"), {"format": "json"})

    assert ExportJob.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_an_export_that_cannot_be_prepared_says_so(product_team_member, three_ideas):
    job = export_job_create(
        product_team_member, kind="ideas", fmt="csv", query={"status": "gone"}, language="en"
    )
    from ideas.services.exports import export_job_run

    export_job_run(job.pk)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "No status has the slug" in job.error
    notification = Notification.objects.get(recipient=product_team_member)
    assert notification.kind == "idea_export_failed"


def test_exports_are_removed_after_a_week(
    exporter, three_ideas, small_limit, django_capture_on_commit_callbacks
):
    prepare(exporter, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    name = job.file_name
    assert export_storage().exists(name)

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert exports_remove_expired() == 1
        job.refresh_from_db()
        assert job.status == ExportJob.Status.EXPIRED
        assert not export_storage().exists(name)
        page = exporter.get(job.get_absolute_url())
        assert "has expired" in page.content.decode()
        download = exporter.get(reverse("ideas:export_download", args=[job.pk]))
        assert download.status_code == 302 and download["Location"] == job.get_absolute_url()
