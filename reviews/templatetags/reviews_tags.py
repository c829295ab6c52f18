"""Template pieces of the reviews room: the product page's reviews, stars, and a member's reviews.

`{% product_reviews page %}` draws the whole reviews section of a product page from the request's
query (sort, filters, page) in a fixed number of queries, whatever the number of reviews.
"""

from html import unescape

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from community import names, page_cache, seo
from community import permissions as community_permissions
from community.i18n import current_language
from community.models.products import rating_average
from community.products import canonical_product, products_in_language
from reviews import permissions, selectors
from reviews.guidelines import review_rules_url
from reviews.models import Ownership, ReviewOrigin

register = template.Library()

REVIEWS_PER_PAGE = 10
MEMBER_REVIEWS_PER_PAGE = 20
STRUCTURED_DATA_REVIEWS = 10

SORT_CHOICES = [
    ("helpful", _("Most helpful")),
    ("newest", _("Newest")),
    ("highest", _("Highest rating")),
    ("lowest", _("Lowest rating")),
]

ORIGIN_CHOICES = [
    (ReviewOrigin.INVITED, _("Invited by the shop")),
    (ReviewOrigin.UNPROMPTED, _("Written unprompted")),
]
# The filters that narrow the list (the sort does not).
FILTER_NAMES = ("rating", "photos", "verified", "language", "origin")


def read_review_filters(query) -> dict:
    """The sort and filters the reader asked for, with anything unknown dropped."""
    rating = query.get("rating", "")
    language = query.get("language", "")
    sort = query.get("sort", "")
    origin = query.get("origin", "")
    return {
        "sort": sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
        "rating": int(rating) if rating in {"1", "2", "3", "4", "5"} else None,
        "photos": query.get("photos") == "1",
        "verified": query.get("verified") == "1",
        "language": language if language in dict(settings.LANGUAGES) else "",
        "origin": origin if origin in ReviewOrigin.values else "",
    }


@register.simple_tag(takes_context=True)
def reviews_query(context, **changes):
    """This page's address with some query parameters changed (None removes one); like
    {% querystring %}, without a bare "?" when nothing is left."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.filter
def staff_response(review):
    """The review's staff response, or None, safely: `{% with response=review|staff_response %}`."""
    return selectors.staff_response_of(review)


def _with_viewer_rights(reviews, viewer):
    """What the viewer may do with each review, worked out from data already loaded."""
    for review in reviews:
        review.viewer_is_author = permissions.is_author(viewer, review)
        review.viewer_can_edit = permissions.can_edit_review(viewer, review)
        review.viewer_can_delete = permissions.can_delete_review(viewer, review)
        review.viewer_can_vote = permissions.can_vote_helpful(viewer, review)
        review.viewer_can_respond = permissions.can_respond(viewer, review)
        review.viewer_can_report = not review.viewer_is_author and review.is_published
        review.viewer_has_reported = review.viewer_reported
    return reviews


def _canonical(request, page):
    """The product that holds the reviews of `page`, found once per page object."""
    return canonical_product(page)


def _stats(request, product):
    """The product's stored counts, read once for the request (the head and the section both
    show them)."""
    cache = request.__dict__.setdefault("_review_stats", {})
    if product.pk not in cache:
        cache[product.pk] = selectors.product_stats(product)
    return cache[product.pk]


def _known_count(stats, filters, own_review):
    """How many reviews the list holds, from the stored counts when the filters allow it (all
    reviews, one star rating, invited or unprompted ones), so that paging costs no COUNT over
    a popular product."""
    if filters["photos"] or filters["verified"] or filters["language"]:
        return None
    if filters["origin"]:
        summary = stats.origin_summaries()[filters["origin"]]
    else:
        summary = stats.rating_summary()
    if filters["rating"]:
        count = next(
            row["count"] for row in summary["distribution"] if row["stars"] == filters["rating"]
        )
    else:
        count = summary["count"]
    if (
        own_review is not None
        and own_review.is_published
        and filters["rating"] in (None, own_review.rating)
        and filters["origin"] in ("", own_review.origin)
    ):
        count -= 1
    return max(count, 0)


