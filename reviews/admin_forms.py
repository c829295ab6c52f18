"""Forms and filters used by the Wagtail admin for reviews and ownership records."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminAutoHeightTextInput, AdminDateInput, BooleanRadioSelect
from wagtail.models import Locale

from community.admin_forms import CsvImportForm
from community.models import ModerationState, ProductPage
from reviews.models import OrderSource, Ownership, Review, ReviewPhoto
from reviews.selectors import open_reports


def catalogue_products():
    """Reviews and ownership records belong to the default-language product page."""
    return ProductPage.objects.filter(locale=Locale.get_default()).order_by("title")


class ReviewFilterSet(WagtailFilterSet):
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), queryset=lambda request: catalogue_products()
    )
    rating = django_filters.ChoiceFilter(
        label=_("Rating"),
        choices=[(stars, str(stars)) for stars in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="moderation_state",
        choices=ModerationState.choices,
        widget=forms.RadioSelect,
    )
    has_photos = django_filters.BooleanFilter(
        label=_("Has photos"), method="filter_has_photos", widget=BooleanRadioSelect
    )
    reported = django_filters.BooleanFilter(
        label=_("Reported (open reports)"), method="filter_reported", widget=BooleanRadioSelect
    )

    class Meta:
        model = Review
        fields = ["product", "rating"]

    def filter_has_photos(self, queryset, name, value):
        if value is None:
            return queryset
        photos = Exists(ReviewPhoto.objects.filter(review=OuterRef("pk")))
        return queryset.filter(photos if value else ~photos)

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        reported = Exists(open_reports())
        return queryset.filter(reported if value else ~reported)


class OwnershipFilterSet(WagtailFilterSet):
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), queryset=lambda request: catalogue_products()
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Ownership.Source.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Ownership
        fields = ["product", "source"]


class ReviewModerationForm(WagtailAdminModelForm):
    """What a moderator may change on a review: its status and the reason the author sees.

    The member's own words are shown read-only; only the author can change them. The review's
    moderation fields are not editable as model fields (only `reviews.services.review_moderate`
    writes them), so the form declares its own and starts from the review's values.
    """

    status = forms.ChoiceField(
        label=_("Status"), choices=ModerationState.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason given to the author"),
        max_length=1000,
        required=False,
        widget=AdminAutoHeightTextInput,
    )

    class Meta:
        model = Review
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("status", self.instance.moderation_state)
        self.initial.setdefault("reason", self.instance.moderation_reason)


class HideReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the author will see"),
        help_text=_(
            "Say which guideline the review breaks and what the author can change. "
            "It is sent to them and shown with their review."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublishReviewForm(forms.Form):
    """Publishing needs no reason: the confirmation is the form."""


class OwnershipAdminForm(WagtailAdminModelForm):
    """Staff record that a member owns a product; the member is found by e-mail address."""

    email = forms.EmailField(
        label=_("Member's e-mail address"),
        help_text=_("The address the member signed up with."),
    )
    product = forms.ModelChoiceField(label=_("Product"), queryset=ProductPage.objects.none())

    class Meta:
        model = Ownership
        fields = ["product", "purchased_on"]
        widgets = {"purchased_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()
        self.order_fields(["email", "product", "purchased_on"])

    def clean_email(self):
        email = self.cleaned_data["email"]
        member = get_user_model().objects.filter(email__iexact=email).first()
        if member is None:
            raise forms.ValidationError(_("No member has this e-mail address."))
        self.member = member
        return email


class OwnershipRemovalForm(forms.Form):
    """Taking a "verified owner" badge away asks why (`services.ownership_set`)."""

    reason = forms.CharField(
        label=_("Why is the badge removed?"),
        help_text=_(
            "Kept in the audit log with your name, for whoever asks later why this member's "
            "reviews lost their badge."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OwnershipImportForm(CsvImportForm):
    help_text = _(
        "One ownership record a line: e-mail, product (its slug or English title), date of "
        "purchase (YYYY-MM-DD, may be empty). UTF-8, a header line is optional, 5 MB at most."
    )


class OrderImportForm(CsvImportForm):
    """The shop the orders come from, and its CSV export."""

    source = forms.ModelChoiceField(
        label=_("Order source"),
        queryset=OrderSource.objects.filter(is_active=True),
        help_text=_("The shop that sold these orders: their references are its own."),
    )
    field_order = ["source", "file"]
    help_text = _(
        "A header line naming the columns, then one order a line: reference, email, products "
        "(their slugs, separated by ; or |), purchased_on (YYYY-MM-DD), and optionally "
        "delivered_on and language (en or fr). UTF-8, 5 MB at most; larger files are "
        "imported with the import_orders command."
    )
