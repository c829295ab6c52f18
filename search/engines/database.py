"""The embedded engine: the database's own full-text search over `SearchDocument`.

SQLite answers through FTS5 (BM25 ranking, Porter stemming, accents folded), PostgreSQL through
`tsvector` with English and French stemming and accents folded (migration 0001 sets both up).
Either way a search costs two queries whatever the number of documents: one counts every
filter value (a materialised CTE of the matches, grouped once per filter), one fetches the page
in ranked order. A title weighs ten times the text on SQLite (BM25 column weights) and A against
B on PostgreSQL (`ts_rank`); each score is multiplied by the document's boost. A word so common
that it matches more than `max_matches` documents is answered from the most recently indexed
of them, which keeps a search on a million documents within a fraction of a second (see
bench/search_database.py); the page says so.

Similar-content suggestions (`similar`) read the same index: one query counts, for each word of
the title being typed, how many documents of the kind have it (up to a cap), one fetches the
best-ranked documents that have any of the words (with stems and prefixes: FTS5 prefix queries
on SQLite, `to_tsquery(..., 'word:*')` in English and in French on PostgreSQL), and
`search.similarity` scores those in Python and keeps the close ones. A document is there once
its indexing task has run, right after the transaction that wrote it.
"""

import logging

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from community.concurrency import in_parallel
from search import similarity
from search.engines.base import (
    DATE_WINDOWS,
    FACETS,
    MATCH_ANY,
    Hit,
    Results,
    SearchEngine,
    SearchRequest,
)
from search.highlight import excerpt, highlight
from search.kinds import kind_of_model
from search.models import SearchDocument

logger = logging.getLogger(__name__)

TABLE = SearchDocument._meta.db_table
UPSERT_FIELDS = [
    "language",
    "title",
    "body",
    "product_id",
    "rating",
    "status",
    "created_at",
    "boost",
    "indexed_at",
]
BATCH_SIZE = 500
# Connections writing the index at once during a rebuild (on PostgreSQL).
WRITERS = 2


class _SQLite:
    """FTS5 MATCH over search_document_fts, joined to the documents by rowid."""

    def match(self, terms, mode):
        joiner = " OR " if mode == MATCH_ANY else " AND "
        expression = joiner.join(f'"{term}"' for term in terms)
        source = f"search_document_fts JOIN {TABLE} d ON d.id = search_document_fts.rowid"
        return source, "search_document_fts MATCH %s", [expression]

    score = "(-bm25(search_document_fts, 10.0, 1.0)) * d.boost"
    # FTS5 walks its matches in this order itself, so the limit stops the walk early.
    newest_first = "search_document_fts.rowid DESC"

    def term_match(self, term) -> str:
        """An FTS5 expression for one word of a title: any of its stems, a long one as a
        prefix (FTS5 stems both sides with Porter, and folds accents)."""
        return " OR ".join(f'"{stem}"*' if prefix else f'"{stem}"' for stem, prefix in term.lookups)

    def frequencies(self, terms, kind, cap):
        count = (
            "(SELECT COUNT(*) FROM (SELECT 1 FROM search_document_fts "
            f"JOIN {TABLE} d ON d.id = search_document_fts.rowid "
            "WHERE search_document_fts MATCH %s AND d.kind = %s LIMIT %s))"
        )
        params = [value for term in terms for value in (self.term_match(term), kind, cap)]
        return "SELECT " + ", ".join([count] * len(terms)), params

    def candidates(self, terms, kind, newest, size):
        """The `size` best documents of `kind` that have any of the terms: among all of them,
        or among the `newest` most recent when `newest` is set (common words)."""
        expression = " OR ".join(f"({self.term_match(term)})" for term in terms)
        newest_sql = f"ORDER BY {self.newest_first} LIMIT %s" if newest else ""
        sql = (
            "SELECT object_id, title, excerpt FROM ("
            f"SELECT d.object_id, d.title, SUBSTR(d.body, 1, {similarity.BODY_CHARS}) AS excerpt, "
            "bm25(search_document_fts, 10.0, 1.0) AS rank "
            f"FROM search_document_fts JOIN {TABLE} d ON d.id = search_document_fts.rowid "
            f"WHERE search_document_fts MATCH %s AND d.kind = %s {newest_sql}) "
            "ORDER BY rank, object_id DESC LIMIT %s"
        )
        return sql, [expression, kind, *([newest] if newest else []), size]


