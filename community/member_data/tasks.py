"""Background work for a member's own data: their download, its cleanup, the weekly summary."""

from django_tasks import task

from community.member_data.digest import digest_run
from community.member_data.exports import export_run, exports_remove_expired


@task()
def prepare_data_export(*, export_id: str):
    export_run(export_id)


@task()
def remove_expired_data_exports():
    exports_remove_expired()


@task()
def send_weekly_digests(*, due_at: str):
    """Send the week's summaries, then enqueue the next run a week later (see `digest`)."""
    digest_run(due_at)
