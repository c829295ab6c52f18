"""Similar content is found by the database's full-text search, best match first."""

import pytest

from community.models import ProductPage
from community.similar import similar
from tests.factories import product_page


@pytest.mark.django_db
def test_the_closest_match_comes_first_and_unrelated_pages_are_left_out(site_pages):
    catalogue = site_pages.catalogue["en"]
    product_page(catalogue, "Brume electric kettle", tagline="Boils water for tea")
    product_page(catalogue, "Brume kettle descaler", tagline="Cleans the kettle")
    product_page(catalogue, "Aurora grinder", tagline="Grinds coffee beans")
    found = [page.title for page in similar(ProductPage.objects.live(), "electric kettle")]
    assert found[0] == "Brume electric kettle"
    assert "Brume kettle descaler" in found
    assert "Aurora grinder" not in found


@pytest.mark.django_db
def test_a_title_too_short_to_mean_anything_suggests_nothing(site_pages):
    product_page(site_pages.catalogue["en"], "Brume kettle")
    assert similar(ProductPage.objects.live(), "k?") == []
