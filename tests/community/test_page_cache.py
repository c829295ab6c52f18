"""The page cache: visitors get stored pages (never a member's), and a change to content shows on
the very next visitor's request.

The generation changes after commit, as in production: these tests run on-commit callbacks when
the code's own transaction ends (`commits_as_in_production`), and change content the way the site
does: services called outside any request (as background tasks and commands do),
`QuerySet.update()` and the site's own forms.
"""

import os
import socket
import threading
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from community import page_cache, page_scopes
from community.moderation import services as moderation
from community.questions.models import Answer, Question
from community.questions.services import answer_create, question_ask
from ideas import services as ideas
from reviews.services import review_create
from search.engines import DatabaseEngine
from search.services import rebuild
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    QuestionFactory,
    idea_status,
    proposed_idea,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_as_in_production")]


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


def redis_reachable():
    address = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings, page_cache_on, worker_id):
    """The cache on Redis, as in production (REDIS_URL, or database 9 of a local Redis), with a
    database of its own for each test process: clearing it must not empty another's."""
    if not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    worker = int(worker_id[2:]) if worker_id.startswith("gw") else 0
    address = urlsplit(REDIS_URL)
    database = int(address.path.strip("/") or 0) + worker % 6
    location = address._replace(path=f"/{database}").geturl()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    cache.clear()
    yield
    cache.clear()


def visit(path, **extra):
    """A new visitor, with no cookie at all, reads `path`."""
    response = Client().get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response


def served_from_cache(path):
    return visit(path)["X-Page-Cache"] == "hit"


def cached(path):
    """Visit `path` until it is stored (first visit), and check the next one is served from it."""
    first = visit(path)
    assert first["X-Page-Cache"] == "miss"
    second = visit(path)
    assert second["X-Page-Cache"] == "hit"
    return second


def text(response):
    return response.content.decode()


# --- What is cached, and for whom ------------------------------------------------------------


def test_a_visitors_second_request_is_served_from_the_cache_without_a_query(
    page_cache_on, site_pages
):
    assert visit("/")["X-Page-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        response = visit("/")

    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
    assert "<h1>" in text(response)


def test_signed_in_members_are_never_served_the_visitors_copy(page_cache_on, site_pages, member):
    cached("/")
    client = Client()
    client.force_login(member)

    response = client.get("/")

    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    assert "Camille Martin" in text(response)
    assert "Camille Martin" not in text(visit("/"))


def test_the_page_is_the_same_one_the_view_renders(page_cache_on, site_pages):
    fresh = visit("/")
    stored = visit("/")

    assert stored["X-Page-Cache"] == "hit"
    assert stored["Content-Type"] == fresh["Content-Type"]
    assert stored.content == fresh.content


def test_a_visitor_served_a_cached_page_gets_no_cookie_and_no_csrf_token(page_cache_on, site_pages):
    first = Client(enforce_csrf_checks=True)
    first.get("/")
    second = Client(enforce_csrf_checks=True)

    response = second.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert not first.cookies
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in text(response)


def test_a_visitor_with_a_csrf_cookie_already_keeps_it(page_cache_on, site_pages):
    visitor = Client()
    visitor.get("/accounts/login/")
    secret = visitor.cookies["csrftoken"].value
    visitor.get("/questions/")

    response = visitor.get("/questions/")

    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies
    assert visitor.cookies["csrftoken"].value == secret


def test_another_language_gets_its_own_entry(page_cache_on, site_pages):
    cached("/")
    french = visit("/fr/")
    assert french["X-Page-Cache"] == "miss"
    assert 'lang="fr"' in text(french)

    again = visit("/fr/")
    assert again["X-Page-Cache"] == "hit"
    assert 'lang="fr"' in text(again)
    english = visit("/")
    assert english["X-Page-Cache"] == "hit"
    assert '<html lang="en"' in text(english)


def test_the_query_string_is_part_of_the_address(page_cache_on, site_pages):
    cached("/questions/")
    assert visit("/questions/?sort=newest")["X-Page-Cache"] == "miss"


def test_members_requests_with_a_session_or_messages_are_not_served_from_the_cache(
    page_cache_on, site_pages
):
    cached("/")
    session = SessionStore()
    session.create()

    with_session = Client(HTTP_COOKIE=f"sessionid={session.session_key}").get("/")
    with_messages = Client(HTTP_COOKIE="messages=anything").get("/")
    with_token = Client().get("/", HTTP_AUTHORIZATION="Bearer abc")

    for response in (with_session, with_messages, with_token):
        assert response.get("X-Page-Cache") is None


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/fr/accounts/login/", "/admin/", "/api/v1/", "/health/"]
)
def test_private_and_technical_addresses_are_never_cached(page_cache_on, site_pages, path):
    Client().get(path)
    assert Client().get(path).get("X-Page-Cache") is None


