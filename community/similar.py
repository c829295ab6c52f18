"""Similar questions and ideas while someone types a title, so they find an answer or a vote
before they write a duplicate.

The search backend ranks the candidates (`community.searching.similar_to`); the search app's
does it with more-like-this on Elasticsearch when it is configured, otherwise (and whenever it
does not answer) with the database's full-text search (Wagtail's database search backend: FTS5
on SQLite, full-text search with ranking on PostgreSQL). A model used here subclasses
`wagtail.search.index.Indexed`, lists its text in `search_fields`, and declares an
`index.FilterField` for every field the queryset filters on.
"""

from community.searching import similar_to


def similar(queryset, text: str, *, limit: int = 5) -> list:
    """Up to `limit` objects of `queryset` whose indexed text shares words with `text`, best first.

    Any word may match (a title being typed rarely has every word of an old one), and the
    backend ranks those that share more, and rarer, words higher.
    """
    return similar_to(queryset, text, limit=limit)
