"""Moderation on the site's pages: 404 for held and hidden content except for its author and
moderators, receipts with the moderator's name, placeholders in threads, the member report
page, appeals and the transparency page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import reports
from community.models import Appeal, Report
from community.moderation import services
from community.protections.suspensions import suspend
from tests.community.moderation.conftest import hold_new_members
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

REASON = "Insults another member by name."


def hide(moderator, content):
    services.decide(moderator, content, action="hide", reason=REASON, reason_code="abuse")


@pytest.mark.parametrize("kind", ["question", "idea"])
def test_a_hidden_page_is_404_for_others_and_shown_to_author_and_moderators(
    request, login, moderator, member, kind
):
    content = request.getfixturevalue(kind)
    hide(moderator, content)
    url = content.get_absolute_url()

    assert login(None).get(url).status_code == 404
    assert login(member).get(url).status_code == 404
    author_page = login(content.author).get(url)
    assert author_page.status_code == 200
    text = author_page.content.decode()
    assert "Hidden by Moderator Max" in text
    assert REASON in text
    assert reverse("moderation:appeal", args=[kind, content.pk]) in text
    assert login(moderator).get(url).status_code == 200


def test_a_held_question_shows_its_author_the_usual_wait(login, product):
    hold_new_members()
    from community.questions import services as questions

    asker = MemberFactory()
    question = questions.question_ask(
        asker, title="Is the grinder adjustable?", body="Details.", product=product
    )

    page = login(asker).get(question.get_absolute_url()).content.decode()
    assert "Waiting for a moderator." in page
    assert "A moderator usually decides within about 24 hours." in page
    assert 'name="robots" content="noindex"' in page
    # Nobody decided yet: the receipt says the site's rules held it, not a person.
    assert "Held automatically by the site's rules on" in page
    assert "Held by" not in page


def test_a_hidden_answer_shows_a_placeholder_to_others_and_the_receipt_to_its_author(
    login, moderator, member, question, answer
):
    hide(moderator, answer)

    others = login(member).get(question.get_absolute_url()).content.decode()
    assert "Every month with hard water." not in others
    assert "Hidden by a moderator" in others
    own = login(answer.author).get(question.get_absolute_url()).content.decode()
    assert "Every month with hard water." in own
    assert "Hidden by Moderator Max" in own
    assert REASON in own


def test_a_held_answer_is_not_in_the_thread_for_others(login, member, question):
    hold_new_members()
    from community.questions import services as questions

    writer = MemberFactory()
    questions.answer_create(writer, question, body="A brand new answer from a newcomer.")

    assert "brand new answer" not in login(member).get(question.get_absolute_url()).content.decode()
    assert "brand new answer" in login(writer).get(question.get_absolute_url()).content.decode()


def test_a_hidden_comment_shows_a_placeholder(login, moderator, member, idea, comment):
    hide(moderator, comment)

    page = login(member).get(idea.get_absolute_url()).content.decode()
    assert "weekday schedule" not in page
    assert "Hidden by a moderator" in page


def test_a_moderators_edit_is_signed_for_everyone(client, moderator, question, answer):
    services.decide(
        moderator,
        answer,
        action="edit",
        reason="Removed a phone number.",
        reason_code="personal_data",
        edits={"body": "Every month with hard water."},
    )

    page = client.get(question.get_absolute_url()).content.decode()
    assert "Edited by Moderator Max: Removed a phone number." in page


def test_a_hidden_review_shows_its_author_the_receipt(login, moderator, product, review):
    hide(moderator, review)

    own = login(review.author).get(product.url).content.decode()
    assert "Hidden by Moderator Max" in own
    assert REASON in own


def test_the_member_page_offers_a_report_link_to_other_members(login, member, author):
    url = reverse("moderation:member_report", args=[author.handle])

    assert url in login(member).get(author.get_absolute_url()).content.decode()
    assert url not in login(author).get(author.get_absolute_url()).content.decode()


def test_reporting_a_member_keeps_what_was_typed_when_the_reason_is_missing(login, member, author):
    url = reverse("moderation:member_report", args=[author.handle])

    response = login(member).post(url, {"text": "Keeps messaging me."})

    assert response.status_code == 200
    assert "Please choose a reason." in response.content.decode()
    assert "Keeps messaging me." in response.content.decode()
    assert not Report.objects.exists()


def test_reporting_a_member_twice_is_refused_kindly(login, member, author):
    url = reverse("moderation:member_report", args=[author.handle])
    client = login(member)
    client.post(url, {"reason": "abuse"})

    response = client.post(url, {"reason": "spam"}, follow=True)

    assert "You have already reported this." in response.content.decode()
    assert Report.objects.count() == 1


def test_the_author_appeals_from_the_page_and_sees_where_it_stands(
    login, moderator, other_moderator, answer
):
    hide(moderator, answer)
    url = reverse("moderation:appeal", args=["answer", answer.pk])
    client = login(answer.author)

    page = client.get(url).content.decode()
    assert "Moderator Max hid" in page
    assert REASON in page
    response = client.post(url, {"text": "A joke between friends, nobody was hurt."}, follow=True)
    assert "Your appeal is sent." in response.content.decode()
    assert Appeal.objects.count() == 1

    again = client.post(url, {"text": "Second try, please look again at it."})
    assert Appeal.objects.count() == 1
    assert "A moderator other than the one who decided" in again.content.decode()

    services.appeal_decide(
        other_moderator, Appeal.objects.get(), uphold=False, statement="An insult is an insult."
    )
    decided = client.get(url).content.decode()
    assert "Decided by Moderator Mia" in decided
    assert "An insult is an insult." in decided


def test_an_appeal_without_a_text_keeps_the_form(login, moderator, answer):
    hide(moderator, answer)

    response = login(answer.author).post(
        reverse("moderation:appeal", args=["answer", answer.pk]), {"text": "short"}
    )

    assert response.status_code == 200
    assert "at least 20 characters" in response.content.decode()
    assert not Appeal.objects.exists()


def test_nobody_else_can_open_an_appeal_page(login, moderator, member, answer):
    hide(moderator, answer)
    url = reverse("moderation:appeal", args=["answer", answer.pk])

    assert login(None).get(url).status_code == 302
    assert login(member).get(url).status_code == 404
    assert login(member).get(reverse("moderation:appeal", args=["nothing", 1])).status_code == 404


def test_a_suspended_member_appeals_from_the_page(login, moderator, member):
    suspension = suspend(
        moderator, member, until=timezone.now() + timedelta(days=3), reason="Repeated insults."
    )
    url = reverse("moderation:appeal", args=["suspension", suspension.pk])

    response = login(member).post(url, {"text": "I quoted others; I insulted nobody."}, follow=True)

    assert "Your appeal is sent." in response.content.decode()
    assert Appeal.objects.get().target == suspension


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_the_transparency_page_is_public_in_both_languages(client, prefix, moderator, answer):
    reports.report_create(MemberFactory(), answer, reason="abuse")
    hide(moderator, answer)

    response = client.get(f"{prefix}/transparency/")

    assert response.status_code == 200
    page = response.content.decode()
    month = timezone.localdate().strftime("%Y-%m")
    assert f'data-month="{month}"' in page
    assert "Insulting, hateful or harassing" in page or "haineux" in page


def test_the_footer_links_to_the_transparency_page(client, site_pages):
    assert reverse("moderation:transparency") in client.get("/questions/").content.decode()
