"""The backlog export: ideas or their votes as CSV, JSON or XLSX, filtered like the ideas list.

Small exports are written while they download (CSV and JSON streamed row by row, XLSX through a
write-only workbook in a temporary file). An export larger than `EXPORT_INLINE_MAX_ROWS` rows
(`EXPORT_INLINE_MAX_XLSX_ROWS` for XLSX) would outlast the app server's request timeout: the
requester is asked to have it prepared in the background, and is notified when it is ready on a
page that only they can open.
"""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from community.i18n import current_language
from ideas import exports, permissions, selectors
from ideas.forms import ExportForm
from ideas.models import ExportJob
from ideas.services.exports import export_build, export_job_create, export_storage

XLSX_IN_MEMORY_BYTES = 8 * 1024 * 1024


def inline_limit(fmt) -> int:
    """How many rows an export may have to be written while the requester waits."""
    if fmt == "xlsx":
        return settings.EXPORT_INLINE_MAX_XLSX_ROWS
    return settings.EXPORT_INLINE_MAX_ROWS


def _refuse(user):
    if not permissions.can_export(user):
        raise PermissionDenied(_("Only the product team can export the ideas backlog."))


def _invalid(request, form):
    return render(
        request,
        "ideas/export_invalid.html",
        {"form": form, "statuses": list(selectors.statuses())},
        status=400,
    )


def _attachment(response, file_name):
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def export_response(export, fmt):
    """The export as a download: streamed for CSV and JSON, from a temporary file for XLSX."""
    file_name = export.file_name(fmt)
    if fmt == "xlsx":
        # FileResponse closes the file once it is sent.
        temporary = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY_BYTES)  # noqa: SIM115
        exports.write_xlsx(export, temporary)
        temporary.seek(0)
        response = FileResponse(
            temporary,
            as_attachment=True,
            filename=file_name,
            content_type=exports.CONTENT_TYPES[fmt],
        )
        return response
    chunks = exports.csv_chunks(export) if fmt == "csv" else exports.json_chunks(export)
    response = StreamingHttpResponse(
        (chunk.encode() for chunk in chunks), content_type=exports.CONTENT_TYPES[fmt]
    )
    return _attachment(response, file_name)


@never_cache
@login_required
@require_GET
def backlog_export(request):
    """Download the ideas (or their votes) matching the list's filters, in the chosen format."""
    _refuse(request.user)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    kind, fmt = form.cleaned_data["kind"], form.cleaned_data["format"]
    export = export_build(
        request.user,
        kind=kind,
        filters=form.chosen(),
        query=form.query(),
        language=current_language(),
    )
    rows = export.count()
    limit = inline_limit(fmt)
    if rows > limit:
        return render(
            request,
            "ideas/export_prepare.html",
            {
                "form": form,
                "kind": kind,
                "format": fmt,
                "query": form.query(),
                "rows": rows,
                "limit": limit,
                "kind_label": dict(form.fields["kind"].choices)[kind],
                "format_label": dict(form.fields["format"].choices)[fmt],
            },
        )
    return export_response(export, fmt)


@login_required
@require_POST
def export_prepare(request):
    """Have a large export prepared in the background; its page says when it is ready."""
    _refuse(request.user)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    job = export_job_create(
        request.user,
        kind=form.cleaned_data["kind"],
        fmt=form.cleaned_data["format"],
        query=form.query(),
        language=current_language(),
    )
    messages.success(
        request,
        _("Your export is being prepared. You will be notified when it is ready to download."),
    )
    return redirect(job.get_absolute_url())


def _own_job(request, pk):
    """The requester's own export job; anyone else (or a former product team member) gets 404,
    which says nothing of whether it exists."""
    job = ExportJob.objects.filter(pk=pk, requester=request.user).first()
    if job is None or not permissions.can_export(request.user):
        raise Http404(_("No export of yours has this address."))
    return job


@never_cache
@login_required
@require_GET
def export_job(request, pk):
    job = _own_job(request, pk)
    return render(request, "ideas/export_job.html", {"job": job})


@never_cache
@login_required
@require_GET
def export_job_download(request, pk):
    job = _own_job(request, pk)
    if not job.is_ready:
        messages.info(request, _("This export cannot be downloaded: see its status below."))
        return redirect(job.get_absolute_url())
    response = FileResponse(
        export_storage().open(job.file_name, "rb"),
        as_attachment=True,
        filename=job.download_name,
        content_type=exports.CONTENT_TYPES[job.format],
    )
    return response
