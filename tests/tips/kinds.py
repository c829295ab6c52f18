"""The tip as a content kind: what moderation, trust, protections, search and the sitemap know
of it.

It keeps no count on its product: `product_counts` returns `ProductStats` fields, and a tip
count would need a new column on the ground floor's table, which an app cannot add.
"""

from django.utils.translation import gettext_lazy as _

from community import webhooks
from community.content_kinds import ContentKind, Reindex
from tests.tips.search import TipSearch
from tests.tips.sitemaps import TipSitemap
from tests.tips.webhooks import TIP_PUBLISHED


def tip_entered_public(tip) -> None:
    """Published at writing or by a moderator (first publication or restored after being
    hidden): each time a tip enters the public, the webhooks hear of it."""
    webhooks.emit(TIP_PUBLISHED, tip)


TIP = ContentKind(
    key="tip",
    label=_("tip"),
    model_label="tips.Tip",
    order=60,
    edit_fields=("title", "body"),
    has_title=True,
    parent_field="product",
    entered_public=tip_entered_public,
    queue_related=("author", "moderated_by", "product"),
    search=TipSearch(),
    reindex_on=(Reindex("tips.Tip"),),
    sitemaps={"tips": TipSitemap},
)
