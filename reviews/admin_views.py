"""Views of the Wagtail admin for reviews, ownership records and the import of orders.

They stay thin: every write goes through `reviews.services` (`reviews.orders` for orders),
which checks permissions again.
"""

import io

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from community import names
from community import permissions as community_permissions
from community.admin_views import CsvImportView
from community.models import ModerationState
from reviews import orders, permissions, services
from reviews.admin_forms import (
    HideReviewForm,
    OrderImportForm,
    OwnershipImportForm,
    OwnershipRemovalForm,
    PublishReviewForm,
)
from reviews.models import Order, Ownership, Review
from reviews.selectors import reviews_for_moderation

MODERATION_LOG_ACTIONS = {
    ModerationState.PUBLISHED: "reviews.publish",
    ModerationState.HELD: "reviews.hold",
    ModerationState.HIDDEN: "reviews.hide",
}


def _moderate(request, review, *, state, reason):
    """Publish, hold or hide through the service, and keep a line in the admin's history."""
    review = services.review_moderate(request.user, review, state=state, reason=reason)
    log(
        instance=review,
        action=MODERATION_LOG_ACTIONS[review.moderation_state],
        user=request.user,
        data={"reason": review.moderation_reason},
    )
    return review


class ReviewIndexView(IndexView):
    def get_base_queryset(self):
        return reviews_for_moderation()

    def _moderation_url(self, name, review):
        url = reverse(f"{self.model._meta.model_name}:{name}", args=(quote(review.pk),))
        listing = self.request.GET.copy()
        listing.pop("_w_filter_fragment", None)
        back = self.index_url + (f"?{listing.urlencode()}" if listing else "")
        return f"{url}?{urlencode({'next': back})}"

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not permissions.can_moderate_review(self.request.user):
            return buttons
        if not instance.is_published:
            buttons.append(
                MenuItem(
                    _("Publish"),
                    url=self._moderation_url("publish", instance),
                    icon_name="check",
                    priority=5,
                )
            )
        if not instance.is_hidden:
            buttons.append(
                MenuItem(
                    _("Hide"),
                    url=self._moderation_url("hide", instance),
                    icon_name="no-view",
                    priority=6,
                )
            )
        return buttons


