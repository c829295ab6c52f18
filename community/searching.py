"""The search interface of the ground floor: what each kind puts in the index, and the calls
that keep the index in step and read it, whatever answers them.

A kind that visitors can find declares a search facet beside its model and hands it to its
`ContentKind` (`search=`), with the models whose changes put its documents in the index again
(`reindex_on=`):

    # reviews/kinds.py
    REVIEW = ContentKind(
        key="review",
        ...,
        search=ReviewSearch(),
        reindex_on=(Reindex("reviews.Review"), Reindex("reviews.StaffResponse", "review_id")),
    )

A facet subclasses `SearchFacet` (see there for what it implements). Visibility is never
decided by the index: a facet asks its model's own `public()` which rows may be indexed, and
asks it again when the search page loads the rows it shows.

The ground floor and the features call `index_later`, `indexing_once`, `index_now`,
`similar_to` and `rebuild` below; these go to the backend named by the
`COMMUNITY_SEARCH_BACKEND` setting (`search.backend.SearchBackend`, the search app), chosen the
way Django chooses its e-mail backend. With no backend configured, `NullBackend` indexes
nothing and finds nothing.
"""

import math
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

# Longest text kept for one document: a thread with hundreds of answers stays searchable by
# its first 50,000 characters (about 8,000 words) without one row growing without bound.
MAX_BODY_CHARS = 50_000
MAX_TITLE_CHARS = 300
# Characters an engine may put around each match it hands back: no indexed text carries them.
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"
_MARKS = str.maketrans("", "", MATCH_OPEN + MATCH_CLOSE)


def indexable_text(text: str) -> str:
    """Text as it is indexed: without the characters that mark matches."""
    return (text or "").translate(_MARKS)


def join_text(*parts) -> str:
    """The parts of a document's text (a question and its answers) as one text, the empty
    ones left out, at most MAX_BODY_CHARS long."""
    return " ".join(part for part in parts if part)[:MAX_BODY_CHARS]


def votes_lift(count: int, *, per_decade: float, most: float) -> float:
    """A ranking boost for votes: 1 for none, rising by `per_decade` for each tenfold, up to
    1 + `most`."""
    return 1.0 + min(most, math.log10(1 + max(count, 0)) * per_decade)


@dataclass
class Entry:
    """A document as every engine receives it: words, filters and the ranking boost.

    `kind` is the kind's key and `object_id` the row's primary key. `language` is empty for
    what members write (found in every language) and the page's language for translated pages.
    `product_id` is the product's page in the default language. `status` is prefixed by the
    kind (`question-solved`, `idea-planned`) so that one filter serves every kind.
    """

    kind: str
    object_id: int
    title: str
    body: str
    language: str = ""
    product_id: int | None = None
    rating: int | None = None
    status: str = ""
    created_at: datetime | None = None
    boost: float = 1.0

    def __post_init__(self):
        self.title = indexable_text(self.title)[:MAX_TITLE_CHARS]
        self.body = indexable_text(self.body)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.object_id}"


class SearchFacet:
    """How one kind is searched: subclass it beside the kind's model.

    A facet says:

    - `key`: the kind's key, the same as its `ContentKind.key` (documents are `<key>-<pk>`);
    - `label` and `label_plural`: the kind as a result and the kind filter name it ("Question"),
      and as the admin's index status counts it ("Questions");
    - `order`: where the kind comes in the kind filter and the admin's counts (lowest first);
    - `indexable()`: the rows the public may find, with what `entry` reads joined or prefetched;
    - `entry(obj)`: the document of one of those rows (an `Entry`);
    - `entries(objects)`: the documents of a batch of them; by default `entry` on each, a
      facet overrides it when a batch costs fewer queries than its rows one by one;
    - `for_display(ids)`: the public rows among `ids`, with what a result shows joined;
    - `product_id(obj)`: the default-language product page a result belongs to, or None;
    - `url(obj, *, request, product_url)`: the address of a result (`product_url` is the
      address of its product's page in the reader's language, or "");
    - `details_template`: the template of what a result shows under its title (a status,
      votes, the author), given the `item`; empty, the search page shows the product the
      result belongs to and when it was written;
    - `has_status`, `status_labels(values)`, `status_order(value)`: whether the kind's
      documents carry a status (`<key>-<value>`), the labels of the values found (those that
      mean nothing are left out), and their order in the status filter;
    - `connect()`: receivers for changes that `ContentKind.reindex_on` cannot say (a merge
      that reindexes two ideas); called once by the search backend when it starts.
    """

    key = ""
    label = ""
    label_plural = ""
    order = 100
    details_template = ""
    has_status = False

    def indexable(self):
        raise NotImplementedError

    def entry(self, obj) -> Entry:
        raise NotImplementedError

    def entries(self, objects) -> list[Entry]:
        return [self.entry(obj) for obj in objects]

    def for_display(self, ids):
        raise NotImplementedError

    def product_id(self, obj) -> int | None:
        return getattr(obj, "product_id", None)

    def url(self, obj, *, request=None, product_url: str = "") -> str:
        return obj.get_absolute_url()

    def status_labels(self, values) -> dict:
        return {}

    def status_order(self, value: str):
        return 0

    def connect(self) -> None:
        pass


class NullBackend:
    """No search: nothing is indexed and nothing is found."""

    def index_later(self, kind_key: str, object_id: int) -> None:
        pass

    def index_now(self, kind_key: str, object_id: int) -> bool:
        return False

    @contextmanager
    def indexing_once(self):
        yield

    def similar_to(self, queryset, text: str, *, limit: int) -> list:
        return []

    def rebuild(self) -> int:
        return 0


@cache
def backend():
    """The backend named by COMMUNITY_SEARCH_BACKEND (one per process), or `NullBackend`."""
    path = getattr(settings, "COMMUNITY_SEARCH_BACKEND", "")
    return import_string(path)() if path else NullBackend()


def _forget_backend(setting, **kwargs):
    if setting == "COMMUNITY_SEARCH_BACKEND":
        backend.cache_clear()


setting_changed.connect(_forget_backend, dispatch_uid="community_searching_backend")


def index_later(kind_key: str, object_id: int) -> None:
    """Have the object's document written again (or removed, when the public may no longer
    see it) once the current transaction commits, in the background."""
    backend().index_later(kind_key, object_id)


def index_now(kind_key: str, object_id: int) -> bool:
    """Write (or remove) the object's document here and now, for background work that already
    runs outside the request; returns whether it is indexed."""
    return backend().index_now(kind_key, object_id)


def indexing_once():
    """A context manager: within the block, each object is indexed once however many of its
    rows change (bulk work such as erasing an account deletes thousands of answers of a few
    questions)."""
    return backend().indexing_once()


def similar_to(queryset, text: str, *, limit: int = 5) -> list:
    """Up to `limit` public objects of `queryset` that say what `text` says, best first; none
    when nothing comes close enough."""
    return backend().similar_to(queryset, text, limit=limit)


def rebuild() -> int:
    """Build every index again from the database (after rows were written in bulk, without
    signals); returns how many documents were indexed."""
    return backend().rebuild()
