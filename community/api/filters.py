"""The API's list filters, read with Django forms: each viewset names its form (ideas use the
ideas list's own form, so that the API filters exactly like the site). A value the form refuses
is answered 400 with the form's message for that parameter."""

from django import forms
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

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


class CatalogueProductMixin:
    """A `product` field over the live products of the catalogue, read when the form is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()