# The middleware's own rules, with views that do what no page of the site does yet.


def through_the_middleware(view, path="/somewhere/"):
    middleware = page_cache.PageCacheMiddleware(view)
    responses = [middleware(RequestFactory().get(path)) for _ in range(2)]
    return [response["X-Page-Cache"] for response in responses]


def test_a_response_that_sets_a_cookie_is_not_cached(page_cache_on, db):
    def view(request):
        response = HttpResponse("Hello")
        response.set_cookie("seen", "1")
        return response

    assert through_the_middleware(view) == ["miss", "miss"]


@pytest.mark.parametrize("cache_control", ["private", "no-cache", "no-store", "max-age=0"])
def test_a_response_marked_private_or_not_to_be_stored_is_not_cached(
    page_cache_on, db, cache_control
):
    def view(request):
        response = HttpResponse("Hello")
        response["Cache-Control"] = cache_control
        return response

    assert through_the_middleware(view) == ["miss", "miss"]


def test_a_response_that_starts_a_session_or_queues_a_message_is_not_cached(page_cache_on, db):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    def starts_session(request):
        request.session = SessionStore()
        request.session["cart"] = 1
        return HttpResponse("Hello")

    def queues_message(request):
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        messages.info(request, "Welcome")
        return HttpResponse("Hello")

    assert through_the_middleware(starts_session, "/a/") == ["miss", "miss"]
    assert through_the_middleware(queues_message, "/b/") == ["miss", "miss"]


def test_only_successful_pages_are_cached(page_cache_on, db):
    def not_found(request):
        return HttpResponse("Gone", status=404)

    assert through_the_middleware(not_found) == ["miss", "miss"]


def test_a_plain_response_is_cached_by_the_middleware(page_cache_on, db):
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("Hello")

    assert through_the_middleware(view) == ["miss", "hit"]
    assert len(calls) == 1


def test_the_cache_is_off_when_page_cache_seconds_is_zero(settings, site_pages):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get("/")
    assert Client().get("/").get("X-Page-Cache") is None


# --- A page that runs out is rendered again by one request -----------------------------------


class Versions:
    """A view that renders "version 1", "version 2"… and, during the render numbered
    `meanwhile`, has another visitor ask for the same page (on a thread of their own, as on a
    busy site): the render goes on once that visitor was served or waits for it."""

    def __init__(self, monkeypatch, meanwhile=None, failing=()):
        self.middleware = page_cache.PageCacheMiddleware(self)
        self.renders = 0
        self.meanwhile = meanwhile
        self.failing = failing
        self.served_meanwhile = []
        self.other_visitor = None
        self.other_arrived = threading.Event()
        awaited_page = page_cache.awaited_page

        def waits_for_the_render(key):
            self.other_arrived.set()
            return awaited_page(key)

        monkeypatch.setattr(page_cache, "awaited_page", waits_for_the_render)

    def __call__(self, request):
        self.renders += 1
        number = self.renders
        if number == self.meanwhile:
            self.other_visitor = threading.Thread(target=self.visit_meanwhile)
            self.other_visitor.start()
            assert self.other_arrived.wait(5)
        if number in self.failing:
            return HttpResponse("Something broke", status=500)
        return HttpResponse(f"version {number}")

    def visit(self):
        response = self.middleware(RequestFactory().get("/somewhere/"))
        return response["X-Page-Cache"], response.content.decode()

    def visit_meanwhile(self):
        self.served_meanwhile.append(self.visit())
        self.other_arrived.set()

    def what_the_other_visitor_got(self):
        self.other_visitor.join(10)
        return self.served_meanwhile


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-23 12:00", tick=False) as traveller:
        yield traveller


def test_a_page_is_rendered_again_when_its_time_is_up(page_cache_on, db, clock, monkeypatch):
    view = Versions(monkeypatch)
    assert view.visit() == ("miss", "version 1")
    clock.shift(59)
    assert view.visit() == ("hit", "version 1")
    clock.shift(2)
    assert view.visit() == ("miss", "version 2")
    assert view.visit() == ("hit", "version 2")
    assert view.renders == 2


def test_visitors_who_arrive_during_that_render_get_the_page_it_replaces(
    page_cache_on, db, clock, monkeypatch
):
    view = Versions(monkeypatch, meanwhile=2)
    view.visit()
    clock.shift(61)

    refill = view.visit()

    assert view.what_the_other_visitor_got() == [("stale", "version 1")]
    assert refill == ("miss", "version 2")
    assert view.visit() == ("hit", "version 2")
    assert view.renders == 2


