"""The sections of "my data" for the models that existed before it: one per kind of data a
member creates, or that the site keeps about them.

Each `rows` selects the member's own rows with the joins its `describe` and `url` need, so the
page costs the same number of queries whatever the member wrote. Descriptions carry the
member's own data only: a vote on their idea shows as a count, never as who voted; staff who
moderated them are not named here.
"""

import posixpath

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from community.models import (
    Answer,
    AnswerVote,
    Appeal,
    Block,
    DataExport,
    Decision,
    Follow,
    Notification,
    NotificationPreference,
    PreferenceChange,
    Question,
    QuestionVote,
    Report,
    Segment,
    StaffCard,
    Suspension,
)
from community.models.api import ApiToken
from community.personal_data import DataSection, register


def when(value):
    """A date or time as ISO 8601 text (JSON has no dates), or None."""
    return value.isoformat() if value else None


def file_name(field_file) -> str:
    return posixpath.basename(field_file.name) if field_file else ""


def public_url(obj) -> str:
    """The row's address when the public may see it, else ""."""
    if getattr(obj, "is_public", False):
        return obj.get_absolute_url()
    return ""


def written(obj) -> dict:
    """What every piece of writing records: dates, language, capacity and moderation state."""
    return {
        "id": obj.pk,
        "language": obj.language,
        "written_as": obj.written_as,
        "role_when_written": obj.author_role_title,
        "created_at": when(obj.created_at),
        "edited_at": when(obj.edited_at),
    }


def markdown(obj) -> dict:
    return {
        **written(obj),
        "text": obj.body,
        "deleted_at": when(obj.deleted_at),
        "moderation_state": obj.moderation_state,
        "reason_given_by_moderation": obj.moderation_reason,
        "edits": obj.edit_count,
    }


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
        label=_("Two-factor sign-in"),
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

# Preferences and consents --------------------------------------------------------------------


def consent_rows(member):
    from community.member_data.preferences import choices_for

    return [choices_for(member)]


def describe_consents(choices) -> dict:
    member = choices.member
    return {
        "guidelines_version_accepted": member.guidelines_version,
        "guidelines_accepted_at": when(member.guidelines_accepted_at),
        "show_verified_owner_badge": choices.show_owner_badge,
        "show_on_public_voter_lists": choices.show_on_voter_lists,
        "weekly_summary": choices.digest,
        "last_weekly_summary_sent_at": when(choices.digest_sent_at),
        "changed_at": when(choices.updated_at),
    }


def consent_title(choices) -> str:
    from community.member_data.preferences import consent_summary

    return consent_summary(choices)


register(
    DataSection(
        key="consents",
        label=_("Consents"),
        explanation=_(
            "What you agreed to: the community guidelines (and which version), being shown as a "
            "verified owner, appearing on public voter lists, and the weekly summary."
        ),
        rows=consent_rows,
        describe=describe_consents,
        title=consent_title,
        order=22,
    )
)


def describe_change(change) -> dict:
    return {
        "setting": change.setting,
        "before": change.old_value,
        "after": change.new_value,
        "changed_at": when(change.changed_at),
    }


def change_title(change) -> str:
    from community.member_data.preferences import setting_label, value_label

    before = value_label(change.setting, change.old_value)
    after = value_label(change.setting, change.new_value)
    return f"{setting_label(change.setting)}: {before} → {after}"


register(
    DataSection(
        key="preference_changes",
        label=_("History of your preferences and consents"),
        explanation=_("Every change you made to your preferences and consents, with its date."),
        rows=lambda member: PreferenceChange.objects.filter(member=member),
        describe=describe_change,
        title=change_title,
        order=24,
    )
)


def preference_title(preference) -> str:
    from community.notifications import registry

    label = registry.get(preference.kind).label if preference.kind in registry else preference.kind
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

# Reviews -------------------------------------------------------------------------------------


def review_photo_path(photo) -> str:
    return f"files/reviews/{photo.review_id}/{photo.pk}-{file_name(photo.image)}"


def describe_review(review) -> dict:
    return {
        **written(review),
        "product": review.product.title,
        "rating": review.rating,
        "title": review.title,
        "text": review.text,
        "pros": review.pros,
        "cons": review.cons,
        "received_for_free": review.received_free,
        "status": review.status,
        "reason_given_by_moderation": review.moderation_reason,
        "helpful_votes": review.helpful_count,
        "photos": [review_photo_path(photo) for photo in review.photos.all()],
    }


def review_files(review):
    for photo in review.photos.all():
        yield review_photo_path(photo), photo.image


def reviews_of(member):
    from reviews.models import Review

    return Review.objects.filter(author=member).select_related("product").prefetch_related("photos")


register(
    DataSection(
        key="reviews",
        label=_("Reviews"),
        explanation=_(
            "The reviews you wrote, with their photos; published ones appear on the product's "
            "page and in search."
        ),
        rows=reviews_of,
        describe=describe_review,
        files=review_files,
        url=public_url,
        title=lambda review: f"{review.title} · {review.product.title}",
        order=30,
    )
)


