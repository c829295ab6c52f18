"""The tips' part of the read API: published tips at /api/v1/tips/ (`ROUTES`, registered in
`TipsConfig.ready()`), described the same way in the webhooks' bodies."""

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from community.api.filters import CatalogueProductMixin
from community.api.routes import Route
from community.api.serializers import AUTHOR_SCHEMA, PRODUCT_SCHEMA, absolute, author_of, product_of
from community.api.views import PublicReadViewSet
from community.forms import RowNumberChoiceField
from community.models import ProductPage
from tests.tips.models import Tip


def public_tips():
    return Tip.objects.public().select_related("product", "author", "author_card")


class TipSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    product = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()

    class Meta:
        model = Tip
        fields = ["id", "url", "product", "title", "body", "author", "created_at", "edited_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, tip) -> str:
        return absolute(tip.get_absolute_url())

    @extend_schema_field(PRODUCT_SCHEMA)
    def get_product(self, tip):
        return product_of(tip.product)

    @extend_schema_field(AUTHOR_SCHEMA)
    def get_author(self, tip):
        return author_of(tip)


class TipFilterForm(CatalogueProductMixin, forms.Form):
    product = RowNumberChoiceField(
        queryset=ProductPage.objects.none(),
        required=False,
        help_text=_("A product's number, from /api/v1/products/."),
        error_messages={"invalid_choice": _("No product in the catalogue has this number.")},
    )


@extend_schema_view(
    list=extend_schema(summary="Tips", description="Published tips, newest first."),
    retrieve=extend_schema(summary="One tip"),
)
class TipViewSet(PublicReadViewSet):
    serializer_class = TipSerializer
    filter_form_class = TipFilterForm

    def get_queryset(self):
        return public_tips()

    def filter_by(self, queryset, cleaned):
        if cleaned.get("product"):
            queryset = queryset.filter(product=cleaned["product"])
        return queryset


ROUTES = (Route("tips", TipViewSet, "tip", order=90),)
