"""Two languages: English unprefixed, French under /fr/, hreflang twins, and a first visit that
follows the member's choice, then the browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from tests.factories import MemberFactory, product_page

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def twins(page):
    """{language: address} of the page's hreflang links."""
    return {
        code: href.removeprefix("http://testserver")
        for code, href in re.findall(
            r'<link(?=[^>]*rel="alternate")[^>]*hreflang="([^"]+)"[^>]*href="([^"]+)"', page
        )
    }


def switch_to(elements, page, code):
    """Where the language switcher's link for `code` sends its reader (its `next`)."""
    links = [
        attrs
        for attrs, _text in elements(page, "a", hreflang=code, lang=code)
        if attrs["href"].startswith("/i18n/setlang/")
    ]
    assert links, f"no switcher link for {code}"
    query = parse_qs(urlsplit(links[0]["href"]).query)
    assert query["language"] == [code]
    return query["next"][0]


def lang_of(page):
    return re.search(r'<html[^>]*\blang="([^"]+)"', page).group(1)


def test_french_pages_are_in_french(client, site_pages):
    response = client.get("/fr/")

    page = response.content.decode()
    assert lang_of(page) == "fr"
    assert "Communauté" in page
    assert "Demandez, évaluez, proposez" in page


def test_english_pages_are_in_english(client, site_pages):
    page = client.get("/").content.decode()

    assert lang_of(page) == "en"
    assert "Ask, review, propose" in page


@pytest.mark.parametrize(
    ("path", "english", "french"),
    [
        ("/", "/", "/fr/"),
        ("/fr/", "/", "/fr/"),
        ("/products/", "/products/", "/fr/products/"),
        ("/fr/team/", "/team/", "/fr/team/"),
        ("/accounts/login/", "/accounts/login/", "/fr/accounts/login/"),
    ],
)
def test_pages_link_to_their_twin_in_each_language(client, site_pages, path, english, french):
    page = client.get(path).content.decode()

    assert twins(page) == {"en": english, "fr": french}


def test_a_member_page_links_to_its_french_twin(client, site_pages, member):
    page = client.get("/members/camille-martin/").content.decode()

    assert twins(page) == {"en": "/members/camille-martin/", "fr": "/fr/members/camille-martin/"}


def test_a_translated_page_links_to_its_translations_own_address(client, site_pages, elements):
    from wagtail.models import Locale

    english = product_page(site_pages.catalogue["en"], "Espresso Duo")
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Duo Espresso"
    french.slug = "duo-espresso"
    french.save_revision().publish()

    page = client.get("/products/espresso-duo/").content.decode()

    assert twins(page) == {"en": "/products/espresso-duo/", "fr": "/fr/products/duo-espresso/"}
    assert switch_to(elements, page, "fr") == "/fr/products/duo-espresso/"


def test_a_page_without_a_french_translation_offers_no_french_twin(client, site_pages):
    product_page(site_pages.catalogue["en"], "English Only")

    page = client.get("/products/english-only/").content.decode()

    assert twins(page) == {"en": "/products/english-only/"}


def test_a_french_browser_is_sent_to_french_on_the_first_visit(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert response.cookies[COOKIE].value == "fr"
    assert client.get(response["Location"]).status_code == 200


def test_the_first_visit_redirect_keeps_the_path_and_query(client, site_pages):
    response = client.get("/products/?category=grinders", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Location"] == "/fr/products/?category=grinders"


def test_after_the_first_visit_the_address_decides(client, site_pages):
    client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    response = client.get("/products/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert lang_of(response.content.decode()) == "en"


def test_a_language_cookie_for_english_stops_the_redirect(client, site_pages):
    client.cookies[COOKIE] = "en"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert lang_of(response.content.decode()) == "en"


def test_an_english_browser_is_not_redirected(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200


def test_a_member_who_prefers_french_is_sent_to_french_on_the_first_visit(client, site_pages):
    member = MemberFactory(preferred_language="fr")
    client.force_login(member)

    response = client.get("/team/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/team/"
    assert response.cookies[COOKIE].value == "fr"


def test_the_members_choice_comes_before_the_browser(client, site_pages, member):
    client.force_login(member)

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert member.preferred_language == "en"
    assert response.status_code == 200


def test_forms_are_never_redirected_to_another_language(client, site_pages):
    response = client.post("/accounts/login/", {}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/health/", "/admin/login/"])
def test_technical_addresses_are_not_redirected(client, site_pages, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")

    assert not response.get("Location", "").startswith("/fr/")


def test_the_language_switcher_sets_the_cookie_and_goes_to_the_french_twin(client, site_pages):
    response = client.get("/i18n/setlang/?language=fr&next=/fr/products/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/products/"
    assert response.cookies[COOKIE].value == "fr"
    assert client.get(response["Location"]).status_code == 200


def test_the_language_switcher_goes_back_to_the_english_twin(client, site_pages):
    client.cookies[COOKIE] = "fr"

    response = client.get("/i18n/setlang/?language=en&next=/team/")

    assert response["Location"] == "/team/"
    assert response.cookies[COOKIE].value == "en"


def test_the_switcher_follows_a_translated_slug(client, site_pages):
    from wagtail.models import Locale

    english = product_page(site_pages.catalogue["en"], "Espresso Duo")
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.slug = "duo-espresso"
    french.save_revision().publish()

    response = client.get("/i18n/setlang/?language=fr&next=/fr/products/duo-espresso/")

    assert response["Location"] == "/fr/products/duo-espresso/"
    assert client.get(response["Location"]).status_code == 200


def test_a_form_posted_to_the_switcher_still_translates_an_address_in_the_other_language(
    client, site_pages
):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/team/"})

    assert response["Location"] == "/fr/team/"
    assert response.cookies[COOKIE].value == "fr"


def test_a_french_browser_that_follows_the_english_link_stays_in_english(
    client, site_pages, elements
):
    french = client.get("/fr/team/", HTTP_ACCEPT_LANGUAGE="fr")
    link = [
        attrs["href"]
        for attrs, _text in elements(french.content.decode(), "a", hreflang="en")
        if attrs["href"].startswith("/i18n/setlang/")
    ][0]

    switched = client.get(link, HTTP_ACCEPT_LANGUAGE="fr", follow=True)
    later = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert switched.redirect_chain == [("/team/", 302)]
    assert lang_of(switched.content.decode()) == "en"
    assert later.status_code == 200
    assert lang_of(later.content.decode()) == "en"


def test_the_switcher_ignores_a_language_the_site_does_not_have(client, site_pages):
    response = client.get("/i18n/setlang/?language=xx&next=/team/")

    assert response["Location"] == "/team/"
    assert COOKIE not in response.cookies


def test_the_switcher_offers_the_other_language(client, site_pages, elements):
    english = client.get("/team/").content.decode()
    french = client.get("/fr/team/").content.decode()

    assert switch_to(elements, english, "fr") == "/fr/team/"
    assert switch_to(elements, french, "en") == "/team/"


def test_the_switcher_refuses_to_send_people_to_another_site(client, site_pages):
    response = client.get("/i18n/setlang/?language=fr&next=https://evil.example.com/")

    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]
