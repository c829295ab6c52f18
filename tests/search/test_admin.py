"""The admin's "Search" page: the engine answering searches and, for Elasticsearch, whether it
answers and how many documents it holds. For site admins only."""

import pytest

from community.roles import Role
from tests.factories import MemberFactory, QuestionFactory, totp_authenticator

pytestmark = pytest.mark.django_db

URL = "/admin/search-status/"


@pytest.fixture
def site_admin(db):
    admin = MemberFactory(display_name="Sam Admin", roles=[Role.SITE_ADMIN])
    totp_authenticator(admin)
    return admin


def figure(elements, html, name):
    [(_attrs, text)] = elements(html, "dd", data_figure=name)
    return text


def test_on_the_database_the_page_says_so_and_counts_the_documents(
    login, site_admin, products, reindex, elements
):
    QuestionFactory(title="A question")
    reindex()

    html = login(site_admin).get(URL).content.decode()

    assert figure(elements, html, "engine") == "The database"
    assert figure(elements, html, "database-documents") == "3"
    assert figure(elements, html, "indexable") == "3"
    assert elements(html, "p", data_search_status="database")


def test_with_elasticsearch_the_page_shows_reachability_and_its_document_count(
    login, site_admin, products, elastic, elements
):
    elastic.documents = 41

    html = login(site_admin).get(URL).content.decode()

    assert figure(elements, html, "engine") == "Elasticsearch"
    assert figure(elements, html, "reachable").startswith("Yes")
    assert figure(elements, html, "elasticsearch-documents") == "41"
    assert "http://search.internal:9200" in html


def test_an_unreachable_cluster_is_shown_and_the_page_still_answers(
    login, site_admin, products, elastic, elements
):
    elastic.down = True

    html = login(site_admin).get(URL).content.decode()

    assert figure(elements, html, "reachable") == "No"
    assert elements(html, "p", data_search_status="unreachable")


def test_an_index_never_built_says_how_to_build_it(login, site_admin, elastic, elements):
    elastic.alias_indices = None

    html = login(site_admin).get(URL).content.decode()

    assert elements(html, "p", data_search_status="missing")
    assert "manage.py search_index --rebuild" in html


def test_credentials_in_the_address_are_never_shown(login, site_admin, elastic, settings):
    settings.ELASTICSEARCH_URL = "https://indexer:s3cret@search.internal:9243/"

    html = login(site_admin).get(URL).content.decode()

    assert "s3cret" not in html and "indexer" not in html
    assert "https://search.internal:9243/" in html


@pytest.mark.parametrize("who", ["staff", "moderator", "product_team_member"])
def test_other_admin_users_are_refused(login, request, who):
    response = login(request.getfixturevalue(who)).get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_people_without_admin_access_are_sent_away(login, request, who):
    response = login(request.getfixturevalue(who)).get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_the_settings_menu_links_the_page_for_site_admins_only(login, site_admin, staff):
    assert URL.encode() in login(site_admin).get("/admin/").content
    assert URL.encode() not in login(staff).get("/admin/").content
