"""Products across languages: reviews, questions and ideas belong to the product, not to one
language's page, so every app stores the default-language page and shows readers the page in
their own language."""

from wagtail.models import Locale

from community.models import ProductPage


def canonical_product(product: ProductPage) -> ProductPage:
    """The default-language page of `product`, which content is attached to."""
    default = Locale.get_default()
    if product.locale_id == default.pk:
        return product
    original = product.get_translation_or_none(default)
    return original.specific if original is not None else product


def catalogue_products():
    """Live product pages in the default language: the pages content belongs to."""
    return ProductPage.objects.live().filter(locale=Locale.get_default()).order_by("title")


def products_in_language(products, language_code) -> dict:
    """{product pk: its live page in `language_code`, or itself}, in at most two queries, so that
    readers follow links to pages in their language."""
    products = list(products)
    locale = Locale.objects.filter(language_code=language_code).first()
    wanted = [p for p in products if locale is not None and p.locale_id != locale.pk]
    twins = {}
    if wanted:
        twins = {
            page.translation_key: page
            for page in ProductPage.objects.live().filter(
                locale=locale, translation_key__in={p.translation_key for p in wanted}
            )
        }
    return {product.pk: twins.get(product.translation_key, product) for product in products}
