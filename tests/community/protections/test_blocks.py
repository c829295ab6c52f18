"""Blocks: any member blocks another from their page, which stops that member's mentions and
notifications reaching them; the list of blocked members lets them unblock."""

import pytest

from community.models import Block, Notification
from community.notifications import notify
from community.protections import blocks
from community.questions import services as question_services
from community.roles import Role
from tests.factories import MemberFactory, QuestionFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


@pytest.fixture
def pest(db):
    return MemberFactory(display_name="Pat Pest")


# --- Permission matrix ------------------------------------------------------------------------

BLOCKERS = [
    ("visitor", False),
    ("unverified_member", True),
    ("member", True),
    ("staff", True),
    ("moderator", True),
    ("product_team_member", True),
    ("suspended_member", True),
]


@pytest.mark.parametrize(("role", "allowed"), BLOCKERS)
def test_members_block_other_members(request, client, pest, role, allowed):
    actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    response = client.post(f"/members/{pest.handle}/block/")

    assert Block.objects.filter(blocked=pest).exists() is allowed
    if not allowed:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_cannot_block_themself(client, member):
    client.force_login(member)

    response = client.post(f"/members/{member.handle}/block/")

    assert response.status_code == 403
    assert "You cannot block yourself." in text_of(response)
    assert not Block.objects.exists()


@pytest.mark.parametrize("role", ["staff", "moderator"])
def test_staff_and_moderators_cannot_be_blocked(request, client, member, role):
    target = request.getfixturevalue(role)
    client.force_login(member)

    response = client.post(f"/members/{target.handle}/block/")

    assert response.status_code == 403
    assert not Block.objects.exists()


def test_blocking_twice_keeps_one_block(member, pest):
    blocks.block(member, pest)
    blocks.block(member, pest)
    assert Block.objects.count() == 1


def test_blocking_needs_a_post(client, member, pest):
    client.force_login(member)
    assert client.get(f"/members/{pest.handle}/block/").status_code == 405


def test_blocking_an_unknown_member_is_not_found(client, member):
    client.force_login(member)
    assert client.post("/members/nobody-here/block/").status_code == 404


# --- What a block stops -----------------------------------------------------------------------


def test_a_blocked_member_s_mentions_no_longer_reach(member, pest, question):
    blocks.block(member, pest)

    question_services.answer_create(
        pest, question, body=f"@{member.handle} you are wrong about descaling, again."
    )

    assert not Notification.objects.filter(recipient=member).exists()


def test_mentions_reach_again_after_unblocking(member, pest, question):
    blocks.block(member, pest)
    blocks.unblock(member, pest)

    question_services.answer_create(pest, question, body=f"@{member.handle} what do you think?")

    assert Notification.objects.filter(recipient=member, kind="question_mention").exists()


def test_a_blocked_member_s_answers_do_not_notify_the_asker(asker, pest, question):
    blocks.block(asker, pest)

    question_services.answer_create(pest, question, body="Descale it yourself, it is easy.")
    question_services.answer_create(MemberFactory(), question, body="Every two months.")

    kinds = list(Notification.objects.filter(recipient=asker).values_list("actor", flat=True))
    assert pest.pk not in kinds
    assert len(kinds) == 1


def test_a_block_is_one_way(member, pest, question):
    blocks.block(member, pest)
    asked = QuestionFactory(author=pest)

    notify(pest, "question_mention", params={"name": "x", "title": asked.title}, actor=member)

    assert Notification.objects.filter(recipient=pest).exists()


def test_notifications_without_an_actor_still_reach(member, pest):
    blocks.block(member, pest)
    notify(member, "welcome", params={"name": member.display_name})
    assert Notification.objects.filter(recipient=member, kind="welcome").exists()


# --- The member page and the list of blocked members -------------------------------------------


def test_the_member_page_offers_to_block_and_then_to_unblock(client, member, pest):
    client.force_login(member)

    before = text_of(client.get(pest.get_absolute_url()))
    response = client.post(f"/members/{pest.handle}/block/")
    after = text_of(client.get(response["Location"]))

    assert "Block Pat Pest" in before
    assert "You blocked Pat Pest" in after
    assert "Unblock Pat Pest" in after


def test_no_block_button_on_one_s_own_page_nor_for_visitors(client, member):
    assert "Block " not in text_of(client.get(member.get_absolute_url()))
    client.force_login(member)
    assert f"/members/{member.handle}/block/" not in text_of(client.get(member.get_absolute_url()))


def test_the_list_of_blocked_members_unblocks(client, member, pest):
    blocks.block(member, pest)
    client.force_login(member)

    listing = client.get("/accounts/blocked/")
    response = client.post(f"/members/{pest.handle}/unblock/", {"next": "/accounts/blocked/"})
    after = client.get(response["Location"])

    assert "Pat Pest" in text_of(listing)
    assert response["Location"] == "/accounts/blocked/"
    assert not Block.objects.exists()
    assert "You unblocked Pat Pest" in text_of(after)
    assert "You have not blocked anyone." in text_of(after)


def test_unblock_sends_back_only_to_this_site(client, member, pest):
    blocks.block(member, pest)
    client.force_login(member)
    response = client.post(f"/members/{pest.handle}/unblock/", {"next": "https://evil.example/"})
    assert response["Location"] == pest.get_absolute_url()


def test_the_account_menu_links_to_the_blocked_members(client, member, site_pages):
    client.force_login(member)
    assert "/accounts/blocked/" in text_of(client.get("/"))


def test_the_list_is_for_members(client):
    assert client.get("/accounts/blocked/").status_code == 302


def test_the_list_of_blocked_members_costs_a_fixed_number_of_queries(client, member):
    client.force_login(member)
    blocks.block(member, MemberFactory())
    few = queries_for(client.get, "/accounts/blocked/")
    for _ in range(6):
        blocks.block(member, MemberFactory())
    assert queries_for(client.get, "/accounts/blocked/") == few


def test_the_member_page_costs_the_same_with_the_block_button(client, member, pest):
    client.force_login(member)
    unblocked = queries_for(client.get, pest.get_absolute_url())
    blocks.block(member, pest)
    assert queries_for(client.get, pest.get_absolute_url()) == unblocked


def test_site_admins_cannot_be_blocked_either(member):
    admin = MemberFactory(roles=[Role.SITE_ADMIN])
    with pytest.raises(Exception, match="not themselves, staff or moderators"):
        blocks.block(member, admin)
