"""The download of a member's data: a ZIP prepared in the background, theirs alone for a week.

A member asks from the "my data" page; one download is prepared at a time. A task writes the
ZIP to the private exports storage (never the public media): a README, a manifest, one JSON
file per section of `community.personal_data`, and the original photos and avatar as files.
The member is notified with a link to the page, the only place the file can be downloaded
from, and only by them. After a week the file is removed by a cleanup task enqueued for that
moment (and on any later request), and the page says the download expired.
"""

import json
import logging
import shutil
import tempfile
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from community import dates, personal_data
from community.member_data import notifications as kinds
from community.member_data.models import DataExport
from community.notifications import notify

logger = logging.getLogger(__name__)

EXPORT_KEPT_FOR = timedelta(days=7)
# How many downloads a member may ask for in a day: each one reads everything they hold.
REQUESTS_PER_DAY = 5
STORAGE_FOLDER = "personal-data"
ROWS_PER_CHUNK = 500


def export_storage():
    """Private files, outside the public media (see STORAGES["exports"] in the settings)."""
    return storages["exports"]


def latest_export(member) -> DataExport | None:
    return DataExport.objects.filter(member=member).first()


@transaction.atomic
def export_request(member) -> DataExport:
    """Ask for a new download of the member's data, prepared once the request is saved.

    One download is prepared at a time: asking again while one is under way (a double click, a
    reload) returns that one. A new download replaces the previous one, whose file is removed.
    A member who asked `REQUESTS_PER_DAY` times in the last day is asked to wait.
    """
    if member is None or not member.is_authenticated:
        raise PermissionError("Only a signed-in member can download their data.")
    # The member's row is the lock that keeps two simultaneous requests from both starting.
    get_user_model().objects.select_for_update().filter(pk=member.pk).first()
    exports = DataExport.objects.filter(member=member)
    under_way = exports.filter(
        status__in=[DataExport.Status.PENDING, DataExport.Status.RUNNING]
    ).first()
    if under_way is not None:
        return under_way
    if exports.filter(created_at__gte=timezone.now() - timedelta(days=1)).count() >= (
        REQUESTS_PER_DAY
    ):
        raise ValidationError(
            ngettext(
                "You have asked for your data %(count)s time today. Please use the last "
                "download, or ask again tomorrow.",
                "You have asked for your data %(count)s times today. Please use the last "
                "download, or ask again tomorrow.",
                REQUESTS_PER_DAY,
            )
            % {"count": REQUESTS_PER_DAY},
            code="too_many",
        )
    for earlier in exports.filter(status=DataExport.Status.READY):
        _remove_file(earlier)
    export = DataExport.objects.create(member=member)
    # The task module imports this one to run the exports; the task is looked up when enqueued.
    from community.member_data.tasks import prepare_data_export

    transaction.on_commit(lambda: prepare_data_export.enqueue(export_id=str(export.pk)))
    return export


def _rows(section, member):
    rows = section.rows(member)
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=ROWS_PER_CHUNK)
    return iter(rows)


def _zip_name(member, now) -> str:
    return f"community-data-{member.handle}-{now:%Y-%m-%d}.zip"