def test_visitors_who_arrive_while_a_page_is_first_rendered_wait_for_that_render(
    page_cache_on, db, monkeypatch
):
    view = Versions(monkeypatch, meanwhile=1)

    first = view.visit()

    assert first == ("miss", "version 1")
    assert view.what_the_other_visitor_got() == [("hit", "version 1")]
    assert view.renders == 1


def test_a_render_that_fails_lets_the_visitors_who_waited_render_the_page(
    page_cache_on, db, monkeypatch
):
    view = Versions(monkeypatch, meanwhile=1, failing={1})

    assert view.visit() == ("miss", "Something broke")
    assert view.what_the_other_visitor_got() == [("miss", "version 2")]
    assert view.visit() == ("hit", "version 2")


def test_a_render_that_fails_lets_the_next_visitor_render_the_page(
    page_cache_on, db, clock, monkeypatch
):
    view = Versions(monkeypatch, failing={2})
    view.visit()
    clock.shift(61)

    assert view.visit() == ("miss", "Something broke")
    assert view.visit() == ("miss", "version 3")
    assert view.renders == 3


def test_a_page_whose_content_changed_is_never_served_while_it_is_rendered_again(
    page_cache_on, db, clock, monkeypatch
):
    view = Versions(monkeypatch, meanwhile=2)
    view.visit()
    clock.shift(61)
    page_scopes.forget_everything()

    view.visit()

    assert view.what_the_other_visitor_got() == [("hit", "version 2")]
    assert view.renders == 2


def test_a_stale_page_is_kept_only_for_a_while(page_cache_on, db, clock, monkeypatch):
    view = Versions(monkeypatch, meanwhile=2)
    view.visit()
    clock.shift(60 + page_cache.STALE_SECONDS + 1)

    view.visit()

    # Nothing stale left to serve: the visitor who arrived then waited for the new render.
    assert view.what_the_other_visitor_got() == [("hit", "version 2")]


# --- Cached pages change as soon as their content changes -------------------------------------


def test_home_shows_a_newly_published_introduction(page_cache_on, site_pages):
    cached("/")
    home = site_pages.home["en"].specific
    home.intro = "<p>Welcome to the brand-new community</p>"
    home.save_revision().publish()

    response = visit("/")

    assert response["X-Page-Cache"] == "miss"
    assert "brand-new community" in text(response)


def test_the_product_page_shows_a_new_review(page_cache_on, aurora, member):
    assert "Fabulous crema" not in text(cached(aurora.url))

    review_create(member, aurora, data={"rating": 5, "title": "Fabulous crema", "text": "Yes."})

    assert "Fabulous crema" in text(visit(aurora.url))


def test_the_ideas_list_shows_a_new_idea(page_cache_on, site_pages, author):
    cached("/ideas/")

    proposed_idea(author, title="Grind size presets")

    assert "Grind size presets" in text(visit("/ideas/"))


def test_an_idea_shows_a_new_vote(page_cache_on, site_pages, author, member):
    idea = proposed_idea(author, title="Grind size presets")
    assert "<strong>1</strong>" in text(cached(idea.get_absolute_url()))

    ideas.idea_vote(member, idea, importance=2)

    assert "<strong>2</strong>" in text(visit(idea.get_absolute_url()))


def test_an_idea_shows_a_vote_cast_through_the_site(page_cache_on, site_pages, author, member):
    idea = proposed_idea(author, title="Grind size presets")
    cached(idea.get_absolute_url())
    voter = Client()
    voter.force_login(member)

    assert voter.post(f"/ideas/{idea.pk}/vote/", {"importance": 2}).status_code == 302

    assert "<strong>2</strong>" in text(visit(idea.get_absolute_url()))


def test_the_roadmap_shows_an_idea_whose_status_changed(page_cache_on, site_pages, author, staff):
    idea = proposed_idea(author, title="Grind size presets")
    assert "Grind size presets" not in text(cached("/roadmap/"))

    ideas.idea_status_change(
        staff, idea, to_status=idea_status("planned"), note="Soon.", notify_people=False
    )

    assert "Grind size presets" in text(visit("/roadmap/"))


def test_a_question_shows_a_new_answer_and_loses_a_hidden_one(
    page_cache_on, site_pages, author, member, moderator
):
    question = QuestionFactory(author=author)
    answer_create(MemberFactory(), question, body="Run the descaling programme twice.")
    path = question.get_absolute_url()
    cached(path)

    answer = answer_create(member, question, body="Use citric acid, never vinegar.")
    assert "citric acid" in text(visit(path))

    moderation.decide(moderator, answer, action="hide", reason="Off topic.", reason_code="abuse")
    response = visit(path)

    assert "citric acid" not in text(response)
    assert "descaling programme" in text(response)


