"""Questions and topics in the Wagtail admin: staff see every question with its state, owner and
waiting time and filter the list; site admins define the topics."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.questions import services
from community.questions.models import Topic
from community.roles import Role
from tests.factories import MemberFactory, QuestionFactory, totp_authenticator

pytestmark = pytest.mark.django_db

QUESTIONS = "/admin/question/"
TOPICS = "/admin/topic/"


@pytest.fixture
def site_admin(db):
    member = MemberFactory(display_name="Hélène Garnier", roles=[Role.SITE_ADMIN])
    totp_authenticator(member)
    return member


def listed_titles(elements, response):
    return {text for _attrs, text in elements(response.content, "a") if text.endswith("?")}


def test_staff_see_every_question_with_its_owner_and_state(
    client, elements, question, staff, topic
):
    services.ownership_take(staff, question)
    waiting = QuestionFactory(title="Is anyone there, please?", topic=topic)
    client.force_login(staff)

    response = client.get(QUESTIONS)

    assert response.status_code == 200
    assert listed_titles(elements, response) == {question.title, waiting.title}
    text = response.content.decode()
    assert "Amélie Durand" in text
    assert "Orders and delivery" in text
    assert f'href="{question.get_absolute_url()}"' in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=solved", {"Solved one here?"}),
        ("unanswered=true", {"Nobody answered this?", "Waiting for a person?"}),
        ("waiting_for_staff=true", {"Waiting for a person?"}),
        ("deleted=true", {"Deleted one here?"}),
    ],
)
def test_the_list_filters(client, elements, staff, topic, query, expected):
    solved = QuestionFactory(title="Solved one here?", topic=topic)
    services.solution_set(staff, services.answer_create(MemberFactory(), solved, body="Done"))
    QuestionFactory(title="Nobody answered this?", topic=topic)
    waiting = QuestionFactory(title="Waiting for a person?", topic=topic)
    services.staff_request(waiting.author, waiting)
    deleted = QuestionFactory(title="Deleted one here?", topic=topic)
    services.question_delete(deleted.author, deleted)
    client.force_login(staff)

    response = client.get(f"{QUESTIONS}?{query}")

    assert listed_titles(elements, response) == expected


def test_the_list_filters_by_owner(client, elements, staff, colleague, topic):
    mine = QuestionFactory(title="Mine to look after?", topic=topic)
    services.ownership_take(staff, mine)
    theirs = QuestionFactory(title="Theirs to look after?", topic=topic)
    services.ownership_take(colleague, theirs)
    client.force_login(staff)

    response = client.get(f"{QUESTIONS}?owner={staff.pk}")

    assert listed_titles(elements, response) == {mine.title}


def test_the_inspect_page_shows_the_question_and_links_to_it(client, question, staff):
    client.force_login(staff)

    response = client.get(f"{QUESTIONS}inspect/{question.pk}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert question.body in text
    assert f'href="{question.get_absolute_url()}"' in text


def test_questions_are_not_added_edited_or_deleted_in_the_admin(client, question, staff):
    client.force_login(staff)

    for path in (f"{QUESTIONS}new/", f"{QUESTIONS}edit/{question.pk}/"):
        assert client.get(path).status_code == 404
    assert client.post(f"{QUESTIONS}delete/{question.pk}/").status_code == 404


def test_the_list_costs_the_same_with_more_questions(client, staff, topic):
    client.force_login(staff)

    def queries():
        client.get(QUESTIONS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUESTIONS).status_code == 200
        return len(captured)

    for _ in range(3):
        services.ownership_take(staff, QuestionFactory(topic=topic))
    few = queries()
    for _ in range(30):
        services.ownership_take(staff, QuestionFactory(topic=topic))

    assert queries() == few


def test_members_and_the_product_team_do_not_see_the_questions_admin(
    client, member, product_team_member
):
    client.force_login(member)
    assert client.get(QUESTIONS).status_code == 302
    client.force_login(product_team_member)
    assert client.get(QUESTIONS).status_code == 302


def test_site_admins_define_topics_in_both_languages(client, site_admin):
    client.force_login(site_admin)

    response = client.post(
        f"{TOPICS}new/",
        {
            "name_en": "My account",
            "name_fr": "Mon compte",
            "slug": "my-account",
            "description_en": "Signing in and your data.",
            "description_fr": "Connexion et vos données.",
            "sort_order": "2",
        },
    )

    assert response.status_code == 302
    topic = Topic.objects.get(slug="my-account")
    assert (topic.name_en, topic.name_fr) == ("My account", "Mon compte")


def test_a_topic_with_questions_cannot_be_deleted(client, site_admin, topic):
    QuestionFactory(topic=topic)
    client.force_login(site_admin)

    response = client.post(f"{TOPICS}delete/{topic.pk}/", follow=True)

    assert Topic.objects.filter(pk=topic.pk).exists()
    assert "has 1 question, so it cannot be deleted" in response.content.decode()


def test_a_topic_without_questions_can_be_deleted(client, site_admin, topic):
    client.force_login(site_admin)

    client.post(f"{TOPICS}delete/{topic.pk}/")

    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_staff_do_not_edit_topics(client, staff, topic):
    client.force_login(staff)

    assert client.get(f"{TOPICS}edit/{topic.pk}/").status_code == 302