@register.filter
def language_name(code):
    """The name of a language in the reader's language: "French", or "français" in French."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def structured_data(request, page, summary, reviews) -> str:
    """schema.org Product with AggregateRating and Review, as JSON safe inside <script>.

    Only published reviews are given, and nothing when there are none: a rating without
    reviews is not something search engines may show.
    """
    if not summary["count"]:
        return ""
    description = " ".join(unescape(strip_tags(str(page.description or ""))).split())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.title,
        "description": description or page.tagline or page.title,
        "url": seo.absolute_url(page.get_url(request=request)),
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": float(summary["average"]),
            "reviewCount": summary["count"],
            "bestRating": 5,
            "worstRating": 1,
        },
        "review": [
            {
                "@type": "Review",
                "author": {
                    "@type": "Person",
                    "name": names.name_of(review.author, nobody=_("Former member")),
                },
                "datePublished": timezone.localtime(review.created_at).date().isoformat(),
                "name": review.title,
                "reviewBody": review.text,
                "inLanguage": review.language,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": review.rating,
                    "bestRating": 5,
                    "worstRating": 1,
                },
            }
            for review in reviews
        ],
    }
    image = page.main_image
    if image is not None:
        data["image"] = seo.absolute_url(image.get_rendition("fill-960x640").url)
    return seo.json_ld(data)


@register.inclusion_tag("reviews/product_reviews.html", takes_context=True)
def product_reviews(context, page):
    """The reviews section of a product page, for the page in any language.

    Reads `sort`, `rating`, `photos`, `verified`, `language`, `origin`, `page` and `review`
    (one review alone, for links to it) from the query string.
    """
    request = context["request"]
    viewer = request.user
    product = _canonical(request, page)
    filters = read_review_filters(request.GET)

    stats = _stats(request, product)
    summary = stats.rating_summary()
    own_review = selectors.viewer_review(product, viewer)
    page_cache.note_threads(request, product_reviews=[product.pk])

    single_review = None
    single_pk = request.GET.get("review", "")
    if single_pk.isdigit():
        single_review = selectors.product_reviews(product, viewer=viewer).filter(pk=single_pk)
        single_review = single_review.first()
    page_obj = None
    if single_review is None:
        reviews = selectors.product_reviews(
            product,
            viewer=viewer,
            sort=filters["sort"],
            rating=filters["rating"],
            with_photos=filters["photos"],
            verified_only=filters["verified"],
            language=filters["language"] or None,
            origin=filters["origin"] or None,
        )
        if own_review is not None:
            reviews = reviews.exclude(pk=own_review.pk)
        paginator = Paginator(reviews, REVIEWS_PER_PAGE)
        known = _known_count(stats, filters, own_review)
        if known is not None:
            paginator.__dict__["count"] = known
        page_obj = paginator.get_page(request.GET.get("page"))
        listed = list(page_obj.object_list)
    else:
        listed = [single_review]

    shown = [*([own_review] if own_review else []), *listed]
    _with_viewer_rights(shown, viewer)
    # The first page of the default list is what search engines are shown: no second query.
    shows_the_most_helpful = (
        page_obj is not None
        and page_obj.number == 1
        and own_review is None
        and filters["sort"] == "helpful"
        and not any(filters[name] for name in FILTER_NAMES)
    )

    write_url = reverse("reviews:write", kwargs={"product_id": product.pk})
    can_write = permissions.can_write_review(viewer)
    return {
        "request": request,
        "user": viewer,
        "page": page,
        "product": product,
        "summary": summary,
        "own_review": own_review,
        "single_review": single_review,
        "page_obj": page_obj,
        "reviews": listed,
        "photos": selectors.product_photos(product),
        "filters": filters,
        "is_filtered": any(filters[name] for name in FILTER_NAMES),
        "sort_choices": SORT_CHOICES,
        "origin_choices": ORIGIN_CHOICES,
        "has_invited_reviews": stats.invited_count > 0,
        "origins": selectors.origin_comparison(stats),
        "origin_minimum": selectors.ORIGIN_COMPARISON_MINIMUM,
        "rules_url": review_rules_url(),
        "languages": [(code, language_name(code)) for code in selectors.review_languages(product)],
        "current_language": current_language(),
        "can_write_review": can_write,
        "is_member": community_permissions.is_member(viewer),
        "write_url": write_url,
        "next_url": request.get_full_path(),
        "structured_data": structured_data(
            request,
            page,
            summary,
            (
                listed[:STRUCTURED_DATA_REVIEWS]
                if shows_the_most_helpful
                else selectors.structured_data_reviews(product, STRUCTURED_DATA_REVIEWS)
            )
            if summary["count"]
            else [],
        ),
    }


@register.inclusion_tag("reviews/rating_summary.html", takes_context=True)
def product_rating(context, page):
    """The product's average and number of reviews, linking to the reviews section."""
    request = context["request"]
    return {"summary": _stats(request, _canonical(request, page)).rating_summary()}


