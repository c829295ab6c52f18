"""What every search engine is asked and what it answers: the one interface.

The search page, the similar-content suggestions, the indexing tasks, the rebuild command and
the admin's status page talk to an engine only through `SearchEngine`, so the page is the same
on the database and on Elasticsearch.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.safestring import SafeString

from search.highlight import query_terms

# The date filter: written in the last week, month or year. The windows overlap, so their
# counts are cumulative on both engines.
DATE_WINDOWS = {"week": timedelta(days=7), "month": timedelta(days=31), "year": timedelta(days=366)}
FACETS = ("kind", "product", "rating", "status", "date")
MATCH_ALL = "all"
MATCH_ANY = "any"


@dataclass(frozen=True)
class SearchRequest:
    """A search with its filters, already cleaned (see `search.forms.SearchForm`).

    `match` says whether a result needs every word of the query (`all`) or any (`any`); the
    page asks for every word first, and for any word when nothing has them all.
    """

    text: str
    language: str
    kind: str = ""
    product: int | None = None
    rating: int | None = None
    status: str = ""
    date: str = ""
    page: int = 1
    per_page: int = 20
    match: str = MATCH_ALL

    @property
    def terms(self) -> list[str]:
        return query_terms(self.text)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filters(self, *, without: str = "") -> dict:
        """The filters in force, except the one named `without` (a facet's own counts are
        taken with every other filter, so that its other values stay in view)."""
        chosen = {
            "kind": self.kind,
            "product": self.product,
            "rating": self.rating,
            "status": self.status,
            "date": self.date,
        }
        return {name: value for name, value in chosen.items() if value and name != without}


@dataclass
class Hit:
    """One result: what it is, how well it matched, and its title and excerpt marked."""

    kind: str
    object_id: int
    score: float
    title: SafeString
    excerpt: SafeString


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    engine: str = ""
    # True when Elasticsearch did not answer and the database did instead.
    fallback: bool = False
    # True when so many documents matched that only the most recent were ranked and counted.
    capped: bool = False

    @classmethod
    def empty(cls, engine: str) -> "Results":
        return cls(total=0, facets={name: {} for name in FACETS}, engine=engine)


class SearchUnavailable(Exception):
    """The engine did not answer; the caller falls back to the database."""


class SearchEngine:
    """The interface. `name` is shown in the admin and in logs."""

    name = ""

    def search(self, request: SearchRequest) -> Results:
        raise NotImplementedError

    def similar(self, queryset, text: str, *, limit: int) -> list:
        """Up to `limit` objects of `queryset` that say what `text` says, best first, none
        that merely shares a word (`search.similarity` scores what the engine finds)."""
        raise NotImplementedError

    def index(self, entries) -> None:
        """Add or replace these entries (`community.searching.Entry`)."""
        raise NotImplementedError

    def remove(self, kind: str, object_ids) -> None:
        raise NotImplementedError

    def rebuild(self, batches, *, total: int, progress=None) -> int:
        """Replace the whole index with the entries `batches` yields, without a moment when
        searches find nothing; returns how many were indexed."""
        raise NotImplementedError

    def status(self) -> dict:
        """For the admin: whether it answers and how many documents it holds."""
        raise NotImplementedError
