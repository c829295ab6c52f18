"""Members' pages of the protections: blocking, the list of blocked members, and the page that
tells a suspended member why and until when."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import selectors
from community.forms import guidelines_url
from community.protections import blocks, permissions, suspensions


def _member(handle):
    try:
        return selectors.member_by_handle(handle)
    except get_user_model().DoesNotExist as error:
        raise Http404(_("No member has this address.")) from error


def _back(request, default: str) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return default


@login_required
@require_POST
def member_block(request, handle):
    member = _member(handle)
    if not permissions.can_block(request.user, member):
        if member.pk == request.user.pk:
            raise PermissionDenied(_("You cannot block yourself."))
        raise PermissionDenied(
            _("Staff and moderators cannot be blocked: their answers and notices must reach you.")
        )
    blocks.block(request.user, member)
    messages.success(
        request,
        _(
            "You blocked %(name)s: their mentions and notifications no longer reach you. "
            "They are not told. You can unblock them from your list of blocked members."
        )
        % {"name": member.display_name},
    )
    return redirect(_back(request, member.get_absolute_url()))


@login_required
@require_POST
def member_unblock(request, handle):
    member = _member(handle)
    if blocks.unblock(request.user, member):
        messages.success(
            request,
            _("You unblocked %(name)s: their mentions and notifications reach you again.")
            % {"name": member.display_name},
        )
    return redirect(_back(request, member.get_absolute_url()))


@login_required
@require_GET
def blocked_list(request):
    return render(
        request, "protections/blocked_list.html", {"blocks": list(blocks.blocked_by(request.user))}
    )


@login_required
@require_GET
def suspension_detail(request):
    """The member's own suspensions: the one in force with its reason and end, and earlier
    ones; the notice at the top of every page links here."""
    history = list(suspensions.suspensions_of(request.user))
    current = suspensions.active_suspension(request.user)
    return render(
        request,
        "protections/suspension.html",
        {
            "current": current,
            "earlier": [s for s in history if current is None or s.pk != current.pk],
            "guidelines_url": _guidelines_url(),
            "home_url": reverse("wagtail_serve", args=[""]),
        },
    )


def _guidelines_url():
    return guidelines_url()
