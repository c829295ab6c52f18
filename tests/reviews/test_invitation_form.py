"""The review form an invitation's link opens: for its buyer and this product only, without
signing anyone in; single use, expiring, refusing a tampered link; the buyer with no account
joining with a verified address; the community's holds said before sending and applied after;
bad input kept; and every role who follows someone else's link refused."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.utils import timezone

from community.models import CommunitySettings, Member, ModerationState, PrivacyChoices
from community.protections import suspensions
from reviews import invitations
from reviews.models import (
    Invitation,
    InvitationTally,
    Ownership,
    Review,
    ReviewInvitationSettings,
    ReviewOrigin,
)
from tests.factories import MemberFactory, ReviewFactory, order_of, product_page

pytestmark = pytest.mark.django_db

TYPED = {
    "rating": "2",
    "title": "Loud in the morning",
    "text": "The grinder wakes the whole house, but the coffee is good.",
    "pros": "",
    "cons": "",
}


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


def invited(product, *, email="buyer@example.com", **fields):
    """A sent invitation to review `product`, and the path of its link."""
    order = order_of([product], email=email, **fields)
    invitations.schedule(order)
    invitation = order.invitations.get()
    invitations.send_due(invitation.due_at)
    invitation.refresh_from_db()
    return invitation, f"/reviews/invited/{invitations.make_token(invitation)}/"


def signed_in_member(client):
    return client.session.get("_auth_user_id")


def test_the_link_opens_the_form_of_that_product_and_says_what_will_happen(
    client, product, elements
):
    invitation, link = invited(product)

    page = client.get(link)
    client.get(link)

    html = page.content.decode()
    assert page.status_code == 200
    month = invitation.order.purchased_on.strftime("%B %Y")
    assert f"You bought Espresso One in {month}. Tell other customers what you think." in html
    assert (
        "No reward is offered for reviews, and every review is published whatever its stars."
        in html
    )
    assert "Your review is published as soon as you send it." in html
    assert elements(html, "input", name="display_name")
    assert elements(html, "input", name="accept_guidelines")
    assert not elements(html, "input", name="show_owner_badge", checked="")
    invitation.refresh_from_db()
    assert invitation.opened_at is not None
    assert InvitationTally.objects.get(product=product).links_opened == 1


def test_a_buyer_without_an_account_joins_with_a_verified_address_and_writes_an_invited_review(
    client, product
):
    invitation, link = invited(product, language="fr")
    link = f"/fr{link}"

    response = client.post(
        link, {**TYPED, "display_name": "  Jo   Buyer ", "accept_guidelines": "on"}
    )

    buyer = Member.objects.get(email="buyer@example.com")
    review = Review.objects.get(author=buyer)
    assert response.status_code == 302
    assert response["Location"] == f"/products/espresso-one/#review-{review.pk}"
    assert (buyer.display_name, buyer.preferred_language) == ("Jo Buyer", "fr")
    assert buyer.guidelines_version and buyer.guidelines_accepted_at
    assert not buyer.has_usable_password()
    assert EmailAddress.objects.filter(
        user=buyer, email="buyer@example.com", verified=True, primary=True
    ).exists()
    assert (review.origin, review.rating, review.moderation_state) == (
        ReviewOrigin.INVITED,
        2,
        ModerationState.PUBLISHED,
    )
    assert Ownership.objects.get(member=buyer, product=product).source == Ownership.Source.ORDER
    assert not PrivacyChoices.objects.filter(member=buyer, show_owner_badge=True).exists()
    invitation.refresh_from_db()
    assert (invitation.status, invitation.review) == (Invitation.Status.REVIEWED, review)
    assert InvitationTally.objects.get(product=product).reviews_written == 1
    assert signed_in_member(client) is None
    followed = client.get(response["Location"]).content.decode()
    assert "Vous êtes désormais membre de la communauté." in followed
    assert "« Mot de passe oublié ? »" in followed


def test_the_link_is_single_use_and_a_double_submit_makes_one_review(client, product):
    _invitation, link = invited(product)
    sent = {**TYPED, "display_name": "Jo Buyer", "accept_guidelines": "on"}

    client.post(link, sent)
    again = client.post(link, sent)
    opened_again = client.get(link)

    assert Review.objects.count() == 1
    for response in (again, opened_again):
        assert response.status_code == 410
        html = response.content.decode()
        assert "This invitation was used already: your review is written." in html
        assert 'href="/products/espresso-one/#reviews"' in html


def test_the_link_expires_after_the_days_it_is_valid(client, product):
    invitation, link = invited(product)
    valid_days = ReviewInvitationSettings.load().link_valid_days

    with time_machine.travel(invitation.sent_at + timedelta(days=valid_days, minutes=1)):
        response = client.get(link)
        in_french = client.get(f"/fr{link}")

    assert response.status_code == 410
    assert "This invitation link has expired." in response.content.decode()
    assert in_french.status_code == 410
    assert "Ce lien d’invitation a expiré." in in_french.content.decode()


def test_a_tampered_link_is_refused_and_a_withdrawn_one_is_gone(client, product):
    invitation, link = invited(product)
    token = link.split("/")[-2]
    tampered = link.replace(token, token.replace(":", ":x", 1))

    refused = client.get(tampered)
    posted = client.post(tampered, {**TYPED, "display_name": "Jo", "accept_guidelines": "on"})
    invitation.order.delete()
    gone = client.get(link)

    assert (refused.status_code, posted.status_code, gone.status_code) == (400, 400, 404)
    assert "This invitation link is not valid." in refused.content.decode()
    assert "This invitation link is no longer valid." in gone.content.decode()
    assert not Review.objects.exists()
    assert not Member.objects.filter(email="buyer@example.com").exists()


def test_the_token_works_for_this_form_only_and_signs_nobody_in(client, product, member):
    invitation, link = invited(product, email=member.email, member=member)
    token = link.split("/")[-2]

    elsewhere = client.post(f"/reviews/invitations/unsubscribe/{token}/")
    write = client.get(f"/reviews/write/{product.pk}/?token={token}")
    client.get(link)
    account = client.get("/accounts/email/")

    assert elsewhere.status_code == 400
    assert not invitations.is_opted_out(member.email)
    assert write.status_code == 302 and write["Location"].startswith("/accounts/login/")
    assert account.status_code == 302 and account["Location"].startswith("/accounts/login/")
    assert signed_in_member(client) is None


def test_a_member_writes_as_themselves_and_becomes_a_verified_owner_by_the_order(
    client, product, member, elements
):
    PrivacyChoices.objects.create(member=member, show_owner_badge=False)
    _invitation, link = invited(product, email=member.email)

    page = client.get(link).content.decode()
    response = client.post(link, {**TYPED, "show_owner_badge": "on"})

    assert "You write as Camille Martin, the member this invitation was sent to." in page
    assert not elements(page, "input", name="display_name")
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.author, review.origin) == (member, ReviewOrigin.INVITED)
    assert Ownership.objects.get(member=member, product=product).source == Ownership.Source.ORDER
    assert PrivacyChoices.objects.get(member=member).show_owner_badge is True
    assert member.preference_changes.get().new_value == "on"
    assert signed_in_member(client) is None


def test_the_badge_box_shows_the_member_s_current_choice(client, product, member, elements):
    PrivacyChoices.objects.create(member=member, show_owner_badge=True)
    _invitation, link = invited(product, email=member.email, member=member)

    page = client.get(link).content.decode()

    assert elements(page, "input", name="show_owner_badge", checked="")


def test_a_member_whose_address_was_not_verified_has_it_verified_by_the_link(
    client, product, unverified_member
):
    _invitation, link = invited(product, email=unverified_member.email)

    client.post(link, TYPED)

    assert Review.objects.get().author == unverified_member
    assert unverified_member.has_verified_email


@pytest.mark.parametrize("rule", ["hold_new_members_posts", "hold_first_contribution"])
def test_the_form_says_a_new_member_s_review_will_wait_and_it_is_held(client, product, rule):
    community = CommunitySettings.load()
    setattr(community, rule, True)
    community.save()
    _invitation, link = invited(product)

    page = client.get(link).content.decode()
    response = client.post(link, {**TYPED, "display_name": "Jo Buyer", "accept_guidelines": "on"})

    assert (
        "Your review will wait for a moderator before it is published (usually about 24 hours)."
        in page
    )
    assert Review.objects.get().moderation_state == ModerationState.HELD
    assert response["Location"] == "/products/espresso-one/#reviews"
    followed = client.get(response["Location"]).content.decode()
    assert "Your review is waiting for a moderator." in followed


def test_a_buyer_who_reviewed_already_is_told_and_sent_to_their_review(client, product, member):
    _invitation, link = invited(product, email=member.email, member=member)
    review = ReviewFactory(product=product, author=member)  # without the link, since

    page = client.get(link)
    client.post(link, TYPED)

    assert page.status_code == 200
    assert "You have already reviewed this product" in page.content.decode()
    assert f'href="/products/espresso-one/#review-{review.pk}"' in page.content.decode()
    assert Review.objects.get() == review


def test_bad_input_is_refused_with_clear_errors_and_keeps_what_was_typed(client, product):
    invitation, link = invited(product)

    response = client.post(
        link, {**TYPED, "rating": "", "text": "", "display_name": "", "accept_guidelines": ""}
    )

    html = response.content.decode()
    assert response.status_code == 200
    for error in (
        "Please choose a rating from 1 to 5 stars.",
        "Please write your review.",
        "Please choose the name shown with your review.",
        "Please accept the community guidelines to send your review.",
    ):
        assert error in html
    assert 'value="Loud in the morning"' in html
    assert not Review.objects.exists()
    assert not Member.objects.filter(email="buyer@example.com").exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT


def test_a_suspended_buyer_is_refused_as_on_the_normal_form(client, product, member, moderator):
    suspensions.suspend(
        moderator, member, until=timezone.now() + timedelta(days=7), reason="Insulted others."
    )
    suspensions.forget(member)
    _invitation, link = invited(product, email=member.email, member=member)

    response = client.post(link, TYPED)

    assert response.status_code == 200
    assert "suspended" in response.content.decode()
    assert 'value="Loud in the morning"' in response.content.decode()
    assert not Review.objects.exists()


ROLES = [
    "visitor",
    "buyer",
    "unverified_member",
    "member",
    "staff",
    "moderator",
    "product_team_member",
]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_buyer_or_a_visitor_holding_the_link_can_write_with_it(
    request, client, product, role
):
    buyer = MemberFactory(email="buyer@example.com", display_name="Bea Buyer")
    invitation, link = invited(product, member=buyer)
    actor = {"visitor": None, "buyer": buyer}.get(role) or request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    opened = client.get(link)
    response = client.post(link, TYPED)

    invitation.refresh_from_db()
    if role in ("visitor", "buyer"):
        assert opened.status_code == 200
        assert response.status_code == 302
        assert Review.objects.get().author == buyer
        assert invitation.status == Invitation.Status.REVIEWED
    else:
        assert (opened.status_code, response.status_code) == (403, 403)
        assert "This invitation is for someone else" in response.content.decode()
        assert not Review.objects.exists()
        assert (invitation.status, invitation.opened_at) == (Invitation.Status.SENT, None)
