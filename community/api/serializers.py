"""What the API says about the ground floor's content (segments, products), and the pieces
every app's serializers share (addresses, bylines, product references): public fields only,
never an e-mail address.

Names are the domain's words (idea, vote, status, review, question); dates are ISO 8601 with
their offset; addresses are absolute, on the site's own address (`SITE_URL`).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from community import names
from community.models import Segment
from community.seo import absolute_url


def absolute(path: str) -> str:
    """`path` on the site's public address (`SITE_URL`); "" for none."""
    return absolute_url(path or "")


AUTHOR_SCHEMA = inline_serializer(
    "Author",
    {
        "name": serializers.CharField(),
        "profile_url": serializers.URLField(allow_null=True),
        "is_staff": serializers.BooleanField(),
        "role": serializers.CharField(),
    },
    allow_null=True,
)


def author_of(content) -> dict | None:
    """The byline as the site shows it: a staff card's name and role for staff writing, the
    member's display name and public page otherwise; None for a deleted account."""
    if names.writer_card(content) is not None:
        return {
            "name": content.author_card.real_name,
            "profile_url": None,
            "is_staff": True,
            # In the site's default language whatever the request's, as statuses give
            # `name_en` first: a webhook body does not depend on who acted from which page.
            "role": content.author_role_title_en,
        }
    if content.author is None:
        return None
    return {
        "name": content.author.display_name,
        "profile_url": absolute(content.author.get_absolute_url()),
        "is_staff": False,
        "role": "",
    }


PRODUCT_SCHEMA = inline_serializer(
    "ProductReference",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
    },
    allow_null=True,
)


def product_of(page) -> dict | None:
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": absolute(page.url)}


class SegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Segment
        fields = ["slug", "name_en", "name_fr"]


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    tagline = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page) -> str:
        return absolute(page.url)
