"""What the search page shows: ranked results loaded back from the database, with labelled
filters and their counts.

The engine answers with keys, scores and marked text; the rows are then loaded through each
kind's search facet (`for_display`, through the model's `public()`: a handful of queries
whatever the number of results), so a result hidden after it was indexed is dropped here rather
than shown. What differs between kinds (labels, addresses, statuses) is asked of the facets.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community.models import ProductPage
from community.products import products_in_language
from search import services
from search.engines.base import MATCH_ALL, MATCH_ANY
from search.forms import DATE_CHOICES, SearchForm
from search.kinds import searched, searched_kind

FACET_LABELS = {
    "kind": _("Kind"),
    "product": _("Product"),
    "rating": _("Rating"),
    "status": _("Status"),
    "date": _("Date"),
}
# Products the product filter lists at first, those with the most results; a link shows them all.
FACET_VALUES = 10


@dataclass
class ResultItem:
    kind: str
    kind_label: str
    url: str
    title: SafeString
    excerpt: SafeString
    obj: object
    product: object = None
    product_url: str = ""
    # What the result shows under its title, from its kind's facet (empty: the generic details).
    details_template: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    query: str


@dataclass
class Facet:
    name: str
    label: str
    values: list
    remove_query: str = ""
    # Values with results that are not shown, and the addresses that show them or hide them.
    more: int = 0
    more_query: str = ""
    fewer_query: str = ""


@dataclass
class ActiveFilter:
    name: str
    value: object
    label: str
    value_label: str
    remove_query: str


@dataclass
class SearchPage:
    query: str
    items: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    facets: list = field(default_factory=list)
    active_filters: list = field(default_factory=list)
    loose: bool = False
    engine: str = ""
    fallback: bool = False
    capped: bool = False
    previous_query: str | None = None
    next_query: str | None = None

    @property
    def searched(self) -> bool:
        return bool(self.query)


def search_page(form: SearchForm, language: str, request=None) -> SearchPage:
    """The search page for the form's query and filters, in `language`."""
    search_request = form.search_request(language)
    if not search_request.terms:
        return SearchPage(query=search_request.text)
    results, loose = services.find(search_request)
    num_pages = max(1, math.ceil(results.total / search_request.per_page))
    if results.total and search_request.page > num_pages:
        search_request = replace(
            search_request, page=num_pages, match=MATCH_ANY if loose else MATCH_ALL
        )
        results = services.search(search_request)
    hits = results.hits
    loaded = _load(hits)
    listed = _listed_products(
        results.facets.get("product", {}), search_request.product, form.value("all_products")
    )
    product_ids = set(listed)
    product_ids.update(
        product_id
        for (kind, _pk), obj in loaded.items()
        if (product_id := searched_kind(kind).search.product_id(obj))
    )
    products = _products(product_ids, language)
    items = []
    for hit in hits:
        obj = loaded.get((hit.kind, hit.object_id))
        if obj is not None:
            items.append(_item(hit, obj, products, request))
    statuses = _status_labels(set(results.facets.get("status", {})) | {search_request.status})
    page = search_request.page
    return SearchPage(
        query=search_request.text,
        items=items,
        total=results.total,
        page=page,
        num_pages=num_pages,
        facets=_facets(form, results.facets, products, listed, statuses, search_request),
        active_filters=_active_filters(form, search_request, products, statuses),
        loose=loose,
        engine=results.engine,
        fallback=results.fallback,
        capped=results.capped,
        previous_query=form.query_string(page=page - 1) if page > 1 else None,
        next_query=form.query_string(page=page + 1) if page < num_pages else None,
    )


def _load(hits) -> dict:
    """{(kind, pk): object} for the hits, one query per kind on the page, public rows only."""
    wanted = defaultdict(list)
    for hit in hits:
        wanted[hit.kind].append(hit.object_id)
    loaded = {}
    for kind_name, ids in wanted.items():
        kind = searched_kind(kind_name)
        if kind is None:
            continue
        for obj in kind.search.for_display(ids):
            loaded[(kind_name, obj.pk)] = obj
    return loaded


def _listed_products(counts: dict, chosen, every_one: bool) -> list[int]:
    """The products the product filter lists: those with the most results first (FACET_VALUES
    of them, or every one), and the chosen product whatever its count."""
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], int(pair[0])))
    listed = [int(value) for value, _count in ranked]
    if not every_one:
        listed = listed[:FACET_VALUES]
    if chosen and chosen not in listed:
        listed.append(chosen)
    return listed


