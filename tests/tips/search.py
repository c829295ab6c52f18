"""The tip as visitors find it in search: its title and text, under its product."""

from django.utils.translation import gettext_lazy as _

from community.markdown import words_of
from community.searching import Entry, SearchFacet
from tests.tips.models import Tip


class TipSearch(SearchFacet):
    """A public tip, found by its title and its words; the search page shows its product."""

    key = "tip"
    label = _("Tip")
    label_plural = _("Tips")
    order = 40

    def indexable(self):
        return Tip.objects.public()

    def entry(self, tip) -> Entry:
        return Entry(
            kind=self.key,
            object_id=tip.pk,
            title=tip.title,
            body=words_of(tip),
            product_id=tip.product_id,
            created_at=tip.created_at,
        )

    def for_display(self, ids):
        return Tip.objects.public().filter(pk__in=ids).select_related("author")