class _PostgreSQL:
    """`@@` over the generated tsvector, each word read as English and as French."""

    def match(self, terms, mode):
        joiner = " || " if mode == MATCH_ANY else " && "
        parts = [
            "(plainto_tsquery('community_en', %s) || plainto_tsquery('community_fr', %s))"
            for _ in terms
        ]
        params = [value for term in terms for value in (term, term)]
        source = f"{TABLE} d CROSS JOIN (SELECT {joiner.join(parts)} AS query) q"
        return source, "d.search_vector @@ q.query", params

    score = "ts_rank(d.search_vector, q.query) * d.boost"
    newest_first = "d.id DESC"

    def term_query(self, term) -> tuple[str, list]:
        """A tsquery for one word of a title, stemmed in English and in French (without their
        stop words, accents folded), as a prefix when its stem is long enough."""
        value = f"{term.word}:*" if term.is_prefix else term.word
        return (
            "(to_tsquery('community_en', %s) || to_tsquery('community_fr', %s))",
            [value, value],
        )

    def frequencies(self, terms, kind, cap):
        counts, params = [], []
        for term in terms:
            query, values = self.term_query(term)
            counts.append(
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} d WHERE d.kind = %s "
                f"AND d.search_vector @@ {query} LIMIT %s) counted)"
            )
            params.extend([kind, *values, cap])
        return "SELECT " + ", ".join(counts), params

    def candidates(self, terms, kind, newest, size):
        """The `size` best documents of `kind` that have any of the terms: among all of them,
        or among the `newest` most recent when `newest` is set (common words). The query is
        written out where it is used, rather than in a CTE, so that the planner sees it."""
        parts, values = [], []
        for term in terms:
            part, part_values = self.term_query(term)
            parts.append(part)
            values.extend(part_values)
        query = f"({' || '.join(parts)})"
        newest_sql = f"ORDER BY {self.newest_first} LIMIT %s" if newest else ""
        sql = (
            f"WITH matched AS (SELECT d.id FROM {TABLE} d "
            f"WHERE d.kind = %s AND d.search_vector @@ {query} {newest_sql}), "
            f"ranked AS (SELECT d.id, ts_rank(d.search_vector, {query}) AS rank "
            f"FROM matched m JOIN {TABLE} d ON d.id = m.id "
            "ORDER BY rank DESC, d.id DESC LIMIT %s) "
            f"SELECT d.object_id, d.title, LEFT(d.body, {similarity.BODY_CHARS}) "
            f"FROM ranked r JOIN {TABLE} d ON d.id = r.id ORDER BY r.rank DESC, r.id DESC"
        )
        return sql, [kind, *values, *([newest] if newest else []), *values, size]


def _dialect():
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()


def _adapt(value):
    return connection.ops.adapt_datetimefield_value(value)


def _conditions(filters: dict, now, prefix: str = "") -> tuple[list[str], list]:
    """SQL conditions for the filters in force, with their parameters."""
    sql, params = [], []
    if "kind" in filters:
        sql.append(f"{prefix}kind = %s")
        params.append(filters["kind"])
    if "product" in filters:
        sql.append(f"{prefix}product_id = %s")
        params.append(filters["product"])
    if "rating" in filters:
        sql.append(f"{prefix}rating = %s")
        params.append(filters["rating"])
    if "status" in filters:
        sql.append(f"{prefix}status = %s")
        params.append(filters["status"])
    if "date" in filters:
        sql.append(f"{prefix}created_at >= %s")
        params.append(_adapt(now - DATE_WINDOWS[filters["date"]]))
    return sql, params


def _where(conditions: list[str]) -> str:
    return " AND ".join(conditions) if conditions else "1 = 1"