def write_zip(member, target, *, now=None) -> dict:
    """Write the member's whole data as a ZIP into the open binary file `target`; returns the
    manifest (what each section holds)."""
    now = now or timezone.now()
    manifest = {
        "member": member.handle,
        "prepared_at": now.isoformat(),
        "site": settings.SITE_URL,
        "sections": [],
        "missing_files": [],
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in personal_data.sections():
            items, file_count = [], 0
            for obj in _rows(section, member):
                item = section.describe(obj)
                link = section.url(obj)
                if link:
                    item = {**item, "public_address": _absolute(link)}
                items.append(item)
                for name, field_file in section.files(obj):
                    if _copy_file(archive, name, field_file):
                        file_count += 1
                    else:
                        manifest["missing_files"].append(name)
            document = {
                "section": section.key,
                "title": str(section.label),
                "explanation": str(section.explanation),
                "count": len(items),
                "items": items,
            }
            archive.writestr(
                f"data/{section.key}.json",
                json.dumps(document, ensure_ascii=False, indent=2, default=str),
            )
            manifest["sections"].append(
                {
                    "section": section.key,
                    "title": str(section.label),
                    "file": f"data/{section.key}.json",
                    "count": len(items),
                    "files": file_count,
                }
            )
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(
            "README.txt",
            render_to_string(
                "community/member_data/export_readme.txt",
                {
                    "member": member,
                    "manifest": manifest,
                    "prepared_on": dates.full(now),
                    "time_zone": timezone.get_current_timezone_name(),
                },
            ),
        )
    return manifest


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _copy_file(archive, name: str, field_file) -> bool:
    try:
        with (
            field_file.storage.open(field_file.name, "rb") as source,
            archive.open(name, "w") as destination,
        ):
            shutil.copyfileobj(source, destination, 1024 * 1024)
    except (FileNotFoundError, OSError):
        logger.warning("A file of %s is missing from storage: %s", name, field_file.name)
        return False
    return True


def export_run(export_id) -> DataExport | None:
    """Prepare the ZIP of a requested download and tell its member; run by a background task."""
    export = DataExport.claim(export_id, "member")
    if export is None:
        return None
    member = export.member
    now = timezone.now()
    try:
        storage = export_storage()
        with translation.override(member.preferred_language), tempfile.TemporaryFile() as file:
            write_zip(member, file, now=now)
            file.seek(0)
            name = storage.save(
                f"{STORAGE_FOLDER}/{export.pk}/{_zip_name(member, now)}", File(file)
            )
        export.status = DataExport.Status.READY
        export.file_name = name
        export.file_size = storage.size(name)
        export.expires_at = timezone.now() + EXPORT_KEPT_FOR
    except Exception as error:  # noqa: BLE001 - the member is told, the log keeps the trace
        logger.exception("The data download %s failed", export.pk)
        export.status = DataExport.Status.FAILED
        export.error = str(error)[:1000]
    export.finished_at = timezone.now()
    export.save(
        update_fields=["status", "file_name", "file_size", "expires_at", "error", "finished_at"]
    )
    _tell(export)
    if export.status == DataExport.Status.READY:
        _schedule_cleanup(export.expires_at)
    exports_remove_expired()
    return export


def _tell(export):
    member = export.member
    with translation.override(member.preferred_language):
        url = reverse("member_data:overview") + "#download"
        if export.status == DataExport.Status.READY:
            until = formats.date_format(timezone.localtime(export.expires_at), "DATETIME_FORMAT")
            notify(member, kinds.DATA_EXPORT_READY.key, params={"until": until}, url=url)
        else:
            notify(member, kinds.DATA_EXPORT_FAILED.key, params={}, url=url)


def _schedule_cleanup(at) -> None:
    """Enqueue the removal of the file for the moment it expires. A backend that cannot run a
    task later (the immediate one of the quick start) leaves it for the next request, the page
    and `manage.py remove_expired_data_exports`."""
    # The task module imports this one to run the exports; the task is looked up when enqueued.
    from community.member_data.tasks import remove_expired_data_exports

    backend = remove_expired_data_exports.get_backend()
    if backend.supports_defer:
        remove_expired_data_exports.using(run_after=at).enqueue()


def _remove_file(export) -> None:
    if export.file_name:
        export_storage().delete(export.file_name)
    export.status = DataExport.Status.EXPIRED
    export.file_name = ""
    export.save(update_fields=["status", "file_name"])


def exports_remove_expired(now=None) -> int:
    """Remove the files of downloads past their date; their page then says they expired."""
    now = now or timezone.now()
    removed = 0
    for export in DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now):
        _remove_file(export)
        removed += 1
    return removed


def open_download(member, export_id):
    """The member's ready download and its open file, or raise `DataExport.DoesNotExist` when it
    is not theirs (or not there), or `ExportExpired` when its week is over."""
    export = DataExport.objects.get(pk=export_id, member=member)
    if export.is_expired:
        if export.status == DataExport.Status.READY:
            _remove_file(export)
        raise ExportExpired(export)
    if export.status != DataExport.Status.READY or not export.file_name:
        raise ExportNotReady(export)
    return export, export_storage().open(export.file_name, "rb")


class ExportExpired(Exception):
    def __init__(self, export):
        super().__init__(str(export.pk))
        self.export = export


class ExportNotReady(Exception):
    def __init__(self, export):
        super().__init__(str(export.pk))
        self.export = export
