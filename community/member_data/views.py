"""A member's own data: what is held ("my data"), its download, and their preferences.

Every page here is the signed-in member's own; suspended and unverified members use them too,
as reading and taking one's data, and choosing what one is sent, are not writing in the
community.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import notifications
from community.member_data import digest, exports, preferences, selectors
from community.member_data.forms import PreferencesForm
from community.member_data.models import DataExport
from community.models import Digest


@login_required
@require_GET
@never_cache
def overview(request):
    member = request.user
    exports.exports_remove_expired()
    return render(
        request,
        "community/member_data/overview.html",
        {
            "member": member,
            "sections": selectors.data_overview(member),
            "export": exports.latest_export(member),
            "kept_days": exports.EXPORT_KEPT_FOR.days,
        },
    )


@login_required
@require_POST
def export_request(request):
    try:
        export = exports.export_request(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("member_data:overview") + "#download")
    export.refresh_from_db()
    if export.status == DataExport.Status.READY:
        messages.success(request, _("Your download is ready."))
    elif export.status == DataExport.Status.FAILED:
        messages.error(request, _("Your download could not be prepared. Please try again."))
    else:
        messages.success(
            request,
            _("We are preparing your download. We will tell you when it is ready."),
        )
    return redirect(reverse("member_data:overview") + "#download")


@login_required
@require_GET
@never_cache
def download(request, pk):
    """The ZIP, for its member only: anyone else gets "not found", as if it did not exist."""
    try:
        export, file = exports.open_download(request.user, pk)
    except DataExport.DoesNotExist as error:
        raise Http404(_("There is no such download.")) from error
    except exports.ExportExpired as expired:
        return render(
            request,
            "community/member_data/download_expired.html",
            {"export": expired.export, "kept_days": exports.EXPORT_KEPT_FOR.days},
            status=410,
        )
    except exports.ExportNotReady:
        messages.info(request, _("This download is not ready yet."))
        return redirect(reverse("member_data:overview") + "#download")
    response = FileResponse(file, as_attachment=True, filename=export.file_name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def preferences_page(request):
    member = request.user
    rows = notifications.preferences_table(member)
    choices = preferences.choices_for(member)
    form = PreferencesForm(request.POST or None, rows=rows, choices=choices)
    if request.method == "POST" and form.is_valid():
        for key, in_site, email in form.choices():
            notifications.set_preference(member, key, in_site=in_site, email=email)
        preferences.choices_update(
            member,
            show_owner_badge=form.cleaned_data["show_owner_badge"],
            show_on_voter_lists=form.cleaned_data["show_on_voter_lists"],
            digest=form.cleaned_data["digest"],
        )
        messages.success(request, _("Your preferences are saved."))
        return redirect(request.path)
    return render(
        request,
        "community/member_data/preferences.html",
        {
            "form": form,
            "history": selectors.preference_history(member),
            "choices": choices,
        },
        status=400 if form.errors else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """Stop the weekly summary without signing in: GET asks, POST stops (one-click too)."""
    try:
        member_id = digest.read_unsubscribe_token(token)
    except signing.BadSignature as error:
        raise PermissionDenied(_("This unsubscribe link is not valid.")) from error
    member = get_user_model().objects.filter(pk=member_id).first()
    if member is None:
        raise Http404(_("This unsubscribe link is no longer valid."))
    done = False
    if request.method == "POST":
        preferences.choices_update(member, digest=Digest.OFF)
        done = True
    return render(
        request,
        "community/member_data/digest_unsubscribe.html",
        {"done": done, "token": token},
    )
