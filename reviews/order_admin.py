"""Orders and review invitations in the Wagtail admin, under the Reviews menu.

- Order sources: the shops that send orders, each with its signing secret. Site admins only:
  the secret lets anyone who holds it create orders (and so verified owners).
- Orders and review invitations: read only, for staff. An order's list never shows the
  customer's address; its own page does, to whoever may read orders.
- Invitation delays: a product's own delay, or no invitations for it.

The monthly figures have their own page (`reviews.invitation_figures_admin`).

Every write that is more than saving a form goes through `reviews.services`.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from community.admin_views import ReadOnlyModelViewSet
from community.api_admin import ConfirmActionView
from community.seo import absolute_url
from reviews import permissions, services
from reviews.admin_forms import catalogue_products
from reviews.models import (
    Invitation,
    Order,
    OrderLine,
    OrderSource,
    ProductInvitationPolicy,
    ReviewInvitationSettings,
)

# --- Order sources ----------------------------------------------------------------------------


def webhook_url(source) -> str:
    """Where the shop sends its orders (`reviews.order_views`)."""
    return absolute_url(reverse("reviews:orders_webhook", args=[source.slug]))


class OrderSourceForm(WagtailAdminModelForm):
    """The secret is made with the source and renewed with its own action, never typed."""

    class Meta:
        model = OrderSource
        fields = ["name", "slug", "is_active"]


class OrderSourceConnectionPanel(HelpPanel):
    """What the shop needs to send orders: the address, the secret and how to sign."""

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            if self.instance.pk:
                context["webhook_url"] = webhook_url(self.instance)
            return context


class OrderSourceIndexView(IndexView):
    def get_base_queryset(self):
        return OrderSource.objects.annotate(order_count=Count("orders"))


class OrderSourceCreateView(CreateView):
    """A new source opens on its edit page, which shows the secret to give the shop."""

    def get_success_url(self):
        return reverse(self.edit_url_name, args=(quote(self.object.pk),))

    def get_success_buttons(self):
        return []


class OrderSourceEditView(EditView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("New secret"),
                url=reverse("order_sources:new_secret", args=(quote(self.object.pk),)),
                icon_name="key",
            ),
        ]


class OrderSourceDeleteView(DeleteView):
    def delete_action(self):
        # The log entry names the source, so it is written first; a refusal undoes both.
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
            services.order_source_delete(self.request.user, self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(reverse(self.edit_url_name, args=(quote(self.object.pk),)))


class OrderSourceNewSecretView(ConfirmActionView):
    model = OrderSource
    check = staticmethod(permissions.can_manage_order_sources)
    page_title = gettext_lazy("New signing secret")
    submit_label = gettext_lazy("Make a new secret")
    header_icon = "key"
    explanation = gettext_lazy(
        "The new secret replaces the current one at once: orders signed with the old one are "
        "refused from then on, so give the shop the new one straight away."
    )

    def get_done_url(self):
        return reverse("order_sources:edit", args=(quote(self.object.pk),))

    def act(self):
        source = services.order_source_new_secret(self.request.user, self.object)
        log(instance=source, action="reviews.order_source_new_secret", user=self.request.user)
        messages.success(
            self.request,
            _("New secret made for “%(name)s”: give it to the shop.") % {"name": source.name},
        )


class OrderSourceViewSet(ModelViewSet):
    model = OrderSource
    name = "order_sources"
    url_prefix = "order-sources"
    icon = "key"
    menu_label = gettext_lazy("Order sources")
    index_view_class = OrderSourceIndexView
    add_view_class = OrderSourceCreateView
    edit_view_class = OrderSourceEditView
    delete_view_class = OrderSourceDeleteView
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = "name"
    search_fields = ["name", "slug"]
    list_display = [
        "name",
        "slug",
        Column(
            "is_active",
            label=gettext_lazy("Active"),
            accessor=lambda source: _("Yes") if source.is_active else _("No"),
        ),
        Column("order_count", label=gettext_lazy("Orders kept"), sort_key="order_count"),
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("is_active"),
            OrderSourceConnectionPanel(template="reviews/admin/order_source_connection.html"),
        ],
        base_form_class=OrderSourceForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new-secret/<int:pk>/", OrderSourceNewSecretView.as_view(), name="new_secret"),
        ]


# --- Orders -----------------------------------------------------------------------------------


class OrderFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Source"), queryset=OrderSource.objects.all()
    )
    product = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Product"),
        field_name="lines__product",
        distinct=True,
        queryset=lambda request: catalogue_products(),
    )

    class Meta:
        model = Order
        fields = ["source", "product"]


class OrderIndexView(IndexView):
    def get_base_queryset(self):
        return Order.objects.select_related("source").prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product"))
        )

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if permissions.can_import_orders(self.request.user):
            buttons = [
                *buttons,
                HeaderButton(
                    _("Import from CSV"), url=reverse("order_import:upload"), icon_name="upload"
                ),
            ]
        return buttons


class PlainInspectView(InspectView):
    """An inspect page that shows a dash, not "None", for what has not happened yet."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value


