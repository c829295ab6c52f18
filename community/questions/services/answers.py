"""Writes about answers and replies: writing, editing, deleting and upvoting them."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from community import follows, promises
from community.moderation.services import held_at_creation, start_moderation
from community.names import acting_name
from community.products import refresh_product_stats
from community.protections.rules import guard_action, guard_write
from community.questions import notifications as kinds
from community.questions import permissions
from community.questions.models import (
    ANSWER_BODY_MAX_LENGTH,
    REPLY_BODY_MAX_LENGTH,
    Answer,
    AnswerVote,
    Question,
    QuestionEvent,
    QuestionStatus,
)
from community.questions.services.common import (
    as_staff,
    locked,
    record_event,
    tell,
    tell_mentioned,
    touch,
)
from community.services import authorship_for
from community.votes import vote_set
from community.writing import (
    body_set,
    content_edit,
    content_soft_delete,
    mentioned_members,
    text_clean,
)

# --- Answers and replies --------------------------------------------------------------------


@transaction.atomic
def answer_create(member, question, *, body: str) -> Answer:
    """Publish an answer; followers are told, mentioned members too.

    Staff with an active card answer as staff. The first answer from someone other than the
    asker, and the first staff answer, are recorded on the question with their time; a staff
    answer meets a pending request for a member of staff.
    """
    question = locked(question)
    guard_write(member, kind="answer", text=body)
    if not permissions.can_answer(member, question):
        raise PermissionDenied("You cannot answer this question.")
    body = text_clean(
        body, max_length=ANSWER_BODY_MAX_LENGTH, empty_message=_("Please write your answer.")
    )
    answer = Answer(question=question, **authorship_for(member, as_staff=as_staff(member)))
    body_set(answer, body)
    start_moderation(answer, member, body)
    answer.save()
    if not held_at_creation(answer):
        answer_announce(answer)
    return answer


@transaction.atomic
def reply_create(member, parent: Answer, *, body: str) -> Answer:
    """Reply under an answer (one level only); its author and the question's followers are told."""
    question = locked(parent.question)
    parent.question = question
    guard_write(member, kind="reply", text=body)
    if not permissions.can_reply(member, parent):
        raise PermissionDenied("You cannot reply here.")
    body = text_clean(
        body, max_length=REPLY_BODY_MAX_LENGTH, empty_message=_("Please write your reply.")
    )
    reply = Answer(
        question=question, parent=parent, **authorship_for(member, as_staff=as_staff(member))
    )
    body_set(reply, body)
    start_moderation(reply, member, body)
    reply.save()
    if not held_at_creation(reply):
        answer_announce(reply)
    return reply


def answer_announce(written) -> None:
    """Count a published answer on its question and tell who should hear of an answer or a
    reply (followers, mentioned members, the author of the answer replied to): at once, or
    when a moderator publishes one that was held."""
    question, member = written.question, written.author
    _record_answer(question, written, member, counts_as_answer=not written.is_reply)
    mentioned = tell_mentioned(
        mentioned_members(written.body), question=question, actor=member, answer=written
    )
    if written.is_reply:
        recipients = [written.parent.author, *follows.followers(question)]
        tell(
            [r for r in recipients if r is not None and r.pk not in mentioned],
            kinds.NEW_REPLY,
            question=question,
            params={"name": acting_name(member)},
            actor=member,
            answer=written,
        )
        return
    tell(
        follows.followers(question).exclude(pk__in=mentioned),
        kinds.NEW_ANSWER,
        question=question,
        params={"name": acting_name(member)},
        actor=member,
        answer=written,
    )


def _record_answer(question, written, member, *, counts_as_answer):
    now = written.created_at
    fields = {}
    by_asker = question.author_id == member.pk
    if counts_as_answer:
        fields["answer_count"] = F("answer_count") + 1
        if question.first_answer_at is None and not by_asker:
            fields["first_answer_at"] = now
    if written.is_staff_writing and not by_asker:
        if question.first_staff_answer_at is None:
            fields["first_staff_answer_at"] = now
        if question.asked_for_staff_at is not None:
            fields["asked_for_staff_at"] = None
    touch(question, now, **fields)
    if question.is_open and written.is_staff_writing and not by_asker:
        promises.staff_responded(question, at=now)
    elif question.is_open and by_asker:
        promises.start_waiting_on_staff(question, since=now)
    if counts_as_answer:
        question.refresh_from_db(fields=["answer_count"])


@transaction.atomic
def answer_edit(actor, answer, *, body: str, reason: str = "") -> Answer:
    """The author edits their answer or reply; the earlier version stays in its history."""
    guard_write(actor, kind="edit", text=body)
    if not permissions.can_edit(actor, answer):
        raise PermissionDenied("Only the author can edit an answer.")
    body = text_clean(
        body,
        max_length=REPLY_BODY_MAX_LENGTH if answer.is_reply else ANSWER_BODY_MAX_LENGTH,
        empty_message=_("Please write your reply.")
        if answer.is_reply
        else _("Please write your answer."),
    )
    newly_mentioned = content_edit(answer, editor=actor, body=body, reason=reason)
    tell_mentioned(newly_mentioned, question=answer.question, actor=actor, answer=answer)
    return answer


@transaction.atomic
def answer_delete(actor, answer) -> None:
    """Delete an answer or reply softly: the thread keeps "deleted by its author" in its place.

    A deleted solution stops being the solution, and a question closed as answered opens again
    when its last answer goes: a question is never left closed with nothing in it.
    """
    if not permissions.can_delete_answer(actor, answer):
        raise PermissionDenied("You cannot delete this answer.")
    question = locked(answer.question)
    counted = answer.is_public
    content_soft_delete(answer, by=actor)
    if answer.is_reply or not counted:
        return
    fields = {"answer_count": F("answer_count") - 1}
    if question.solution_id == answer.pk:
        fields.update(solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
        record_event(question, QuestionEvent.Kind.SOLUTION_REMOVED, actor, answer=answer)
    Question.objects.filter(pk=question.pk).update(**fields)
    question.refresh_from_db()
    if question.status == QuestionStatus.ANSWERED and question.answer_count == 0:
        Question.objects.filter(pk=question.pk).update(status=QuestionStatus.OPEN, closed_at=None)
        record_event(question, QuestionEvent.Kind.REOPENED, actor)
    refresh_product_stats([question.product_id], kinds=("question",))


def answer_vote_set(member, answer, *, on: bool) -> bool:
    """Upvote an answer (or take the upvote back); a double click counts once."""
    guard_action(member, "vote")
    if not permissions.can_vote(member, answer):
        raise PermissionDenied("You cannot vote on this answer.")
    return vote_set(
        vote_model=AnswerVote,
        target=answer,
        target_field="answer",
        member=member,
        counter_field="upvote_count",
        on=on,
    )
