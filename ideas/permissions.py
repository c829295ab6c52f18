"""Who may do what with ideas: one function per question, for views, templates and services.

Staff here means the people who work on the product side of the community: members of the
Staff role (or superusers) and of the Product team. Decisions are signed, so changing a status
also needs an active staff card; impact and effort estimates are the product team's (or of
whoever an admin gives the permission to estimate ideas).
"""

from django.utils.translation import gettext as _

from community import permissions as community
from community.moderation.permissions import can_see
from community.roles import Role


def is_author(user, content) -> bool:
    return community.is_member(user) and content.author_id == user.pk


def is_product_team(user) -> bool:
    return community.is_member(user) and (user.has_role(Role.PRODUCT_TEAM) or user.is_superuser)


def is_idea_staff(user) -> bool:
    """Staff and the product team: they see internal notes, estimates and voters."""
    return community.is_staff_member(user) or is_product_team(user)


def can_propose(user) -> bool:
    return community.can_write(user)


def voting_closed_reason(idea) -> str:
    """Why nobody can vote on `idea` any more, or "" while voting is open."""
    if idea.is_deleted:
        return _("Voting is closed: this idea was deleted.")
    if not idea.is_public:
        return _("Voting opens once a moderator publishes this idea.")
    if idea.is_merged:
        return _("Voting is closed: this idea was merged into another one. Vote there instead.")
    if idea.status.is_shipped:
        return _("Voting is closed: this idea has shipped.")
    if idea.status.is_declined:
        return _("Voting is closed: this idea was declined.")
    return ""


def can_vote(user, idea) -> bool:
    return community.can_write(user) and not voting_closed_reason(idea)


def can_record_vote_for(user, idea) -> bool:
    """Staff record a customer's vote (after a phone call, say): the vote says who recorded it."""
    return community.can_write(user) and is_idea_staff(user) and not voting_closed_reason(idea)


def can_edit_idea(user, idea) -> bool:
    if idea.is_deleted or not community.can_write(user):
        return False
    return is_author(user, idea) or is_idea_staff(user) or community.can_moderate(user)


def can_delete_idea(user, idea) -> bool:
    """Authors delete their idea while nobody else has voted for it; moderators always can."""
    if idea.is_deleted or not community.is_member(user):
        return False
    if community.can_moderate(user):
        return True
    return is_author(user, idea) and idea.vote_count <= 1 and not idea.is_merged


def can_comment(user, idea) -> bool:
    return community.can_write(user) and idea.is_public and not idea.is_merged


def can_write_internal_note(user, idea) -> bool:
    return community.can_write(user) and is_idea_staff(user) and not idea.is_deleted


def can_see_internal_notes(user) -> bool:
    return is_idea_staff(user)


def can_edit_comment(user, comment) -> bool:
    return not comment.is_deleted and is_author(user, comment) and community.can_write(user)


def can_delete_comment(user, comment) -> bool:
    if comment.is_deleted or not community.is_member(user):
        return False
    return is_author(user, comment) or community.can_moderate(user)


def can_see_comment(user, comment) -> bool:
    """Internal notes are for staff; held or hidden comments for their author and moderators."""
    if not can_see(user, comment):
        return False
    return not comment.is_internal or can_see_internal_notes(user)


def can_change_status(user) -> bool:
    """A decision is signed with a staff card: staff without an active card cannot sign one."""
    return community.can_write_as_staff(user)


def can_merge(user) -> bool:
    return community.can_write(user) and is_idea_staff(user)


def can_unmerge(user) -> bool:
    return can_merge(user)


def can_estimate(user) -> bool:
    """Impact and effort are the product team's: the role holds the `ideas.estimate_idea`
    permission, which admins may also give to another group (Settings → Groups)."""
    return community.can_write(user) and user.has_perm("ideas.estimate_idea")


def can_see_estimates(user) -> bool:
    return is_idea_staff(user)


def can_sort_by_score(user) -> bool:
    return is_idea_staff(user)


def can_see_voters(user) -> bool:
    return is_idea_staff(user)


def can_see_feedback_reasons(user) -> bool:
    return is_idea_staff(user)


def can_give_ship_feedback(user, idea, *, has_voted: bool) -> bool:
    """Voters of a shipped idea say whether it solves it for them."""
    return (
        community.can_write(user)
        and has_voted
        and idea.status.is_shipped
        and not idea.is_deleted
        and not idea.is_merged
    )


def can_report(user, content) -> bool:
    return community.can_write(user) and not is_author(user, content) and content.is_public


def can_export(user) -> bool:
    """The backlog export (site, background and votes) is the product team's: the role holds
    the `ideas.export_ideas` permission, which admins may also give to another group."""
    return community.is_member(user) and user.has_perm("ideas.export_ideas")


def can_export_voter_emails(user) -> bool:
    """Voters' e-mail addresses go only to the product team, even in an export someone else
    may run."""
    return can_export(user) and is_product_team(user)
