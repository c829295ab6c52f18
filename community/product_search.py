"""Product pages as visitors find them in search, each in its own language.

A product page is a content kind of its own for search only: editors write it in Wagtail, so
it is neither member writing nor moderated, and counts towards nobody's trust. `PRODUCT` is
registered by the community app.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from community.content_kinds import ContentKind, Reindex
from community.markdown import plain_text_of_html
from community.models import ProductPage
from community.searching import Entry, SearchFacet, index_later, index_now, join_text


class ProductSearch(SearchFacet):
    """A product page in one language; readers find the page in their own language, under the
    product (its default-language page) that reviews, questions and ideas belong to."""

    key = "product"
    label = _("Product")
    label_plural = _("Products")
    order = 40

    def indexable(self):
        return ProductPage.objects.live().public().select_related("locale")

    def canonical_ids(self, pages) -> dict:
        """{page pk: pk of its default-language page} for `pages`, in one query."""
        default = Locale.get_default()
        keys = {page.translation_key for page in pages if page.locale_id != default.pk}
        originals = dict(
            ProductPage.objects.filter(locale=default, translation_key__in=keys).values_list(
                "translation_key", "pk"
            )
        )
        return {
            page.pk: page.pk
            if page.locale_id == default.pk
            else originals.get(page.translation_key, page.pk)
            for page in pages
        }

    def entry(self, page, canonical_id=None) -> Entry:
        if canonical_id is None:
            canonical_id = self.canonical_ids([page])[page.pk]
        return Entry(
            kind=self.key,
            object_id=page.pk,
            title=page.title,
            body=join_text(page.tagline, plain_text_of_html(page.description)),
            language=page.locale.language_code,
            product_id=canonical_id,
            created_at=page.first_published_at or timezone.now(),
            boost=1.3,
        )

    def entries(self, pages) -> list[Entry]:
        """The pages' documents, their default-language pages found in one query."""
        pages = list(pages)
        canonical = self.canonical_ids(pages)
        return [self.entry(page, canonical[page.pk]) for page in pages]

    def for_display(self, ids):
        return ProductPage.objects.live().public().filter(pk__in=ids)

    def product_id(self, page):
        """A product page is the result itself, not something under a product."""
        return None

    def url(self, page, *, request=None, product_url: str = "") -> str:
        return page.get_url(request)

    def connect(self) -> None:
        page_published.connect(
            _page_changed, sender=ProductPage, dispatch_uid="search_product_published"
        )
        page_unpublished.connect(
            _page_changed, sender=ProductPage, dispatch_uid="search_product_unpublished"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                _restriction_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"search_restriction_{signal is post_save}",
            )


def _page_changed(sender, instance, **kwargs):
    index_later(PRODUCT.key, instance.pk)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A page's privacy changed: product pages under it may have left (or joined) the public."""
    if not raw:
        page_id = instance.page_id
        transaction.on_commit(lambda: index_product_pages_under.enqueue(page_id))


@task()
def index_product_pages_under(page_id: int):
    """A page's privacy changed: the product pages under it are indexed again (or removed)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for product_id in ProductPage.objects.descendant_of(page, inclusive=True).values_list(
        "pk", flat=True
    ):
        index_now(PRODUCT.key, product_id)


PRODUCT = ContentKind(
    key="product",
    label=_("product"),
    model_label="community.ProductPage",
    order=800,
    text_field="description",
    markdown=False,
    edit_fields=(),
    has_title=True,
    moderated=False,
    soft_delete=False,
    counts_towards_trust=False,
    is_writing=False,
    queue_related=(),
    search=ProductSearch(),
    reindex_on=(Reindex("community.ProductPage"),),
    shown_with=("community.ProductPageImage",),
)
