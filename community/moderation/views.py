"""Moderation's pages on the site: reporting a member, appealing a decision, and the public
transparency figures. Thin: reads through selectors, writes through services."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from community import selectors as community_selectors
from community.moderation import kinds, permissions, selectors, services
from community.moderation.forms import AppealForm, reason_label
from community.views import add_errors, refuse_unverified, report_page


def appeal_targets() -> dict:
    """What can be appealed, by the word in its address: every kind of writing, and a
    suspension."""
    return {
        **{kind.key: kind.model_label for kind in kinds.content_kinds()},
        "suspension": "community.Suspension",
    }


@login_required
@require_http_methods(["GET", "POST"])
def member_report(request, handle):
    """Report a member (not one thing they wrote: their behaviour, their profile)."""
    try:
        member = community_selectors.member_by_handle(handle)
    except get_user_model().DoesNotExist as error:
        raise Http404(_("No member has this address.")) from error
    if not permissions.can_report(request.user, member):
        refuse_unverified(request.user, _("Please verify your e-mail address before reporting."))
        raise PermissionDenied(_("You cannot report yourself."))
    return report_page(
        request,
        member,
        back_url=member.get_absolute_url(),
        template="community/moderation/member_report.html",
        context={"reported_member": member, "heading": _("Report a member")},
    )


def _appeal_target(request, kind, pk):
    label = appeal_targets().get(kind)
    if label is None:
        raise Http404
    target = apps.get_model(label)._base_manager.filter(pk=pk).first()
    owner_id = getattr(target, "member_id" if kind == "suspension" else "author_id", None)
    # Only the member concerned learns that the decision exists.
    if target is None or owner_id != request.user.pk:
        raise Http404(_("There is nothing here to appeal."))
    return target


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request, kind, pk):
    """The author of hidden content, or a suspended member, appeals once with a text; the page
    then shows where the appeal stands and, once decided, the outcome and its reasons."""
    target = _appeal_target(request, kind, pk)
    existing = selectors.appeal_for(request.user, target)
    can_appeal = existing is None and services.can_appeal(request.user, target)
    form = AppealForm(request.POST if request.method == "POST" and can_appeal else None)
    if request.method == "POST" and can_appeal and form.is_valid():
        try:
            services.appeal_create(request.user, target, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Your appeal is sent. A moderator will tell you the outcome.")
            )
            return redirect("moderation:appeal", kind=kind, pk=pk)
    is_suspension = kind == "suspension"
    decision = None if is_suspension else services.appealable_decision(target)
    if is_suspension:
        decided_by = target.suspended_by
    else:
        decided_by = decision.moderator if decision is not None else target.moderated_by
    context = {
        "target": target,
        "kind": kind,
        "is_suspension": is_suspension,
        "title": "" if is_suspension else kinds.title_of(target),
        "back_url": "" if is_suspension else kinds.url_of(target),
        "decision": decision,
        "decided_by": services.moderator_name(decided_by),
        "reason": target.reason if is_suspension else target.moderation_reason,
        "reason_label": reason_label(decision.reason_code) if decision else "",
        "appeal": existing,
        "appeal_decided_by": services.moderator_name(existing.decided_by)
        if existing is not None and existing.decided_by_id
        else "",
        "can_appeal": can_appeal,
        "form": form,
    }
    return render(request, "community/moderation/appeal.html", context)


@require_GET
def transparency(request):
    """Public monthly figures on moderation, in both languages."""
    return render(
        request,
        "community/moderation/transparency.html",
        {"months": selectors.transparency(), "usual_wait": services.usual_wait()},
    )
