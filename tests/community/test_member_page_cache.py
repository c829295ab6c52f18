"""The page cache for members: ordinary members with no stake in a page share one copy of it, with
their own account menu, messages and CSRF token put back; everyone else gets their own page.

Like test_page_cache.py, these tests run on-commit callbacks when the code's transaction ends, as
in production (the generation changes after commit). Each test signs members in with their own
test client and checks what each of them sees.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community import follows, page_cache, reports
from community.protections import suspensions
from community.questions.services import (
    answer_create,
    answer_vote_set,
    question_ask,
    question_vote_set,
)
from ideas import services as ideas
from reviews.services import review_create, review_helpful_set
from search.engines import DatabaseEngine
from search.services import rebuild
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    idea_status,
    proposed_idea,
    totp_authenticator,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_as_in_production")]

HEADER = "X-Page-Cache"
CSRF_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


# --- Fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture
def alice(db):
    """An ordinary member with no stake in anything: she fills the shared copies."""
    return MemberFactory(display_name="Alice Firstreader")


@pytest.fixture
def bruno(db):
    """Another ordinary member with no stake in anything."""
    return MemberFactory(display_name="Bruno Secondreader")


@pytest.fixture
def chloe(db):
    """A third ordinary member with no stake, to read what the copy shows after a stakeholder."""
    return MemberFactory(display_name="Chloe Thirdreader")


@pytest.fixture
def question(aurora, author):
    """A question about the Aurora (asked through the service: the asker follows it)."""
    return question_ask(
        author,
        title="Why does the Aurora hiss?",
        body="Since Monday, at every shot.",
        product=aurora,
    )


@pytest.fixture
def answer(question):
    return answer_create(
        MemberFactory(display_name="Helpful Harriet"),
        question,
        body="Run the descaling programme twice.",
    )


@pytest.fixture
def idea(aurora, author):
    """An idea about the Aurora, proposed through the service (its author voted for it and
    follows it): on the product page too."""
    return proposed_idea(author, title="Grind size presets", product=aurora)


@pytest.fixture
def planned_idea(idea, staff):
    """The idea, planned: on the roadmap as well as in the ideas list."""
    ideas.idea_status_change(
        staff, idea, to_status=idea_status("planned"), note="Soon.", notify_people=False
    )
    return idea


@pytest.fixture
def review(aurora):
    return review_create(
        MemberFactory(display_name="Rita Reviewer"),
        aurora,
        data={"rating": 5, "title": "Fabulous crema", "text": "Every single morning."},
    )


@pytest.fixture
def every_page(aurora, question, answer, planned_idea, review):
    """Every page members share, with something on each: path by name."""
    rebuild(DatabaseEngine())
    return {
        "home": "/",
        "product": aurora.url,
        "ideas": "/ideas/",
        "idea": planned_idea.get_absolute_url(),
        "roadmap": "/roadmap/",
        "question": question.get_absolute_url(),
        "questions": "/questions/",
        "search": "/search/?q=hiss",
        "questions in French": "/fr/questions/",
    }


def signed_in(*members, **options):
    """A test client signed in as each member. Signing in writes the member's last login, which
    makes every stored page stale: sign everyone in before a copy is filled."""
    clients = []
    for member in members:
        client = Client(**options)
        client.force_login(member)
        clients.append(client)
    return clients[0] if len(clients) == 1 else clients


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def text(response):
    return response.content.decode()


def without_csrf_tokens(html):
    return CSRF_TOKEN.sub("<csrf-token>", html)


def same_headers(response):
    """The headers a served copy must share with a fresh render."""
    return {
        name: value
        for name, value in response.headers.items()
        if name not in (HEADER, "Content-Length", "X-Request-ID")
    }


def form_tokens(html):
    return FORM_TOKEN.findall(html)


def fill_copy(client, path):
    """A member with no stake is the first to read `path`: their page becomes the copy."""
    response = get(client, path)
    assert response[HEADER] == "miss", path
    return response


def own_page(client, path):
    """A member reads `path` and is not served the shared copy."""
    response = get(client, path)
    assert response.get(HEADER) != "hit", path
    return response


def shared_copy(client, path):
    response = get(client, path)
    assert response[HEADER] == "hit", path
    return response


# --- Ordinary members share one copy of each page ---------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "product",
        "ideas",
        "idea",
        "roadmap",
        "question",
        "questions",
        "search",
        "questions in French",
    ],
)
def test_a_second_member_is_served_the_copy_with_their_own_account_menu(
    page_cache_on, every_page, staff, alice, bruno, settings, name
):
    path = every_page[name]
    filler, reader = signed_in(alice, bruno)
    first = fill_copy(filler, path)
    assert "Alice Firstreader" in text(first)

    served = get(reader, path)

    assert served[HEADER] == "hit"
    assert "Bruno Secondreader" in text(served)
    assert "Alice Firstreader" not in text(served)
    # The same page the view renders for Bruno, but for the CSRF tokens.
    settings.PAGE_CACHE_SECONDS = 0
    fresh = get(reader, path)
    assert fresh.get(HEADER) is None
    assert without_csrf_tokens(text(served)) == without_csrf_tokens(text(fresh))
    assert same_headers(served) == same_headers(fresh)


def test_the_copy_carries_the_readers_own_csrf_token_and_it_works(
    page_cache_on, question, alice, bruno
):
    path = question.get_absolute_url()
    filler, reader = signed_in(alice, bruno, enforce_csrf_checks=True)
    fill_copy(filler, path)
    alices_secret = filler.cookies["csrftoken"].value

    served = get(reader, path)

    assert served[HEADER] == "hit"
    secret = reader.cookies["csrftoken"].value
    assert secret != alices_secret
    tokens = set(CSRF_TOKEN.findall(text(served)))
    # The language switcher, the follow button and the sign-out form, at least.
    assert len(form_tokens(text(served))) >= 3
    assert set(form_tokens(text(served))) <= tokens
    assert all(_unmask_cipher_token(token) == secret for token in tokens)
    switched = reader.post(
        "/i18n/setlang/", {"language": "fr", "csrfmiddlewaretoken": form_tokens(text(served))[0]}
    )
    assert switched.status_code == 302


# --- Members with a stake get their own page --------------------------------------------------


def assert_kept_to_themselves(path, stakeholder, shows_state, *, filler, other):
    """`filler` fills the copy; `stakeholder` gets a page of their own showing their state
    (`shows_state(html)` is true), and the copy another member is served does not show it."""
    stakeholder, filler, other = signed_in(stakeholder, filler, other)
    filled = fill_copy(filler, path)
    assert not shows_state(text(filled))

    own = own_page(stakeholder, path)

    assert shows_state(text(own))
    shared = shared_copy(other, path)
    assert not shows_state(text(shared))


def pressed(elements, class_name):
    return lambda html: any(
        attrs.get("aria-pressed") == "true"
        for attrs, _ in elements(html, "button", class_=class_name)
    )


def following(elements):
    return lambda html: bool(elements(html, "button", name="follow", value="0"))


def links_to(url):
    return lambda html: f'href="{url}"' in html


def says(words):
    return lambda html: words in html


def test_a_member_who_upvoted_an_answer_sees_their_vote(
    page_cache_on, question, answer, alice, chloe, elements
):
    voter = MemberFactory()
    answer_vote_set(voter, answer, on=True)

    assert_kept_to_themselves(
        question.get_absolute_url(), voter, pressed(elements, "upvote"), filler=alice, other=chloe
    )


def test_a_member_who_answered_sees_the_edit_link_of_their_answer(
    page_cache_on, question, answer, alice, chloe
):
    edit_url = reverse("questions:answer_edit", args=[answer.pk])

    assert_kept_to_themselves(
        question.get_absolute_url(), answer.author, links_to(edit_url), filler=alice, other=chloe
    )


def test_the_asker_can_mark_an_answer_as_the_solution(
    page_cache_on, question, answer, alice, chloe
):
    assert_kept_to_themselves(
        question.get_absolute_url(),
        question.author,
        says("Mark as the solution"),
        filler=alice,
        other=chloe,
    )


def test_a_member_who_reported_an_answer_sees_they_reported_it(
    page_cache_on, question, answer, alice, chloe
):
    reporter = MemberFactory()
    reports.report_create(reporter, answer, reason="abuse")

    assert_kept_to_themselves(
        question.get_absolute_url(),
        reporter,
        says("You reported this answer"),
        filler=alice,
        other=chloe,
    )


def test_a_member_who_follows_a_question_sees_they_follow_it(
    page_cache_on, question, answer, alice, chloe, elements
):
    follower = MemberFactory()
    follows.follow(follower, question)

    assert_kept_to_themselves(
        question.get_absolute_url(), follower, following(elements), filler=alice, other=chloe
    )


def test_a_member_who_has_the_same_question_sees_it_pressed(
    page_cache_on, question, answer, alice, chloe, elements
):
    same = MemberFactory()
    question_vote_set(same, question, on=True)

    assert_kept_to_themselves(
        question.get_absolute_url(),
        same,
        pressed(elements, "vote-button"),
        filler=alice,
        other=chloe,
    )


def test_a_member_who_voted_for_an_idea_sees_their_vote(page_cache_on, idea, alice, chloe):
    voter = MemberFactory()
    ideas.idea_vote(voter, idea, importance=2)

    assert_kept_to_themselves(
        idea.get_absolute_url(), voter, says("You voted"), filler=alice, other=chloe
    )


def test_a_member_who_commented_on_an_idea_sees_the_edit_link_of_their_comment(
    page_cache_on, idea, alice, chloe
):
    commenter = MemberFactory()
    comment = ideas.comment_create(commenter, idea, body="Three presets would be plenty.")
    edit_url = reverse("ideas:comment_edit", args=[comment.pk])

    assert_kept_to_themselves(
        idea.get_absolute_url(), commenter, links_to(edit_url), filler=alice, other=chloe
    )


def test_a_member_who_follows_an_idea_sees_they_follow_it(
    page_cache_on, idea, alice, chloe, elements
):
    follower = MemberFactory()
    ideas.idea_follow_set(follower, idea, on=True)

    assert_kept_to_themselves(
        idea.get_absolute_url(), follower, following(elements), filler=alice, other=chloe
    )


def test_a_member_who_reviewed_a_product_sees_their_review(
    page_cache_on, aurora, review, alice, chloe
):
    assert_kept_to_themselves(
        aurora.url, review.author, says("Your review"), filler=alice, other=chloe
    )


def test_a_member_who_found_a_review_helpful_sees_their_vote(
    page_cache_on, aurora, review, alice, chloe, elements
):
    voter = MemberFactory()
    review_helpful_set(voter, review, helpful=True)

    assert_kept_to_themselves(
        aurora.url, voter, pressed(elements, "helpful-button"), filler=alice, other=chloe
    )


@pytest.mark.parametrize("path", ["/ideas/", "/roadmap/"])
def test_a_list_is_shared_with_a_voter_who_sees_their_own_vote_marks(
    page_cache_on, site_pages, planned_idea, alice, chloe, path
):
    voter = MemberFactory()
    ideas.idea_vote(voter, planned_idea, importance=2)
    voter, filler, other = signed_in(voter, alice, chloe)
    assert "You voted" not in text(fill_copy(filler, path))

    served = shared_copy(voter, path)

    assert "You voted" in text(served)
    assert "You voted" not in text(shared_copy(other, path))


@pytest.mark.parametrize("where", ["ideas", "roadmap", "product"])
def test_voters_served_a_list_see_their_own_importance_as_the_view_renders_it(
    page_cache_on, settings, aurora, planned_idea, alice, where
):
    path = {"ideas": "/ideas/", "roadmap": "/roadmap/", "product": aurora.url}[where]
    modest, keen = MemberFactory(), MemberFactory()
    ideas.idea_vote(modest, planned_idea, importance=1)
    ideas.idea_vote(keen, planned_idea, importance=3)
    filler, modest, keen = signed_in(alice, modest, keen)
    fill_copy(filler, path)

    modests = shared_copy(modest, path)
    keens = shared_copy(keen, path)

    assert "You voted" in text(modests) and "You voted" in text(keens)
    if where != "roadmap":  # The roadmap's cards say "You voted" alone.
        assert "You voted: Nice to have" in text(modests)
        assert "Essential" not in text(modests)
        assert "You voted: Essential" in text(keens)
    settings.PAGE_CACHE_SECONDS = 0
    for client, served in ((modest, modests), (keen, keens)):
        fresh = get(client, path)
        assert without_csrf_tokens(text(served)) == without_csrf_tokens(text(fresh))


@pytest.mark.parametrize("path", ["/ideas/", "/roadmap/"])
def test_a_voter_who_fills_a_list_leaves_no_vote_mark_in_it(
    page_cache_on, planned_idea, bruno, path
):
    voter = MemberFactory()
    ideas.idea_vote(voter, planned_idea, importance=3)
    voter, reader = signed_in(voter, bruno)

    assert "You voted" in text(fill_copy(voter, path))

    assert "You voted" not in text(shared_copy(reader, path))


def test_a_member_with_a_stake_who_reads_first_does_not_fill_the_copy(
    page_cache_on, question, answer, alice, bruno
):
    path = question.get_absolute_url()
    asker, filler, reader = signed_in(question.author, alice, bruno)

    first = get(asker, path)
    assert first.get(HEADER) is None
    assert "Mark as the solution" in text(first)

    filled = fill_copy(filler, path)
    served = shared_copy(reader, path)
    assert "Mark as the solution" not in text(filled) + text(served)


def test_each_member_served_the_copy_sees_their_own_unread_notifications(
    page_cache_on, question, answer, alice, bruno, chloe, elements
):
    for _ in range(3):
        NotificationFactory(recipient=alice, params={"name": "Someone"})
    NotificationFactory(recipient=bruno, params={"name": "Someone"})
    path = question.get_absolute_url()
    filler, reader, other = signed_in(alice, bruno, chloe)

    filled = fill_copy(filler, path)
    brunos = shared_copy(reader, path)
    chloes = shared_copy(other, path)

    def unread(response):
        return [found for _, found in elements(text(response), "span", data_testid="unread-count")]

    assert unread(filled) == ["3 unread"]
    assert unread(brunos) == ["1 unread"]
    assert unread(chloes) == []


# --- Members who see more never share ---------------------------------------------------------


@pytest.fixture
def superuser(db):
    member = MemberFactory(display_name="Sam Superuser", is_superuser=True)
    totp_authenticator(member)
    return member


@pytest.fixture
def suspended_member(db, moderator):
    member = MemberFactory(display_name="Sid Suspended")
    suspensions.suspend(
        moderator,
        member,
        until=timezone.now() + timedelta(days=3),
        reason="Spam, three times this week.",
    )
    return member


@pytest.mark.parametrize(
    "who",
    [
        "staff",
        "moderator",
        "product_team_member",
        "superuser",
        "unverified_member",
        "suspended_member",
    ],
)
def test_members_who_see_more_or_less_neither_fill_nor_get_the_copy(
    page_cache_on, request, question, answer, alice, bruno, who
):
    member = request.getfixturevalue(who)
    path = question.get_absolute_url()
    client, filler, reader = signed_in(member, alice, bruno)

    before = get(client, path)
    # Their page was not stored: the first ordinary member still fills the copy.
    filled = fill_copy(filler, path)
    after = get(client, path)

    assert before.get(HEADER) is None
    assert after.get(HEADER) is None
    assert member.display_name in text(after)
    assert "Alice Firstreader" not in text(after)
    assert member.display_name not in text(filled)
    assert shared_copy(reader, path)


def test_a_member_granted_a_permission_of_their_own_neither_fills_nor_gets_the_copy(
    page_cache_on, planned_idea, alice, bruno
):
    exporter = MemberFactory(display_name="Ezra Exporter")
    exporter.user_permissions.add(
        Permission.objects.get(content_type__app_label="ideas", codename="export_ideas")
    )
    exporter, reader = signed_in(exporter, bruno)
    export_url = reverse("ideas:export")

    own = get(exporter, "/ideas/")
    served = get(reader, "/ideas/")

    assert export_url in text(own)  # The permission shows on the list.
    assert export_url not in text(served)
    assert own.get(HEADER) is None


# --- Lists of one's own things ----------------------------------------------------------------


def test_my_questions_are_never_shared(page_cache_on, aurora, alice, bruno):
    question_ask(alice, title="Alice asks about milk", body="Foam.", product=aurora)
    question_ask(bruno, title="Bruno asks about beans", body="Roast.", product=aurora)
    path = "/questions/?mine=1"
    alices_client, brunos_client = signed_in(alice, bruno)

    alices = own_page(alices_client, path)
    brunos = own_page(brunos_client, path)

    assert "Alice asks about milk" in text(alices)
    assert "Bruno asks about beans" not in text(alices)
    assert "Bruno asks about beans" in text(brunos)
    assert "Alice asks about milk" not in text(brunos)
    assert alices.get(HEADER) is None and brunos.get(HEADER) is None


def test_my_ideas_are_never_shared(page_cache_on, site_pages, alice, bruno):
    proposed_idea(alice, title="Alice wants a milk timer")
    proposed_idea(bruno, title="Bruno wants a bean counter")
    path = "/ideas/?mine=1"
    alices_client, brunos_client = signed_in(alice, bruno)

    alices = own_page(alices_client, path)
    brunos = own_page(brunos_client, path)

    assert "Alice wants a milk timer" in text(alices)
    assert "Bruno wants a bean counter" not in text(alices)
    assert "Bruno wants a bean counter" in text(brunos)
    assert "Alice wants a milk timer" not in text(brunos)
    assert alices.get(HEADER) is None and brunos.get(HEADER) is None


def test_the_ideas_i_voted_for_are_never_shared(page_cache_on, site_pages, author, alice, bruno):
    milk = proposed_idea(author, title="A milk timer")
    beans = proposed_idea(author, title="A bean counter")
    ideas.idea_vote(alice, milk, importance=2)
    ideas.idea_vote(bruno, beans, importance=2)
    path = "/ideas/?voted=1"
    alices_client, brunos_client = signed_in(alice, bruno)

    alices = own_page(alices_client, path)
    brunos = own_page(brunos_client, path)

    assert "A milk timer" in text(alices)
    assert "A bean counter" not in text(alices)
    assert "A bean counter" in text(brunos)
    assert "A milk timer" not in text(brunos)
    assert alices.get(HEADER) is None and brunos.get(HEADER) is None


# --- Messages ---------------------------------------------------------------------------------


def test_a_member_gets_their_own_message_in_the_copy_and_nobody_else_does(
    page_cache_on, question, answer, alice, bruno, chloe
):
    path = question.get_absolute_url()
    follows.follow(bruno, question)
    reader, filler, other = signed_in(bruno, alice, chloe)
    # Bruno stops following (no stake left): a message waits for him on the question.
    redirected = reader.post(reverse("questions:follow", args=[question.pk]), {"follow": "0"})
    assert redirected.status_code == 302
    assert redirected["Location"] == path
    fill_copy(filler, path)

    served = get(reader, path)

    assert served[HEADER] == "hit"
    assert "You no longer follow this question." in text(served)
    assert "You no longer follow this question." not in text(shared_copy(other, path))
    # Shown once.
    again = get(reader, path)
    assert again[HEADER] == "hit"
    assert "You no longer follow this question." not in text(again)


def test_the_message_of_the_member_who_fills_the_copy_stays_theirs(
    page_cache_on, question, answer, alice, bruno
):
    path = question.get_absolute_url()
    follows.follow(alice, question)
    filler, reader = signed_in(alice, bruno)
    filler.post(reverse("questions:follow", args=[question.pk]), {"follow": "0"})

    filled = fill_copy(filler, path)

    assert "You no longer follow this question." in text(filled)
    served = shared_copy(reader, path)
    assert "You no longer follow this question." not in text(served)


# --- Changes and cost -------------------------------------------------------------------------


def test_a_new_answer_shows_to_the_next_member_at_once(
    page_cache_on, question, answer, alice, bruno
):
    path = question.get_absolute_url()
    filler, reader = signed_in(alice, bruno)
    fill_copy(filler, path)

    answer_create(MemberFactory(), question, body="Use citric acid, never vinegar.")
    response = get(reader, path)

    assert response[HEADER] == "miss"
    assert "citric acid" in text(response)


def test_while_a_copy_is_rendered_again_members_with_no_stake_get_the_one_it_replaces(
    page_cache_on, question, answer, alice, bruno, monkeypatch
):
    path = question.get_absolute_url()
    asker, filler, reader = signed_in(question.author, alice, bruno)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fill_copy(filler, path)
        clock.shift(61)
        # Another request is rendering the page again.
        monkeypatch.setattr(page_cache, "claims_refill", lambda key: False)

        served = get(reader, path)
        asked = get(asker, path)

        assert served[HEADER] == "stale"
        assert "Bruno Secondreader" in text(served)
        assert asked.get(HEADER) is None
        assert "Mark as the solution" in text(asked)

        monkeypatch.undo()
        assert get(reader, path)[HEADER] == "miss"
        assert "Alice Firstreader" in text(shared_copy(filler, path))


def test_members_who_waited_for_the_copy_get_it_unless_they_have_a_stake_in_it(
    page_cache_on, question, answer, alice, bruno, monkeypatch
):
    path = question.get_absolute_url()
    asker, filler, reader = signed_in(question.author, alice, bruno)
    fill_copy(filler, path)
    # As if each arrived while Alice's render ran: nothing stored yet, and they wait for it.
    current_copy = page_cache.current_copy
    monkeypatch.setattr(page_cache, "current_copy", lambda key: (None, current_copy(key)[1]))
    monkeypatch.setattr(page_cache, "claims_refill", lambda key: False)
    monkeypatch.setattr(page_cache, "awaited_page", lambda key: current_copy(key)[0])

    waited = get(reader, path)
    asked = get(asker, path)

    assert waited[HEADER] == "hit"
    assert "Bruno Secondreader" in text(waited)
    assert asked.get(HEADER) is None
    assert "Mark as the solution" in text(asked)


def test_a_member_served_the_copy_costs_a_few_queries(
    page_cache_on, question, answer, alice, bruno
):
    path = question.get_absolute_url()
    reader, filler = signed_in(bruno, alice)
    get(reader, "/")  # His CSRF cookie, as on any later page.
    fill_copy(filler, path)

    with CaptureQueriesContext(connection) as queries:
        response = get(reader, path)

    assert response[HEADER] == "hit"
    statements = [query["sql"] for query in queries.captured_queries]
    print(f"{len(statements)} queries for a member served the copy")
    assert len(statements) <= 8, "\n".join(statements)


def test_a_page_behind_a_view_restriction_is_never_shared(page_cache_on, aurora, alice, bruno):
    PageViewRestriction.objects.create(page=aurora, restriction_type=PageViewRestriction.LOGIN)
    filler, reader = signed_in(alice, bruno)

    first = get(filler, aurora.url)
    second = get(reader, aurora.url)

    assert first.get(HEADER) is None and second.get(HEADER) is None
    assert "Bruno Secondreader" in text(second)
