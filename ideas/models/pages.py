from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from community.models import PRODUCT_COUNTS
from community.models.pages import RICH_TEXT_FEATURES


class RoadmapPage(Page):
    """The public roadmap at /roadmap/: one column per roadmap status, in the statuses' order.

    A page, so that editors write its introduction in each language. Its address is the one
    people share and bookmark, so the slug is not offered for editing.
    """

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]
    parent_page_types = ["community.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "ideas/roadmap_page.html"

    class Meta:
        verbose_name = _("roadmap")

    def get_context(self, request, *args, **kwargs):
        # page_cache and the roadmap's view import the models: read only when the page is served.
        from community import page_cache
        from ideas.views.boards import roadmap_context

        context = super().get_context(request, *args, **kwargs)
        page_cache.shows(request, "idea", "member", "product", PRODUCT_COUNTS)
        page_cache.share_page_with_members(request, self)
        context.update(roadmap_context(request))
        return context
