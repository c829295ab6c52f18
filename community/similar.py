"""Similar questions and ideas while someone types a title, so they find an answer or a vote
before they write a duplicate.

The database's full-text search (Wagtail's database search backend: FTS5 on SQLite, full-text
search with ranking on PostgreSQL) ranks the candidates; the search issue moves this onto the
search engine. A model used here subclasses `wagtail.search.index.Indexed`, lists its text in
`search_fields`, and declares an `index.FilterField` for every field the queryset filters on.
"""

import re

from wagtail.search.backends import get_search_backend

WORD_RE = re.compile(r"\w{2,}", re.UNICODE)
MIN_TITLE_LENGTH = 4


def similar(queryset, text: str, *, limit: int = 5) -> list:
    """Up to `limit` objects of `queryset` whose indexed text shares words with `text`, best first.

    Any word may match (a title being typed rarely has every word of an old one), and the
    backend ranks those that share more, and rarer, words higher.
    """
    words = WORD_RE.findall(text or "")
    if len(" ".join(words)) < MIN_TITLE_LENGTH:
        return []
    backend = get_search_backend()
    return list(backend.search(" ".join(words), queryset, operator="or")[:limit])
