"""Every read a page of the community room needs, with its joins, so each page costs a fixed
number of queries whatever the amount of data."""

import json

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Concat, Upper
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant

from community import site_cache
from community.compiled import CompiledQuery
from community.models import (
    Follow,
    Member,
    Notification,
    ProductCategory,
    ProductPage,
    ProductPageImage,
    ProductStats,
    Report,
    StaffCard,
    Suspension,
    Team,
)
from community.protections.suspensions import remember_suspension

# Where `member_for_request` leaves the unread count on the member it loads.
_UNREAD_ATTRIBUTE = "_unread_notification_count"


def _product_images():
    return Prefetch(
        "images",
        queryset=ProductPageImage.objects.select_related("image").order_by("sort_order"),
    )


def product_pages(locale, parent=None):
    """Live product pages in `locale`, with their category, images and the review count and
    rating sum of the product they translate (`ProductStats`, kept on the default-language
    page), in two queries however many products."""
    pages = site_cache.public(ProductPage.objects.live()).filter(locale=locale)
    if parent is not None:
        pages = pages.child_of(parent)
    stats = ProductStats.objects.filter(
        product__translation_key=OuterRef("translation_key"),
        product__locale__language_code=get_supported_content_language_variant(
            settings.LANGUAGE_CODE
        ),
    )
    return (
        pages.select_related("category")
        .prefetch_related(_product_images())
        .annotate(
            stats_review_count=Subquery(stats.values("review_count")[:1]),
            stats_rating_sum=Subquery(stats.values("rating_sum")[:1]),
        )
        .order_by("title")
    )


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
    """How many notifications `member` has not read; read with the member when the request
    loaded them (`member_for_request`), and again after `forget_unread_notifications`."""
    count = getattr(member, _UNREAD_ATTRIBUTE, None)
    if count is not None:
        return count
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def forget_unread_notifications(member) -> None:
    """Drop the unread count read with `member`, after marking notifications read."""
    member.__dict__.pop(_UNREAD_ATTRIBUTE, None)


class _JSONList(Aggregate):
    """The values of a column as a JSON list, as text: `json_group_array` on SQLite,
    `json_agg` on PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="JSON_AGG",
            template="%(function)s(%(expressions)s)::text",
        )

    def as_mysql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_ARRAYAGG")


def member_for_request(member_id):
    """The signed-in member, with what every page shows of them read in the same query: the
    unread notification count, whether their address is verified, whether a suspension is in
    force, their roles and their permissions (as Django's model backend reads them). A
    suspended member's suspension itself is read when shown.

    Every request of a member runs it, and building its seven subqueries costs more than
    running them: the SQL is built once (`community.compiled`) and run with the member's id
    and the time put in."""
    member = _MEMBER_QUERY.first(Member, member_id=member_id, now=timezone.now())
    connection = connections[router.db_for_read(Member)]
    if member is None:
        return None
    setattr(member, _UNREAD_ATTRIBUTE, member.unread_count)
    member.__dict__["has_verified_email"] = bool(member.verified_email)
    # A raw query leaves computed columns as the database returns them.
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is not None and member.suspension_until is not None:
        member.suspension_until = convert(member.suspension_until, None, connection)
    member.__dict__["role_names"] = frozenset(json.loads(member.group_names or "[]"))
    remember_suspension(member, _suspension_in_force(member))
    if not member.is_superuser:
        # ModelBackend's own caches (a superuser holds every permission, read when asked).
        member._user_perm_cache = set(json.loads(member.user_permission_names or "[]"))
        member._group_perm_cache = set(json.loads(member.group_permission_names or "[]"))
        member._perm_cache = member._user_perm_cache | member._group_perm_cache
    for name in (
        "unread_count",
        "verified_email",
        "suspension_id",
        "suspension_until",
        "suspension_reason",
        "group_names",
        "user_permission_names",
        "group_permission_names",
    ):
        delattr(member, name)
    return member


def _member_query(member_id, now):
    """The queryset of `member_for_request`."""
    groups = Member.groups.through.objects.filter(member_id=OuterRef("pk"))
    user_permissions = Member.user_permissions.through.objects.filter(member_id=OuterRef("pk"))
    # The suspension in force that `active_suspension` would read (its other fields load when
    # something asks for them).
    in_force = (
        Suspension.objects.active(at=now).filter(member=OuterRef("pk")).order_by("-until", "-pk")
    )
    return (
        Member.objects.annotate(
            unread_count=Coalesce(
                Subquery(
                    Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
                    .order_by()
                    .values("recipient")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
                output_field=IntegerField(),
            ),
            # `email__iexact` compares UPPER() with UPPER() on PostgreSQL, but with LIKE on
            # SQLite, where the "_" of an address read from a column would be a wildcard.
            verified_email=Exists(
                EmailAddress.objects.alias(address=Upper("email")).filter(
                    user=OuterRef("pk"), address=Upper(OuterRef("email")), verified=True
                )
            ),
            suspension_id=Subquery(in_force.values("pk")[:1]),
            suspension_until=Subquery(in_force.values("until")[:1]),
            suspension_reason=Subquery(in_force.values("reason")[:1]),
            group_names=Subquery(
                groups.order_by()
                .values("member_id")
                .annotate(names=_JSONList("group__name"))
                .values("names")
            ),
            user_permission_names=Subquery(
                user_permissions.order_by()
                .values("member_id")
                .annotate(
                    names=_JSONList(
                        Concat(
                            "permission__content_type__app_label",
                            Value("."),
                            "permission__codename",
                        )
                    )
                )
                .values("names")
            ),
            group_permission_names=Subquery(
                groups.filter(group__permissions__isnull=False)
                .order_by()
                .values("member_id")
                .annotate(
                    names=_JSONList(
                        Concat(
                            "group__permissions__content_type__app_label",
                            Value("."),
                            "group__permissions__codename",
                        )
                    )
                )
                .values("names")
            ),
        )
        .filter(pk=member_id)
        .order_by()[:1]
    )


_MEMBER_QUERY = CompiledQuery(_member_query)


def _suspension_in_force(member):
    """The suspension read with `member`, as a Suspension whose other fields are deferred."""
    if member.suspension_id is None:
        return None
    known = {
        "id": member.suspension_id,
        "member_id": member.pk,
        "until": member.suspension_until,
        "reason": member.suspension_reason,
        "lifted_at": None,
    }
    fields = [f.attname for f in Suspension._meta.concrete_fields if f.attname in known]
    suspension = Suspension.from_db(Member.objects.db, fields, [known[name] for name in fields])
    suspension.member = member
    return suspension


def reports_and_follows(member, model, ids) -> list:
    """The member's reports and follows of `model` rows among `ids` (a list or a queryset of
    ids): the marks a thread shows them, for a page shared by members (`page_cache`)."""
    content_type = ContentType.objects.get_for_model(model)
    return [
        Report.objects.filter(reporter=member, content_type=content_type, object_id__in=ids),
        Follow.objects.filter(member=member, content_type=content_type, object_id__in=ids),
    ]
