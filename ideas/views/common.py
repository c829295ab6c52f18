"""Helpers shared by the views of the ideas room."""

from django.http import Http404
from django.utils.translation import gettext as _

from community import permissions as community_permissions
from community.i18n import current_language
from community.products import ProductFilter, product_filter_options, products_in_language
from community.views import add_errors, refuse_unverified  # noqa: F401 - used by the views
from ideas import selectors
from ideas.forms import IdeaFilterForm
from ideas.permissions import can_sort_by_score


def visible_idea(pk):
    """The idea with everything its page shows, or 404."""
    idea = selectors.idea_for_page(pk)
    if idea is None:
        raise Http404(_("No idea has this number."))
    return idea


def attach_product_pages(ideas, request, *, choices=None):
    """Give each idea `product_page` and `product_url`, in the reader's language, in at most
    two queries for the whole list, and none for the products whose page the caller has
    already (`choices`: (product, its page in the reader's language) pairs)."""
    ideas = list(ideas)
    known = {product.pk: page for product, page in choices or ()}
    products = {idea.product for idea in ideas if idea.product_id and idea.product_id not in known}
    pages = products_in_language(products, current_language()) if products else {}
    pages.update(known)
    for idea in ideas:
        page = pages.get(idea.product_id)
        idea.product_page = page
        idea.product_url = page.get_url(request=request) if page is not None else ""
    return ideas


def read_filters(query, viewer, *, statuses=None) -> dict:
    """The filters and sort the reader asked for, with anything unknown dropped; a page that
    offers no status filter (the roadmap) passes `statuses=[]` and saves their query."""
    statuses = list(selectors.statuses() if statuses is None else statuses)
    chosen = IdeaFilterForm(query, statuses=statuses).chosen()
    sort = query.get("sort", "")
    if sort not in selectors.SORTS or (
        sort in selectors.STAFF_SORTS and not _can_sort_by_score(viewer)
    ):
        sort = selectors.DEFAULT_SORT
    signed_in = community_permissions.is_member(viewer)
    return {
        "statuses": statuses,
        **chosen,
        "mine": signed_in and query.get("mine") == "1",
        "voted": signed_in and query.get("voted") == "1",
        "sort": sort,
        "all_products": query.get("all_products") == "1",
    }


def product_filter(filters) -> ProductFilter:
    """The product filter's options, the products with the most ideas first: the chosen
    product is always offered."""
    return product_filter_options(
        "idea_count",
        current_language(),
        chosen=filters["product"],
        every_one=filters["all_products"],
    )


def _can_sort_by_score(viewer):
    return can_sort_by_score(viewer)
