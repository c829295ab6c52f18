"""How the running site is doing: the health checks and the background tasks' state.

`/health/` and the admin's "Background tasks" page read from here. Every check answers within
a few seconds whatever is down, and reports a failure instead of raising it.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from community import outages

logger = logging.getLogger(__name__)

# A task that has waited longer than this means the worker is stopped or cannot keep up.
TASKS_LATE_AFTER = timedelta(minutes=10)
# Failed tasks are counted over this window.
TASKS_FAILED_WINDOW = timedelta(hours=24)
# How long the search engine has to answer a ping.
SEARCH_TIMEOUT_SECONDS = 2

OK = "ok"
UNAVAILABLE = "unavailable"
LATE = "late"
DEGRADED = "degraded"
ERROR = "error"

# Parts the pages work without (`community.outages`): when only these are down the site is
# degraded, not down, and /health/ still answers 200, so that a load balancer does not take every
# app server out because the cache they share stopped.
OPTIONAL_PARTS = frozenset({"cache"})


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK, "engine": connection.vendor}


def check_cache() -> dict:
    """Write a value, read it back and remove it: a cache that drops writes is down too (the
    Redis backend drops them while Redis does not answer, and says since when)."""
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=30)
    found = cache.get(key)
    cache.delete(key)
    result = {
        "status": OK if found == "1" else UNAVAILABLE,
        "backend": caches["default"].__class__.__name__,
    }
    since = outages.cache_unreachable_since()
    if since is not None:
        result["unreachable_since"] = datetime.fromtimestamp(since, UTC).isoformat(
            timespec="seconds"
        )
    return result


def check_search() -> dict:
    """The database backend is up when the database is; Elasticsearch is asked with a ping."""
    if not settings.ELASTICSEARCH_URL:
        return {"status": OK, "engine": "database"}
    # The Elasticsearch client takes 0.4 s to import and is needed only when it is configured.
    from elasticsearch import Elasticsearch

    client = Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=SEARCH_TIMEOUT_SECONDS, max_retries=0
    )
    try:
        answered = client.ping()
    finally:
        client.close()
    return {"status": OK if answered else UNAVAILABLE, "engine": "elasticsearch"}


@dataclass(frozen=True)
class TaskBacklog:
    """The database task queue at one moment."""

    waiting: int
    late: int
    running: int
    failed_recently: int
    oldest_waiting_since: object
    last_finished_at: object


def task_backlog(now=None) -> TaskBacklog:
    """Counts over django_tasks_db's results table, in one query.

    A task is waiting when it is ready to run now: enqueued without a date, or due.
    """
    now = now or timezone.now()
    ready = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    figures = DBTaskResult.objects.aggregate(
        waiting=Count("pk", filter=ready),
        late=Count("pk", filter=ready & Q(enqueued_at__lt=now - TASKS_LATE_AFTER)),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed_recently=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - TASKS_FAILED_WINDOW),
        ),
        oldest_waiting_since=Min("enqueued_at", filter=ready),
        last_finished_at=Max("finished_at"),
    )
    return TaskBacklog(**figures)


def uses_task_worker() -> bool:
    """Whether background tasks wait for `manage.py db_worker` rather than running at once."""
    return task_backends["default"].__class__.__module__.startswith("django_tasks_db")


def check_tasks() -> dict:
    """Late when a task has waited more than TASKS_LATE_AFTER: the worker is down or behind.

    Recent failures are reported but do not make the site unhealthy: one e-mail that could not
    be sent is for the admin's task page, not for the load balancer.
    """
    backlog = task_backlog()
    return {
        "status": LATE if backlog.late else OK,
        "worker": uses_task_worker(),
        "waiting": backlog.waiting,
        "late": backlog.late,
        "late_after_minutes": int(TASKS_LATE_AFTER.total_seconds() // 60),
        "failed_last_24h": backlog.failed_recently,
        "last_finished_at": backlog.last_finished_at.isoformat()
        if backlog.last_finished_at
        else None,
    }


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "tasks": check_tasks,
}


def health_report(names=None) -> dict:
    """Run the named checks (all by default): each part's status, details, and what is down.

    The site's status is `ok`, `degraded` when only parts it works without are down
    (OPTIONAL_PARTS), else `error`."""
    report = {"status": OK}
    details = {}
    down = []
    for name, check in CHECKS.items():
        if names is not None and name not in names:
            continue
        try:
            result = check()
        except Exception:
            logger.warning("Health check %s failed", name, exc_info=True)
            result = {"status": UNAVAILABLE}
        report[name] = result.pop("status")
        details[name] = result
        if report[name] != OK:
            down.append(name)
    if down:
        report["status"] = DEGRADED if OPTIONAL_PARTS.issuperset(down) else ERROR
        report["down"] = down
    report["details"] = details
    return report


def failed_tasks(limit=50):
    """The latest failed tasks, newest first, for the admin's task page."""
    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        .order_by("-finished_at")
        .only("id", "task_path", "finished_at", "enqueued_at", "exception_class_path", "traceback")[
            :limit
        ]
    )


def exception_text(traceback_text: str) -> str:
    """The last line of a traceback: the exception and its message."""
    lines = [line for line in traceback_text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
