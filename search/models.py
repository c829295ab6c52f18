"""The database engine's index: one row per thing a visitor can find.

Each searched kind (reviews, questions with their answers, ideas with their public comments,
product pages, and any kind an app registers with a search facet) gets one row per thing,
holding the words to search and the values to filter and count on, so that one ranked query
runs across every kind and one more counts the filters. The database's own
full-text machinery sits on this table (see migration 0001): an FTS5 table kept in step by
triggers on SQLite, a generated `tsvector` column with a GIN index on PostgreSQL.

Rows are written only by `search.services` (from background tasks and the rebuild command),
and only for content that `.public()` lets through, so what is here may be shown to anyone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The scope of the cached pages that show the search index (community.page_scopes).
SEARCH_SCOPE = "search"


class SearchDocument(models.Model):
    """One searchable thing, as the search page lists it.

    `kind` is the key of a kind in the content-kind registry (`community.content_kinds`): any
    kind with a search facet, so the column has no fixed choices.

    `language` is empty for what members write (shown in both languages) and the page's
    language for product pages (each language has its own page). `product_id` is the product's
    page in the default language, which reviews, questions and ideas belong to. `status` is
    prefixed by the kind (`question-solved`, `idea-planned`) so that one filter serves every
    kind. `boost` lifts solved questions and well-voted ideas in the ranking.
    """

    # The search page shows the index; the index writes say so (community.page_scopes).
    page_scope = SEARCH_SCOPE

    kind = models.CharField(_("kind"), max_length=16)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    product_id = models.PositiveBigIntegerField(_("product"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("written"))
    boost = models.FloatField(_("boost"), default=1.0)
    indexed_at = models.DateTimeField(_("indexed"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]
        indexes = [
            models.Index(fields=["indexed_at"], name="search_document_indexed"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
