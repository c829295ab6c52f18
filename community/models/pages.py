from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from community.models.products import ProductStats

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "blocks/callout_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("alternative text"), required=False, help_text=_("Describes the image.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=RICH_TEXT_FEATURES)
    callout = CalloutBlock()
    figure = FigureBlock()


@register_snippet
class ProductCategory(TranslatableMixin, models.Model):
    """A shelf of the catalogue ("Coffee machines", "Accessories"), translated per locale."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"))
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), "sort_order"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class HomePage(Page):
    """The community's front door: what it is for, the products, and the people behind it."""

    heading = models.CharField(_("heading"), max_length=120, blank=True)
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("heading"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("community home")

    def route(self, request, path_components):
        # The catalogue is the busiest way down from home: fetch it with its own class in one
        # query rather than as a page and then as itself.
        if path_components:
            catalogue = ProductIndexPage.objects.child_of(self).filter(slug=path_components[0])
            catalogue = catalogue.first()
            if catalogue is not None:
                catalogue._cached_parent_obj = self
                return catalogue.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # selectors and page_cache import the models: a page reads them only when it is served.
        from community import page_cache, selectors

        context = super().get_context(request, *args, **kwargs)
        page_cache.share_page_with_members(request, self)
        context["products"] = selectors.product_pages(self.locale_id)[:6]
        context["team_cards"] = selectors.active_staff_cards()[:4]
        return context


# Products on a page of the catalogue: a grid of 3 or 4 columns fills evenly.
PRODUCTS_PER_PAGE = 24


class ProductIndexPage(Page):
    """The product catalogue at /products/, grouped by category."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.ProductPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("product catalogue")

    def route(self, request, path_components):
        # A product page comes with its category, locale and counts in one query.
        if path_components:
            product = (
                ProductPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("category", "locale", "stats")
                .first()
            )
            if product is None:
                raise Http404
            product._cached_parent_obj = self
            return product.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # community.selectors imports the models: a page reads it only when it is served.
        from community import selectors

        context = super().get_context(request, *args, **kwargs)
        categories = selectors.product_categories(self.locale_id)
        chosen = request.GET.get("category", "")
        products = selectors.product_pages(self.locale_id, parent=self)
        if chosen:
            products = products.filter(category__slug=chosen)
        # A catalogue of hundreds of products comes a page at a time; its size is bounded by
        # the catalogue, not by activity, so numbered pages stay fast (an unknown page number
        # shows the nearest page).
        page_obj = Paginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            categories=categories,
            chosen_category=chosen,
            products=page_obj.object_list,
            page_obj=page_obj,
        )
        return context


class ProductPage(Page):
    """One product: reviews, questions and ideas hang from it."""

    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    category = models.ForeignKey(
        ProductCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel([InlinePanel("images", label=_("image"))], heading=_("Images")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("tagline"),
        index.SearchField("description"),
    ]
    parent_page_types = ["community.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product")

    @property
    def catalogue(self):
        """The catalogue page above this product (known without a query when routed)."""
        return self.get_parent().specific

    @property
    def product_stats(self):
        """This page's counts (`ProductStats`), or empty counts when none were made yet."""
        try:
            return self.stats
        except ProductStats.DoesNotExist:
            return ProductStats(product_id=self.pk)

    @property
    def main_image(self):
        first = next(iter(self.images.all()), None)
        return first.image if first else None

    def get_context(self, request, *args, **kwargs):
        # selectors and page_cache import the models: a page reads them only when it is served.
        from community import page_cache, selectors

        selectors.prefetch_product_images([self])
        # Its reviews, questions and ideas sections add the threads they show.
        page_cache.share_page_with_members(request, self)
        return super().get_context(request, *args, **kwargs)


class ProductPageImage(Orderable):
    """An image of a product, in the order the editor chose; the first is the main one."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ContentPage(Page):
    """Editorial pages: FAQ, about, help; translated with Wagtail's localisation."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["community.HomePage", "community.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class GuidelinesPage(ContentPage):
    """The community guidelines. Members accept a version of them when they sign up.

    Raise the version when the rules change in substance; the version each member accepted is
    recorded on their account.
    """

    version = models.CharField(
        _("version"),
        max_length=32,
        default="1",
        help_text=_("Members accept this version when they sign up. Raise it when rules change."),
    )

    content_panels = [*ContentPage.content_panels, FieldPanel("version")]
    template = "community/content_page.html"
    parent_page_types = ["community.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("community guidelines")


class TeamPage(Page):
    """ "Meet the team": the active staff, by team, with their cards."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("meet the team")

    def get_context(self, request, *args, **kwargs):
        # community.selectors imports the models: a page reads it only when it is served.
        from community import selectors

        context = super().get_context(request, *args, **kwargs)
        context["teams"] = selectors.teams_with_active_cards()
        return context
