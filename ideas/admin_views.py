"""Views of the Wagtail admin for ideas: the listing links each idea to its page on the site,
where staff decide, merge and estimate with their staff card."""

from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import DeleteView, IndexView

from ideas.models import Idea, StatusChange


class IdeaIndexView(IndexView):
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
