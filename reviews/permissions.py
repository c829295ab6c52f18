"""Who may do what with reviews: one function per question, for views, templates and services."""

from community import permissions as community


def can_write_review(user) -> bool:
    return community.can_write(user)


def is_author(user, review) -> bool:
    return community.is_member(user) and review.author_id == user.pk


def can_edit_review(user, review) -> bool:
    return is_author(user, review) and community.can_write(user)


def can_delete_review(user, review) -> bool:
    return is_author(user, review) or community.can_moderate(user)


def can_vote_helpful(user, review) -> bool:
    return community.can_write(user) and review.is_published and not is_author(user, review)


def can_respond(user, review) -> bool:
    return community.can_write_as_staff(user) and not is_author(user, review)


def can_report(user, review) -> bool:
    return community.can_write(user) and not is_author(user, review)


def can_moderate_review(user) -> bool:
    return community.can_moderate(user)


def can_talk_privately(user, review) -> bool:
    """The reviewer talks privately with staff about their own review."""
    return (
        community.can_write(user) and review.author_id is not None and review.author_id == user.pk
    )


def can_see_review(user, review) -> bool:
    return review.is_published or is_author(user, review) or community.can_moderate(user)


def can_manage_order_sources(user) -> bool:
    """Order sources hold the secrets shops sign their orders with: site admins add them and
    make new secrets (the role holds the permissions, see `community.roles`)."""
    return community.is_member(user) and user.has_perm("reviews.change_ordersource")


def can_import_orders(user) -> bool:
    """Staff import the orders a shop exports as CSV (the role holds `reviews.add_order`)."""
    return community.is_member(user) and user.has_perm("reviews.add_order")


def can_see_invitation_figures(user) -> bool:
    """The monthly invitation figures are for staff, the product team and site admins."""
    return community.is_member(user) and user.has_perm("reviews.view_invitationtally")


def can_use_invitation(user, buyer) -> bool:
    """An invitation's link writes as its buyer (`reviews.invited_reviews`): for the buyer
    signed in, or for whoever holds the link while signed out, since it reached the buyer's
    mailbox. A member signed in as someone else cannot write as the buyer."""
    if not (user and user.is_authenticated):
        return True
    return buyer is not None and user.pk == buyer.pk
