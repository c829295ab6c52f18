"""The demo's moderation: a queue that is not empty, a decision with its reason, an appeal
waiting for a second moderator, and figures on the transparency page. Seeded only once.

Everything goes through the services, as members and moderators would do it, without telling
anyone (no notification is sent about things that did not happen).
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from community import reports
from community.demo import DemoContext
from community.models import Decision, QueueItem, Report
from community.moderation import services as moderation
from community.questions import services as questions
from community.questions.models import Answer, Question

MODERATOR = "sarah.collins@example.com"
LINKS_AUTHOR = "grace.taylor@example.com"
RUDE_AUTHOR = "manon.girard@example.com"
REPORTERS = ("jack.wilson@example.com", "amelia.brown@example.com")
REPORTED_MEMBER = "hugo.lefevre@example.com"
QUESTION_TITLE = "How often should I descale the Aurora espresso machine?"

HELD_ANSWER = (
    "Buy the descaler here: https://cheap-descaler.example/aurora "
    "https://cheap-descaler.example/offer https://cheap-descaler.example/bulk "
    "https://cheap-descaler.example/coupon https://cheap-descaler.example/shop"
)
PUBLISHED_AFTER_HOLD = (
    "The manual's descaling page: https://example.com/aurora/manual "
    "https://example.com/aurora/descaling https://example.com/aurora/water "
    "https://example.com/aurora/filters https://example.com/aurora/support"
)
RUDE_REPLY = "Only an idiot would descale every month. Read the manual, genius."
HIDE_REASON = (
    "Insults another member (“idiot”, “genius”). Say what you think of the advice, not of "
    "the person."
)
PUBLISH_REASON = "Links to the maker's own manual pages: useful, not advertising."
APPEAL_TEXT = (
    "I was joking, we know each other. I did not mean to insult anyone, please put it back."
)


def seed_moderation(context: DemoContext) -> None:
    """Add the demo's moderation story if it is not there yet; `context.result` counts what was
    made."""
    members = context.members()
    needed = (MODERATOR, LINKS_AUTHOR, RUDE_AUTHOR, REPORTED_MEMBER, *REPORTERS)
    question = Question.objects.filter(title=QUESTION_TITLE).first()
    if question is None or any(email not in members for email in needed):
        return
    if Decision.objects.filter(reason=HIDE_REASON).exists():
        return
    moderator = members[MODERATOR]
    first_answer = (
        Answer.objects.filter(question=question, parent__isnull=True)
        .exclude(author=members[RUDE_AUTHOR])
        .order_by("created_at")
        .first()
    )
    with questions.notifications_muted(), moderation.notifications_muted():
        held = questions.answer_create(members[LINKS_AUTHOR], question, body=HELD_ANSWER)
        _age_queue_item(held, hours=5)

        published = questions.answer_create(
            members[LINKS_AUTHOR], question, body=PUBLISHED_AFTER_HOLD
        )
        _age_queue_item(published, hours=3)
        moderation.decide(moderator, published, action="publish", reason=PUBLISH_REASON)

        if first_answer is not None:
            rude = questions.reply_create(members[RUDE_AUTHOR], first_answer, body=RUDE_REPLY)
            for email in REPORTERS:
                reports.report_create(members[email], rude, reason=Report.Reason.ABUSE)
            _age_queue_item(rude, hours=2)
            moderation.decide(
                moderator, rude, action="hide", reason=HIDE_REASON, reason_code="abuse"
            )
            moderation.appeal_create(members[RUDE_AUTHOR], rude, text=APPEAL_TEXT)

        reports.report_create(
            members[REPORTERS[0]],
            members[REPORTED_MEMBER],
            reason=Report.Reason.ABUSE,
            text="Sends me private messages about my reviews.",
        )
    context.result.count("moderation stories")


def _age_queue_item(content, *, hours):
    """Date the item's entry into the queue back, so that decisions show a realistic wait."""
    QueueItem.objects.filter(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        closed_at__isnull=True,
    ).update(opened_at=F("opened_at") - timedelta(hours=hours))
    Answer.objects.filter(pk=content.pk).update(created_at=timezone.now() - timedelta(hours=hours))
