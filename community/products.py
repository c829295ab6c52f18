"""Products across languages: reviews, questions and ideas belong to the product, not to one
language's page, so every app stores the default-language page and shows readers the page in
their own language."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from community.models import ProductPage


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


STATS_KINDS = ("reviews", "questions", "ideas")


def _review_counts(product_ids) -> dict:
    from django.db.models import Count, Q, Sum

    from reviews.models import Review

    rows = (
        Review.objects.filter(product_id__in=product_ids, status=Review.Status.PUBLISHED)
        .order_by()
        .values("product_id", "language")
        .annotate(
            count=Count("pk"),
            rating_sum=Sum("rating"),
            **{f"stars_{stars}": Count("pk", filter=Q(rating=stars)) for stars in range(1, 6)},
        )
    )
    counts = {
        pk: {"review_count": 0, "rating_sum": 0, "review_languages": []}
        | {f"stars_{stars}": 0 for stars in range(1, 6)}
        for pk in product_ids
    }
    for row in rows:
        product = counts[row["product_id"]]
        product["review_count"] += row["count"]
        product["rating_sum"] += row["rating_sum"] or 0
        for stars in range(1, 6):
            product[f"stars_{stars}"] += row[f"stars_{stars}"]
        product["review_languages"].append(row["language"])
    for product in counts.values():
        product["review_languages"].sort()
    return counts


def _question_counts(product_ids) -> dict:
    from django.db.models import Count, Q

    from community.models import Question, QuestionStatus

    rows = (
        Question.objects.public()
        .filter(product_id__in=product_ids)
        .exclude(status=QuestionStatus.DUPLICATE)
        .order_by()
        .values("product_id")
        .annotate(
            question_count=Count("pk"),
            solved_question_count=Count("pk", filter=Q(status=QuestionStatus.SOLVED)),
        )
    )
    counts = {pk: {"question_count": 0, "solved_question_count": 0} for pk in product_ids}
    for row in rows:
        counts[row.pop("product_id")] = row
    return counts


def _idea_counts(product_ids) -> dict:
    from django.db.models import Count

    from ideas.models import Idea

    rows = (
        Idea.objects.public()
        .filter(product_id__in=product_ids, merged_into__isnull=True)
        .order_by()
        .values("product_id")
        .annotate(idea_count=Count("pk"))
    )
    counts = {pk: {"idea_count": 0} for pk in product_ids}
    for row in rows:
        counts[row.pop("product_id")] = row
    return counts


COUNTERS = {"reviews": _review_counts, "questions": _question_counts, "ideas": _idea_counts}


def refresh_product_stats(product_ids, *, kinds=STATS_KINDS) -> None:
    """Recount the stored counts of these products (`ProductStats`) from their rows.

    Called whenever a review, question or idea is written, moderated, moved, merged or erased
    (`community.models.products` hooks every save and delete; services that change rows with
    `.update()` call it themselves). The stats rows are locked first, in order, so that two
    writers recounting the same product one after the other each count what the other has
    committed: no update is lost. It runs in the writing transaction, so that whoever reads
    after the write (the author, the next request, a test) sees the exact counts.
    """
    from django.db import transaction
    from django.utils import timezone

    from community.models import ProductStats

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
        for kind in kinds:
            for pk, values in COUNTERS[kind](ids).items():
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
    from community.models import ProductStats

    pks = list(ProductPage.objects.values_list("pk", flat=True))
    counted = {pk: {} for pk in pks}
    for counter in COUNTERS.values():
        for pk, values in counter(pks).items():
            counted[pk].update(values)
    stored = {stats.product_id: stats for stats in ProductStats.objects.all()}
    mismatches = 0
    for pk, values in counted.items():
        stats = stored.get(pk) or ProductStats(product_id=pk)
        if any(getattr(stats, name) != value for name, value in values.items()):
            mismatches += 1
    return mismatches


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
