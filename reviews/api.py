"""The reviews' part of the read API: published reviews at /api/v1/reviews/ (`ROUTES`,
registered in `ReviewsConfig.ready()`), described the same way in the webhooks' bodies."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from community.api.filters import CatalogueProductMixin
from community.api.routes import Route
from community.api.serializers import AUTHOR_SCHEMA, PRODUCT_SCHEMA, absolute, author_of, product_of
from community.api.views import PublicReadViewSet
from community.forms import RowNumberChoiceField
from community.models import ProductPage
from reviews.models import Ownership, Review


def public_reviews():
    """Published reviews, each saying whether its author is a verified owner."""
    owns = Ownership.objects.filter(member=OuterRef("author"), product=OuterRef("product"))
    return (
        Review.objects.public()
        .select_related(
            "product",
            "author",
            "author_card",
            "staff_response",
            "staff_response__author",
            "staff_response__author_card",
        )
        .annotate(verified_owner=Exists(owns))
    )


class ReviewSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    product = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    verified_owner = serializers.BooleanField()
    helpful_votes = serializers.IntegerField(source="helpful_count")
    staff_response = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "product",
            "rating",
            "title",
            "text",
            "pros",
            "cons",
            "received_free",
            "verified_owner",
            "helpful_votes",
            "author",
            "staff_response",
            "created_at",
            "edited_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, review) -> str:
        return absolute(review.get_absolute_url())

    @extend_schema_field(PRODUCT_SCHEMA)
    def get_product(self, review):
        return product_of(review.product)

    @extend_schema_field(AUTHOR_SCHEMA)
    def get_author(self, review):
        return author_of(review)

    @extend_schema_field(
        inline_serializer(
            "StaffResponse",
            {
                "text": serializers.CharField(),
                "author": AUTHOR_SCHEMA,
                "created_at": serializers.DateTimeField(),
            },
            allow_null=True,
        )
    )
    def get_staff_response(self, review):
        response = getattr(review, "staff_response", None)
        if response is None:
            return None
        return {
            "text": response.text,
            "author": author_of(response),
            "created_at": serializers.DateTimeField().to_representation(response.created_at),
        }


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


@extend_schema_view(
    list=extend_schema(summary="Reviews", description="Published reviews, newest first."),
    retrieve=extend_schema(summary="One review"),
)
class ReviewViewSet(PublicReadViewSet):
    serializer_class = ReviewSerializer
    filter_form_class = ReviewFilterForm

    def get_queryset(self):
        return public_reviews()

    def filter_by(self, queryset, cleaned):
        if cleaned.get("product"):
            queryset = queryset.filter(product=cleaned["product"])
        if cleaned.get("rating"):
            queryset = queryset.filter(rating=cleaned["rating"])
        return queryset


ROUTES = (Route("reviews", ReviewViewSet, "review", order=70),)
