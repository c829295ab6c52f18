"""Helpers shared by the questions services: locking, dating, naming and telling people, and
checking what members typed."""

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community import permissions as community_permissions
from community.names import acting_name
from community.notifications import Mute, notify
from community.products import refresh_product_stats
from community.questions import notifications as kinds
from community.questions import permissions
from community.questions.models import (
    QUESTION_TITLE_MAX_LENGTH,
    QUESTION_TITLE_MIN_LENGTH,
    Question,
    QuestionEvent,
)

_mute = Mute("question_notifications_muted")
# Write without telling anyone: the demo content is seeded this way.
notifications_muted = _mute.on
is_muted = _mute.is_on


# --- Helpers --------------------------------------------------------------------------------


def locked(question) -> Question:
    """The question's row, locked until the transaction ends (PostgreSQL; SQLite already lets
    one writer in at a time)."""
    return Question.objects.select_for_update().get(pk=question.pk)


def url_for(recipient, question, answer=None) -> str:
    """The address of the question, or of one of its answers, in the recipient's language."""
    with translation.override(recipient.preferred_language):
        return (answer or question).get_absolute_url()


def tell(recipients, kind, *, question, params, actor, answer=None, skip=()):
    """Notify each recipient once (never the actor, nor those in `skip`); returns who was told."""
    told = set()
    if _mute.is_on():
        return told
    skipped = {member.pk for member in skip if member is not None}
    for recipient in recipients:
        if recipient is None or recipient.pk in told or recipient.pk in skipped:
            continue
        if actor is not None and recipient.pk == actor.pk:
            continue
        notify(
            recipient,
            kind.key,
            params={"title": question.title, **params},
            url=url_for(recipient, question, answer),
            actor=actor,
        )
        told.add(recipient.pk)
    return told


def tell_mentioned(members, *, question, actor, answer=None, skip=()):
    return tell(
        members,
        kinds.MENTIONED,
        question=question,
        params={"name": acting_name(actor)},
        actor=actor,
        answer=answer,
        skip=skip,
    )


def record_event(question, kind, actor, **fields) -> QuestionEvent:
    return QuestionEvent.objects.create(
        question=question,
        kind=kind,
        actor=actor,
        actor_card=community_permissions.active_staff_card(actor),
        **fields,
    )


def touch(question, now=None, **fields):
    """Record activity (and any other fields) on the question's row."""
    now = now or timezone.now()
    Question.objects.filter(pk=question.pk).update(last_activity_at=now, **fields)
    if "status" in fields:
        refresh_product_stats([question.product_id], kinds=("question",))
    question.last_activity_at = now
    for name, value in fields.items():
        if not hasattr(value, "resolve_expression"):
            setattr(question, name, value)


def as_staff(member) -> bool:
    return permissions.acts_as_staff(member)


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Please write your question as a title.")})
    if len(title) < QUESTION_TITLE_MIN_LENGTH:
        raise ValidationError(
            {
                "title": _("Please say a little more: at least %(count)s characters.")
                % {"count": QUESTION_TITLE_MIN_LENGTH}
            }
        )
    if len(title) > QUESTION_TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("Please keep the title to %(count)s characters or fewer.")
                % {"count": QUESTION_TITLE_MAX_LENGTH}
            }
        )
    return title


def standing_question(pk):
    """The question as it is in the database now, unless deleted."""
    return Question.objects.filter(pk=pk, deleted_at__isnull=True).first()


def duplicate_root(question) -> Question:
    """The question a chain of duplicates ends at."""
    seen = {question.pk}
    while question.duplicate_of_id is not None and question.duplicate_of_id not in seen:
        seen.add(question.duplicate_of_id)
        question = Question.objects.get(pk=question.duplicate_of_id)
    return question
