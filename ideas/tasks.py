"""Background work of the ideas room: telling voters and followers, which can be many."""

from django_tasks import task

from community.searching import index_now
from ideas.models import Idea
from ideas.services.exports import export_job_run
from ideas.services.notifying import (
    tell_comment,
    tell_decision,
    tell_mentions,
    tell_merge,
    tell_unmerge,
)


@task()
def notify_decision(*, change_id: int):
    tell_decision(change_id)


@task()
def notify_merge(*, merge_id: int):
    tell_merge(merge_id)


@task()
def notify_unmerge(*, merge_id: int):
    tell_unmerge(merge_id)


@task()
def notify_comment(*, comment_id: int, mentioned_ids: list):
    tell_comment(comment_id, mentioned_ids)


@task()
def notify_mentioned(*, idea_id: int, member_ids: list, comment_id: int | None = None):
    tell_mentions(idea_id, member_ids, comment_id)


@task()
def prepare_export(*, job_id: str):
    export_job_run(job_id)


@task()
def index_ideas_with_status(status_id: int):
    """A status's slug changed: its ideas are filtered under the new one in search."""
    for idea_id in Idea.objects.filter(status_id=status_id).values_list("pk", flat=True):
        index_now("idea", idea_id)
