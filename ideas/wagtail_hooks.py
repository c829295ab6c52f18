"""Ideas in the Wagtail admin: the ideas with their filters and their estimates, and what
admins define for them (statuses, decline reasons, tags). Only the product team and site
admins edit statuses; the product team estimates ideas."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from community.admin_views import ReadOnlyModelViewSet
from ideas import admin_views
from ideas.admin_forms import IdeaEstimateAdminForm, IdeaFilterSet, StatusAdminForm
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


class ShownPanel(FieldPanel):
    """A field shown, not edited, with `empty` when it has no value."""

    def __init__(self, field_name, *, empty="—", **kwargs):
        self.empty = empty
        super().__init__(field_name, read_only=True, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("read_only")
        return {**kwargs, "empty": self.empty}

    def format_value_for_display(self, value):
        return self.empty if value is None else super().format_value_for_display(value)


register_permission_policy(Idea, admin_views.IdeaPermissionPolicy(Idea), exact_class=True)


class IdeaViewSet(ReadOnlyModelViewSet):
    """Every idea, filtered, found by its exact title first. An idea's admin page is where the
    product team sets its estimates (others inspect it); decisions and merges happen on the
    idea's page on the site, where staff sign them with their staff card."""

    model = Idea
    name = "idea_backlog"
    url_prefix = "ideas"
    icon = "pick"
    menu_label = _("Ideas")
    left_out = ("add", "delete")
    index_view_class = admin_views.IdeaIndexView
    edit_view_class = admin_views.IdeaEditView
    inspect_view_class = admin_views.IdeaInspectView
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
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("impact"), FieldPanel("effort")]),
                    ShownPanel("score", empty=_("Not estimated")),
                ],
                heading=_("Impact and effort"),
                help_text=_("Score = impact ÷ effort × 100. Staff can sort the ideas by it."),
            ),
            MultiFieldPanel(
                [
                    ShownPanel("status"),
                    ShownPanel("product"),
                    FieldRowPanel([ShownPanel("vote_count"), ShownPanel("comment_count")]),
                    ShownPanel("merged_into"),
                ],
                heading=_("On the site"),
                help_text=_(
                    "Decisions, merges and replies happen on the idea's page on the site, "
                    "signed with your staff card."
                ),
            ),
        ],
        base_form_class=IdeaEstimateAdminForm,
    )
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
