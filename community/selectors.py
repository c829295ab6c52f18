"""Every read a page of the community room needs, with its joins, so each page costs a fixed
number of queries whatever the amount of data."""

from django.db.models import Prefetch, prefetch_related_objects

from community.models import (
    Member,
    Notification,
    ProductCategory,
    ProductPage,
    ProductPageImage,
    StaffCard,
    Team,
)


def _product_images():
    return Prefetch(
        "images",
        queryset=ProductPageImage.objects.select_related("image").order_by("sort_order"),
    )


def product_pages(locale, parent=None):
    pages = ProductPage.objects.live().public().filter(locale=locale)
    if parent is not None:
        pages = pages.child_of(parent)
    return pages.select_related("category").prefetch_related(_product_images()).order_by("title")


def prefetch_product_images(pages):
    """Load the images of product pages already in hand, with their files, in one query."""
    prefetch_related_objects(pages, _product_images())
    return pages


def product_categories(locale):
    return ProductCategory.objects.filter(locale=locale, products__live=True).distinct()


def active_staff_cards():
    return (
        StaffCard.objects.filter(is_active=True, member__is_active=True)
        .select_related("member", "team")
        .order_by("team__sort_order", "real_name")
    )


def teams_with_active_cards():
    """Teams with their active staff cards, and their leads, in two queries."""
    return (
        Team.objects.select_related("lead", "lead__staff_card")
        .prefetch_related(
            Prefetch(
                "cards",
                queryset=StaffCard.objects.filter(is_active=True, member__is_active=True)
                .select_related("member", "team")
                .order_by("real_name"),
                to_attr="active_cards",
            )
        )
        .order_by("sort_order", "name_en")
    )


def member_by_handle(handle):
    return Member.objects.select_related("staff_card", "staff_card__team").get(
        handle=handle, is_active=True
    )


def notifications_for(member):
    return Notification.objects.filter(recipient=member).select_related("actor")


def unread_notification_count(member) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()
