"""Reviews in the Wagtail admin: moderation of reviews, and the ownership records behind the
"verified owner" badge, with their CSV import; orders and invitations come from
`reviews.order_admin`, their monthly figures from `reviews.invitation_figures_admin`."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community import names
from community.admin_views import CsvImportViewSet, ReadOnlyModelViewSet
from community.models import ModerationState
from reviews import admin_views
from reviews.admin_forms import (
    OwnershipAdminForm,
    OwnershipFilterSet,
    ReviewFilterSet,
    ReviewModerationForm,
)
from reviews.invitation_figures_admin import InvitationFiguresViewSet
from reviews.models import Ownership, Review
from reviews.order_admin import ORDER_VIEWSETS


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "openquote"
    menu_label = _("Reviews")
    index_view_class = admin_views.ReviewIndexView
    edit_view_class = admin_views.ReviewEditView
    delete_view_class = admin_views.ReviewDeleteView
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = "-created_at"
    search_fields = ["title", "text"]
    filterset_class = ReviewFilterSet
    list_display = [
        "title",
        "product",
        "rating",
        Column(
            "author_name",
            label=_("Author"),
            accessor=lambda review: names.name_of(review.author, nobody="—"),
        ),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_moderation_state_display",
            sort_key="moderation_state",
            primary=lambda review: review.is_published,
        ),
        Column("helpful_count", label=_("Helpful"), sort_key="helpful_count"),
        Column("photo_count", label=_("Photos"), sort_key="photo_count"),
        Column("open_report_count", label=_("Open reports"), sort_key="open_report_count"),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("product", read_only=True),
                    FieldPanel("author", read_only=True),
                    FieldPanel("rating", read_only=True),
                    FieldPanel("title", read_only=True),
                    FieldPanel("text", read_only=True),
                    FieldPanel("pros", read_only=True),
                    FieldPanel("cons", read_only=True),
                    FieldPanel("received_free", read_only=True),
                    HelpPanel(template="reviews/admin/review_photos_panel.html"),
                ],
                heading=_("The member's review"),
                help_text=_("Only the author can change what they wrote."),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("reason")],
                heading=_("Moderation"),
                help_text=_(
                    "Hiding needs a reason: the author sees it with their review and is told."
                ),
            ),
        ],
        base_form_class=ReviewModerationForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Members write reviews on the site; the admin never creates one.
        return super().get_common_view_kwargs(add_url_name=None, **kwargs)

    def moderate_view(self, state):
        return self.construct_view(admin_views.ReviewModerateView, state=state)

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "add"),
            path(
                "publish/<int:pk>/", self.moderate_view(ModerationState.PUBLISHED), name="publish"
            ),
            path("hide/<int:pk>/", self.moderate_view(ModerationState.HIDDEN), name="hide"),
        ]


class OwnershipViewSet(ReadOnlyModelViewSet):
    """A record is added or deleted, never edited: its page is the inspect view."""

    model = Ownership
    icon = "tick-inverse"
    menu_label = _("Ownership records")
    index_view_class = admin_views.OwnershipIndexView
    add_view_class = admin_views.OwnershipCreateView
    delete_view_class = admin_views.OwnershipDeleteView
    left_out = ("edit",)
    inspect_view_fields = ["member", "product", "source", "purchased_on", "recorded_by"]
    ordering = "-created_at"
    search_fields = ["member__email", "member__display_name"]
    filterset_class = OwnershipFilterSet
    list_display = [
        "member",
        Column("member_email", label=_("E-mail"), accessor="member.email"),
        "product",
        "source",
        Column("recorded_by_name", label=_("Recorded by"), accessor=admin_views.recorded_by),
        DateColumn("purchased_on", label=_("Purchased on"), sort_key="purchased_on"),
    ]

    def get_form_class(self, for_update=False):
        return OwnershipAdminForm


class OwnershipImportViewSet(CsvImportViewSet):
    """The CSV import of ownership records, with its own item in the Reviews menu."""

    name = "ownership_import"
    url_prefix = "ownership-import"
    menu_label = _("Import ownership records")
    view_class = admin_views.OwnershipImportView


class OrderImportViewSet(CsvImportViewSet):
    """The CSV import of a shop's orders, with its own item in the Reviews menu."""

    name = "order_import"
    url_prefix = "order-import"
    menu_label = _("Import orders")
    view_class = admin_views.OrderImportView


class ReviewsViewSetGroup(ModelViewSetGroup):
    items = (
        ReviewViewSet,
        OwnershipViewSet,
        OwnershipImportViewSet,
        *ORDER_VIEWSETS,
        InvitationFiguresViewSet,
        OrderImportViewSet,
    )
    menu_icon = "openquote"
    menu_label = _("Reviews")
    menu_name = "reviews"


@hooks.register("register_admin_viewset")
def register_reviews_viewsets():
    return ReviewsViewSetGroup()


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("reviews.publish", _("Publish review"), _("Review published"))
    actions.register_action("reviews.hold", _("Hold review"), _("Review held for moderation"))
    actions.register_action("reviews.hide", _("Hide review"), _("Review hidden"))
