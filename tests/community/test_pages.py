"""Every page type renders in the site's layout: home, catalogue, product, content, guidelines,
team, and the error pages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import ProductCategoryFactory, content_page, product_page, wagtail_image

pytestmark = pytest.mark.django_db


def assert_in_site_layout(elements, page):
    """The site's own stylesheet, navigation and footer surround the page."""
    assert elements(page, "link", rel="stylesheet", href="/static/css/site.css")
    assert elements(page, "nav")
    assert elements(page, "footer")


def headings(elements, page):
    return [text for _attrs, text in elements(page, "h1")]


def test_the_home_page_renders_with_its_heading_and_products(client, site_pages, elements):
    product_page(site_pages.catalogue["en"], "Espresso Duo", tagline="Two cups at once")

    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ask, review, propose: people answer, under their own names" in page
    assert "Espresso Duo" in page
    assert elements(page, "a", href="/products/espresso-duo/")
    assert_in_site_layout(elements, page)


def test_the_home_page_without_products_says_so(client, site_pages):
    response = client.get("/")

    assert "No products yet." in response.content.decode()


def test_the_catalogue_lists_live_products_with_their_category(client, site_pages, elements):
    machines = ProductCategoryFactory(name="Coffee machines", slug="coffee-machines")
    product_page(site_pages.catalogue["en"], "Espresso Duo", category=machines)
    draft = product_page(site_pages.catalogue["en"], "Secret Prototype")
    draft.unpublish()

    response = client.get("/products/")

    page = response.content.decode()
    assert response.status_code == 200
    assert headings(elements, page) == ["Products"]
    assert "Espresso Duo" in page
    assert "Coffee machines" in page
    assert "Secret Prototype" not in page


def test_the_catalogue_comes_a_page_at_a_time_keeping_the_category(
    client, site_pages, elements, monkeypatch
):
    monkeypatch.setattr("community.models.pages.PRODUCTS_PER_PAGE", 2)
    machines = ProductCategoryFactory(name="Coffee machines", slug="coffee-machines")
    for title in ("Espresso Duo", "Espresso One", "Espresso Trio"):
        product_page(site_pages.catalogue["en"], title, category=machines)
    product_page(site_pages.catalogue["en"], "Burr Mill")

    def cards(response):
        return [text for _a, text in elements(response.content, "h3")]

    first = client.get("/products/", {"category": "coffee-machines"})
    assert cards(first) == ["Espresso Duo", "Espresso One"]
    assert "Products 1–2 of 3" in first.content.decode()
    (next_link,) = elements(first.content, "a", rel="next")
    assert next_link[0]["href"] == "?category=coffee-machines&page=2"
    assert elements(first.content, "nav", aria_label="Pages of products")

    second = client.get("/products/" + next_link[0]["href"])
    assert cards(second) == ["Espresso Trio"]
    assert elements(second.content, "a", rel="prev")[0][0]["href"] == (
        "?category=coffee-machines&page=1"
    )

    # A page number out of range shows the last page; one that is not a number, the first.
    assert cards(client.get("/products/", {"page": "99"})) == ["Espresso One", "Espresso Trio"]
    assert cards(client.get("/products/", {"page": "nope"})) == ["Burr Mill", "Espresso Duo"]


def test_the_catalogue_filters_by_category(client, site_pages, elements):
    machines = ProductCategoryFactory(name="Coffee machines", slug="coffee-machines")
    grinders = ProductCategoryFactory(name="Grinders", slug="grinders")
    product_page(site_pages.catalogue["en"], "Espresso Duo", category=machines)
    product_page(site_pages.catalogue["en"], "Burr Mill", category=grinders)

    response = client.get("/products/?category=grinders")

    page = response.content.decode()
    assert "Burr Mill" in page
    assert "Espresso Duo" not in page
    chosen = elements(page, "a", href="/products/?category=grinders", aria_current="page")
    assert [text for _attrs, text in chosen] == ["Grinders"]


def test_the_catalogue_with_an_empty_category_says_so(client, site_pages):
    response = client.get("/products/?category=nothing-here")

    assert response.status_code == 200
    assert "No products in this category yet." in response.content.decode()