def test_the_questions_list_shows_a_new_question(page_cache_on, aurora, member):
    cached("/questions/")

    question_ask(member, title="Why does the Aurora hiss?", body="Since Monday.", product=aurora)

    assert "Why does the Aurora hiss?" in text(visit("/questions/"))


def test_a_search_finds_a_new_question(page_cache_on, aurora, member):
    rebuild(DatabaseEngine())
    path = "/search/?q=descale+manual"
    cached(path)

    question = question_ask(
        member, title="Where is the descale manual?", body="Lost it.", product=aurora
    )

    assert question.get_absolute_url() in text(visit(path))


def test_a_change_made_with_a_queryset_update_shows_at_once(page_cache_on, site_pages, author):
    question = QuestionFactory(author=author, title="Old title of the question")
    cached("/questions/")

    # As background tasks and commands do: no model signal is sent.
    Question.objects.filter(pk=question.pk).update(title="New title of the question")

    assert "New title of the question" in text(visit("/questions/"))


def test_a_change_kept_after_a_rolled_back_savepoint_still_shows(page_cache_on, site_pages, author):
    question = QuestionFactory(author=author, title="Old title of the question")
    cached("/questions/")

    with transaction.atomic():
        try:
            with transaction.atomic():
                Question.objects.filter(pk=question.pk).update(title="Rolled back title")
                raise RuntimeError
        except RuntimeError:
            pass
        Question.objects.filter(pk=question.pk).update(title="Committed title")

    response = visit("/questions/")
    assert "Committed title" in text(response)
    assert "Rolled back title" not in text(response)


def test_a_rolled_back_change_leaves_the_cached_pages(page_cache_on, site_pages, author):
    question = QuestionFactory(author=author)
    cached("/questions/")

    with pytest.raises(RuntimeError), transaction.atomic():
        Question.objects.filter(pk=question.pk).update(title="Never committed")
        raise RuntimeError

    assert served_from_cache("/questions/")


def test_bookkeeping_writes_leave_the_cached_pages(page_cache_on, site_pages, member):
    actor = MemberFactory()
    cached("/questions/")

    NotificationFactory(recipient=member, actor=actor, params={"name": "Someone"})
    SessionStore().create()

    assert served_from_cache("/questions/")


def test_a_write_request_that_writes_nothing_leaves_the_cached_pages(page_cache_on, site_pages):
    cached("/questions/")

    Client().post("/i18n/setlang/", {"language": "en"})

    assert served_from_cache("/questions/")


def test_a_page_is_kept_when_what_it_does_not_show_changes(page_cache_on, aurora, author, member):
    idea = proposed_idea(author, title="Grind size presets")
    cached(idea.get_absolute_url())
    cached("/questions/")

    question_ask(member, title="Why does the Aurora hiss?", body="Since Monday.", product=aurora)

    # The idea's page shows no question; the list of questions is rendered again.
    assert served_from_cache(idea.get_absolute_url())
    assert "Why does the Aurora hiss?" in text(visit("/questions/"))


def test_a_page_that_says_nothing_of_what_it_shows_depends_on_everything(
    page_cache_on, site_pages, author
):
    cached("/")

    proposed_idea(author, title="Grind size presets")

    assert not served_from_cache("/")


# --- On Redis, as in production ---------------------------------------------------------------


def test_on_redis_a_second_visitor_is_served_from_the_cache(redis_cache, site_pages):
    visit("/questions/")
    with CaptureQueriesContext(connection) as queries:
        response = visit("/questions/")

    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_on_redis_a_new_answer_shows_at_once(redis_cache, site_pages, author, member):
    question = QuestionFactory(author=author)
    path = question.get_absolute_url()
    cached(path)

    answer_create(member, question, body="Use citric acid, never vinegar.")

    assert "citric acid" in text(visit(path))
    assert Answer.objects.filter(question=question).count() == 1


def test_a_lost_generation_never_brings_back_old_pages(page_cache_on, site_pages, author):
    question = QuestionFactory(author=author, title="Old title of the question")
    cached("/questions/")

    Question.objects.filter(pk=question.pk).update(title="New title of the question")
    # The generation is evicted from the cache: the next one must be one no page is filed under.
    for scope in page_scopes.every_scope():
        cache.delete(page_scopes.GENERATION_KEY.format(scope=scope))

    assert "New title of the question" in text(visit("/questions/"))
