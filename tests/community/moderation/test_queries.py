"""The queue and the transparency page cost the same number of queries with few or many items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import reports
from community.moderation import services
from community.questions import services as questions
from ideas.services import comment_create
from tests.factories import MemberFactory, ReviewFactory

pytestmark = pytest.mark.django_db

REASON = "Insults another member by name."


def fill(question, idea, product, moderator, size):
    """`size` reported answers, comments and reviews, half of them decided."""
    for number in range(size):
        writer = MemberFactory()
        answer = questions.answer_create(writer, question, body=f"Answer {number}")
        comment = comment_create(writer, idea, body=f"Comment {number}")
        review = ReviewFactory(product=product, author=writer)
        for content in (answer, comment, review):
            reports.report_create(MemberFactory(), content, reason="abuse", text="Rude.")
        reports.report_create(MemberFactory(), writer, reason="spam")
        if number % 2:
            services.decide(moderator, answer, action="hide", reason=REASON, reason_code="abuse")


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["moderation_queue", "moderation_audit_log"])
def test_admin_pages_cost_the_same_with_more_items(
    login, moderator, question, idea, product, url_name
):
    client = login(moderator)
    fill(question, idea, product, moderator, 2)
    url = reverse(url_name)
    client.get(url)
    few = count(client, url)

    fill(question, idea, product, moderator, 8)
    many = count(client, url)

    assert many == few


def test_the_transparency_page_costs_the_same_with_more_data(
    client, moderator, question, idea, product
):
    fill(question, idea, product, moderator, 2)
    url = reverse("moderation:transparency")
    client.get(url)
    few = count(client, url)

    fill(question, idea, product, moderator, 8)
    many = count(client, url)

    assert many == few


def test_a_thread_with_moderated_answers_costs_the_same(client, moderator, question):
    def moderate(size):
        for number in range(size):
            answer = questions.answer_create(MemberFactory(), question, body=f"Answer {number}")
            services.decide(
                moderator,
                answer,
                action="edit",
                reason="Removed a link.",
                reason_code="spam",
                edits={"body": f"Answer {number} (edited)"},
            )
            hidden = questions.answer_create(MemberFactory(), question, body=f"Hidden {number}")
            services.decide(moderator, hidden, action="hide", reason=REASON, reason_code="abuse")

    moderate(2)
    url = question.get_absolute_url()
    client.get(url)
    few = count(client, url)
    moderate(6)
    assert count(client, url) == few


def test_an_item_page_costs_the_same_with_more_reports(login, moderator, answer):
    client = login(moderator)
    for _number in range(2):
        reports.report_create(MemberFactory(), answer, reason="abuse")
    from community.models import QueueItem

    url = reverse("moderation_item", args=[QueueItem.objects.get().pk])
    client.get(url)
    few = count(client, url)
    for _number in range(8):
        reports.report_create(MemberFactory(), answer, reason="spam")
    assert count(client, url) == few
