"""Similar content comes from the search backend: the same thing said another way, and nothing
that merely shares a word (measured on a labelled set in tests/search/test_similar_quality.py)."""

import pytest

from community.models import ProductPage
from community.similar import similar
from tests.factories import product_page


@pytest.mark.django_db
def test_the_closest_match_comes_first_and_pages_sharing_one_word_are_left_out(
    site_pages, search_index
):
    catalogue = site_pages.catalogue["en"]
    product_page(catalogue, "Brume electric kettle", tagline="Boils water for tea")
    product_page(catalogue, "Brume kettle descaler", tagline="Cleans the kettle")
    product_page(catalogue, "Aurora grinder", tagline="Grinds coffee beans")
    search_index()

    def titles(text):
        return [page.title for page in similar(ProductPage.objects.live(), text)]

    assert titles("electric kettles") == ["Brume electric kettle"]
    assert titles("descaling a kettle") == ["Brume kettle descaler"]
    assert titles("grinding beans") == ["Aurora grinder"]


@pytest.mark.django_db
def test_a_title_too_short_to_mean_anything_suggests_nothing(site_pages, search_index):
    product_page(site_pages.catalogue["en"], "Brume kettle")
    search_index()

    assert similar(ProductPage.objects.live(), "k?") == []
