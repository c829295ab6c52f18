"""Suspensions in the Wagtail admin: moderators find a member, suspend them for a period with a
reason, and lift a suspension early. Loaded from `community/wagtail_hooks.py`.

Every decision goes through `community.protections.suspensions`, which tells the member and
writes the audit log.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from community import trust
from community.models import Suspension
from community.protections import permissions, suspensions
from community.protections.forms import LiftForm, MemberSearchForm, SuspendForm
from community.views import add_errors

MEMBERS_FOUND = 20
ENDED_SHOWN = 30


class ModeratorsOnly:
    """Moderators only; the breadcrumbs lead back to the list of suspensions."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_suspensions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if not isinstance(self, SuspensionIndexView):
            items.append(
                {"url": reverse("protections_admin_suspensions"), "label": _("Suspensions")}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


class SuspensionIndexView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """Suspensions in force, recently ended ones, and a search to find a member to suspend."""

    template_name = "protections/admin/suspensions.html"
    page_title = gettext_lazy("Suspensions")
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = MemberSearchForm(self.request.GET or None)
        found = []
        if search.is_valid() and search.cleaned_data["q"].strip():
            query = search.cleaned_data["q"].strip().lstrip("@")
            found = list(
                get_user_model()
                .objects.filter(is_active=True)
                .filter(
                    Q(display_name__icontains=query)
                    | Q(handle__icontains=query)
                    | Q(email__iexact=query)
                )
                .order_by("display_name")[:MEMBERS_FOUND]
            )
        base = Suspension.objects.select_related("member", "suspended_by", "lifted_by")
        context.update(
            search=search,
            found=found,
            active=list(base.active().order_by("until")),
            ended=list(base.exclude(pk__in=base.active().values("pk"))[:ENDED_SHOWN]),
        )
        return context


class SuspendView(ModeratorsOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "protections/admin/suspend.html"
    form_class = SuspendForm
    page_title = gettext_lazy("Suspend a member")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(get_user_model(), pk=kwargs["member_pk"], is_active=True)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.member.display_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            can_suspend=permissions.can_suspend(self.request.user, self.member),
            current=suspensions.active_suspension(self.member),
            history=list(suspensions.suspensions_of(self.member)[:10]),
            contributions=trust.published_contribution_count(self.member),
            upheld_reports=trust.upheld_report_count(self.member),
            trusted=trust.is_trusted(self.member),
            action_url=self.request.path,
        )
        return context

    def form_valid(self, form):
        try:
            suspension = suspensions.suspend_for(
                self.request.user,
                self.member,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is suspended until %(until)s. They are told, with your reason.")
            % {
                "name": self.member.display_name,
                "until": suspensions.moment_text(suspension.until),
            },
        )
        return redirect("protections_admin_suspensions")

    def post(self, request, *args, **kwargs):
        if not permissions.can_suspend(request.user, self.member):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class LiftView(ModeratorsOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "protections/admin/lift.html"
    form_class = LiftForm
    page_title = gettext_lazy("Lift a suspension")
    header_icon = "lock-open"

    def dispatch(self, request, *args, **kwargs):
        self.suspension = get_object_or_404(
            Suspension.objects.select_related("member", "suspended_by"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.suspension.member.display_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            suspension=self.suspension,
            can_lift=permissions.can_lift(self.request.user, self.suspension),
            action_url=self.request.path,
        )
        return context

    def form_valid(self, form):
        if not permissions.can_lift(self.request.user, self.suspension):
            messages.info(self.request, _("This suspension has already ended."))
            return redirect("protections_admin_suspensions")
        try:
            suspensions.lift(self.request.user, self.suspension, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The suspension of %(name)s is lifted. They are told.")
            % {"name": self.suspension.member.display_name},
        )
        return redirect("protections_admin_suspensions")


class SuspensionsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_see_suspensions(request.user)


@hooks.register("register_admin_urls")
def register_suspension_urls():
    return [
        path("suspensions/", SuspensionIndexView.as_view(), name="protections_admin_suspensions"),
        path(
            "suspensions/member/<int:member_pk>/",
            SuspendView.as_view(),
            name="protections_admin_suspend",
        ),
        path("suspensions/<int:pk>/lift/", LiftView.as_view(), name="protections_admin_lift"),
    ]


@hooks.register("register_admin_menu_item")
def register_suspensions_menu_item():
    return SuspensionsMenuItem(
        gettext_lazy("Suspensions"),
        reverse("protections_admin_suspensions"),
        icon_name="lock",
        order=410,
    )


@hooks.register("register_user_listing_buttons")
def suspend_button(user, request_user):
    """A "Suspend" entry for each member in the admin's list of users, for moderators."""
    if not permissions.can_suspend(request_user, user):
        return []
    return [
        Button(
            _("Suspend"),
            reverse("protections_admin_suspend", args=[user.pk]),
            icon_name="lock",
            priority=60,
        )
    ]
