"""The admin's "Background tasks" page: the worker's last run, the queue and the failed tasks,
for site admins only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from community.roles import Role
from tests.factories import MemberFactory, totp_authenticator

pytestmark = pytest.mark.django_db

URL = "/admin/tasks/"

TRACEBACK = """Traceback (most recent call last):
  File "/app/community/tasks.py", line 58, in send_notification_email
    message.send()
smtplib.SMTPServerDisconnected: Connection unexpectedly closed
"""


def task_result(status, *, finished_minutes_ago=None, task="send_notification_email", **fields):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=f"community.tasks.{task}",
        backend_name="default",
        run_after=get_date_max(),
        finished_at=(
            now - timedelta(minutes=finished_minutes_ago)
            if finished_minutes_ago is not None
            else None
        ),
        **fields,
    )


def failed_task(minutes_ago=5, **fields):
    return task_result(
        TaskResultStatus.FAILED,
        finished_minutes_ago=minutes_ago,
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback=TRACEBACK,
        **fields,
    )


@pytest.fixture
def site_admin(db):
    admin = MemberFactory(display_name="Sam Admin", roles=[Role.SITE_ADMIN])
    totp_authenticator(admin)
    return admin


@pytest.fixture
def superuser(db):
    admin = MemberFactory(display_name="Root", is_superuser=True, is_staff=True)
    totp_authenticator(admin)
    return admin


@pytest.mark.parametrize("who", ["site_admin", "superuser"])
def test_site_admins_and_superusers_see_the_page(login, request, who):
    response = login(request.getfixturevalue(who)).get(URL)

    assert response.status_code == 200
    assert b"Background tasks" in response.content


@pytest.mark.parametrize("who", ["staff", "moderator", "product_team_member"])
def test_other_admin_users_are_refused(login, request, who):
    """Wagtail answers a refusal in its admin by sending back to the dashboard with a message."""
    failed_task()
    client = login(request.getfixturevalue(who))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get(response["Location"]).content.decode()
    assert "do not have permission" in dashboard
    assert "SMTPServerDisconnected" not in dashboard


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_people_without_admin_access_are_sent_away(login, request, who):
    response = login(request.getfixturevalue(who)).get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_the_settings_menu_links_the_page_for_site_admins_only(login, site_admin, staff):
    assert URL.encode() in login(site_admin).get("/admin/").content
    assert URL.encode() not in login(staff).get("/admin/").content


def test_the_page_shows_the_last_run_the_queue_and_the_failed_tasks(login, site_admin, elements):
    task_result(TaskResultStatus.SUCCESSFUL, finished_minutes_ago=3)
    task_result(TaskResultStatus.SUCCESSFUL, finished_minutes_ago=90)
    task_result(TaskResultStatus.READY)
    task_result(TaskResultStatus.READY)
    old = failed_task(minutes_ago=60 * 30, task="index_idea")
    recent = failed_task(minutes_ago=10)

    response = login(site_admin).get(URL)

    html = response.content.decode()
    [(_attrs, waiting)] = elements(html, "dd", data_figure="waiting")
    assert waiting == "2"
    [(_attrs, failed)] = elements(html, "dd", data_figure="failed")
    assert failed == "1"
    [(_attrs, last_run)] = elements(html, "dd", data_figure="last-run")
    assert "3 minutes ago" in last_run
    rows = elements(html, "tr")
    failed_rows = [text for attrs, text in rows if "data-failed-task" in attrs]
    assert len(failed_rows) == 2
    assert failed_rows[0].startswith("send_notification_email")
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in failed_rows[0]
    assert failed_rows[1].startswith("index_idea")
    assert [attrs["data-failed-task"] for attrs, _text in rows if "data-failed-task" in attrs] == [
        str(recent.pk),
        str(old.pk),
    ]


def test_the_page_says_when_no_task_has_failed_and_no_worker_is_used(login, site_admin, elements):
    response = login(site_admin).get(URL)

    html = response.content.decode()
    assert elements(html, "p", data_empty="failed-tasks")
    assert elements(html, "p", data_tasks_mode="immediate")
    [(_attrs, last_run)] = elements(html, "dd", data_figure="last-run")
    assert last_run == "never"


def test_the_page_costs_the_same_queries_with_many_failed_tasks(
    login, site_admin, django_assert_num_queries
):
    client = login(site_admin)
    failed_task()
    client.get(URL)  # warm the per-session caches of the admin
    with CaptureQueriesContext(connection) as one_failure:
        client.get(URL)
    for _ in range(10):
        failed_task()

    with django_assert_num_queries(len(one_failure.captured_queries)):
        response = client.get(URL)

    assert response.content.decode().count("data-failed-task=") == 11
