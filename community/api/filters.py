"""The API's list filters, read with Django forms: ideas with the ideas list's own form
(`ideas.forms.IdeaFilterForm`), so that the API filters exactly like the site. A value the form
refuses is answered 400 with the form's message for that parameter."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

from community.forms import LARGEST_ROW_NUMBER, RowNumberChoiceField
from community.models import ProductPage, QuestionStatus, Topic
from community.products import catalogue_products


def _schema_for(field) -> dict:
    """The OpenAPI schema of a form field used as a query parameter."""
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "string"} if field.to_field_name else {"type": "integer"}
    if isinstance(field, forms.IntegerField | forms.TypedChoiceField):
        return {"type": "integer"}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    schema = {"type": "string"}
    choices = [value for value, _label in getattr(field, "choices", []) if value != ""]
    if choices:
        schema["enum"] = choices
    return schema


class FormFilterBackend(BaseFilterBackend):
    """Filters a list with the view's `filter_form_class` and `filter_by(queryset, cleaned)`;
    the form's fields become the operation's parameters in the schema."""

    def filter_queryset(self, request, queryset, view):
        form_class = getattr(view, "filter_form_class", None)
        if form_class is None:
            return queryset
        form = form_class(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {name: [str(error) for error in errors] for name, errors in form.errors.items()}
            )
        return view.filter_by(queryset, form.cleaned_data)

    def get_schema_operation_parameters(self, view):
        form_class = getattr(view, "filter_form_class", None)
        if form_class is None:
            return []
        parameters = []
        for name, field in form_class.base_fields.items():
            description = str(getattr(view, "filter_help", {}).get(name) or field.help_text or "")
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "description": description or str(field.label or name),
                    "schema": _schema_for(field),
                }
            )
        return parameters


class VoteFilterForm(forms.Form):
    idea = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LARGEST_ROW_NUMBER,
        help_text=_("Only the votes for this idea (its number)."),
        error_messages={"invalid": _("Give an idea's number, for example 42.")},
    )
    since = forms.DateField(
        required=False,
        help_text=_("Votes cast on or after this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )
    until = forms.DateField(
        required=False,
        help_text=_("Votes cast on or before this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned


class CatalogueProductMixin:
    """A `product` field over the live products of the catalogue, read when the form is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()


class ReviewFilterForm(CatalogueProductMixin, forms.Form):
    product = RowNumberChoiceField(
        queryset=ProductPage.objects.none(),
        required=False,
        help_text=_("A product's number, from /api/v1/products/."),
        error_messages={"invalid_choice": _("No product in the catalogue has this number.")},
    )
    rating = forms.TypedChoiceField(
        choices=[(stars, stars) for stars in range(1, 6)],
        coerce=int,
        required=False,
        help_text=_("Only the reviews with this many stars (1 to 5)."),
        error_messages={"invalid_choice": _("A rating is a whole number from 1 to 5.")},
    )


class QuestionFilterForm(CatalogueProductMixin, forms.Form):
    product = RowNumberChoiceField(
        queryset=ProductPage.objects.none(),
        required=False,
        help_text=_("A product's number, from /api/v1/products/."),
        error_messages={"invalid_choice": _("No product in the catalogue has this number.")},
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        help_text=_("A topic's slug."),
        error_messages={"invalid_choice": _("No topic has this slug.")},
    )
    status = forms.ChoiceField(
        choices=[("", "")] + list(QuestionStatus.choices),
        required=False,
        help_text=_("open, solved, answered or duplicate."),
        error_messages={"invalid_choice": _("A status is open, solved, answered or duplicate.")},
    )