class OrderInspectView(PlainInspectView):
    """The order with its products and, for each, where its invitation stands."""

    template_name = "reviews/admin/order_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Order.objects.select_related("source", "member"), pk=unquote(str(self.pk))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitations = {
            invitation.product_id: invitation for invitation in self.object.invitations.all()
        }
        context["lines"] = [
            (line.product, invitations.get(line.product_id))
            for line in self.object.lines.select_related("product").order_by("product__title")
        ]
        return context


def ordered_products(order) -> str:
    return ", ".join(line.product.title for line in order.lines.all())


class OrderViewSet(ReadOnlyModelViewSet):
    """Orders arrive from the shops (`reviews.orders`); the admin reads them."""

    model = Order
    name = "orders"
    url_prefix = "orders"
    icon = "doc-full"
    menu_label = gettext_lazy("Orders")
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    inspect_view_fields = [
        "reference",
        "source",
        "email",
        "language",
        "purchased_on",
        "delivered_on",
        "member",
        "channel",
        "received_at",
    ]
    ordering = "-received_at"
    search_fields = ["reference"]
    # Wagtail builds a form class for every model viewset; no page here shows it.
    form_fields = ["reference"]
    filterset_class = OrderFilterSet
    # Never the customer's address: the list is read over shoulders and shared on screens.
    list_display = [
        "reference",
        "source",
        DateColumn("received_at", label=gettext_lazy("Received"), sort_key="received_at"),
        Column(
            "purchased_on",
            label=gettext_lazy("Purchased on"),
            sort_key="purchased_on",
            accessor=lambda order: formats.date_format(order.purchased_on),
        ),
        Column("products", label=gettext_lazy("Products"), accessor=ordered_products),
        Column(
            "matched",
            label=gettext_lazy("Matched to a member"),
            accessor=lambda order: _("Yes") if order.member_id else _("No"),
        ),
    ]


# --- Review invitations -----------------------------------------------------------------------


class InvitationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Invitation.Status.choices, widget=forms.RadioSelect
    )
    product = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Product"), queryset=lambda request: catalogue_products()
    )

    class Meta:
        model = Invitation
        fields = ["status", "product"]


class InvitationIndexView(IndexView):
    def get_base_queryset(self):
        return Invitation.objects.select_related("product", "order__source")


class InvitationViewSet(ReadOnlyModelViewSet):
    """Invitations are scheduled by orders and sent by the sweep (`reviews.invitations`)."""

    model = Invitation
    name = "review_invitations"
    url_prefix = "review-invitations"
    icon = "mail"
    menu_label = gettext_lazy("Review invitations")
    index_view_class = InvitationIndexView
    inspect_view_class = PlainInspectView
    inspect_view_fields = [
        "order",
        "product",
        "status",
        "skipped_because",
        "due_at",
        "sent_at",
        "reminded_at",
        "opened_at",
        "reviewed_at",
        "review",
    ]
    ordering = "-due_at"
    filterset_class = InvitationFilterSet
    # Wagtail builds a form class for every model viewset; no page here shows it.
    form_fields = ["status"]
    list_display = [
        "product",
        Column("order", label=gettext_lazy("Order"), accessor="order.reference"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda invitation: invitation.status != Invitation.Status.SKIPPED,
        ),
        DateColumn("due_at", label=gettext_lazy("Due"), sort_key="due_at"),
        DateColumn("sent_at", label=gettext_lazy("Sent"), sort_key="sent_at"),
        DateColumn("reminded_at", label=gettext_lazy("Reminded"), sort_key="reminded_at"),
        DateColumn("opened_at", label=gettext_lazy("Link followed"), sort_key="opened_at"),
        DateColumn("reviewed_at", label=gettext_lazy("Reviewed"), sort_key="reviewed_at"),
        Column("skipped_because", label=gettext_lazy("Not sent because")),
    ]


