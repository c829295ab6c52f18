"""The admin's "Integrations": API tokens (created with the token shown once, revoked, never
deleted) and webhooks with their last deliveries. Site admins only (the role holds the model
permissions); loaded from `community/wagtail_hooks.py`."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.datetime import AdminDateTimeInput
from wagtail.log_actions import log

from community import permissions, webhook_events, webhooks
from community.admin_views import ReadOnlyModelViewSet
from community.api.tokens import token_create, token_revoke
from community.models import ApiToken, Webhook, WebhookDelivery
from community.models.api import TOKEN_SCHEME
from community.seo import absolute_url

# --- API tokens -------------------------------------------------------------------------------


def token_state(token) -> str:
    if token.is_revoked:
        return _("Revoked")
    if token.is_expired:
        return _("Expired")
    return _("Active")


class ApiTokenForm(WagtailAdminModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "rate_per_minute", "expires_at"]
        widgets = {"expires_at": AdminDateTimeInput}


class ApiTokenIndexView(IndexView):
    def get_base_queryset(self):
        return ApiToken.objects.select_related("created_by", "revoked_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and permissions.can_manage_api(self.request.user):
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("api_tokens:revoke", args=(quote(instance.pk),)),
                    icon_name="no-view",
                    priority=40,
                )
            )
        return buttons


class ApiTokenCreateView(CreateView):
    """Creates the token through the service and shows it once, on the page that answers the
    form: it is never stored in clear, nor put in a message or a session."""

    secret = ""

    def save_instance(self):
        token, self.secret = token_create(
            self.request.user,
            name=self.form.cleaned_data["name"],
            rate_per_minute=self.form.cleaned_data["rate_per_minute"],
            expires_at=self.form.cleaned_data["expires_at"],
        )
        log(instance=token, action="wagtail.create", user=self.request.user)
        return token

    def save_action(self):
        context = self.get_context_data(form=self.form)
        context.update(
            token=self.object,
            secret=self.secret,
            index_url=reverse(self.index_url_name),
            example_url=absolute_url(reverse("api:idea-list")),
            page_title=_("Token created"),
        )
        response = TemplateResponse(self.request, "community/admin/api_token_created.html", context)
        response["Cache-Control"] = "no-store"
        return response


class ConfirmActionView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page whose button does the action (revoke, test, send again)."""

    template_name = "community/admin/confirm_action.html"
    model = None
    check = None
    explanation = ""
    submit_label = ""
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not type(self).check(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            explanation=self.get_explanation(),
            submit_label=self.submit_label,
            cancel_url=self.get_done_url(),
        )
        return context

    def get_explanation(self):
        return self.explanation

    def get_done_url(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.act()
        return redirect(self.get_done_url())


class ApiTokenRevokeView(ConfirmActionView):
    model = ApiToken
    check = staticmethod(permissions.can_manage_api)
    page_title = gettext_lazy("Revoke the token")
    submit_label = gettext_lazy("Revoke")
    explanation = gettext_lazy(
        "The tool that uses this token will be refused from its next request. This cannot be "
        "undone: give the tool a new token if it should read the API again."
    )

    def get_done_url(self):
        return reverse("api_tokens:index")

    def act(self):
        token = token_revoke(self.request.user, self.object)
        log(instance=token, action="community.api_token_revoke", user=self.request.user)
        messages.success(self.request, _("Token “%(name)s” revoked.") % {"name": token.name})


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    name = "api_tokens"
    url_prefix = "api-tokens"
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    index_view_class = ApiTokenIndexView
    add_view_class = ApiTokenCreateView
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "rate_per_minute",
        "expires_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    ordering = "-created_at"
    search_fields = ["name", "prefix"]
    list_display = [
        "name",
        Column(
            "prefix",
            label=gettext_lazy("Starts with"),
            accessor=lambda t: f"{TOKEN_SCHEME}_{t.prefix}…",
        ),
        StatusTagColumn(
            "state",
            label=gettext_lazy("State"),
            accessor=token_state,
            primary=lambda token: token.is_usable,
        ),
        Column("rate_per_minute", label=gettext_lazy("Requests a minute")),
        DateColumn("last_used_at", label=gettext_lazy("Last used"), sort_key="last_used_at"),
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
    ]

    def get_form_class(self, for_update=False):
        return ApiTokenForm

    def get_common_view_kwargs(self, **kwargs):
        # A token is revoked, never deleted: the admin keeps who made it and when it was used.
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"),
            path("revoke/<int:pk>/", ApiTokenRevokeView.as_view(), name="revoke"),
        ]


# --- Webhooks ---------------------------------------------------------------------------------


class WebhookForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=gettext_lazy("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Where the events are sent, with an HTTP POST."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=webhook_events.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one event to send.")},
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "secret", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Give an address that starts with https://."))
        return url

    def clean_secret(self):
        secret = self.cleaned_data["secret"].strip()
        if len(secret) < 16:
            raise forms.ValidationError(
                _("Use a secret of at least 16 characters, or keep the one made for you.")
            )
        return secret


class WebhookEditView(EditView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Send a test delivery"),
                url=reverse("webhooks:ping", args=(quote(self.object.pk),)),
                icon_name="mail",
            ),
        ]


