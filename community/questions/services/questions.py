"""Writes about questions: asking, editing, deleting, following, "same question" votes, the
solution, closing and duplicates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import follows, products, promises, webhooks
from community.moderation.services import held_at_creation, start_moderation
from community.names import acting_name
from community.notifications import notify
from community.products import canonical_product
from community.protections.rules import guard_action, guard_write
from community.questions import notifications as kinds
from community.questions import permissions
from community.questions.models import (
    HAND_OFF_NOTE_MAX_LENGTH,
    QUESTION_BODY_MAX_LENGTH,
    Answer,
    Question,
    QuestionEvent,
    QuestionStatus,
    QuestionVote,
)
from community.questions.services.common import (
    as_staff,
    clean_title,
    duplicate_root,
    is_muted,
    locked,
    record_event,
    standing_question,
    tell,
    tell_mentioned,
    touch,
    url_for,
)
from community.questions.webhooks import QUESTION_SOLVED
from community.services import authorship_for
from community.votes import vote_set
from community.writing import (
    body_set,
    content_edit,
    content_soft_delete,
    mentioned_members,
    text_clean,
)

# --- Questions ------------------------------------------------------------------------------


@transaction.atomic
def question_ask(member, *, title: str, body: str, product=None, topic=None) -> Question:
    """Publish `member`'s question about a product or in a topic; they follow it from then on.

    Staff with an active card ask as staff. Members mentioned in the text are told.
    """
    guard_write(member, kind="question", text=body)
    if not permissions.can_ask(member):
        raise PermissionDenied("Verify your e-mail address before asking.")
    if (product is None) == (topic is None):
        raise ValidationError(
            {"place": _("Please choose the product or the topic your question is about.")}
        )
    title = clean_title(title)
    body = text_clean(
        body,
        max_length=QUESTION_BODY_MAX_LENGTH,
        empty_message=_("Please describe your question: what happened, and what you tried."),
    )
    now = timezone.now()
    question = Question(
        title=title,
        product=canonical_product(product) if product is not None else None,
        topic=topic,
        last_activity_at=now,
        **authorship_for(member, as_staff=as_staff(member)),
    )
    body_set(question, body)
    start_moderation(question, member, f"{title} {body}")
    question.save()
    products.recount(question)
    follows.follow(member, question)
    if not held_at_creation(question):
        question_announce(question)
    return question


def question_announce(question) -> None:
    """Tell the members a question mentions, once it is published (at once, or when a
    moderator publishes a held question)."""
    tell_mentioned(mentioned_members(question.body), question=question, actor=question.author)
    if not question.is_staff_writing and question.is_open:
        promises.start_waiting_on_staff(question)


@transaction.atomic
def question_edit(actor, question, *, title: str, body: str, reason: str = "") -> Question:
    """The asker edits their question; the earlier version stays in its public history."""
    guard_write(actor, kind="edit", text=body)
    if not permissions.can_edit(actor, question):
        raise PermissionDenied("Only the asker can edit a question.")
    title = clean_title(title)
    body = text_clean(
        body,
        max_length=QUESTION_BODY_MAX_LENGTH,
        empty_message=_("Please describe your question: what happened, and what you tried."),
    )
    newly_mentioned = content_edit(question, editor=actor, body=body, title=title, reason=reason)
    tell_mentioned(newly_mentioned, question=question, actor=actor)
    return question


@transaction.atomic
def question_delete(actor, question) -> None:
    """Delete softly: the page says who deleted it and shows neither title nor text."""
    if not permissions.can_delete_question(actor, question):
        raise PermissionDenied("You cannot delete this question.")
    content_soft_delete(question, by=actor)
    Question.objects.filter(pk=question.pk).update(asked_for_staff_at=None)
    question.asked_for_staff_at = None
    promises.stop_waiting(question)


def question_follow_set(member, question, *, on: bool) -> bool:
    """Follow a question (or stop); returns True when that changed something."""
    if not permissions.can_follow(member, question):
        raise PermissionDenied("Sign in to follow a question.")
    if on:
        return follows.follow(member, question)
    return follows.unfollow(member, question)


def question_vote_set(member, question, *, on: bool) -> bool:
    """ "I have this question too" (or take it back); a double click counts once."""
    guard_action(member, "vote")
    if not permissions.can_vote_question(member, question):
        raise PermissionDenied("You cannot vote on this question.")
    return vote_set(
        vote_model=QuestionVote,
        target=question,
        target_field="question",
        member=member,
        counter_field="vote_count",
        on=on,
    )


# --- Solution, closing ----------------------------------------------------------------------


@transaction.atomic
def solution_set(actor, answer) -> bool:
    """Mark `answer` as the solution: the question shows as solved everywhere, the answerer and
    the followers are told. Returns False when it already was the solution."""
    question = locked(answer.question)
    answer.question = question
    if not permissions.can_accept(actor, answer):
        raise PermissionDenied("Only the asker or staff can mark the solution.")
    if question.solution_id == answer.pk:
        return False
    now = timezone.now()
    touch(
        question,
        now,
        solution=answer,
        status=QuestionStatus.SOLVED,
        solved_at=now,
        closed_at=now,
        asked_for_staff_at=None,
    )
    record_event(question, QuestionEvent.Kind.SOLVED, actor, answer=answer)
    promises.stop_waiting(
        question,
        community_solution=not answer.is_staff_writing and answer.author_id != question.author_id,
        at=now,
    )
    webhooks.emit(QUESTION_SOLVED, question)
    told = tell(
        [answer.author],
        kinds.SOLUTION_TO_ANSWERER,
        question=question,
        params={"name": acting_name(actor)},
        actor=actor,
        answer=answer,
    )
    tell(
        follows.followers(question).exclude(pk__in=told),
        kinds.SOLVED,
        question=question,
        params={"name": acting_name(actor)},
        actor=actor,
        answer=answer,
        skip=[answer.author],
    )
    return True


@transaction.atomic
def solution_remove(actor, question) -> None:
    """Take the solution mark away (the asker found it did not work after all)."""
    question = locked(question)
    solution = Answer.objects.filter(pk=question.solution_id).select_related("question").first()
    if solution is None:
        return
    if not permissions.can_accept(actor, solution):
        raise PermissionDenied("Only the asker or staff can change the solution.")
    touch(question, solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
    record_event(question, QuestionEvent.Kind.SOLUTION_REMOVED, actor, answer=solution)
    promises.start_waiting_on_staff(question)


@transaction.atomic
def question_close(actor, question, *, note: str = "") -> None:
    """Close as answered: it has answers, though none is the one solution. Never otherwise."""
    question = locked(question)
    if not permissions.can_close(actor, question):
        raise PermissionDenied("A question can only be closed as answered, once answered.")
    now = timezone.now()
    touch(question, now, status=QuestionStatus.ANSWERED, closed_at=now, asked_for_staff_at=None)
    record_event(
        question, QuestionEvent.Kind.CLOSED, actor, note=note.strip()[:HAND_OFF_NOTE_MAX_LENGTH]
    )
    promises.stop_waiting(question, at=now)


@transaction.atomic
def question_reopen(actor, question) -> None:
    """Open a question closed as answered, or undo a duplicate mark."""
    question = locked(question)
    if not permissions.can_reopen(actor, question):
        raise PermissionDenied("You cannot reopen this question.")
    touch(question, status=QuestionStatus.OPEN, closed_at=None, duplicate_of=None)
    record_event(question, QuestionEvent.Kind.REOPENED, actor)
    promises.start_waiting_on_staff(question)


@transaction.atomic
def question_mark_duplicate(actor, question, *, original) -> Question:
    """Mark a question as a duplicate of `original`: it takes no more answers, its followers
    follow the original too and are told where the answers are; the original lists it."""
    question = locked(question)
    if not permissions.can_mark_duplicate(actor, question):
        raise PermissionDenied("Only staff can mark duplicates.")
    original = standing_question(original.pk) if original is not None else None
    if original is None:
        raise ValidationError({"original": _("Please choose a question that exists.")})
    original = duplicate_root(original)
    if original.pk == question.pk:
        raise ValidationError(
            {"original": _("A question cannot be a duplicate of itself: choose another one.")}
        )
    now = timezone.now()
    touch(
        question,
        now,
        status=QuestionStatus.DUPLICATE,
        duplicate_of=original,
        closed_at=now,
        asked_for_staff_at=None,
    )
    record_event(question, QuestionEvent.Kind.DUPLICATE, actor, other_question=original)
    promises.stop_waiting(question, at=now)
    follows.follows_copy(question, original)
    recipients = [question.author, *follows.followers(question)]
    if not is_muted():
        for recipient in {r.pk: r for r in recipients if r is not None}.values():
            if recipient.pk == actor.pk:
                continue
            notify(
                recipient,
                kinds.DUPLICATE.key,
                params={"title": question.title, "other_title": original.title},
                url=url_for(recipient, original),
                actor=actor,
            )
    return question
