"""Writing the review an invitation asks for (`reviews.invitations`), by its buyer, without
signing in.

The invitation's link stands for its buyer on one page only: it never signs anyone in and works
for no other view. The buyer is the member the order was matched to, or else the member whose
verified or main address is the order's; a buyer without an account becomes a member when they
send their review, and the link counts as verifying their address (it reached that mailbox).
The review itself goes through `services.review_create`, so every rule of the community (rate
limits, holds for new members, suspensions) applies to it as to any other, whatever its stars.
"""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.forms import display_name_clean
from community.models import CommunitySettings, ModerationState, PrivacyChoices
from community.moderation.services import duration_text, initial_state, usual_wait
from community.preference_history import on_off, record_change
from community.services import member_accept_guidelines
from reviews import orders, permissions, services
from reviews.invitations import InvalidInvitation, read_token, tally
from reviews.models import Invitation, Review, ReviewOrigin

# The name under which the member's preference history (`community.member_data.preferences`)
# records the consent to the "verified owner" badge.
OWNER_BADGE_SETTING = "consent:owner_badge"


@dataclass(frozen=True)
class Outcome:
    """What happens to a review once it is sent: published at once, or held for a moderator
    for about `wait`."""

    held: bool
    wait: str = ""


@dataclass(frozen=True)
class InvitedReview:
    """A review written through an invitation; `joined` when its buyer became a member."""

    review: Review
    member: object
    joined: bool


def buyer_of(order):
    """The member who bought, or None when the order's address is no member's yet."""
    if order.member_id:
        return order.member
    verified = (
        EmailAddress.objects.filter(email__iexact=order.email, verified=True)
        .select_related("user")
        .first()
    )
    if verified is not None:
        return verified.user
    return get_user_model().objects.filter(email__iexact=order.email).first()


def review_outcome(buyer) -> Outcome:
    """What the community's rules (`initial_state`) will do with the buyer's review, said on
    the form before it is sent. A buyer who joins now is a new member with nothing published.
    Links in the text can still hold a review that this says will be published: the message
    after sending tells what happened."""
    if buyer is None:
        settings = CommunitySettings.load()
        held = settings.hold_new_members_posts or settings.hold_first_contribution
    else:
        held = initial_state(buyer, "")[0] == ModerationState.HELD
    return Outcome(held=True, wait=duration_text(usual_wait())) if held else Outcome(held=False)


def owner_badge_shown(member) -> bool:
    return PrivacyChoices.objects.filter(member=member, show_owner_badge=True).exists()


@transaction.atomic
def link_opened(invitation, now=None) -> bool:
    """Record the first time the link was followed, counted once in the month's figures."""
    now = now or timezone.now()
    first = Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
        opened_at=now
    )
    if first:
        tally(invitation.product_id, now, links_opened=1)
    return bool(first)


@transaction.atomic
def invited_review_create(
    viewer,
    token: str,
    *,
    data: dict,
    photos=(),
    display_name: str = "",
    show_owner_badge: bool = False,
) -> InvitedReview:
    """Write the buyer's review of the invitation's product, marked as invited, and use the
    invitation up.

    `viewer` is whoever sends the form: the buyer signed in, or anyone signed out holding the
    link; a member signed in as someone else is refused. A buyer without an account joins
    with `display_name` (they accepted the guidelines on the form). The buyer's orders become
    their ownerships (`orders.orders_claim`), so that the review is by a verified owner. The
    invitation's row is locked: a double submit writes one review, and the second is told the
    link was used.
    """
    invitation = read_token(token)
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if (
        locked is None
        or locked.status == Invitation.Status.REVIEWED
        or locked.nonce != invitation.nonce
    ):
        raise InvalidInvitation(
            _("This invitation was used already: your review is written."),
            status=410,
            product=invitation.product,
        )
    order = invitation.order
    buyer = buyer_of(order)
    if not permissions.can_use_invitation(viewer, buyer):
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    if buyer is None:
        member = _member_join(order, display_name)
    else:
        member = buyer
        _address_verify(member, order.email)
    orders.orders_claim(member)
    _owner_badge_set(member, show_owner_badge)
    review = services.review_create(
        member, invitation.product, data=data, photos=photos, origin=ReviewOrigin.INVITED
    )
    now = timezone.now()
    Invitation.objects.filter(pk=locked.pk).update(
        status=Invitation.Status.REVIEWED,
        review=review,
        reviewed_at=now,
        nonce=secrets.token_hex(),
    )
    tally(invitation.product_id, now, reviews_written=1)
    return InvitedReview(review=review, member=member, joined=buyer is None)


def _member_join(order, display_name: str):
    """A member for a buyer without an account: the order's address, verified by the link;
    no password until they choose one ("Forgot your password?")."""
    try:
        name = display_name_clean(display_name or "")
    except ValidationError as error:
        raise ValidationError({"display_name": error.messages}) from error
    Member = get_user_model()
    member = Member(
        email=Member.objects.normalize_email(order.email),
        display_name=name,
        preferred_language=order.language,
    )
    member.set_unusable_password()
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        raise ValidationError(
            _(
                "An account has just been made with this e-mail address. Log in to it, then "
                "follow the link in the invitation again."
            ),
            code="taken",
        ) from error
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    member_accept_guidelines(member)
    return member


def _address_verify(member, email: str) -> None:
    """The invitation reached `email`: the member's address is verified from now on."""
    address = EmailAddress.objects.filter(user=member, email__iexact=email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=member, primary=True).exists()
        EmailAddress.objects.create(
            user=member, email=email, verified=True, primary=not has_primary
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _owner_badge_set(member, show: bool) -> None:
    """The buyer's choice about the "verified owner" badge, kept in their preference history
    as the preferences page keeps it."""
    choices = PrivacyChoices.objects.select_for_update().filter(member=member).first()
    if choices is None:
        if not show:
            return
        choices = PrivacyChoices.objects.create(member=member)
    if choices.show_owner_badge == show:
        return
    record_change(member, OWNER_BADGE_SETTING, on_off(choices.show_owner_badge), on_off(show))
    choices.show_owner_badge = show
    choices.save(update_fields=["show_owner_badge", "updated_at"])
