"""The Elasticsearch index, declared with elasticsearch-dsl: one document per searchable thing.

The site's only Elasticsearch integration (Wagtail's own search stays on the database for the
editorial pages). Every text is read three ways: folded (lower case, accents removed), as
English and as French (each with its stop words and stemmer, then folded), because members
write in either language. Titles and text are separate fields so that titles can weigh more.
"""

from elasticsearch_dsl import (
    Date,
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

french_elision = token_filter(
    "community_french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("community_french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("community_french_stemmer", type="stemmer", language="light_french")
english_possessive = token_filter(
    "community_english_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("community_english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("community_english_stemmer", type="stemmer", language="english")

folding = analyzer("community_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
english = analyzer(
    "community_english",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", english_stop, english_stemmer, "asciifolding"],
)
french = analyzer(
    "community_french",
    tokenizer="standard",
    filter=[french_elision, "lowercase", french_stop, french_stemmer, "asciifolding"],
)


def _text():
    return Text(
        analyzer=folding, fields={"en": Text(analyzer=english), "fr": Text(analyzer=french)}
    )


# The fields a query reads, titles first: the same list for searches and more-like-this.
TITLE_FIELDS = ["title", "title.en", "title.fr"]
BODY_FIELDS = ["body", "body.en", "body.fr"]
TITLE_WEIGHT = 3


class SearchEntry(Document):
    """What `community.searching.Entry` holds, as Elasticsearch stores it; the id is
    `<kind>-<pk>`."""

    kind = Keyword()
    object_id = Long()
    language = Keyword()
    title = _text()
    body = _text()
    product = Long()
    rating = Integer()
    status = Keyword()
    created_at = Date()
    boost = Float()

    @classmethod
    def from_entry(cls, entry) -> "SearchEntry":
        return cls(
            meta={"id": entry.key},
            kind=entry.kind,
            object_id=entry.object_id,
            language=entry.language,
            title=entry.title,
            body=entry.body,
            product=entry.product_id,
            rating=entry.rating,
            status=entry.status,
            created_at=entry.created_at,
            boost=entry.boost,
        )


def index_definition(name: str) -> Index:
    """The index `name` with the analysers and the mapping of `SearchEntry`."""
    index = Index(name)
    index.settings(number_of_shards=1)
    index.mapping(SearchEntry._doc_type.mapping)
    return index
