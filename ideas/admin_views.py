"""Views of the Wagtail admin for ideas. The listing finds an idea by its exact title first
and opens the idea's admin page, where the product team sets its estimates; every idea links
to its page on the site, where staff decide and merge with their staff card."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from community.admin_views import ExactTitleFirstMixin
from ideas import permissions, services
from ideas.models import Idea, StatusChange


class IdeaPermissionPolicy(ModelPermissionPolicy):
    """Ideas are written on the site; in the admin they are only estimated (the viewset has no
    add or delete views). So "change" is the permission to estimate (`permissions.can_estimate`:
    `ideas.estimate_idea`, held by the product team, on an account that may write)."""

    def user_has_permission(self, user, action):
        if action == "change":
            return permissions.can_estimate(user)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = ["estimate" if action == "change" else action for action in actions]
        return super().users_with_any_permission(actions)


def site_button(idea):
    return HeaderButton(
        _("Open on the site"),
        url=idea.get_absolute_url(),
        icon_name="link-external",
    )


class IdeaIndexView(ExactTitleFirstMixin, IndexView):
    def get_base_queryset(self):
        return Idea.objects.select_related("status", "product", "author")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Open on the site"),
                url=instance.get_absolute_url(),
                icon_name="link-external",
                priority=5,
            )
        )
        return buttons


class IdeaEditView(EditView):
    """An idea's admin page for the product team: where it stands on the site, its estimates
    (set here, through the same service as on the site) and a link to its page."""

    success_message = gettext_lazy("The estimates of “%(object)s” are saved.")

    @cached_property
    def header_buttons(self):
        return [site_button(self.object)]

    def get_success_url(self):
        return reverse(self.edit_url_name, args=(self.object.pk,))

    def get_success_buttons(self):
        return []

    def save_instance(self):
        data = self.form.cleaned_data
        return services.idea_estimate(
            self.request.user, self.object, impact=data["impact"], effort=data["effort"]
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class IdeaInspectView(InspectView):
    """An idea as staff without the permission to estimate see it, with a link to its page."""

    @cached_property
    def header_buttons(self):
        return [site_button(self.object)]

    def get_impact_display_value(self):
        return self.object.get_impact_display() if self.object.impact else _("Not estimated")

    def get_effort_display_value(self):
        return self.object.get_effort_display() if self.object.effort else _("Not estimated")

    def get_score_display_value(self):
        return _("Not estimated") if self.object.score is None else self.object.score

    def get_product_display_value(self):
        return self.object.product or "—"

    def get_merged_into_display_value(self):
        return self.object.merged_into or "—"


class StatusDeleteView(DeleteView):
    """A status that ideas or past decisions use stays: the history must keep its words."""

    def form_valid(self, form):
        status = self.object
        ideas = Idea.objects.filter(status=status).count()
        decisions = StatusChange.objects.filter(Q(from_status=status) | Q(to_status=status))
        if ideas or decisions.exists():
            messages.error(
                self.request,
                ngettext(
                    "“%(name)s” cannot be deleted: %(count)s idea is in it, or past decisions "
                    "name it. Rename it or take it off the roadmap instead.",
                    "“%(name)s” cannot be deleted: %(count)s ideas are in it, or past decisions "
                    "name it. Rename it or take it off the roadmap instead.",
                    ideas,
                )
                % {"name": status.name, "count": ideas},
            )
            return redirect(self.index_url_name)
        return super().form_valid(form)


class DeclineReasonDeleteView(DeleteView):
    """A reason that past decisions give stays; it can be made inactive instead."""

    def form_valid(self, form):
        if StatusChange.objects.filter(decline_reason=self.object).exists():
            messages.error(
                self.request,
                _(
                    "This reason is given in past decisions, so it stays. Untick “active” so "
                    "that it cannot be chosen any more."
                ),
            )
            return redirect(self.index_url_name)
        return super().form_valid(form)