def _products(ids, language) -> dict:
    """{product pk: its page in the reader's language} for the default-language pages `ids`."""
    if not ids:
        return {}
    pages = ProductPage.objects.filter(pk__in=ids).select_related("locale")
    return products_in_language(pages, language)


def _item(hit, obj, products, request) -> ResultItem:
    facet = searched_kind(hit.kind).search
    product_id = facet.product_id(obj)
    product = products.get(product_id) if product_id else None
    product_url = product.get_url(request) if product is not None else ""
    url = facet.url(obj, request=request, product_url=product_url or "")
    return ResultItem(
        hit.kind,
        str(facet.label),
        url,
        hit.title,
        hit.excerpt,
        obj,
        product,
        product_url or "",
        facet.details_template,
    )


def _kind_label(key: str) -> str:
    kind = searched_kind(key)
    return str(kind.search.label) if kind is not None else key


def _rating_label(value: int) -> str:
    return ngettext("%(count)s star", "%(count)s stars", value) % {"count": value}


def _status_labels(values) -> dict:
    """{`<kind>-<status>`: label} for the values that mean something, each kind asked once."""
    by_kind = defaultdict(list)
    for value in values:
        if value:
            prefix, _sep, rest = value.partition("-")
            by_kind[prefix].append(rest)
    labels = {}
    for key, rests in by_kind.items():
        kind = searched_kind(key)
        if kind is not None and kind.search.has_status:
            for rest, label in kind.search.status_labels(rests).items():
                labels[f"{key}-{rest}"] = label
    return labels


def _status_order(value: str) -> tuple:
    """Statuses kind by kind (in the kinds' order), each kind's in its own order."""
    prefix, _sep, rest = value.partition("-")
    facet = searched_kind(prefix).search
    return (facet.order, prefix, facet.status_order(rest), rest)


def _facets(form, counts: dict, products: dict, listed, statuses, request) -> list[Facet]:
    chosen = {
        "kind": request.kind,
        "product": str(request.product or ""),
        "rating": str(request.rating or ""),
        "status": request.status,
        "date": request.date,
    }
    labelled = {
        "kind": [(kind.key, str(kind.search.label)) for kind in searched()],
        "product": [(str(pk), products[pk].title) for pk in listed if pk in products],
        "rating": [(str(value), _rating_label(value)) for value in range(5, 0, -1)],
        "status": sorted(
            ((value, label) for value, label in statuses.items()),
            key=lambda pair: _status_order(pair[0]),
        ),
        "date": [(value, str(label)) for value, label in DATE_CHOICES],
    }
    facets = []
    for name, values in labelled.items():
        facet_counts = counts.get(name, {})
        shown = []
        for value, label in values:
            count = facet_counts.get(value, 0)
            selected = chosen[name] == value
            if count or selected:
                shown.append(
                    FacetValue(
                        value=value,
                        label=label,
                        count=count,
                        selected=selected,
                        query=form.query_string(**{name: None if selected else value}),
                    )
                )
        if shown:
            facet = Facet(
                name=name,
                label=str(FACET_LABELS[name]),
                values=shown,
                remove_query=form.query_string(**{name: None}) if chosen[name] else "",
            )
            if name == "product":
                _offer_more_or_fewer(facet, form, set(facet_counts))
            facets.append(facet)
    return facets


def _offer_more_or_fewer(facet, form, with_results: set) -> None:
    """The product facet lists FACET_VALUES products unless the reader asks for every one: it
    says how many more have results, with the link that lists them, or links back to the
    shorter list."""
    facet.more = len(with_results - {value.value for value in facet.values})
    if facet.more:
        facet.more_query = form.query_string(all_products=True)
    elif form.value("all_products") and len(with_results) > FACET_VALUES:
        facet.fewer_query = form.query_string(all_products=None)


def _active_filters(form, request, products, statuses) -> list[ActiveFilter]:
    active = []
    for name, value in request.filters().items():
        if name == "kind":
            label = _kind_label(value)
        elif name == "product":
            page = products.get(value)
            label = page.title if page is not None else str(value)
        elif name == "rating":
            label = _rating_label(value)
        elif name == "status":
            label = statuses.get(value, value)
        else:
            label = str(dict(DATE_CHOICES).get(value, value))
        active.append(
            ActiveFilter(
                name, value, str(FACET_LABELS[name]), label, form.query_string(**{name: None})
            )
        )
    return active