# --- Invitation delays ------------------------------------------------------------------------

LONGEST_DELAY_DAYS = 365


class InvitationPolicyEditForm(WagtailAdminModelForm):
    """The product is the policy's identity: another product gets its own policy."""

    class Meta:
        model = ProductInvitationPolicy
        fields = ["invitations_on", "invite_after_days"]

    def clean_invite_after_days(self):
        days = self.cleaned_data["invite_after_days"]
        if days > LONGEST_DELAY_DAYS:
            raise forms.ValidationError(
                _("Choose a delay of at most %(days)s days.") % {"days": LONGEST_DELAY_DAYS}
            )
        return days


class InvitationPolicyForm(InvitationPolicyEditForm):
    class Meta(InvitationPolicyEditForm.Meta):
        fields = ["product", "invitations_on", "invite_after_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()


def policy_outcome(policy) -> str:
    """What the policy means for the product's next buyers, in a sentence."""
    if not policy.invitations_on:
        return _("Buyers of “%(product)s” are no longer invited to review it.") % {
            "product": policy.product.title
        }
    return _("Buyers of “%(product)s” are invited %(days)s days after delivery.") % {
        "product": policy.product.title,
        "days": policy.invite_after_days,
    }


def invitation_delay_text(policy) -> str:
    return str(policy.invite_after_days) if policy.invitations_on else "—"


class InvitationPolicyIndexView(IndexView):
    def get_base_queryset(self):
        return ProductInvitationPolicy.objects.select_related("product")


class InvitationPolicyCreateView(CreateView):
    def get_success_message(self, instance):
        return policy_outcome(instance)


class InvitationPolicyEditView(EditView):
    def get_success_message(self):
        return policy_outcome(self.object)


class InvitationPolicyDeleteView(DeleteView):
    """Deleting a product's delay brings back the site's, which the page says before."""

    @property
    def confirmation_message(self):
        settings = ReviewInvitationSettings.load()
        if not settings.invitations_on:
            return _(
                "Buyers of “%(product)s” will follow the site's setting: invitations are off."
            ) % {"product": self.object.product.title}
        return _(
            "Buyers of “%(product)s” will be invited after the site's delay: %(days)s days "
            "after delivery."
        ) % {"product": self.object.product.title, "days": settings.invite_after_days}

    def delete_action(self):
        # The product is the policy's key: once deleted, the policy no longer knows it.
        self.product_title = self.object.product.title
        super().delete_action()

    def get_success_message(self):
        return _("“%(product)s” follows the site's invitation delay again.") % {
            "product": self.product_title
        }


class InvitationPolicyViewSet(ModelViewSet):
    model = ProductInvitationPolicy
    name = "invitation_policies"
    url_prefix = "invitation-delays"
    icon = "time"
    menu_label = gettext_lazy("Invitation delays")
    index_view_class = InvitationPolicyIndexView
    add_view_class = InvitationPolicyCreateView
    edit_view_class = InvitationPolicyEditView
    delete_view_class = InvitationPolicyDeleteView
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = "product__title"
    list_display = [
        "product",
        Column(
            "invitations_on",
            label=gettext_lazy("Buyers invited"),
            accessor=lambda policy: _("Yes") if policy.invitations_on else _("No"),
        ),
        Column("delay", label=gettext_lazy("Days after delivery"), accessor=invitation_delay_text),
    ]

    def get_form_class(self, for_update=False):
        return InvitationPolicyEditForm if for_update else InvitationPolicyForm


ORDER_VIEWSETS = (
    OrderSourceViewSet,
    OrderViewSet,
    InvitationViewSet,
    InvitationPolicyViewSet,
)


@hooks.register("register_log_actions")
def register_order_source_log_actions(actions):
    actions.register_action(
        "reviews.order_source_new_secret",
        gettext_lazy("Make a new signing secret"),
        gettext_lazy("New signing secret made"),
    )
