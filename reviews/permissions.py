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
