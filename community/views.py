"""Views of the community room: thin, reading through selectors and writing through services."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, ngettext
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.static import serve

from community import (
    notifications,
    operations,
    permissions,
    reports,
    selectors,
    services,
    site_cache,
)
from community.forms import ProfileForm, ReportForm, guidelines_url
from community.i18n import current_language, member_language, remember_language
from community.protections.refusals import Refused
from community.seo import absolute_url
from community.writing import revisions_for

NOTIFICATIONS_PER_PAGE = 30


def member_detail(request, handle):
    try:
        member = selectors.member_by_handle(handle)
    except get_user_model().DoesNotExist as error:
        raise Http404(_("No member has this address.")) from error
    card = permissions.active_staff_card(member)
    return render(
        request,
        "community/member_detail.html",
        {
            "member": member,
            "card": card,
            "can_edit": permissions.can_edit_profile(request.user, member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    member = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=member)
        if form.is_valid():
            services.profile_update(
                request.user,
                member,
                cleaned_data=form.cleaned_data,
                avatar_upload=form.cleaned_data.get("avatar_upload"),
                remove_avatar=form.cleaned_data.get("remove_avatar", False),
            )
            # The language chosen here is the site's from now on: the page after it, and its
            # message, are in it.
            language = member_language(member)
            with translation.override(language):
                messages.success(request, _("Your profile is saved."))
                url = member.get_absolute_url()
            return remember_language(redirect(url), language)
        member.refresh_from_db()
    else:
        form = ProfileForm(instance=member)
    return render(request, "community/profile_edit.html", {"form": form, "member": member})


@login_required
@require_GET
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/notification_list.html", {"page_obj": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification as read, then follow its link, in the language being read."""
    notification = selectors.notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notifications_mark_read(request.user, [notification.pk])
    target = notification.url or reverse("notification_list")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notification_list")
    return HttpResponseRedirect(site_cache.url_in_language(request, target, current_language()))


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.notifications_mark_read(request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notification_list")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token):
    """Stop e-mails of one kind, without signing in.

    GET shows a confirmation button (mail scanners follow links and must not unsubscribe
    anyone); POST unsubscribes, which is also what one-click unsubscribe (RFC 8058) sends.
    The signed token is the credential, so no CSRF token is needed.
    """
    try:
        member_id, key = notifications.read_unsubscribe_token(token)
    except signing.BadSignature as error:
        raise PermissionDenied(_("This unsubscribe link is not valid.")) from error
    member = get_user_model().objects.filter(pk=member_id).first()
    if member is None or key not in notifications.registry:
        raise Http404(_("This unsubscribe link is no longer valid."))
    kind = notifications.registry.get(key)
    done = False
    if request.method == "POST":
        in_site, _email = notifications.preference_for(member, kind)
        notifications.set_preference(member, key, in_site=in_site, email=False)
        done = True
    return render(
        request,
        "community/notification_unsubscribe.html",
        {"kind": kind, "done": done, "token": token},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def set_language(request):
    """Django's `set_language`, for a `next` address that is already in the chosen language,
    and for the language switcher's links as well as a form.

    The switcher is a pair of links (`?language=fr&next=<the page's twin>`), so that the pages
    carry no form and no CSRF token, and a visitor's page sets no cookie (a shared cache can
    keep it). The cookie is set here instead, as Django does for a POST: without it a French
    browser would be sent back to French by the first-visit redirect. A link is followed in
    the browser's own tab, and the session cookie is SameSite=Lax, so another site cannot
    change a member's language unseen. A translated page may have its own slug: Django would
    translate `next` again from the current language, making "/fr/fr/…"; resolving it in the
    chosen language leaves it as it is.
    """
    code = request.POST.get("language", request.GET.get("language", ""))
    next_url = request.POST.get("next", request.GET.get("next", ""))
    next_language = get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    if code not in dict(settings.LANGUAGES):
        return i18n.set_language(request)
    # A member's language is part of their account: it follows them to their next log-in,
    # and their e-mails and notifications use it.
    services.member_set_language(request.user, code)
    if next_language == code:
        with translation.override(code):
            response = i18n.set_language(request)
    else:
        response = i18n.set_language(request)
    return response if request.method == "POST" else remember_language(response, code)


def media(request, path):
    """Uploaded media from MEDIA_ROOT as it is set now, when the app serves media itself."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: 200 when every part answers or only the cache is
    down (`degraded`, naming it), 503 naming what is down otherwise.

    `?checks=database,cache` runs only those checks (what a load balancer needs to know).
    """
    wanted = request.GET.get("checks")
    names = {name.strip() for name in wanted.split(",")} if wanted else None
    if names and not names <= operations.CHECKS.keys():
        return JsonResponse(
            {"status": "error", "unknown_checks": sorted(names - operations.CHECKS.keys())},
            status=400,
        )
    report = operations.health_report(names)
    return JsonResponse(report, status=503 if report["status"] == operations.ERROR else 200)


# Addresses no search engine should crawl: the admin, the API and the language switch, then the
# accounts, the one-click unsubscribe links and the site's own search results, which exist in
# every language (French under /fr/).
ROBOTS_DISALLOWED = ["/admin/", "/api/", "/i18n/"]
ROBOTS_DISALLOWED_IN_EVERY_LANGUAGE = ["/accounts/", "/unsubscribe/", "/search/"]


@require_GET
def robots_txt(request):
    """robots.txt: what crawlers may read, and where the sitemap is."""
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    disallowed = ROBOTS_DISALLOWED + [
        prefix + path for prefix in prefixes for path in ROBOTS_DISALLOWED_IN_EVERY_LANGUAGE
    ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed)]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def revision_history(request, content, *, heading: str, back_url: str):
    """The public edit history of a piece of writing; the app's view decides who may see it."""
    if content.is_deleted:
        raise Http404
    return render(
        request,
        "community/revision_history.html",
        {"revisions": list(revisions_for(content)), "heading": heading, "back_url": back_url},
    )


def report_page(request, target, *, back_url: str, template: str, context: dict):
    """The report form for `target` and its outcome, for every kind of content.

    The app's view has already checked that the member may report `target`; this records the
    report once (a second report is refused kindly) and sends the member back to `back_url`.
    """
    already = _("You have already reported this. A moderator will look at it.")
    if reports.has_reported(request.user, target):
        messages.info(request, already)
        return HttpResponseRedirect(back_url)
    form = ReportForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.report_create(
                request.user,
                target,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            if error.code == "duplicate":
                messages.info(request, already)
                return HttpResponseRedirect(back_url)
            form.add_error(None, error)
        else:
            if not reports.still_readable(request.user, target):
                # Enough members reported it: it is held, and its own page is no longer theirs.
                messages.success(
                    request,
                    _(
                        "Thank you for your report. Enough members reported it that it is "
                        "hidden until a moderator has looked at it."
                    ),
                )
                return HttpResponseRedirect(reports.readable_place(request.user, target))
            messages.success(request, _("Thank you for your report. A moderator will look at it."))
            return HttpResponseRedirect(back_url)
    return render(
        request,
        template,
        {"form": form, "back_url": back_url, "guidelines_url": guidelines_url(), **context},
    )


def hand_over_page(
    request, thing, *, form_class, hand_over, done: str, back_url: str, template: str, context
):
    """The page where the owner of `thing` hands it to a colleague with a note, for every kind of
    thing a named member of staff looks after (`community.ownership`).

    The app's view has already checked that the member may hand it over. `form_class` is its
    `BaseHandOverForm`, `hand_over` its service, whose refusals land next to the fields (a
    refused colleague on the choice); `done` names the colleague (`%(name)s`) once it is done,
    and the member goes back to `back_url`. `context` gives the rest of the template's context,
    read only when the page is shown.
    """
    form = form_class(data=request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        card = form.cleaned_data["to_card"]
        try:
            hand_over(request.user, thing, to_member=card.member, note=form.cleaned_data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "to_member" in error.error_dict:
                form.add_error("to_card", error.error_dict.pop("to_member"))
            add_errors(form, error)
        else:
            messages.success(request, done % {"name": card.real_name})
            return redirect(back_url)
    return render(request, template, {"form": form, **context()})


def add_errors(form, error):
    """Errors raised by a service, shown next to the field they are about. A post refused only
    for a while is no error of the form: the form keeps it for its wait notice
    (`{% wait_notice form %}`), which says how long is left above what was typed."""
    if isinstance(error, Refused) and error.is_wait:
        form.wait_refusal = error
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def refuse_unverified(user, message):
    """Members whose e-mail address is not verified are told that this is what stops them."""
    if permissions.is_member(user) and not permissions.can_write(user):
        raise PermissionDenied(message)