def helpful_votes_of(member):
    from reviews.models import HelpfulVote

    return (
        HelpfulVote.objects.filter(member=member)
        .select_related("review__product")
        .order_by("-created_at")
    )


register(
    DataSection(
        key="helpful_votes",
        label=_("Reviews you found helpful"),
        explanation=_(
            "Your “helpful” votes; others see only the total on each review, not who voted."
        ),
        rows=helpful_votes_of,
        describe=lambda vote: {
            "review_id": vote.review_id,
            "review": vote.review.title,
            "product": vote.review.product.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: public_url(vote.review),
        title=lambda vote: vote.review.title,
        order=32,
    )
)


def staff_responses_of(member):
    from reviews.models import StaffResponse

    return (
        StaffResponse.objects.filter(author=member)
        .select_related("review__product")
        .order_by("-created_at")
    )


register(
    DataSection(
        key="staff_responses",
        label=_("Responses to reviews"),
        explanation=_(
            "For members of staff: the brand's public responses to reviews that you signed."
        ),
        rows=staff_responses_of,
        describe=lambda response: {
            **written(response),
            "review_id": response.review_id,
            "product": response.review.product.title,
            "text": response.text,
        },
        url=lambda response: public_url(response.review),
        title=lambda response: response.review.title,
        order=34,
    )
)


def ownerships_of(member):
    from reviews.models import Ownership

    return Ownership.objects.filter(member=member).select_related("product").order_by("-created_at")


register(
    DataSection(
        key="ownerships",
        label=_("Products you own"),
        explanation=_(
            "Ownership records from staff or the brand's sales records; with your consent they "
            "earn your reviews of these products the “verified owner” badge."
        ),
        rows=ownerships_of,
        describe=lambda ownership: {
            "product": ownership.product.title,
            "purchased_on": when(ownership.purchased_on),
            "source": ownership.source,
            "recorded_at": when(ownership.created_at),
        },
        title=lambda ownership: ownership.product.title,
        order=36,
    )
)

# Questions and answers -----------------------------------------------------------------------


def describe_question(question) -> dict:
    return {
        **markdown(question),
        "title": question.title,
        "product": question.product.title if question.product_id else "",
        "topic": question.topic.name_en if question.topic_id else "",
        "status": question.status,
    }


register(
    DataSection(
        key="questions",
        label=_("Questions"),
        explanation=_(
            "The questions you asked; public ones appear in the questions list, on the product's "
            "page and in search."
        ),
        rows=lambda member: Question.objects.filter(author=member).select_related(
            "product", "topic"
        ),
        describe=describe_question,
        url=public_url,
        title=lambda question: question.title,
        order=40,
    )
)


def answers_of(member, *, replies: bool):
    return (
        Answer.objects.filter(author=member, parent__isnull=not replies)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )


def describe_answer(answer) -> dict:
    return {
        **markdown(answer),
        "question_id": answer.question_id,
        "question": answer.question.title,
        "in_reply_to_answer": answer.parent_id,
        "upvotes": answer.upvote_count,
        "is_the_solution": answer.question.solution_id == answer.pk,
    }


def answer_url(answer) -> str:
    return answer.get_absolute_url() if answer.is_public and answer.question.is_public else ""


register(
    DataSection(
        key="answers",
        label=_("Answers"),
        explanation=_("Your answers to questions, shown in their threads and in search."),
        rows=lambda member: answers_of(member, replies=False),
        describe=describe_answer,
        url=answer_url,
        title=lambda answer: answer.question.title,
        order=42,
    )
)

register(
    DataSection(
        key="replies",
        label=_("Replies"),
        explanation=_("Your replies under answers, shown in their threads."),
        rows=lambda member: answers_of(member, replies=True),
        describe=describe_answer,
        url=answer_url,
        title=lambda answer: answer.question.title,
        order=44,
    )
)

register(
    DataSection(
        key="answer_upvotes",
        label=_("Answers you upvoted"),
        explanation=_("Your upvotes; others see only each answer's total."),
        rows=lambda member: (
            AnswerVote.objects.filter(member=member)
            .select_related("answer__question")
            .order_by("-created_at")
        ),
        describe=lambda vote: {
            "answer_id": vote.answer_id,
            "question": vote.answer.question.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: answer_url(vote.answer),
        title=lambda vote: vote.answer.question.title,
        order=46,
    )
)

register(
    DataSection(
        key="question_votes",
        label=_("“I have this question too”"),
        explanation=_(
            "Questions you said you have too; staff see how many members a question affects."
        ),
        rows=lambda member: (
            QuestionVote.objects.filter(member=member)
            .select_related("question")
            .order_by("-created_at")
        ),
        describe=lambda vote: {
            "question_id": vote.question_id,
            "question": vote.question.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: public_url(vote.question),
        title=lambda vote: vote.question.title,
        order=48,
    )
)

# Ideas ---------------------------------------------------------------------------------------


def idea_image_path(image) -> str:
    return f"files/ideas/{image.idea_id}/{image.pk}-{file_name(image.image)}"


def describe_idea(idea) -> dict:
    return {
        **markdown(idea),
        "title": idea.title,
        "product": idea.product.title if idea.product_id else "",
        "status": str(idea.status),
        "votes": idea.vote_count,
        "comments": idea.comment_count,
        "images": [
            {"file": idea_image_path(image), "description": image.alt_text}
            for image in idea.images.all()
        ],
    }


def idea_files(idea):
    for image in idea.images.all():
        yield idea_image_path(image), image.image


def ideas_of(member):
    from ideas.models import Idea

    return (
        Idea.objects.filter(author=member)
        .select_related("status", "product")
        .prefetch_related("images")
        .order_by("-created_at", "-pk")
    )


register(
    DataSection(
        key="ideas",
        label=_("Ideas"),
        explanation=_(
            "The ideas you proposed, with their pictures; public ones appear in the ideas list, "
            "on the roadmap and in search. Who voted for them is not part of your data."
        ),
        rows=ideas_of,
        describe=describe_idea,
        files=idea_files,
        url=public_url,
        title=lambda idea: idea.title,
        order=50,
    )
)


def idea_votes_of(member):
    from ideas.models import IdeaVote

    return IdeaVote.objects.filter(member=member).select_related("idea").order_by("-created_at")


register(
    DataSection(
        key="idea_votes",
        label=_("Votes on ideas"),
        explanation=_(
            "The ideas you voted for and how much each matters to you; with your consent your "
            "name appears on the idea's public list of voters."
        ),
        rows=idea_votes_of,
        describe=lambda vote: {
            "idea_id": vote.idea_id,
            "idea": vote.idea.title,
            "importance": vote.importance,
            "importance_label": str(vote.get_importance_display()),
            "recorded_by_staff_for_you": vote.recorded_by_id is not None,
            "voted_at": when(vote.created_at),
            "changed_at": when(vote.updated_at),
        },
        url=lambda vote: public_url(vote.idea),
        title=lambda vote: f"{vote.idea.title} · {vote.get_importance_display()}",
        order=52,
    )
)


def comments_of(member):
    from ideas.models import Comment

    return Comment.objects.filter(author=member).select_related("idea").order_by("-created_at")


def comment_url(comment) -> str:
    return comment.get_absolute_url() if comment.is_public and comment.idea.is_public else ""


register(
    DataSection(
        key="comments",
        label=_("Comments on ideas"),
        explanation=_("Your comments and replies on ideas, shown under each idea."),
        rows=comments_of,
        describe=lambda comment: {
            **markdown(comment),
            "idea_id": comment.idea_id,
            "idea": comment.idea.title,
            "in_reply_to_comment": comment.parent_id,
            "internal_staff_note": comment.is_internal,
        },
        url=comment_url,
        title=lambda comment: comment.idea.title,
        order=54,
    )
)


def feedback_of(member):
    from ideas.models import ShipFeedback

    return ShipFeedback.objects.filter(member=member).select_related("idea").order_by("-created_at")


register(
    DataSection(
        key="ship_feedback",
        label=_("Answers to “does this solve it?”"),
        explanation=_(
            "What you said once an idea you voted for shipped; the reason you gave is for staff "
            "only."
        ),
        rows=feedback_of,
        describe=lambda feedback: {
            "idea_id": feedback.idea_id,
            "idea": feedback.idea.title,
            "solves_it": feedback.solves,
            "why_not": feedback.why,
            "answered_at": when(feedback.created_at),
            "changed_at": when(feedback.updated_at),
        },
        url=lambda feedback: public_url(feedback.idea),
        title=lambda feedback: feedback.idea.title,
        order=56,
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

# Downloads and keys --------------------------------------------------------------------------

register(
    DataSection(
        key="data_exports",
        label=_("Downloads of your data"),
        explanation=_("The copies of your data you asked for; each is kept a week, then removed."),
        rows=lambda member: DataExport.objects.filter(member=member),
        describe=lambda export: {
            "status": export.status,
            "requested_at": when(export.created_at),
            "finished_at": when(export.finished_at),
            "available_until": when(export.expires_at),
        },
        title=lambda export: export.get_status_display(),
        order=80,
    )
)


def backlog_exports_of(member):
    from ideas.models import ExportJob

    return ExportJob.objects.filter(requester=member)


register(
    DataSection(
        key="backlog_exports",
        label=_("Backlog exports"),
        explanation=_("For the product team: the exports of the ideas backlog you asked for."),
        rows=backlog_exports_of,
        describe=lambda job: {
            "what": job.kind,
            "format": job.format,
            "status": job.status,
            "requested_at": when(job.created_at),
            "available_until": when(job.expires_at),
        },
        title=lambda job: str(job),
        order=82,
    )
)

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
