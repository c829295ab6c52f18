"""Once someone else has answered, the asker no longer deletes the question (their answers would
go with it): the page says why, and offers to close it or to ask the moderators to remove it.
The request lands in the moderation queue, where a moderator deletes the question at the
author's request; moderators can still delete it themselves."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from community.models import CommunitySettings, ModerationReason, QueueItem, Report, Suspension
from community.moderation import services as moderation
from community.questions import services
from community.reports import removal_request_create, report_create
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "author",
    "suspended_member",
    "staff",
    "moderator",
    "product_team_member",
]
REASON = "It has my order number in it by mistake."


@pytest.fixture
def suspended_member(question, answer, asker, moderator):
    """The asker, suspended after asking: they keep reading but no longer write."""
    Suspension.objects.create(
        member=asker, until="2999-01-01T00:00:00Z", reason="Insults.", suspended_by=moderator
    )
    return asker


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def acting(request, client, role, asker):
    actor = {"visitor": None, "author": asker}.get(role, "fixture")
    if actor == "fixture":
        actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)
    return client, actor


def removal_requests(question):
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(question),
        object_id=question.pk,
        reason=Report.Reason.AUTHOR_REQUEST,
    )


def test_asking_for_the_removal_of_an_answered_question_is_the_askers(
    acting, role, question, answer
):
    client, actor = acting

    response = client.post(f"/questions/{question.pk}/request-removal/", {"text": REASON})

    if role == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif role == "author":
        assert response.status_code == 302
        assert response["Location"] == question.get_absolute_url()
    else:
        assert response.status_code == 403
    assert list(removal_requests(question).values_list("reporter", "text")) == (
        [(actor.pk, REASON)] if role == "author" else []
    )


def test_deleting_a_question_someone_else_answered_is_for_moderators_only(
    acting, role, question, answer
):
    client, actor = acting

    response = client.post(f"/questions/{question.pk}/delete/")

    question.refresh_from_db()
    assert question.is_deleted == (role == "moderator")
    if role == "visitor":
        assert response["Location"].startswith("/accounts/login/")
    elif role != "moderator":
        assert response.status_code == 403


def test_the_asker_still_deletes_a_question_only_they_answered(client, question, asker):
    services.answer_create(asker, question, body="Found it myself: every month.")
    client.force_login(asker)

    response = client.post(f"/questions/{question.pk}/delete/")

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_deleted and question.deleted_by_author


def test_an_answer_held_for_moderation_counts_as_someone_elses(client, question, asker):
    answer = services.answer_create(MemberFactory(), question, body="Try citric acid.")
    type(answer).objects.filter(pk=answer.pk).update(moderation_state="held")
    client.force_login(asker)

    assert client.post(f"/questions/{question.pk}/delete/").status_code == 403


def test_the_page_tells_the_asker_why_there_is_no_delete_and_what_they_can_do(
    client, question, answer, asker, elements
):
    client.force_login(asker)

    html = client.get(question.get_absolute_url()).content.decode()

    assert not elements(html, "a", href=f"/questions/{question.pk}/delete/")
    [(_attrs, why)] = elements(html, "p", class_="question__why-not-delete")
    assert why == (
        "Others have answered your question, so you can no longer delete it: their answers "
        "would go with it. You can close it as answered, or ask the moderators to remove it."
    )
    assert elements(html, "a", href=f"/questions/{question.pk}/request-removal/")


def test_the_page_says_when_the_asker_has_asked_already(client, question, answer, asker, elements):
    client.force_login(asker)
    client.post(f"/questions/{question.pk}/request-removal/", {"text": REASON})

    html = client.get(question.get_absolute_url()).content.decode()

    assert not elements(html, "a", href=f"/questions/{question.pk}/request-removal/")
    assert [text for _a, text in elements(html, "li", class_="qa-actions__done")] == [
        "You asked the moderators to remove it"
    ]
    again = client.post(f"/questions/{question.pk}/request-removal/", {"text": "Again."})
    assert again.status_code == 302
    assert removal_requests(question).count() == 1


def test_an_unanswered_question_offers_delete_and_no_removal_request(
    client, question, asker, elements
):
    client.force_login(asker)

    html = client.get(question.get_absolute_url()).content.decode()

    assert elements(html, "a", href=f"/questions/{question.pk}/delete/")
    assert not elements(html, "p", class_="question__why-not-delete")
    assert client.get(f"/questions/{question.pk}/request-removal/").status_code == 403


@pytest.mark.parametrize("text", ["", "   "])
def test_a_request_without_a_reason_is_refused_with_a_message(
    client, question, answer, asker, elements, text
):
    client.force_login(asker)

    response = client.post(f"/questions/{question.pk}/request-removal/", {"text": text})

    assert response.status_code == 400
    errors = [error for _a, error in elements(response.content, "p", class_="field__error")]
    assert errors == ["Please tell the moderators why it should be removed."]
    assert not removal_requests(question).exists()


def test_a_request_too_long_keeps_what_was_typed(client, question, answer, asker, elements):
    client.force_login(asker)
    text = "x" * 2001

    response = client.post(f"/questions/{question.pk}/request-removal/", {"text": text})

    assert response.status_code == 400
    [(_attrs, typed)] = elements(response.content, "textarea", name="text")
    assert typed == text
    assert not removal_requests(question).exists()


def test_the_request_lands_in_the_queue_and_never_holds_the_question(
    client, question, answer, asker, member
):
    """Every member is trusted here and one report holds: the asker's request does not, where
    a member's report then does."""
    community = CommunitySettings.load()
    community.reports_to_hold = 1
    community.trusted_after_contributions = 0
    community.save()
    client.force_login(asker)

    client.post(f"/questions/{question.pk}/request-removal/", {"text": REASON})

    question.refresh_from_db()
    assert question.moderation_state == "published"
    item = QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(question), object_id=question.pk
    )
    assert item.cause == QueueItem.Cause.REPORTED and item.closed_at is None
    report_create(member, question, reason="spam")
    question.refresh_from_db()
    assert question.moderation_state == "held"


def test_a_moderator_deletes_it_at_the_authors_request(question, answer, asker, moderator):
    removal_request_create(asker, question, text=REASON)

    moderation.decide(
        moderator,
        question,
        action="delete",
        reason="Removed as the asker asked: it held their order number.",
        reason_code=ModerationReason.AUTHOR_REQUEST,
    )

    question.refresh_from_db()
    assert question.is_deleted and not question.deleted_by_author


def test_the_authors_request_is_no_reason_to_hide_or_for_others_to_report(
    client, question, answer, asker, moderator, member, elements
):
    with pytest.raises(ValidationError):
        moderation.decide(
            moderator,
            question,
            action="hide",
            reason="Hidden as the asker asked for it.",
            reason_code=ModerationReason.AUTHOR_REQUEST,
        )
    client.force_login(member)
    form = client.get(f"/questions/{question.pk}/report/").content.decode()
    assert not elements(form, "input", value="author_request")
    response = client.post(f"/questions/{question.pk}/report/", {"reason": "author_request"})
    assert response.status_code == 200
    assert not Report.objects.exists()