class ReviewEditView(EditView):
    """Moderators change a review's status and the reason its author sees, nothing else."""

    def get_object(self, queryset=None):
        return super().get_object(Review.objects.select_related("product", "author"))

    def save_instance(self):
        return _moderate(
            self.request,
            self.form.instance,
            state=self.form.cleaned_data["status"],
            reason=self.form.cleaned_data["reason"],
        )

    def form_valid(self, form):
        if not form.has_changed():
            messages.info(self.request, _("Nothing was changed."))
            return redirect(self.get_success_url())
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error("reason", error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ReviewDeleteView(DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
        services.review_delete(self.request.user, self.object)


class ReviewModerateView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Publish or hide one review, after a confirmation; hiding asks for the author's reason."""

    model = Review
    permission_required = "change"
    template_name = "reviews/admin/review_moderate.html"
    header_icon = "openquote"
    index_url_name = None
    edit_url_name = None
    state = None

    ACTIONS = {
        ModerationState.PUBLISHED: {
            "form_class": PublishReviewForm,
            "page_title": gettext_lazy("Publish review"),
            "submit": gettext_lazy("Publish"),
            "explanation": gettext_lazy(
                "The review will show on the product page and count in its rating. "
                "The author is told."
            ),
            "success": gettext_lazy("Review “%(title)s” published. The author has been told."),
        },
        ModerationState.HIDDEN: {
            "form_class": HideReviewForm,
            "page_title": gettext_lazy("Hide review"),
            "submit": gettext_lazy("Hide"),
            "explanation": gettext_lazy(
                "The review will no longer show on the product page nor count in its rating. "
                "The author is told, with your reason, and can still see and edit it."
            ),
            "success": gettext_lazy("Review “%(title)s” hidden. The author has been told why."),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate_review(request.user):
            raise PermissionDenied
        self.review = get_object_or_404(
            Review.objects.select_related("product", "author"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    @property
    def action(self):
        return self.ACTIONS[self.state]

    def get_form_class(self):
        return self.action["form_class"]

    def get_initial(self):
        if self.state == ModerationState.HIDDEN:
            return {"reason": self.review.moderation_reason}
        return {}

    def get_page_title(self):
        return self.action["page_title"]

    def get_page_subtitle(self):
        return self.review.title

    @cached_property
    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Review._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.edit_url_name, args=(quote(self.review.pk),)),
                "label": self.review.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            review=self.review,
            action_url=self.request.get_full_path(),
            submit_button_label=self.action["submit"],
            explanation=self.action["explanation"],
            next_url=self.next_url,
        )
        return context

    def form_valid(self, form):
        try:
            _moderate(
                self.request,
                self.review,
                state=self.state,
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            form.add_error("reason" if "reason" in form.fields else None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.action["success"] % {"title": self.review.title})
        return redirect(self.next_url)

    def form_invalid(self, form):
        messages.error(self.request, _("The review could not be changed; see the form below."))
        return super().form_invalid(form)


def recorded_by(ownership) -> str:
    """Who recorded an ownership: the member of staff who marked or imported it, or the shop
    whose order proved it (while the order is kept)."""
    if ownership.recorded_by is not None:
        return names.name_of(ownership.recorded_by)
    if ownership.order is not None:
        return _("%(shop)s, order %(reference)s") % {
            "shop": ownership.order.source.name,
            "reference": ownership.order.reference,
        }
    return "—"


class OwnershipIndexView(IndexView):
    def get_base_queryset(self):
        return Ownership.objects.select_related("member", "product", "recorded_by", "order__source")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if community_permissions.is_staff_member(self.request.user):
            buttons = [
                *buttons,
                HeaderButton(
                    _("Import from CSV"),
                    url=reverse("ownership_import:upload"),
                    icon_name="upload",
                ),
            ]
        return buttons


class OwnershipCreateView(CreateView):
    """Staff mark a member as a verified owner; an existing record is left as it was."""

    def save_instance(self):
        form = self.form
        product = form.cleaned_data["product"]
        existed = Ownership.objects.filter(member=form.member, product=product).exists()
        ownership = services.ownership_set(
            self.request.user,
            form.member,
            product,
            owned=True,
            purchased_on=form.cleaned_data["purchased_on"],
        )
        if existed:
            self.success_message = gettext_lazy(
                "%(object)s was already recorded; the record is unchanged."
            )
        else:
            log(instance=ownership, action="wagtail.create", user=self.request.user)
        return ownership

    def get_success_buttons(self):
        return []


class OwnershipDeleteView(DeleteView):
    """Removing a badge asks for the reason, which goes to the audit log with who removed it;
    without one, the record stays and the form says why."""

    form_class = OwnershipRemovalForm
    template_name = "reviews/admin/ownership_confirm_delete.html"

    def get_object(self, queryset=None):
        return super().get_object(
            Ownership.objects.select_related("member", "product", "recorded_by")
        )

    @property
    def confirmation_message(self):
        return _(
            "The member's reviews of this product will no longer show the “verified owner” "
            "badge. The record came from: %(source)s."
        ) % {"source": self.object.get_source_display()}

    def form_valid(self, form):
        self.reason = form.cleaned_data["reason"]
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)

    def form_invalid(self, form):
        messages.error(self.request, _("The badge was not removed; see the form below."))
        return super().form_invalid(form)

    def delete_action(self):
        services.ownership_set(
            self.request.user,
            self.object.member,
            self.object.product,
            owned=False,
            reason=self.reason,
        )
        log(
            instance=self.object,
            action="wagtail.delete",
            user=self.request.user,
            deleted=True,
            data={"reason": self.reason},
        )


class OwnershipImportView(CsvImportView):
    """Upload a CSV of ownership records, then read what was created and what did not match."""

    form_class = OwnershipImportForm
    template_name = "reviews/admin/ownership_import.html"
    page_title = gettext_lazy("Import ownership records")
    action_url_name = "ownership_import:upload"
    index_url_name = "ownership:index"
    can_import = staticmethod(community_permissions.is_staff_member)

    def run_import(self, text):
        return services.ownership_import_csv(self.request.user, text)

    def index_label(self):
        return Ownership._meta.verbose_name_plural

    def back_label(self):
        return _("Back to ownership records")

    def report_counts(self):
        return [
            (_("Created"), "created", self.report.created),
            (_("Already known"), "already-known", self.report.already_known),
            (_("Not matched"), "unmatched", len(self.report.unmatched)),
        ]

    def report_message(self):
        created, known = self.report.created, self.report.already_known
        unmatched = len(self.report.unmatched)
        parts = [
            ngettext("%(count)s record created", "%(count)s records created", created)
            % {"count": created},
            ngettext("%(count)s record already known", "%(count)s records already known", known)
            % {"count": known},
            ngettext("%(count)s row not matched", "%(count)s rows not matched", unmatched)
            % {"count": unmatched},
        ]
        return _("Import finished: %(parts)s.") % {"parts": ", ".join(parts)}


class OrderImportView(CsvImportView):
    """Upload a shop's CSV export of orders, then read what was created and what was refused.
    A file above the upload limit goes through `manage.py import_orders`, which streams it."""

    form_class = OrderImportForm
    template_name = "reviews/admin/order_import.html"
    page_title = gettext_lazy("Import orders")
    action_url_name = "order_import:upload"
    index_url_name = "orders:index"
    can_import = staticmethod(permissions.can_import_orders)
    source = None

    def form_valid(self, form):
        self.source = form.cleaned_data["source"]
        try:
            return super().form_valid(form)
        except ValidationError as error:  # a header without the columns: nothing was imported
            form.add_error("file", error)
            return self.form_invalid(form)

    def run_import(self, text):
        return orders.orders_import_csv(self.request.user, self.source, io.StringIO(text))

    def index_label(self):
        return Order._meta.verbose_name_plural

    def back_label(self):
        return _("Back to orders")

    def report_counts(self):
        return [
            (_("Created"), "created", self.report.created),
            (_("Already known"), "duplicates", self.report.duplicates),
            (_("Refused"), "refused", self.report.refused),
        ]

    def report_message(self):
        created, known = self.report.created, self.report.duplicates
        refused, listed = self.report.refused, len(self.report.unmatched)
        parts = [
            ngettext("%(count)s order created", "%(count)s orders created", created)
            % {"count": created},
            ngettext(
                "%(count)s reference already known", "%(count)s references already known", known
            )
            % {"count": known},
            ngettext("%(count)s row refused", "%(count)s rows refused", refused)
            % {"count": refused},
        ]
        message = _("Import finished: %(parts)s.") % {"parts": ", ".join(parts)}
        if refused > listed:
            message += " " + _("The first %(count)s refused rows are listed below.") % {
                "count": listed
            }
        return message
