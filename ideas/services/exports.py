"""Backlog exports prepared in the background, for backlogs too large for one request.

The site streams an export straight away when it is small enough (`ideas.views.exports`);
beyond `EXPORT_INLINE_MAX_ROWS` rows (fewer for XLSX) it asks the requester to have it
prepared: a job is recorded, a background task writes the file to the private exports storage,
and the requester is notified with a link to the job's page, the only place the file can be
downloaded from.
"""

import logging
import tempfile
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone, translation

from community.notifications import notify
from ideas import exports, permissions
from ideas import notifications as kinds
from ideas.forms import IdeaFilterForm
from ideas.models import ExportJob

logger = logging.getLogger(__name__)

# A second click within this time gets the job the first one started.
SAME_JOB_WITHIN = timedelta(minutes=30)


def export_storage():
    """Private files, outside the public media (see STORAGES["exports"] in the settings)."""
    return storages["exports"]


def export_build(actor, *, kind: str, filters: dict, query: dict, language=None):
    """The export `actor` asked for, with voters' e-mail addresses only for the product team."""
    if not permissions.can_export(actor):
        raise PermissionDenied("Only the product team can export the backlog.")
    return exports.EXPORTS[kind](
        filters,
        query=query,
        language=language,
        with_emails=permissions.can_export_voter_emails(actor),
    )


@transaction.atomic
def export_job_create(actor, *, kind: str, fmt: str, query: dict, language: str) -> ExportJob:
    """Record an export to prepare in the background, and start it once saved.

    The same request made again while the first is still being prepared (a double click, a
    reload) returns the job already under way instead of starting another.
    """
    if not permissions.can_export(actor):
        raise PermissionDenied("Only the product team can export the backlog.")
    existing = (
        ExportJob.objects.select_for_update()
        .filter(
            requester=actor,
            kind=kind,
            format=fmt,
            filters=query,
            language=language,
            status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING],
            created_at__gte=timezone.now() - SAME_JOB_WITHIN,
        )
        .first()
    )
    if existing is not None:
        return existing
    job = ExportJob.objects.create(
        requester=actor, kind=kind, format=fmt, filters=query, language=language
    )
    # ideas.tasks imports this module to run the export; the task is looked up when enqueued.
    from ideas.tasks import prepare_export

    transaction.on_commit(lambda: prepare_export.enqueue(job_id=str(job.pk)))
    return job


def export_job_run(job_id) -> ExportJob | None:
    """Prepare the file of a recorded export and tell its requester; run by a background task.

    The requester's right to export is checked again: someone who left the product team since
    gets nothing. Expired files of earlier exports are removed on the way.
    """
    job = ExportJob.claim(job_id, "requester")
    if job is None:
        return None
    requester = job.requester
    try:
        form = IdeaFilterForm(job.filters)
        if not form.is_valid():
            raise ValueError(
                "; ".join(str(error) for errors in form.errors.values() for error in errors)
            )
        export = export_build(
            requester,
            kind=job.kind,
            filters=form.chosen(),
            query=form.query(),
            language=job.language,
        )
        rows = 0

        def counted(number):
            nonlocal rows
            rows += number

        export.on_rows = counted
        storage = export_storage()
        with tempfile.TemporaryFile() as temporary:
            exports.write(export, job.format, temporary)
            temporary.seek(0)
            name = storage.save(f"{job.pk}/{job.download_name}", File(temporary))
        job.status = ExportJob.Status.READY
        job.row_count = rows
        job.file_name = name
        job.file_size = storage.size(name)
    except Exception as error:  # noqa: BLE001 - the requester is told, the log keeps the trace
        logger.exception("Export %s failed", job.pk)
        job.status = ExportJob.Status.FAILED
        job.error = str(error)[:1000]
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "row_count", "file_name", "file_size", "error", "finished_at"]
    )
    _tell(job)
    exports_remove_expired()
    return job


def _tell(job):
    requester = job.requester
    with translation.override(requester.preferred_language):
        params = {"what": str(job.get_kind_display()).lower(), "format": job.get_format_display()}
        url = job.get_absolute_url()
    if job.status == ExportJob.Status.READY:
        notify(requester, kinds.EXPORT_READY.key, params={**params, "rows": job.row_count}, url=url)
    else:
        notify(requester, kinds.EXPORT_FAILED.key, params=params, url=url)


def exports_remove_expired(now=None) -> int:
    """Delete the files of exports past their date; their pages then say they expired."""
    now = now or timezone.now()
    storage = export_storage()
    removed = 0
    for job in ExportJob.objects.filter(status=ExportJob.Status.READY, expires_at__lte=now):
        if job.file_name:
            storage.delete(job.file_name)
        job.status = ExportJob.Status.EXPIRED
        job.file_name = ""
        job.save(update_fields=["status", "file_name"])
        removed += 1
    return removed
