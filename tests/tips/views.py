"""A tip's page and its report form: what moderation and the sitemap need an address for."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from community.moderation import permissions
from community.views import refuse_unverified, report_page
from tests.tips.models import Tip


@require_GET
def tip_detail(request, pk):
    """A public tip; held or hidden, only its author and moderators see it (with the receipt)."""
    tip = get_object_or_404(
        Tip.objects.select_related("product", "author", "author_card", "moderated_by"),
        pk=pk,
        deleted_at__isnull=True,
    )
    if not permissions.can_see(request.user, tip):
        raise Http404(_("No tip has this address."))
    return render(request, "tips/tip_detail.html", {"tip": tip})


@login_required
@require_http_methods(["GET", "POST"])
def tip_report(request, pk):
    tip = get_object_or_404(Tip.objects.public().select_related("product"), pk=pk)
    if not permissions.can_report(request.user, tip):
        refuse_unverified(request.user, _("Please verify your e-mail address before reporting."))
        raise PermissionDenied(_("You cannot report what you wrote."))
    return report_page(
        request,
        tip,
        back_url=tip.get_absolute_url(),
        template="tips/tip_report.html",
        context={"tip": tip, "heading": _("Report a tip")},
    )
