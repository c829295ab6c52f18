"""Response promises, business hours and holidays in the Wagtail admin, under one menu, and
links to the staff inbox and the service figures for the people who use them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community.models import BusinessHours, Holiday, ResponsePromise
from community.permissions import can_see_inbox
from community.staffdesk.permissions import can_see_figures


class ResponsePromiseViewSet(SnippetViewSet):
    model = ResponsePromise
    icon = "time"
    menu_label = _("Promises")
    list_display = [
        Column("scope_name", label=_("For")),
        Column("length_display", label=_("Length")),
        "text_en",
        "team",
    ]
    copy_view_enabled = False
    panels = [
        HelpPanel(
            content=_(
                "Leave product and topic empty for the site's default promise; a product's or a "
                "topic's promise replaces it there. Time is counted in business hours and "
                "business days, from the business hours and holidays set here."
            )
        ),
        FieldRowPanel([FieldPanel("product"), FieldPanel("topic")]),
        FieldRowPanel([FieldPanel("length"), FieldPanel("unit")]),
        FieldPanel("text_en"),
        FieldPanel("text_fr"),
        FieldPanel("community_solution_fulfils"),
        MultiFieldPanel(
            [FieldPanel("team"), FieldPanel("warn_before_percent")],
            heading=_("Who is warned"),
        ),
    ]


class BusinessHoursViewSet(SnippetViewSet):
    model = BusinessHours
    icon = "date"
    menu_label = _("Business hours")
    list_display = ["weekday", "opens", "closes"]
    list_per_page = 50
    copy_view_enabled = True
    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "calendar-alt"
    menu_label = _("Holidays")
    list_display = ["date", "name_en", "name_fr"]
    ordering = "date"
    panels = [
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
    ]


class PromisesViewSetGroup(SnippetViewSetGroup):
    items = (ResponsePromiseViewSet, BusinessHoursViewSet, HolidayViewSet)
    menu_icon = "time"
    menu_label = _("Response promises")
    menu_name = "response-promises"


register_snippet(PromisesViewSetGroup)


class StaffOnlyMenuItem(MenuItem):
    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)


@hooks.register("register_admin_menu_item")
def register_staff_inbox_menu_item():
    return StaffOnlyMenuItem(
        _("Staff inbox"),
        reverse("questions:inbox"),
        icon_name="mail",
        order=190,
        allowed=can_see_inbox,
    )


@hooks.register("register_admin_menu_item")
def register_service_figures_menu_item():
    return StaffOnlyMenuItem(
        _("Service figures"),
        reverse("staffdesk:figures"),
        icon_name="doc-full",
        order=191,
        allowed=can_see_figures,
    )
