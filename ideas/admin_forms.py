"""Forms and filters used by the Wagtail admin for ideas, statuses, reasons and tags."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import BooleanRadioSelect

from ideas import selectors
from ideas.models import ESTIMATE_CHOICES, Idea, Status, Tag


class StatusAdminForm(WagtailAdminModelForm):
    """A status: its colour is picked with the browser's colour picker and kept lower-case."""

    class Meta:
        model = Status
        fields = [
            "name_en",
            "name_fr",
            "slug",
            "description_en",
            "description_fr",
            "colour",
            "kind",
            "on_roadmap",
            "order",
        ]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"}), "kind": forms.RadioSelect}

    def clean_colour(self):
        return self.cleaned_data["colour"].lower()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if self.instance.pk and kind and kind != self.instance.kind:
            others = Status.objects.exclude(pk=self.instance.pk).filter(kind=Status.Kind.OPEN)
            if self.instance.kind == Status.Kind.OPEN and not others.exists():
                self.add_error(
                    "kind",
                    _("New ideas start in the first open status: keep at least one open status."),
                )
        return cleaned


class IdeaEstimateAdminForm(WagtailAdminModelForm):
    """An idea's estimates on its admin page: impact and effort from 1 to 5, or not estimated.
    The rest of the idea is written on the site."""

    class Meta:
        model = Idea
        fields = ["impact", "effort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            field = self.fields[name]
            field.choices = [("", _("Not estimated")), *ESTIMATE_CHOICES]
            field.error_messages["invalid_choice"] = _("Choose a value from 1 to 5.")


class IdeaFilterSet(WagtailFilterSet):
    status = django_filters.ModelChoiceFilter(
        label=_("Status"), queryset=lambda request: selectors.statuses()
    )
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), queryset=lambda request: selectors.catalogue_products()
    )
    tags = django_filters.ModelChoiceFilter(label=_("Tag"), queryset=Tag.objects.all())
    merged = django_filters.BooleanFilter(
        label=_("Merged into another idea"),
        field_name="merged_into",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )
    deleted = django_filters.BooleanFilter(
        label=_("Deleted"),
        field_name="deleted_at",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Idea
        fields = ["status", "product", "tags"]
