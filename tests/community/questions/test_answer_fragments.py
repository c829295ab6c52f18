"""Each answer's heading, byline and body are rendered once and shared by every reader
(community/questions/fragments.py): a page rendered again reuses them, and anything they show
that changes brings a fresh one."""

import re
from unittest import mock

import pytest

from community.moderation import services as moderation_services
from community.questions import fragments, services
from tests.factories import StaffCardFactory

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def renders():
    """The shared parts rendered (not taken from the cache) while the fixture is in use, with
    what each render gave in `outputs`."""
    render = fragments.render_shared
    outputs = []

    def recording(answer, context):
        html = render(answer, context)
        outputs.append(html)
        return html

    with mock.patch.object(fragments, "render_shared", side_effect=recording) as spy:
        spy.outputs = outputs
        yield spy


def page_of(client, question, prefix=""):
    response = client.get(f"{prefix}/questions/{question.pk}/{question.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def answers_section(html):
    """The answers of a page; CSRF tokens are masked afresh on every render."""
    section = html[html.index('<section class="answers"') :]
    return CSRF_TOKEN.sub("csrf", section[: section.index("</section>")])


def rendered_for(renders, answer):
    return [call.args[0].pk for call in renders.call_args_list].count(answer.pk)


def test_a_second_render_reuses_each_answers_shared_part(client, answer, renders):
    page_of(client, answer.question)
    assert rendered_for(renders, answer) == 1

    page_of(client, answer.question)

    assert rendered_for(renders, answer) == 1


def test_the_answers_read_the_same_with_the_fragments_warm_as_cold(client, asker, answer, renders):
    client.force_login(asker)
    cold = answers_section(page_of(client, answer.question))
    warm = answers_section(page_of(client, answer.question))

    assert renders.call_count == 1
    assert warm == cold
    assert "Every month with hard water." in warm


def test_the_asker_and_a_visitor_get_the_same_html_for_an_answer(client, asker, answer, renders):
    visitor_page = page_of(client, answer.question)
    client.force_login(asker)
    asker_page = page_of(client, answer.question)

    [shared] = renders.outputs
    assert "Every month with hard water." in shared
    assert shared in visitor_page
    assert shared in asker_page
    assert "Mark as the solution" in asker_page
    assert "Mark as the solution" not in visitor_page


def test_an_edited_answer_gets_a_fresh_fragment(client, answer, answerer, renders):
    page_of(client, answer.question)
    services.answer_edit(answerer, answer, body="Every two months with soft water.")

    html = page_of(client, answer.question)

    assert rendered_for(renders, answer) == 2
    assert "Every two months with soft water." in html
    assert "Every month with hard water." not in html


def test_a_moderated_answer_gets_a_fresh_fragment(client, answer, moderator, renders):
    page_of(client, answer.question)
    moderation_services.decide(
        moderator,
        answer,
        action="edit",
        reason="Removed a phone number.",
        reason_code="personal_data",
        edits={"body": "Every month with hard water. [removed]"},
    )

    html = page_of(client, answer.question)

    assert rendered_for(renders, answer) == 2
    assert "[removed]" in html
    assert "Removed a phone number." in html


def test_a_hidden_answer_shows_its_placeholder_and_no_kept_fragment(
    client, answer, moderator, renders
):
    page_of(client, answer.question)
    moderation_services.decide(
        moderator, answer, action="hide", reason="Insults another member.", reason_code="abuse"
    )

    html = page_of(client, answer.question)

    assert "Hidden by a moderator" in html
    assert "Every month with hard water." not in html


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("display_name", "Olly Smith", "Olly Smith"),
        ("avatar", "avatars/2026/12/olly.png", "avatars/2026/12/olly.png"),
    ],
)
def test_a_change_to_the_authors_profile_gets_a_fresh_fragment(
    client, answer, answerer, renders, field, value, shown
):
    page_of(client, answer.question)
    setattr(answerer, field, value)
    answerer.save()

    html = page_of(client, answer.question)

    assert rendered_for(renders, answer) == 2
    assert shown in html


def test_signing_in_keeps_the_authors_fragments(client, answer, answerer, renders):
    page_of(client, answer.question)
    client.force_login(answerer)
    client.logout()

    page_of(client, answer.question)

    assert rendered_for(renders, answer) == 1


def test_a_change_to_the_authors_staff_card_or_team_gets_a_fresh_fragment(
    client, question, renders
):
    card = StaffCardFactory(real_name="Amélie Durand", member__display_name="Amélie")
    answer = services.answer_create(card.member, question, body="Descale every two months.")
    assert "Amélie Durand" in page_of(client, question)
    card.real_name = "Amélie Durand-Roux"
    card.save()
    assert "Amélie Durand-Roux" in page_of(client, question)
    card.team.name_en = "Customer care"
    card.team.save()

    html = page_of(client, question)

    assert rendered_for(renders, answer) == 3
    assert "Customer care" in html


def test_each_language_has_its_own_fragment(client, answer, renders):
    page_of(client, answer.question)

    html = page_of(client, answer.question, prefix="/fr")

    assert rendered_for(renders, answer) == 2
    assert "Réponse de Oliver Smith" in html


def test_staff_see_the_member_page_link_in_a_fragment_of_their_own(client, answer, staff, renders):
    page_of(client, answer.question)
    client.force_login(staff)

    html = page_of(client, answer.question)

    assert rendered_for(renders, answer) == 2
    assert "Member page for staff" in html


def test_the_byline_date_reads_the_same_whenever_it_is_rendered(client, answer):
    html = page_of(client, answer.question)

    assert re.search(
        r'<time class="byline__date" datetime="[^"]+" title="[^"]+" data-relative', html
    )
    assert "just now" not in answers_section(html)
