"""Ideas in the Wagtail admin: the ideas with their filters, and what admins define for them
(statuses, decline reasons, tags). Only the product team and site admins edit statuses."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community.admin_views import ReadOnlyModelViewSet
from ideas import admin_views
from ideas.admin_forms import IdeaFilterSet, StatusAdminForm
from ideas.models import DeclineReason, Idea, Status, Tag


class StatusColourColumn(Column):
    """The status as its badge, in its colour (the admin allows inline styles)."""

    def get_value(self, instance):
        return format_html(
            '<span style="display:inline-block;padding:0 .6em;border-radius:1em;'
            'background:{};color:{}">{}</span>',
            instance.colour,
            instance.text_colour,
            instance.colour,
        )


class StatusViewSet(ModelViewSet):
    model = Status
    name = "idea_statuses"
    url_prefix = "idea-statuses"
    delete_view_class = admin_views.StatusDeleteView
    icon = "tag"
    menu_label = _("Statuses")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    sort_order_field = "order"
    list_display = [
        "name_en",
        "name_fr",
        StatusColourColumn("colour", label=_("Colour")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        BooleanColumn("on_roadmap", label=_("On the roadmap")),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("description_en"), FieldPanel("description_fr")]),
            MultiFieldPanel(
                [FieldPanel("kind"), FieldPanel("on_roadmap"), FieldPanel("colour")],
                heading=_("What it does"),
                help_text=_(
                    "The kind decides whether voting stays open, whether the idea goes to the "
                    "changelog, and whether a decline reason is required. New ideas start in "
                    "the first open status in order."
                ),
            ),
            FieldPanel("order"),
        ],
        base_form_class=StatusAdminForm,
    )


class DeclineReasonViewSet(ModelViewSet):
    model = DeclineReason
    name = "idea_decline_reasons"
    url_prefix = "idea-decline-reasons"
    delete_view_class = admin_views.DeclineReasonDeleteView
    icon = "cross"
    menu_label = _("Decline reasons")
    add_to_reference_index = False
    copy_view_enabled = False
    sort_order_field = "order"
    list_display = ["label_en", "label_fr", BooleanColumn("active", label=_("Active"))]
    panels = [
        FieldRowPanel([FieldPanel("label_en"), FieldPanel("label_fr")]),
        FieldRowPanel([FieldPanel("explanation_en"), FieldPanel("explanation_fr")]),
        FieldPanel("active"),
        FieldPanel("order"),
    ]


class TagViewSet(ModelViewSet):
    model = Tag
    name = "idea_tags"
    url_prefix = "idea-tags"
    icon = "tag"
    menu_label = _("Tags")
    add_to_reference_index = False
    copy_view_enabled = False
    ordering = "name_en"
    search_fields = ["name_en", "name_fr"]
    list_display = ["name_en", "name_fr", "slug"]
    panels = [FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]), FieldPanel("slug")]


class IdeaViewSet(ReadOnlyModelViewSet):
    """Every idea, filtered; decisions, merges and estimates happen on the idea's page, where
    staff sign them with their staff card."""

    model = Idea
    name = "idea_backlog"
    url_prefix = "ideas"
    icon = "pick"
    menu_label = _("Ideas")
    index_view_class = admin_views.IdeaIndexView
    inspect_view_fields = [
        "title",
        "status",
        "product",
        "vote_count",
        "comment_count",
        "impact",
        "effort",
        "score",
        "created_at",
        "last_activity_at",
        "merged_into",
    ]
    ordering = "-vote_count"
    search_fields = ["title", "body"]
    filterset_class = IdeaFilterSet
    form_fields = ["impact", "effort"]
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="status"),
        Column("vote_count", label=_("Votes"), sort_key="vote_count"),
        Column("comment_count", label=_("Comments"), sort_key="comment_count"),
        Column("score", label=_("Score"), sort_key="score"),
        Column("product", label=_("Product"), accessor="product"),
        DateColumn("created_at", label=_("Proposed"), sort_key="created_at"),
        DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
    ]


class IdeasViewSetGroup(ModelViewSetGroup):
    items = (IdeaViewSet, StatusViewSet, DeclineReasonViewSet, TagViewSet)
    menu_icon = "pick"
    menu_label = _("Ideas")
    menu_name = "ideas"


@hooks.register("register_admin_viewset")
def register_ideas_viewsets():
    return IdeasViewSetGroup()
