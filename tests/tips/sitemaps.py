"""The tips' section of the sitemap: every public tip, in each language."""

from community.sitemaps import InEveryLanguage
from tests.tips.models import Tip


class TipSitemap(InEveryLanguage):
    changefreq = "monthly"

    def items(self):
        return Tip.objects.public().only("pk", "created_at", "edited_at").order_by("pk")

    def lastmod(self, tip):
        return tip.edited_at or tip.created_at