class WebhookPingView(ConfirmActionView):
    model = Webhook
    check = staticmethod(permissions.can_manage_webhooks)
    page_title = gettext_lazy("Send a test delivery")
    submit_label = gettext_lazy("Send")
    header_icon = "mail"
    explanation = gettext_lazy(
        "A “ping” event is sent to the address, signed like every delivery, so that you can "
        "check that the receiver answers and verifies the signature. It appears below the form."
    )

    def get_done_url(self):
        return reverse("webhooks:edit", args=(quote(self.object.pk),))

    def act(self):
        webhooks.ping(self.request.user, self.object)
        messages.success(self.request, _("Test delivery sent: see its result below."))


def last_delivery_state(webhook):
    labels = dict(WebhookDelivery.Status.choices)
    return labels.get(webhook.last_delivery_status, "—")


class WebhookIndexView(IndexView):
    def get_base_queryset(self):
        last = WebhookDelivery.objects.filter(webhook=OuterRef("pk")).order_by("-created_at")
        return Webhook.objects.annotate(last_delivery_status=Subquery(last.values("status")[:1]))


class WebhookViewSet(ModelViewSet):
    model = Webhook
    name = "webhooks"
    url_prefix = "webhooks"
    icon = "link"
    menu_label = gettext_lazy("Webhooks")
    index_view_class = WebhookIndexView
    edit_view_class = WebhookEditView
    add_to_reference_index = False
    copy_view_enabled = False
    ordering = "name"
    search_fields = ["name", "url"]
    list_display = [
        "name",
        "url",
        Column(
            "events", label=gettext_lazy("Events"), accessor=lambda w: ", ".join(w.event_labels())
        ),
        BooleanColumn("is_active", label=gettext_lazy("Active")),
        Column("last", label=gettext_lazy("Last delivery"), accessor=last_delivery_state),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("secret"),
            FieldPanel("is_active"),
            HelpPanel(template="community/admin/webhook_signature_help.html"),
            HelpPanel(template="community/admin/webhook_deliveries_panel.html"),
        ],
        base_form_class=WebhookForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("ping/<int:pk>/", WebhookPingView.as_view(), name="ping"),
        ]


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return WebhookDelivery.objects.select_related("webhook")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can_manage_webhooks(self.request.user):
            buttons.append(
                MenuItem(
                    _("Send again"),
                    url=reverse("webhook_deliveries:resend", args=(quote(instance.pk),)),
                    icon_name="redirect",
                    priority=40,
                )
            )
        return buttons


class DeliveryResendView(ConfirmActionView):
    model = WebhookDelivery
    check = staticmethod(permissions.can_manage_webhooks)
    page_title = gettext_lazy("Send again")
    submit_label = gettext_lazy("Send again")
    header_icon = "redirect"
    explanation = gettext_lazy(
        "The same body (the same event id) is sent again as a new delivery, for example "
        "after the receiver was fixed."
    )

    def get_done_url(self):
        return reverse("webhook_deliveries:index")

    def act(self):
        webhooks.redeliver(self.request.user, self.object)
        messages.success(self.request, _("Sent again: see the new delivery in the list."))


class DeliveryViewSet(ReadOnlyModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "webhook-deliveries"
    icon = "list-ul"
    menu_label = gettext_lazy("Webhook deliveries")
    index_view_class = DeliveryIndexView
    pk_path_converter = "uuid"
    inspect_view_fields = [
        "webhook",
        "event",
        "status",
        "attempts",
        "response_status",
        "duration_ms",
        "error",
        "response_excerpt",
        "body",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
    ]
    ordering = "-created_at"
    list_filter = ["webhook", "event", "status"]
    list_display = [
        "__str__",
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda delivery: delivery.status == WebhookDelivery.Status.SUCCEEDED,
        ),
        Column("response_status", label=gettext_lazy("HTTP status")),
        Column("duration_ms", label=gettext_lazy("Duration (ms)")),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("error", label=gettext_lazy("Error")),
    ]
    form_fields = ["event"]

    def get_urlpatterns(self):
        # Deliveries are made by events; the admin reads them and may send one again.
        return [
            *super().get_urlpatterns(),
            path("resend/<uuid:pk>/", DeliveryResendView.as_view(), name="resend"),
        ]


class IntegrationsViewSetGroup(ModelViewSetGroup):
    items = (ApiTokenViewSet, WebhookViewSet, DeliveryViewSet)
    menu_icon = "link"
    menu_label = gettext_lazy("Integrations")
    menu_name = "integrations"


@hooks.register("register_admin_viewset")
def register_integrations_viewsets():
    return IntegrationsViewSetGroup()


@hooks.register("register_log_actions")
def register_integration_log_actions(actions):
    actions.register_action(
        "community.api_token_revoke",
        gettext_lazy("Revoke API token"),
        gettext_lazy("API token revoked"),
    )