@register.filter
def provenance(review) -> str:
    """Where a review's "verified owner" badge came from and how the review came about, shown
    beside the badge: "bought in March 2026, invited by the shop", "wrote unprompted",
    "confirmed by staff". Reads what `selectors` annotate (`owner_source`,
    `owner_purchased_on`, only for authors who consented to the badge); the month is in the
    reader's language.

    An invited review says so even when its author did not consent to the badge: readers are
    owed the knowledge that a review was solicited (the honesty the FTC's rule on consumer
    reviews, 16 CFR Part 465, asks of a shop), and saying so tells nothing about what the
    author bought beyond what the review already says. An unprompted review without the badge
    says nothing: that is how every review used to come about.
    """
    invited = review.origin == ReviewOrigin.INVITED
    if not review.is_verified_owner:
        return gettext("Invited by the shop to review") if invited else ""
    if review.owner_source == Ownership.Source.STAFF:
        if invited:
            return gettext("confirmed by staff, invited by the shop")
        return gettext("confirmed by staff")
    if review.owner_purchased_on is None:
        return gettext("invited by the shop") if invited else gettext("wrote unprompted")
    month = date_format(review.owner_purchased_on, "F Y")
    if invited:
        return gettext("bought in %(month)s, invited by the shop") % {"month": month}
    return gettext("bought in %(month)s, wrote unprompted") % {"month": month}


@register.filter
def average_over(rating_sum, count):
    """The average of `count` ratings adding up to `rating_sum`, to one decimal, as the
    product page shows it: `{{ rating_sum|average_over:review_count }}`."""
    return rating_average(rating_sum or 0, count or 0)


@register.inclusion_tag("reviews/stars.html")
def stars(value, size=""):
    """Five stars for a rating (whole or average, drawn to the nearest half star), with the
    rating in words for screen readers: "4 out of 5 stars"."""
    value = float(value or 0)
    halves = round(value * 2)
    icons = []
    for position in range(1, 6):
        if halves >= position * 2:
            icons.append("full")
        elif halves == position * 2 - 1:
            icons.append("half")
        else:
            icons.append("empty")
    return {"value": value, "icons": icons, "size": size}


@register.inclusion_tag("reviews/member_reviews.html", takes_context=True)
def member_reviews(context, member):
    """A member's published reviews for their public page, newest first, 20 a page."""
    request = context["request"]
    reviews = selectors.member_reviews(member, viewer=request.user)
    page_obj = Paginator(reviews, MEMBER_REVIEWS_PER_PAGE).get_page(request.GET.get("reviews_page"))
    listed = list(page_obj.object_list)
    pages = products_in_language({review.product for review in listed}, current_language())
    for review in listed:
        product_page = pages.get(review.product_id, review.product)
        review.product_page = product_page
        review.product_url = product_page.get_url(request=request)
    return {
        "request": request,
        "member": member,
        "current_language": current_language(),
        "page_obj": page_obj,
        "reviews": listed,
    }
