"""Similar questions and ideas while someone types a title, so they find an answer or a vote
before they write a duplicate.

The search backend finds them (`community.searching.similar_to`); the search app's finds the
candidates with the database's full-text search (FTS5 on SQLite; English and French text
search configurations on PostgreSQL), or with Elasticsearch's English and French analysers when
it is configured, and keeps only those that say what the title says (`search.similarity`):
word stems and stop words of each language, rarer words weighing more, and nothing under a
threshold rather than items that merely share a word. A model used here is a kind the search
indexes (its `ContentKind` has a search facet); an object is found once its indexing task has
run, right after the transaction that wrote it.
"""

from community.searching import similar_to


def similar(queryset, text: str, *, limit: int = 5) -> list:
    """Up to `limit` objects of `queryset` that say what `text` says, best first; none when
    nothing comes close (a title being typed rarely has every word of an old one, so a close
    match need not share them all)."""
    return similar_to(queryset, text, limit=limit)
