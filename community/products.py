"""Products across languages: reviews, questions and ideas belong to the product, not to one
language's page, so every app stores the default-language page and shows readers the page in
their own language."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from community.content_kinds import registry
from community.models import ProductPage, ProductStats


def _default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def canonical_product(product: ProductPage) -> ProductPage:
    """The default-language page of `product`, which content is attached to.

    Worked out once per page object (a product page's sections all ask), and without a query
    when the page came with its locale (as routing fetches it).
    """
    known = product.__dict__.get("_canonical_product")
    if known is not None:
        return known
    if "locale" in product._state.fields_cache:
        is_default = product.locale.language_code == _default_language()
    else:
        is_default = product.locale_id == Locale.get_default().pk
    if is_default:
        original = product
    else:
        original = (
            ProductPage.objects.filter(
                translation_key=product.translation_key,
                locale__language_code=_default_language(),
            )
            .select_related("category", "locale", "stats")
            .first()
        ) or product
    product.__dict__["_canonical_product"] = original
    return original


def catalogue_products():
    """Live product pages in the default language: the pages content belongs to."""
    return ProductPage.objects.live().filter(locale=Locale.get_default()).order_by("title")


def products_in_language(products, language_code) -> dict:
    """{product pk: its live page in `language_code`, or itself}, in at most two queries, so that
    readers follow links to pages in their language."""
    products = list(products)
    try:
        # Served from memory during a request (community/site_cache.py).
        locale = Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        locale = None
    wanted = [p for p in products if locale is not None and p.locale_id != locale.pk]
    twins = {}
    if wanted:
        twins = {
            page.translation_key: page
            for page in ProductPage.objects.live().filter(
                locale=locale, translation_key__in={p.translation_key for p in wanted}
            )
        }
    return {product.pk: twins.get(product.translation_key, product) for product in products}


def _counters(kinds=None) -> list:
    """The product counters of the registered kinds (all, or those whose keys are `kinds`)."""
    return [
        kind.product_counts
        for kind in registry
        if kind.product_counts is not None and (kinds is None or kind.key in kinds)
    ]


def refresh_product_stats(product_ids, *, kinds=None) -> None:
    """Recount the stored counts of these products (`ProductStats`) from their rows: every
    kind's counts, or those of the kinds whose keys are `kinds`.

    Called by the services whenever a review, question or idea is written, moderated, moved,
    merged or erased (`recount`, or this function for many rows at once). The stats rows are
    locked first, in order, so that two writers recounting the same product one after the
    other each count what the other has committed: no update is lost. It runs in the writing
    transaction, so that whoever reads after the write (the author, the next request, a test)
    sees the exact counts.
    """
    product_ids = sorted({pk for pk in product_ids if pk is not None})
    if not product_ids:
        return
    with transaction.atomic():
        locked = list(
            ProductStats.objects.select_for_update()
            .filter(product_id__in=product_ids)
            .order_by("product_id")
        )
        missing = set(product_ids) - {stats.product_id for stats in locked}
        if missing:
            existing = ProductPage.objects.filter(pk__in=missing).values_list("pk", flat=True)
            ProductStats.objects.bulk_create(
                [ProductStats(product_id=pk) for pk in existing], ignore_conflicts=True
            )
            locked = list(
                ProductStats.objects.select_for_update()
                .filter(product_id__in=product_ids)
                .order_by("product_id")
            )
        if not locked:
            return
        ids = [stats.product_id for stats in locked]
        counted = {pk: {} for pk in ids}
        for counter in _counters(kinds):
            for pk, values in counter(ids).items():
                counted[pk].update(values)
        now = timezone.now()
        for stats in locked:
            for name, value in counted[stats.product_id].items():
                setattr(stats, name, value)
            stats.updated_at = now
        ProductStats.objects.bulk_update(locked, [*counted[ids[0]], "updated_at"])


def refresh_all_product_stats() -> int:
    """Recount every product's counts, a few products at a time; for seeders and repairs."""
    pks = list(ProductPage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 200):
        refresh_product_stats(pks[start : start + 200])
    return len(pks)


def product_stats_mismatches() -> int:
    """How many products' stored counts differ from the counts of their rows (0 when exact),
    for the checks of the seeders, the tests and the benchmark."""
    pks = list(ProductPage.objects.values_list("pk", flat=True))
    counted = {pk: {} for pk in pks}
    for counter in _counters():
        for pk, values in counter(pks).items():
            counted[pk].update(values)
    stored = {stats.product_id: stats for stats in ProductStats.objects.all()}
    mismatches = 0
    for pk, values in counted.items():
        stats = stored.get(pk) or ProductStats(product_id=pk)
        if any(getattr(stats, name) != value for name, value in values.items()):
            mismatches += 1
    return mismatches


def recount(row, *, product_before=None) -> None:
    """Recount the product counts that `row` feeds (a review, question, idea, or a row of any
    kind with `product_counts`), on its product and on `product_before` when it moved.

    The services that write such a row call it in their transaction, after the write: every
    service that creates, moderates, moves, deletes or erases one. A row of a kind that counts
    nothing is left alone."""
    kind = registry.of_model(type(row))
    if kind is None or kind.product_counts is None:
        return
    refresh_product_stats({row.product_id, product_before}, kinds=(kind.key,))


# A list's product filter offers the products with the most content, and the others on request.
PRODUCT_FILTER_TOP = 10


@dataclass
class ProductFilter:
    """The product filter of a list (ideas, roadmap, questions): `options`, (product number, its
    title in the reader's language) by title, and `more`, how many products it leaves out."""

    options: list
    more: int = 0


def product_filter_options(ranked_by, language, *, chosen=None, every_one=False) -> ProductFilter:
    """The products a list's filter offers: the PRODUCT_FILTER_TOP with the highest `ranked_by`
    (a count of `ProductStats`: "idea_count", "question_count"), or every one when the reader
    asks, and the chosen product whatever its count.

    A catalogue of hundreds of products would otherwise put hundreds of options in every page of
    the list. One query, two in another language (the locales come from memory); plain values,
    since a filter needs only the names (the counts are the exact ones `refresh_product_stats`
    keeps).
    """
    rows = list(
        catalogue_products()
        .order_by(F(f"stats__{ranked_by}").desc(nulls_last=True), "pk")
        .values_list("pk", "translation_key", "title")
    )
    listed = rows if every_one else rows[:PRODUCT_FILTER_TOP]
    chosen_pk = getattr(chosen, "pk", chosen)
    if chosen_pk is not None and all(pk != chosen_pk for pk, _key, _title in listed):
        listed = listed + [row for row in rows if row[0] == chosen_pk]
    titles = {}
    try:
        # Served from memory during a request (community/site_cache.py).
        locale = Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        locale = None
    if locale is not None and locale.pk != Locale.get_default().pk:
        titles = dict(
            ProductPage.objects.live()
            .filter(locale=locale, translation_key__in=[key for _pk, key, _title in listed])
            .values_list("translation_key", "title")
        )
    options = [(pk, titles.get(key, title)) for pk, key, title in listed]
    options.sort(key=lambda option: option[1].lower())
    return ProductFilter(options=options, more=len(rows) - len(listed))