def test_a_product_page_renders_its_name_tagline_description_and_images(
    client, site_pages, elements
):
    machines = ProductCategoryFactory(name="Coffee machines", slug="coffee-machines")
    product_page(
        site_pages.catalogue["en"],
        "Espresso Duo",
        tagline="Two cups at once",
        description="<p>A compact machine with <b>two</b> spouts.</p>",
        category=machines,
        images=[wagtail_image("Front view"), wagtail_image("Side view", colour="navy")],
    )

    response = client.get("/products/espresso-duo/")

    page = response.content.decode()
    assert response.status_code == 200
    assert headings(elements, page) == ["Espresso Duo"]
    assert "Two cups at once" in page
    assert "A compact machine with <b>two</b> spouts." in page
    assert "Coffee machines" in page
    assert len(elements(page, "img", alt="Espresso Duo")) == 2
    assert "Products" in [text for _attrs, text in elements(page, "a", href="/products/")]


def test_a_content_page_renders_its_intro_and_body(client, site_pages, elements):
    content_page(
        site_pages.home["en"],
        "FAQ",
        intro="Answers to common questions.",
        body=[
            ("heading", "Delivery"),
            ("paragraph", "<p>We deliver within three days.</p>"),
            ("callout", {"title": "Good to know", "text": "<p>Returns are free.</p>"}),
        ],
    )

    response = client.get("/faq/")

    page = response.content.decode()
    assert response.status_code == 200
    assert headings(elements, page) == ["FAQ"]
    assert "Answers to common questions." in page
    assert "We deliver within three days." in page
    assert "Good to know" in page
    assert "Returns are free." in page


def test_a_content_page_lists_its_live_children(client, site_pages, elements):
    about = content_page(site_pages.home["en"], "About")
    content_page(about, "Our history")

    page = client.get("/about/").content.decode()

    assert elements(page, "a", href="/about/our-history/")


def test_the_guidelines_page_shows_its_version(client, site_pages, elements):
    guidelines = site_pages.guidelines["en"]
    guidelines.version = "2025-3"
    guidelines.save_revision().publish()

    response = client.get("/guidelines/")

    page = response.content.decode()
    assert response.status_code == 200
    assert headings(elements, page) == ["Community guidelines"]
    assert "Version 2025-3" in page


def test_the_team_page_renders(client, site_pages, elements):
    response = client.get("/team/")

    assert response.status_code == 200
    assert headings(elements, response.content) == ["Meet the team"]


def test_the_team_page_without_staff_says_so(client, site_pages):
    response = client.get("/team/")

    assert "The team has not introduced itself yet." in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/products/", "/team/", "/guidelines/", "/fr/", "/fr/products/", "/fr/team/"]
)
def test_entry_pages_exist_in_both_languages(client, site_pages, path):
    assert client.get(path).status_code == 200


def test_a_missing_page_gets_the_sites_404_in_english(client, site_pages, elements):
    response = client.get("/nope/")

    page = response.content.decode()
    assert response.status_code == 404
    assert elements(page, "html")[0][0]["lang"] == "en"
    assert_in_site_layout(elements, page)
    assert "This page does not exist, or no longer does." in page
    home_links = [text for _attrs, text in elements(page, "a", href="/")]
    assert "Go to the community home" in home_links


def test_a_missing_page_gets_the_sites_404_in_french(client, site_pages, elements):
    response = client.get("/fr/nope/")

    page = response.content.decode()
    with translation.override("fr"):
        go_home = gettext("Go to the community home")
    assert response.status_code == 404
    assert elements(page, "html")[0][0]["lang"] == "fr"
    assert_in_site_layout(elements, page)
    assert go_home in [text for _attrs, text in elements(page, "a", href="/fr/")]
    assert "This page does not exist, or no longer does." not in page


def test_a_missing_product_is_a_404_in_the_sites_style(client, site_pages, elements):
    response = client.get("/products/no-such-product/")

    assert response.status_code == 404
    assert_in_site_layout(elements, response.content)


def test_the_500_page_stands_alone_in_the_sites_style():
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "/static/css/site.css" in html
    assert "{%" not in html
