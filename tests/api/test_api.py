"""The read API: tokens (missing, wrong, revoked, expired), read-only, public content only and
never an e-mail address, the ideas list's filters, stable cursor pagination, a rate limit per
token, JSON errors with a message, and a fixed number of queries per page."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community.api.tokens import token_revoke
from community.models import ApiToken
from community.models.api import token_hash
from ideas import services as idea_services
from ideas.models import Idea, Importance
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    api_token,
    idea_status,
    product_page,
    proposed_idea,
    site_admin,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/ideas/",
    "/api/v1/votes/",
    "/api/v1/statuses/",
    "/api/v1/tags/",
    "/api/v1/segments/",
    "/api/v1/products/",
    "/api/v1/reviews/",
    "/api/v1/questions/",
]


def error_of(response):
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


# Tokens


@pytest.mark.parametrize("path", LISTS)
def test_without_a_token_the_api_answers_401_and_says_how_to_send_one(client, path):
    response = client.get(path)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    error = error_of(response)
    assert error["code"] == "not_authenticated"
    assert "Authorization: Bearer <token>" in error["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cmt_abcdefghij_not-the-right-secret",
        "Bearer something-else",
        "Bearer",
        "Bearer two words",
        "Token cmt_abcdefghij_x",
    ],
)
def test_a_wrong_token_is_refused_with_a_message(client, token_pair, header):
    response = client.get("/api/v1/ideas/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert error_of(response)["message"]


def test_a_token_is_stored_hashed_and_found_by_its_prefix(token_pair):
    stored, secret = token_pair

    assert secret.startswith(f"cmt_{stored.prefix}_")
    assert stored.token_hash == token_hash(secret)
    assert secret not in {str(value) for value in ApiToken.objects.values().get().values()}


def test_a_revoked_token_is_refused(client, token_pair, api, content):
    stored, secret = token_pair
    assert api("/api/v1/ideas/").status_code == 200

    token_revoke(site_admin(), stored)

    response = client.get("/api/v1/ideas/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert "was revoked on" in error_of(response)["message"]


def test_an_expired_token_is_refused(client, db):
    _stored, secret = api_token(expires_at=timezone.now() + timedelta(days=1))
    assert client.get("/api/v1/tags/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        response = client.get("/api/v1/tags/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert "expired on" in error_of(response)["message"]


def test_using_a_token_is_noted_at_most_once_a_minute(api, token_pair):
    stored, _secret = token_pair
    api("/api/v1/tags/")
    stored.refresh_from_db()
    first = stored.last_used_at
    assert first is not None

    api("/api/v1/tags/")
    stored.refresh_from_db()
    assert stored.last_used_at == first


# Read-only


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/ideas/", "/api/v1/ideas/{pk}/", "/api/v1/tags/"])
def test_a_token_cannot_write(client, token, content, method, path):
    path = path.format(pk=content["idea"].pk)
    before = Idea.objects.count()

    response = getattr(client, method)(
        path,
        data=json.dumps({"title": "Hacked"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 405
    error = error_of(response)
    assert error["message"].startswith("The API only reads:")
    assert Idea.objects.count() == before
    assert Idea.objects.get(pk=content["idea"].pk).title == "Schedule the machine"


# Public content only, never an e-mail address


def test_only_public_content_is_served(api, content):
    ideas = {row["id"] for row in api("/api/v1/ideas/").json()["results"]}
    assert ideas == {content["idea"].pk}
    assert api(f"/api/v1/ideas/{content['deleted_idea'].pk}/").status_code == 404

    reviews = {row["id"] for row in api("/api/v1/reviews/").json()["results"]}
    assert reviews == {content["review"].pk}
    assert api(f"/api/v1/reviews/{content['hidden_review'].pk}/").status_code == 404

    questions = {row["id"] for row in api("/api/v1/questions/").json()["results"]}
    assert questions == {content["question"].pk}
    response = api(f"/api/v1/questions/{content['deleted_question'].pk}/")
    assert response.status_code == 404
    assert error_of(response)["message"].startswith("Nothing public has this address.")


def test_a_product_behind_a_view_restriction_is_not_served(api, product, site_pages):
    prototype = product_page(site_pages.catalogue["en"], "Secret Prototype")
    PageViewRestriction.objects.create(page=prototype, restriction_type=PageViewRestriction.LOGIN)

    products = {row["id"] for row in api("/api/v1/products/").json()["results"]}

    assert products == {product.pk}
    assert api(f"/api/v1/products/{prototype.pk}/").status_code == 404


def test_e_mail_addresses_never_appear(api, content):
    for path in LISTS:
        response = api(path)
        assert response.status_code == 200
        assert "@example.com" not in response.content.decode(), path
    detail = api(f"/api/v1/ideas/{content['idea'].pk}/")
    assert "@example.com" not in detail.content.decode()


def test_an_idea_says_what_the_site_says(api, content, product):
    idea = content["idea"]

    row = api(f"/api/v1/ideas/{idea.pk}/").json()

    assert row["url"] == f"http://testserver{idea.get_absolute_url()}"
    assert row["title"] == "Schedule the machine"
    assert row["description"] == "Early coffee."
    assert row["description_markdown"] == "**Early** coffee."
    assert row["status"] == {"slug": "new", "name": "New", "kind": "open"}
    assert row["product"]["id"] == product.pk and row["product"]["title"] == "Espresso One"
    assert [tag["slug"] for tag in row["tags"]] == ["automation"]
    assert row["votes"] == 2
    assert row["votes_by_importance"] == {"essential": 1, "important": 1, "nice_to_have": 0}
    assert row["author"] == {
        "name": "Ines Idea",
        "profile_url": f"http://testserver{idea.author.get_absolute_url()}",
        "is_staff": False,
        "role": "",
    }
    assert row["merged_into"] is None


def test_a_vote_gives_the_voters_public_name_and_segment(api, content):
    rows = api("/api/v1/votes/", {"idea": content["idea"].pk}).json()["results"]

    by_name = {row["voter"]["name"]: row for row in rows}
    assert set(by_name) == {"Ines Idea", "Vera Voter"}
    assert by_name["Vera Voter"]["importance"] == "essential"
    assert by_name["Vera Voter"]["voter"]["segment"] == "business"
    assert by_name["Ines Idea"]["voter"]["segment"] is None


def test_a_solved_question_points_to_its_solution(api, content):
    question = content["question"]
    question.refresh_from_db()

    row = api(f"/api/v1/questions/{question.pk}/").json()

    assert row["status"] == "solved"
    assert row["solution"]["answer"] == question.solution_id


def test_names_follow_the_accept_language_header(api, content):
    response = api(f"/api/v1/ideas/{content['idea'].pk}/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["status"]["name"] == idea_status("new").name_fr


# Filters


@pytest.fixture
def filtered(product, content):
    mobile = IdeaTagFactory(slug="mobile", name_en="Mobile")
    old = proposed_idea(MemberFactory(), title="An old idea", body="Old.", product=product)
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    tagged = proposed_idea(MemberFactory(), title="A mobile idea", body="Phone.", tags=[mobile])
    planned = proposed_idea(MemberFactory(), title="A planned idea", body="Soon.")
    Idea.objects.filter(pk=planned.pk).update(status=idea_status("planned"))
    return {"old": old, "tagged": tagged, "planned": planned}


def titles(api, **query):
    response = api("/api/v1/ideas/", query)
    assert response.status_code == 200, response.content
    return sorted(row["title"] for row in response.json()["results"])


def test_ideas_are_filtered_like_the_ideas_list(client, api, filtered, product):
    assert titles(api, status="planned") == ["A planned idea"]
    assert titles(api, tag="mobile") == ["A mobile idea"]
    assert titles(api, product=product.pk) == ["An old idea", "Schedule the machine"]
    long_ago = (timezone.localdate() - timedelta(days=300)).isoformat()
    assert titles(api, until=long_ago) == ["An old idea"]
    assert "An old idea" not in titles(api, since=long_ago)
    for query in ({"status": "planned"}, {"tag": "mobile"}, {"product": product.pk}):
        listed = client.get("/ideas/", query).context["page_obj"].object_list
        assert titles(api, **query) == sorted(idea.title for idea in listed)


@pytest.mark.parametrize(
    ("path", "query", "parameter", "message"),
    [
        ("/api/v1/ideas/", {"status": "nope"}, "status", "No status has the slug “nope”."),
        ("/api/v1/ideas/", {"product": "x"}, "product", "No product in the catalogue"),
        ("/api/v1/ideas/", {"since": "2025-13-01"}, "since", "Enter a date"),
        ("/api/v1/ideas/", {"since": "2025-03-01", "until": "2025-01-01"}, "until", "before"),
        ("/api/v1/votes/", {"idea": "abc"}, "idea", "Give an idea's number"),
        ("/api/v1/reviews/", {"rating": "6"}, "rating", "from 1 to 5"),
        ("/api/v1/questions/", {"status": "lost"}, "status", "open, solved"),
        ("/api/v1/questions/", {"topic": "nowhere"}, "topic", "No topic has this slug."),
        # Numbers beyond 64 bits: SQLite raised OverflowError for these (found by schemathesis).
        ("/api/v1/questions/", {"product": "-59329488838246555648"}, "product", "No product"),
        ("/api/v1/reviews/", {"product": str(2**70)}, "product", "No product in the catalogue"),
        ("/api/v1/ideas/", {"product": str(2**64)}, "product", "No product in the catalogue"),
        ("/api/v1/votes/", {"idea": str(2**64)}, "idea", "less than or equal"),
    ],
)
def test_a_filter_that_is_not_valid_is_refused_with_its_reason(
    api, content, path, query, parameter, message
):
    response = api(path, query)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert message in error["details"][parameter][0]


def test_reviews_and_questions_are_filtered_too(api, content, product):
    ReviewFactory(product=product, rating=2, title="Meh")
    QuestionFactory(product=product, topic=None, title="Where is the product manual?")

    assert [r["title"] for r in api("/api/v1/reviews/", {"rating": 2}).json()["results"]] == ["Meh"]
    solved = api("/api/v1/questions/", {"status": "solved"}).json()["results"]
    assert [question["title"] for question in solved] == ["How do I descale it?"]
    about = api("/api/v1/questions/", {"product": product.pk}).json()["results"]
    assert [question["title"] for question in about] == ["Where is the product manual?"]


# Pagination


def test_pages_stay_stable_while_ideas_are_added(api, db):
    author = MemberFactory()
    first_ideas = [proposed_idea(author, title=f"Idea {n}", body="Text.") for n in range(7)]

    first = api("/api/v1/ideas/", {"page_size": 3}).json()
    seen = [row["id"] for row in first["results"]]
    for number in range(5):
        proposed_idea(author, title=f"New idea {number}", body="Text.")
    next_url = first["next"]
    while next_url:
        page = api(next_url.removeprefix("http://testserver")).json()
        seen += [row["id"] for row in page["results"]]
        next_url = page["next"]

    assert seen == sorted((idea.pk for idea in first_ideas), reverse=True)


def test_a_cursor_that_is_not_valid_says_so(api, db):
    response = api("/api/v1/ideas/", {"cursor": "not-a-cursor"})

    assert response.status_code == 404
    assert "This cursor is not valid" in error_of(response)["message"]


# Rate limit


def test_a_token_beyond_its_rate_gets_429_with_a_clear_message(client, db):
    _stored, secret = api_token(rate_per_minute=3)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    _other, other_secret = api_token(rate_per_minute=3)

    with time_machine.travel(timezone.now(), tick=False) as clock:
        statuses = [client.get("/api/v1/tags/", **headers).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/v1/tags/", **headers)
        assert response.status_code == 429
        assert int(response["Retry-After"]) == 60
        error = error_of(response)
        assert error["code"] == "throttled"
        assert error["message"] == (
            "Too many requests for this token: at most 3 a minute. Try again in 60 seconds."
        )
        # Another token has its own count.
        other = client.get("/api/v1/tags/", HTTP_AUTHORIZATION=f"Bearer {other_secret}")
        assert other.status_code == 200

        clock.shift(timedelta(seconds=61))
        assert client.get("/api/v1/tags/", **headers).status_code == 200


# Addresses, schema and documentation


def test_the_api_address_leads_to_the_versioned_api_and_unknown_ones_answer_json(client):
    response = client.get("/api/")
    assert response.status_code == 302 and response["Location"] == "/api/v1/"

    root = client.get("/api/v1/").json()
    assert root["documentation"] == "http://testserver/api/v1/docs/"
    assert root["endpoints"]["idea"] == "http://testserver/api/v1/ideas/"

    missing = client.get("/api/v1/nothing-here/")
    assert missing.status_code == 404
    assert "The documentation lists them" in missing.json()["error"]["message"]


def test_the_api_is_not_sent_to_a_french_address(client):
    response = client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200


def test_the_schema_is_served_and_valid(client):
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert set(schema["paths"]) == {
        "/api/v1/ideas/",
        "/api/v1/ideas/{id}/",
        "/api/v1/votes/",
        "/api/v1/votes/{id}/",
        "/api/v1/statuses/",
        "/api/v1/statuses/{slug}/",
        "/api/v1/tags/",
        "/api/v1/tags/{slug}/",
        "/api/v1/segments/",
        "/api/v1/segments/{slug}/",
        "/api/v1/products/",
        "/api/v1/products/{id}/",
        "/api/v1/reviews/",
        "/api/v1/reviews/{id}/",
        "/api/v1/questions/",
        "/api/v1/questions/{id}/",
        # The test settings install the tips app (tests/tips), which adds its endpoint.
        "/api/v1/tips/",
        "/api/v1/tips/{id}/",
    }
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    ideas = schema["paths"]["/api/v1/ideas/"]["get"]
    assert {p["name"] for p in ideas["parameters"]} >= {"status", "product", "tag", "since"}
    assert set(ideas["responses"]) == {"200", "400", "401", "404", "405", "429"}


def test_the_documentation_page_runs_on_the_sites_own_files_under_its_csp(client):
    from django.contrib.staticfiles import finders

    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html and "<style>" not in html
    for asset in (
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "css/api.css",
    ):
        assert f"/static/{asset}" in html
        assert finders.find(asset), asset
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script["Content-Type"] == "application/javascript"
    assert b"/api/v1/schema/" in script.content


# Queries


def add_content(product, count):
    tag = IdeaTagFactory()
    voters = MemberFactory.create_batch(2)
    for number in range(count):
        idea = proposed_idea(
            MemberFactory(), title=f"Idea {number}", body="Text.", product=product, tags=[tag]
        )
        for voter in voters:
            idea_services.idea_vote(voter, idea, importance=Importance.NICE)
        ReviewFactory(product=product)
        QuestionFactory(product=product, topic=None)


@pytest.mark.parametrize("path", LISTS)
def test_a_page_costs_the_same_queries_with_3_and_with_30_rows(api, product, staff, path):
    add_content(product, 3)
    small = queries_for(api, path)
    add_content(product, 27)
    large = queries_for(api, path)

    assert large == small