class DatabaseEngine(SearchEngine):
    name = "database"
    # A query matching more documents is answered from the most recently indexed of them: a
    # database ranks and counts every match it keeps, and past this many a word is too common
    # to tell documents apart anyway (Elasticsearch has no such limit).
    max_matches = 10_000
    # Suggestions while typing: each word's documents are counted up to `similar_common`. The
    # candidates are the documents that have a rarer word, all ranked; when every word is that
    # common, the `similar_newest` most recent documents that have one. The
    # `similar_candidates` best are scored.
    similar_common = 500
    similar_newest = 1_000
    similar_candidates = 30
    # How long the number of documents of a kind is kept (it only weighs the words).
    similar_total_seconds = 600

    def search(self, request: SearchRequest) -> Results:
        terms = request.terms
        if not terms:
            return Results.empty(self.name)
        now = timezone.now()
        matched_sql, matched_params = self._matched(terms, request)
        facets, matched = self._facets(request, matched_sql, matched_params, now)
        total = self._total(request, facets)
        hits = []
        if total and request.offset < total:
            hits = self._page(request, matched_sql, matched_params, now, terms)
        return Results(
            total=total,
            hits=hits,
            facets=facets,
            engine=self.name,
            capped=matched >= self.max_matches,
        )

    def _matched(self, terms, request) -> tuple[str, list]:
        """The CTE of the documents that match, newest first, at most `max_matches`, with
        their score (the only place the full-text machinery is asked)."""
        dialect = _dialect()
        source, match_sql, match_params = dialect.match(terms, request.match)
        sql = (
            "WITH matched AS MATERIALIZED ("
            "SELECT d.id, d.kind, d.product_id, d.rating, d.status, d.created_at, "
            f"{dialect.score} AS score FROM {source} "
            f"WHERE {match_sql} AND d.language IN ('', %s) "
            f"ORDER BY {dialect.newest_first} LIMIT {int(self.max_matches)}) "
        )
        return sql, [*match_params, request.language]

    def _facets(self, request, matched_sql, matched_params, now) -> tuple[dict, int]:
        """Counts per filter value (each with every filter but its own), and how many
        documents matched, in one query."""
        branches, params = (
            ["SELECT 'matched' AS facet, '' AS value, COUNT(*) AS n FROM matched"],
            [],
        )

        def branch(facet, value_sql, extra_where=""):
            conditions, values = _conditions(request.filters(without=facet), now)
            if extra_where:
                conditions.insert(0, extra_where)
            branches.append(
                f"SELECT '{facet}' AS facet, {value_sql} AS value, COUNT(*) AS n FROM matched "
                f"WHERE {_where(conditions)} GROUP BY 2"
            )
            params.extend(values)

        branch("kind", "kind")
        branch("product", "CAST(product_id AS VARCHAR(20))", "product_id IS NOT NULL")
        branch("rating", "CAST(rating AS VARCHAR(20))", "rating IS NOT NULL")
        branch("status", "status", "status <> ''")
        windows = sorted(DATE_WINDOWS.items(), key=lambda item: item[1])
        cases = " ".join(f"WHEN created_at >= %s THEN '{name}'" for name, _ in windows)
        date_sql = f"CASE {cases} ELSE 'older' END"
        conditions, values = _conditions(request.filters(without="date"), now)
        branches.append(
            f"SELECT 'date' AS facet, {date_sql} AS value, COUNT(*) AS n FROM matched "
            f"WHERE {_where(conditions)} GROUP BY 2"
        )
        params.extend([*(_adapt(now - window) for _, window in windows), *values])
        with connection.cursor() as cursor:
            cursor.execute(matched_sql + " UNION ALL ".join(branches), [*matched_params, *params])
            rows = cursor.fetchall()
        facets = {name: {} for name in FACETS}
        matched = 0
        for facet, value, count in rows:
            if facet == "matched":
                matched = count
            else:
                facets[facet][str(value)] = count
        dates = facets["date"]
        running = 0
        for name, _ in windows:
            running += dates.get(name, 0)
            dates[name] = running
        dates.pop("older", None)
        facets["date"] = {name: count for name, count in dates.items() if count}
        return facets, matched

    def _total(self, request, facets) -> int:
        """Every result falls under exactly one kind, so the kind counts (taken with every
        other filter) add up to the total."""
        kinds = facets["kind"]
        if request.kind:
            return kinds.get(request.kind, 0)
        return sum(kinds.values())

    def _page(self, request, matched_sql, matched_params, now, terms) -> list[Hit]:
        conditions, values = _conditions(request.filters(), now, prefix="m.")
        sql = (
            f"{matched_sql}SELECT d.kind, d.object_id, d.title, d.body, m.score "
            f"FROM matched m JOIN {TABLE} d ON d.id = m.id WHERE {_where(conditions)} "
            "ORDER BY m.score DESC, m.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*matched_params, *values, request.per_page, request.offset])
            rows = cursor.fetchall()
        return [
            Hit(
                kind=kind,
                object_id=object_id,
                score=float(score or 0),
                title=highlight(title, terms),
                excerpt=excerpt(body, terms),
            )
            for kind, object_id, title, body, score in rows
        ]

    def similar(self, queryset, text: str, *, limit: int) -> list:
        """Up to `limit` objects of `queryset` like `text`, best first, none below the
        threshold (`search.similarity`). Three queries, whatever the number of documents: the
        words' frequencies, the candidates, the objects (and the number of documents of the
        kind, once every `similar_total_seconds`)."""
        kind = kind_of_model(queryset.model)
        terms = similarity.terms_of(text)
        if kind is None or not terms:
            return []
        dialect = _dialect()
        sql, params = dialect.frequencies(terms, kind.key, self.similar_common)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            frequencies = list(cursor.fetchone())
        if not any(frequencies):
            return []
        telling = [
            term
            for term, found in zip(terms, frequencies, strict=True)
            if 0 < found < self.similar_common
        ]
        if telling:
            # Each of these words is in fewer than `similar_common` documents: all are ranked.
            sql, params = dialect.candidates(telling, kind.key, None, self.similar_candidates)
        else:
            sql, params = dialect.candidates(
                terms, kind.key, self.similar_newest, self.similar_candidates
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return similarity.closest(
            queryset, terms, frequencies, self._documents(kind.key), rows, limit=limit
        )

    def _documents(self, kind: str) -> int:
        """How many documents of `kind` the index holds (kept a while: it only weighs)."""
        return cache.get_or_set(
            f"search:similar:documents:{kind}",
            lambda: SearchDocument.objects.filter(kind=kind).count(),
            self.similar_total_seconds,
        )

    def index(self, entries) -> None:
        now = timezone.now()
        documents = [_document(entry, now) for entry in entries]
        if documents:
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=UPSERT_FIELDS,
                batch_size=BATCH_SIZE,
            )

    def remove(self, kind: str, object_ids) -> None:
        SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()

    def rebuild(self, batches, *, total: int, progress=None) -> int:
        """Every entry is written again in place (searches keep answering throughout), then
        the documents not written by this pass, whose content is gone, are removed. On
        PostgreSQL, batches are written on WRITERS connections at once: working out the
        documents' search vectors is most of the cost, and the database does it on every core
        while the next batches are read."""
        started = timezone.now()
        count = 0
        for written in in_parallel(self._write, batches, workers=WRITERS):
            count += written
            if progress is not None:
                progress(written)
        SearchDocument.objects.filter(indexed_at__lt=started).delete()
        return count

    def _write(self, batch) -> int:
        with transaction.atomic():
            self.index(batch)
        return len(batch)

    def status(self) -> dict:
        by_kind = dict(
            SearchDocument.objects.order_by()
            .values_list("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
        return {
            "engine": self.name,
            "reachable": True,
            "documents": sum(by_kind.values()),
            "by_kind": by_kind,
            "vendor": connection.vendor,
        }


def _document(entry, now) -> SearchDocument:
    return SearchDocument(
        kind=entry.kind,
        object_id=entry.object_id,
        language=entry.language,
        title=entry.title,
        body=entry.body,
        product_id=entry.product_id,
        rating=entry.rating,
        status=entry.status,
        created_at=entry.created_at or now,
        boost=entry.boost,
        indexed_at=now,
    )
