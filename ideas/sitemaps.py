"""The ideas' section of the sitemap: every public idea with a page of its own."""

from community.sitemaps import InEveryLanguage
from ideas.models import Idea


class IdeaSitemap(InEveryLanguage):
    """Ideas with their own page: a merged idea's canonical address is the idea it joined."""

    changefreq = "weekly"

    def items(self):
        return (
            Idea.objects.public()
            .filter(merged_into__isnull=True)
            .only("pk", "slug", "last_activity_at")
            .order_by("pk")
        )

    def lastmod(self, idea):
        return idea.last_activity_at
