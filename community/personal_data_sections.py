"""The sections of "my data" for what the ground floor keeps about a member: their account and
sign-in, their staff card, their notification preferences, what they follow, what the site told
them, and moderation and safety (reports, appeals, decisions, suspensions, blocks).

The features register their own sections beside their models (`reviews.personal_data`,
`ideas.personal_data`, `community.questions.personal_data`, `community.member_data
.personal_data`, `community.conversations.personal_data`).

Each `rows` selects the member's own rows with the joins its `describe` and `url` need, so the
page costs the same number of queries whatever the member wrote. Descriptions carry the
member's own data only: staff who moderated them are not named here.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from community.models import (
    Appeal,
    Block,
    Decision,
    Follow,
    Notification,
    NotificationPreference,
    Report,
    Segment,
    StaffCard,
    Suspension,
)
from community.models.api import ApiToken
from community.notifications import registry as notification_kinds
from community.personal_data import DataSection, file_name, public_url, register, when

# Account and profile -------------------------------------------------------------------------


def avatar_path(member) -> str:
    return f"files/avatar/{file_name(member.avatar)}" if member.avatar else ""


def describe_account(member) -> dict:
    return {
        "display_name": member.display_name,
        "handle": member.handle,
        "email": member.email,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "bio": member.bio,
        "preferred_language": member.preferred_language,
        "avatar": avatar_path(member),
        "date_joined": when(member.date_joined),
        "last_login": when(member.last_login),
        "guidelines_version_accepted": member.guidelines_version,
        "guidelines_accepted_at": when(member.guidelines_accepted_at),
        "is_active": member.is_active,
    }


def account_files(member):
    if member.avatar:
        yield avatar_path(member), member.avatar


ACCOUNT = register(
    DataSection(
        key="account",
        label=_("Account and profile"),
        explanation=_(
            "Who you are here: the name and handle shown on everything you write, your private "
            "sign-in address, your bio, avatar and language, and the guidelines you accepted."
        ),
        rows=lambda member: get_user_model().objects.filter(pk=member.pk),
        describe=describe_account,
        files=account_files,
        url=lambda member: member.get_absolute_url(),
        title=lambda member: f"{member.display_name} (@{member.handle})",
        order=10,
    )
)


def describe_card(card) -> dict:
    return {
        "real_name": card.real_name,
        "role_en": card.role_title_en,
        "role_fr": card.role_title_fr,
        "team": card.team.name_en if card.team else "",
        "bio_en": card.bio_en,
        "bio_fr": card.bio_fr,
        "languages_spoken": card.spoken_languages,
        "photo": f"files/staff-card/{file_name(card.photo)}" if card.photo else "",
        "active": card.is_active,
        "created_at": when(card.created_at),
    }


def card_files(card):
    if card.photo:
        yield f"files/staff-card/{file_name(card.photo)}", card.photo


register(
    DataSection(
        key="staff_card",
        label=_("Staff card"),
        explanation=_(
            "For members of staff: the real name, role, team and photo shown wherever you write "
            "as staff and on the team page."
        ),
        rows=lambda member: StaffCard.objects.filter(member=member).select_related("team"),
        describe=describe_card,
        files=card_files,
        title=lambda card: f"{card.real_name} · {card.role_title}",
        order=12,
    )
)

register(
    DataSection(
        key="email_addresses",
        label=_("E-mail addresses"),
        explanation=_(
            "The addresses you sign in with and that notifications go to; nobody else sees them."
        ),
        rows=lambda member: EmailAddress.objects.filter(user=member).order_by("-primary", "email"),
        describe=lambda address: {
            "email": address.email,
            "verified": address.verified,
            "primary": address.primary,
        },
        title=lambda address: address.email,
        order=14,
    )
)

register(
    DataSection(
        key="two_factor",
        label=_("Two-factor authentication"),
        explanation=_(
            "Which second factors protect your account and when they were last used. The secrets "
            "themselves are never shown nor exported."
        ),
        rows=lambda member: Authenticator.objects.filter(user=member).order_by("-created_at"),
        describe=lambda authenticator: {
            "type": authenticator.type,
            "created_at": when(authenticator.created_at),
            "last_used_at": when(authenticator.last_used_at),
        },
        title=lambda authenticator: authenticator.get_type_display(),
        order=16,
    )
)

register(
    DataSection(
        key="social_accounts",
        label=_("Accounts you sign in with"),
        explanation=_("Other services linked to your account for signing in."),
        rows=lambda member: SocialAccount.objects.filter(user=member).order_by("-date_joined"),
        describe=lambda account: {
            "provider": account.provider,
            "identifier_at_provider": account.uid,
            "linked_at": when(account.date_joined),
            "last_login": when(account.last_login),
        },
        title=lambda account: account.provider,
        order=18,
    )
)

register(
    DataSection(
        key="segment",
        label=_("Customer segment"),
        explanation=_(
            "The kind of customer staff set for you; never shown publicly, it lets product teams "
            "see which kinds of customers ask for an idea."
        ),
        rows=lambda member: Segment.objects.filter(members=member),
        describe=lambda segment: {"name": segment.name_en, "name_fr": segment.name_fr},
        title=lambda segment: segment.name,
        order=20,
    )
)

# Notification preferences --------------------------------------------------------------------


def preference_title(preference) -> str:
    known = preference.kind in notification_kinds
    label = notification_kinds.get(preference.kind).label if known else preference.kind
    channels = [
        str(name)
        for name, on in ((_("in the site"), preference.in_site), (_("by e-mail"), preference.email))
        if on
    ]
    return f"{label} · {', '.join(channels) or _('not at all')}"


register(
    DataSection(
        key="notification_preferences",
        label=_("Notification preferences"),
        explanation=_(
            "How you chose to hear of each kind of news: in the site, by e-mail, or not at all. "
            "Kinds you never chose for follow their defaults."
        ),
        rows=lambda member: NotificationPreference.objects.filter(member=member).order_by("kind"),
        describe=lambda preference: {
            "kind": preference.kind,
            "in_site": preference.in_site,
            "by_email": preference.email,
            "changed_at": when(preference.updated_at),
        },
        title=preference_title,
        order=26,
    )
)

# Following and notifications -----------------------------------------------------------------


def follow_title(follow) -> str:
    target = follow.target
    return str(getattr(target, "title", "") or target or follow.content_type.name)


register(
    DataSection(
        key="follows",
        label=_("What you follow"),
        explanation=_(
            "Questions and ideas you follow, to be told of answers, decisions and hand-offs."
        ),
        rows=lambda member: (
            Follow.objects.filter(member=member)
            .select_related("content_type")
            .prefetch_related("target")
            .order_by("-created_at")
        ),
        describe=lambda follow: {
            "kind": follow.content_type.model,
            "id": follow.object_id,
            "title": follow_title(follow),
            "since": when(follow.created_at),
        },
        url=lambda follow: public_url(follow.target) if follow.target is not None else "",
        title=follow_title,
        order=60,
    )
)

register(
    DataSection(
        key="notifications",
        label=_("Notifications"),
        explanation=_("What the site told you, in your notifications and by e-mail."),
        rows=lambda member: Notification.objects.filter(recipient=member),
        describe=lambda notification: {
            "kind": notification.kind,
            "message": notification.message,
            "link": notification.url,
            "created_at": when(notification.created_at),
            "read_at": when(notification.read_at),
        },
        title=lambda notification: notification.message,
        order=62,
    )
)

# Moderation and safety -----------------------------------------------------------------------

register(
    DataSection(
        key="reports",
        label=_("Reports you made"),
        explanation=_(
            "What you reported to the moderators; the person you reported is never told who did."
        ),
        rows=lambda member: Report.objects.filter(reporter=member).select_related("content_type"),
        describe=lambda report: {
            "kind": report.content_type.model,
            "id": report.object_id,
            "reason": report.reason,
            "details": report.text,
            "status": report.status,
            "reported_at": when(report.created_at),
            "decided_at": when(report.decided_at),
        },
        title=lambda report: f"{report.get_reason_display()} · {report.content_type.name}",
        order=70,
    )
)

register(
    DataSection(
        key="appeals",
        label=_("Appeals"),
        explanation=_("The times you asked the moderators to look again at a decision."),
        rows=lambda member: (
            Appeal.objects.filter(appellant=member)
            .select_related("content_type")
            .order_by("-created_at")
        ),
        describe=lambda appeal: {
            "about": appeal.content_type.model,
            "id": appeal.object_id,
            "text": appeal.text,
            "status": appeal.status,
            "appealed_at": when(appeal.created_at),
            "decided_at": when(appeal.decided_at),
            "statement_of_reasons": appeal.statement,
        },
        title=lambda appeal: appeal.get_status_display(),
        order=72,
    )
)

register(
    DataSection(
        key="moderation_decisions",
        label=_("Moderation decisions about what you wrote"),
        explanation=_("Holds, hides, edits and deletions of your writing, each with its reason."),
        rows=lambda member: Decision.objects.filter(author=member).select_related("content_type"),
        describe=lambda decision: {
            "about": decision.content_type.model,
            "id": decision.object_id,
            "decision": decision.action,
            "reason": decision.reason_code,
            "statement_of_reasons": decision.reason,
            "decided_at": when(decision.created_at),
        },
        title=lambda decision: f"{decision.get_action_display()} · {decision.content_type.name}",
        order=74,
    )
)

register(
    DataSection(
        key="suspensions",
        label=_("Suspensions"),
        explanation=_(
            "Times when the moderators stopped you writing for a while, with their reasons."
        ),
        rows=lambda member: Suspension.objects.filter(member=member),
        describe=lambda suspension: {
            "until": when(suspension.until),
            "reason": suspension.reason,
            "suspended_at": when(suspension.created_at),
            "lifted_at": when(suspension.lifted_at),
            "reason_for_lifting": suspension.lift_reason,
        },
        title=lambda suspension: suspension.reason[:80],
        order=76,
    )
)

register(
    DataSection(
        key="blocks",
        label=_("Members you blocked"),
        explanation=_(
            "Members whose mentions and notifications no longer reach you; they are not told."
        ),
        rows=lambda member: Block.objects.filter(blocker=member).select_related("blocked"),
        describe=lambda block: {
            "member": block.blocked.display_name,
            "handle": block.blocked.handle,
            "blocked_at": when(block.created_at),
        },
        url=lambda block: block.blocked.get_absolute_url(),
        title=lambda block: block.blocked.display_name,
        order=78,
    )
)

# API keys ------------------------------------------------------------------------------------

register(
    DataSection(
        key="api_tokens",
        label=_("API tokens you created"),
        explanation=_(
            "For site admins: the read API's keys you made. The keys themselves are never shown "
            "again nor exported."
        ),
        rows=lambda member: ApiToken.objects.filter(created_by=member),
        describe=lambda token: {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": when(token.created_at),
            "expires_at": when(token.expires_at),
            "last_used_at": when(token.last_used_at),
            "revoked_at": when(token.revoked_at),
        },
        title=lambda token: token.name,
        order=84,
    )
)
