"""Background work of the reviews room: the copies of review photos (`reviews.photos`), and
the hourly sweep that sends review invitations (`reviews.invitations`) and deletes the orders
kept long enough (`reviews.orders`)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reviews import invitations, orders
from reviews.photos import review_photo_prepare, review_photos_resume

SWEEP_EVERY = timedelta(hours=1)


@task()
def prepare_review_photo(*, photo_id: int):
    """Make the large copy and the thumbnail of one photo sent with a review."""
    review_photo_prepare(photo_id)


@task()
def resume_review_photos():
    """Send again to the worker the photos whose worker stopped half way."""
    review_photos_resume()


def sweep(now=None) -> dict:
    """Send the invitations and reminders due `now`, and delete the orders kept long enough:
    the counts of `invitations.send_due`, with `orders_deleted`."""
    now = now or timezone.now()
    counts = invitations.send_due(now)
    counts["orders_deleted"] = orders.orders_expire(now)
    return counts


@task()
def sweep_review_invitations():
    """The sweep (`sweep`), then the next one an hour later: a chain that lives as long as the
    worker's queue, started after each `migrate` (`sweep_chain_start`)."""
    now = timezone.now()
    try:
        return sweep(now)
    finally:
        # A sweep that failed is in the worker's results; the next one still comes.
        sweep_chain_continue(now + SWEEP_EVERY)


def sweep_chain_start() -> bool:
    """Start the hourly chain now, unless a sweep is waiting already (after `migrate`)."""
    return sweep_chain_continue(timezone.now())


def sweep_chain_continue(at) -> bool:
    """Enqueue a sweep to run at `at`, unless one is waiting already; True when enqueued.

    The database worker's own queue says whether a sweep is waiting, so the chain does not
    fork: a run enqueues the next only when no other is waiting, and two chains started at
    once (two releases migrating together) merge at their next turn. A task backend that
    cannot run a task later, or whose queue cannot be read (the immediate one of the quick
    start), has no chain: `manage.py send_review_invitations` from cron does the sweep.
    """
    if not isinstance(sweep_review_invitations.get_backend(), DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=sweep_review_invitations.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    sweep_review_invitations.using(run_after=at).enqueue()
    return True
