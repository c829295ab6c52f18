"""The erasers of the community's own data, registered with `community.erasure`.

They run in this order, each over the member's rows a batch at a time (one transaction per
batch), so that a member with thousands of contributions is erased without one long lock:

1. votes (10): every vote the member gave goes, and the count it moved goes down by exactly
   that vote, whatever the choice: a vote is a personal choice, not writing others read;
2. writing (20–60): replies and answers, comments, questions, ideas, reviews. ANONYMISE
   keeps each piece and clears its author ("former member" on the page); REMOVE deletes it,
   except where others wrote under it (answers to a question, replies to an answer, votes or
   comments on an idea): then it stays as a tombstone, "deleted by its author", with neither
   title nor text, so that the others' writing still reads in its thread. Writing the member
   had deleted themselves loses its text either way;
3. the rest of the account (200): notifications, preferences, follows, blocks, reports made
   (the outcome stays, the reporter and their words go), appeals' text, ownership records,
   feedback on shipped ideas, export jobs and their files, the avatar file, the sessions,
   mentions in others' writing (no longer linked), others' notifications that name them, the
   admin's history, the audit log's reference and the trust cache.

The account row is deleted after every eraser, by `community.account_deletion.services`.
"""

from __future__ import annotations

from collections import Counter
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext

from community import audit, erasure, trust
from community.erasure import Choice
from community.markdown import render_markdown
from community.models import (
    Answer,
    AnswerVote,
    Appeal,
    Block,
    Follow,
    Notification,
    NotificationPreference,
    Question,
    QuestionStatus,
    QuestionVote,
    QueueItem,
    Report,
    Revision,
)
from community.products import refresh_product_stats

BATCH_SIZE = 500
DATABASE_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


# --- Helpers ---------------------------------------------------------------------------------


def in_batches(select, handle, *, size: int = BATCH_SIZE) -> int:
    """Call `handle(ids)` on batches of the primary keys `select()` returns, each batch in its
    own transaction, until none is left; `handle` must make its rows leave `select()`.
    Returns how many rows were handled."""
    from search.services import indexing_once

    handled = 0
    while True:
        with transaction.atomic(), indexing_once():
            ids = list(select().order_by("pk").values_list("pk", flat=True)[:size])
            if not ids:
                return handled
            handle(ids)
        handled += len(ids)


def _content_type(model):
    return ContentType.objects.get_for_model(model)


def _forget_generic(model, ids) -> None:
    """What points at removed rows through a content type: their history, follows, the
    moderation queue and reports still open. Decided reports and decisions stay (the outcome
    of moderation is kept), as rows about content that no longer exists."""
    content_type = _content_type(model)
    targets = {"content_type": content_type, "object_id__in": list(ids)}
    Revision.objects.filter(**targets).delete()
    Follow.objects.filter(**targets).delete()
    QueueItem.objects.filter(**targets).delete()
    Report.objects.filter(**targets, status=Report.Status.OPEN).delete()


def _index(kind: str, ids) -> None:
    from search.services import index_later

    for object_id in set(ids):
        if object_id is not None:
            index_later(kind, object_id)


def _wagtail_index(model, ids, *, removed=()) -> None:
    """Wagtail's own search index (the admin's search) follows the rows changed in bulk."""
    from wagtail.search import index

    def update():
        for obj in model.objects.filter(pk__in=list(ids)):
            index.insert_or_update_object(obj)

    def remove():
        for pk in removed:
            index.remove_object(model(pk=pk))

    transaction.on_commit(update)
    if removed:
        transaction.on_commit(remove)


def _tombstone_fields(now, *, title=False, slug=False) -> dict:
    fields = {
        "author": None,
        "author_card": None,
        "author_role_title": "",
        "body": "",
        "body_html": "",
        "deleted_at": Coalesce(F("deleted_at"), Value(now)),
        "deleted_by": None,
        "moderation_reason": "",
        "moderator_edit_reason": "",
    }
    if title:
        fields["title"] = ""
    if slug:
        fields["slug"] = "idea"
    return fields


def _forget_own_deleted(model, member, *, title=False, slug=False) -> int:
    """Writing the member deleted themselves keeps no text, whatever they chose."""
    fields = {"body": "", "body_html": ""}
    if title:
        fields["title"] = ""
    if slug:
        fields["slug"] = "idea"
    return model.objects.filter(author=member, deleted_at__isnull=False).update(**fields)


def _decrement(model, counter: str, target_ids: Counter) -> None:
    for target_id, removed in target_ids.items():
        model.objects.filter(pk=target_id).update(**{counter: F(counter) - removed})


def recount_answers(question_ids) -> None:
    """Set the answer counts of the questions from their rows, and take the solution mark off
    answers that left the public (as deleting one does); a question closed as answered with
    no answer left opens again."""
    question_ids = list(set(question_ids))
    if not question_ids:
        return
    counts = (
        Answer.objects.counted()
        .filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(total=Count("pk"))
        .values("total")
    )
    questions = Question.objects.filter(pk__in=question_ids)
    questions.update(answer_count=Coalesce(Subquery(counts), Value(0)))
    standing_solutions = Answer.objects.standing().filter(pk=OuterRef("solution_id"))
    questions.filter(status=QuestionStatus.SOLVED).filter(
        Q(solution__isnull=True) | ~Exists(standing_solutions)
    ).update(solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
    questions.filter(status=QuestionStatus.ANSWERED, answer_count=0).update(
        status=QuestionStatus.OPEN, closed_at=None
    )
    refresh_product_stats(questions.values_list("product_id", flat=True), kinds=("questions",))


def recount_comments(idea_ids) -> None:
    """Set the comment counts of the ideas from their standing comments (`counted()`)."""
    from ideas.models import Comment, Idea

    idea_ids = list(set(idea_ids))
    if not idea_ids:
        return
    counts = (
        Comment.objects.counted()
        .filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Idea.objects.filter(pk__in=idea_ids).update(comment_count=Coalesce(Subquery(counts), Value(0)))


# --- 1. Votes --------------------------------------------------------------------------------


def _vote_eraser(vote_model, target_field: str, target_model, counter: str, kind: str):
    def erase(member, choice):
        def handle(ids):
            targets = Counter(
                vote_model.objects.filter(pk__in=ids).values_list(f"{target_field}_id", flat=True)
            )
            vote_model.objects.filter(pk__in=ids).delete()
            _decrement(target_model(), counter, targets)
            if kind:
                _index(kind, targets)

        return in_batches(lambda: vote_model.objects.filter(member=member), handle)

    return erase


def _idea_model():
    from ideas.models import Idea

    return Idea


def _review_model():
    from reviews.models import Review

    return Review


def erase_idea_votes(member, choice):
    from ideas.models import IdeaVote, MergedVote

    erased = _vote_eraser(IdeaVote, "idea", _idea_model, "vote_count", "idea")(member, choice)
    # What a merge remembers of the member's vote, to give it back if the merge is undone.
    erased += in_batches(
        lambda: MergedVote.objects.filter(member=member),
        lambda ids: MergedVote.objects.filter(pk__in=ids).delete(),
    )
    return erased


def erase_helpful_votes(member, choice):
    from reviews.models import HelpfulVote

    return _vote_eraser(HelpfulVote, "review", _review_model, "helpful_count", "")(member, choice)


erase_answer_votes = _vote_eraser(AnswerVote, "answer", lambda: Answer, "upvote_count", "")
erase_question_votes = _vote_eraser(
    QuestionVote, "question", lambda: Question, "vote_count", "question"
)


# --- 2. Writing ------------------------------------------------------------------------------


def _anonymise(model, member, *, kind: str = "", parent: str = "", extra=None) -> int:
    """Keep the member's writing of one kind, signed by nobody."""
    fields = {"author": None, **(extra or {})}

    def handle(ids):
        parents = (
            list(model.objects.filter(pk__in=ids).values_list(parent, flat=True))
            if parent
            else list(ids)
        )
        model.objects.filter(pk__in=ids).update(**fields)
        Revision.objects.filter(
            content_type=_content_type(model), object_id__in=ids, editor=member
        ).update(editor=None)
        if kind:
            _index(kind, parents)

    return in_batches(lambda: model.objects.filter(author=member), handle)


def erase_answers(member, choice):
    """Replies first, then answers: an answer with replies of others stays as a tombstone."""
    _forget_own_deleted(Answer, member)
    if choice == Choice.ANONYMISE:
        return _anonymise(Answer, member, kind="question", parent="question_id")

    def handle(ids):
        now = timezone.now()
        answers = list(Answer.objects.filter(pk__in=ids).values("pk", "question_id"))
        with_others = set(
            Answer.objects.filter(parent_id__in=ids)
            .exclude(author=member)
            .values_list("parent_id", flat=True)
        )
        removed = [row["pk"] for row in answers if row["pk"] not in with_others]
        Answer.objects.filter(pk__in=with_others).update(**_tombstone_fields(now))
        Revision.objects.filter(
            content_type=_content_type(Answer), object_id__in=with_others
        ).delete()
        _forget_generic(Answer, removed)
        Answer.objects.filter(pk__in=removed).delete()
        questions = [row["question_id"] for row in answers]
        recount_answers(questions)
        _index("question", questions)

    erased = in_batches(lambda: Answer.objects.filter(author=member, parent__isnull=False), handle)
    erased += in_batches(lambda: Answer.objects.filter(author=member), handle)
    return erased


def erase_questions(member, choice):
    """A question others answered stays as a tombstone, so that their answers still read."""
    _forget_own_deleted(Question, member, title=True)
    if choice == Choice.ANONYMISE:
        erased = _anonymise(Question, member, kind="question")
        return erased

    def handle(ids):
        now = timezone.now()
        with_others = set(
            Answer.objects.filter(question_id__in=ids)
            .exclude(author=member)
            .values_list("question_id", flat=True)
        )
        removed = [pk for pk in ids if pk not in with_others]
        Question.objects.filter(pk__in=with_others).update(
            **_tombstone_fields(now, title=True), asked_for_staff_at=None
        )
        refresh_product_stats(
            Question.objects.filter(pk__in=with_others).values_list("product_id", flat=True),
            kinds=("questions",),
        )
        Revision.objects.filter(
            content_type=_content_type(Question), object_id__in=with_others
        ).delete()
        own_answers = list(
            Answer.objects.filter(question_id__in=removed).values_list("pk", flat=True)
        )
        _forget_generic(Answer, own_answers)
        _forget_generic(Question, removed)
        Question.objects.filter(pk__in=removed).delete()
        _wagtail_index(Question, with_others, removed=removed)
        _index("question", ids)

    return in_batches(lambda: Question.objects.filter(author=member), handle)


def erase_comments(member, choice):
    from ideas.models import Comment

    _forget_own_deleted(Comment, member)
    if choice == Choice.ANONYMISE:
        return _anonymise(Comment, member, kind="idea", parent="idea_id")

    def handle(ids):
        now = timezone.now()
        comments = list(Comment.objects.filter(pk__in=ids).values("pk", "idea_id"))
        with_others = set(
            Comment.objects.filter(parent_id__in=ids)
            .exclude(author=member)
            .values_list("parent_id", flat=True)
        )
        removed = [row["pk"] for row in comments if row["pk"] not in with_others]
        Comment.objects.filter(pk__in=with_others).update(**_tombstone_fields(now))
        Revision.objects.filter(
            content_type=_content_type(Comment), object_id__in=with_others
        ).delete()
        _forget_generic(Comment, removed)
        Comment.objects.filter(pk__in=removed).delete()
        ideas = [row["idea_id"] for row in comments]
        recount_comments(ideas)
        _index("idea", ideas)

    erased = in_batches(lambda: Comment.objects.filter(author=member, parent__isnull=False), handle)
    erased += in_batches(lambda: Comment.objects.filter(author=member), handle)
    return erased


def _delete_files(pictures) -> None:
    files = []
    for picture in pictures:
        for field in (picture.image, picture.thumbnail):
            if field:
                files.append((field.storage, field.name))

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


def erase_ideas(member, choice):
    """An idea others voted for, commented on, decided about or merged stays as a tombstone:
    its votes keep counting where they count, and the others' comments still read."""
    from ideas.models import Comment, Idea, IdeaImage, IdeaVote, Merge, ShipFeedback, StatusChange

    _forget_own_deleted(Idea, member, title=True, slug=True)
    if choice == Choice.ANONYMISE:
        return _anonymise(Idea, member, kind="idea")

    def handle(ids):
        now = timezone.now()
        with_others = set()
        for model, field in (
            (IdeaVote, "idea_id"),
            (Comment, "idea_id"),
            (StatusChange, "idea_id"),
            (Merge, "idea_id"),
            (Merge, "into_id"),
            (ShipFeedback, "idea_id"),
            (Idea, "merged_into_id"),
        ):
            rows = model.objects.filter(**{f"{field}__in": ids})
            if model is IdeaVote:
                rows = rows.exclude(member=member)
            elif model is Comment:
                rows = rows.exclude(author=member)
            with_others.update(rows.values_list(field, flat=True))
        with_others.update(
            Idea.objects.filter(pk__in=ids, merged_into__isnull=False).values_list("pk", flat=True)
        )
        removed = [pk for pk in ids if pk not in with_others]
        images = list(IdeaImage.objects.filter(idea_id__in=ids))
        _delete_files(images)
        IdeaImage.objects.filter(pk__in=[image.pk for image in images]).delete()
        Idea.objects.filter(pk__in=with_others).update(
            **_tombstone_fields(now, title=True, slug=True)
        )
        refresh_product_stats(
            Idea.objects.filter(pk__in=with_others).values_list("product_id", flat=True),
            kinds=("ideas",),
        )
        Revision.objects.filter(
            content_type=_content_type(Idea), object_id__in=with_others
        ).delete()
        own_comments = list(
            Comment.objects.filter(idea_id__in=removed).values_list("pk", flat=True)
        )
        _forget_generic(Comment, own_comments)
        _forget_generic(Idea, removed)
        Idea.objects.filter(pk__in=removed).delete()
        _wagtail_index(Idea, with_others, removed=removed)
        _index("idea", ids)

    return in_batches(lambda: Idea.objects.filter(author=member), handle)


def erase_reviews(member, choice):
    """A review is the member's own opinion: REMOVE deletes it with its photos, the staff
    response and the helpful votes; ANONYMISE keeps it, with its photos, by a former member.
    The product's rating is read from the published reviews, so it follows either way."""
    from reviews.models import Review, ReviewPhoto

    if choice == Choice.ANONYMISE:
        return _anonymise(Review, member, kind="review")

    def handle(ids):
        photos = list(ReviewPhoto.objects.filter(review_id__in=ids))
        _delete_files(photos)
        ReviewPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
        _forget_generic(Review, ids)
        Review.objects.filter(pk__in=ids).delete()

    return in_batches(lambda: Review.objects.filter(author=member), handle)


def erase_other_writing(member, choice):
    """Writing that belongs to others' threads and is signed by the member in passing:
    decisions, merges and staff responses (staff close their accounts through a site admin,
    but a former member of staff may still have some), feedback on shipped ideas."""
    from ideas.models import Merge, ShipFeedback, StatusChange
    from reviews.models import StaffResponse

    erased = 0
    for model in (StatusChange, Merge, StaffResponse):
        erased += model.objects.filter(author=member).update(author=None)
    erased += ShipFeedback.objects.filter(member=member).delete()[0]
    return erased


# --- 3. The rest of the account --------------------------------------------------------------


def _scrub_params(value, name: str, replacement: str):
    if isinstance(value, str):
        return value.replace(name, replacement) if name and name in value else value
    if isinstance(value, dict):
        return {key: _scrub_params(item, name, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_params(item, name, replacement) for item in value]
    return value


def _scrub_notifications(member) -> int:
    """Others' notifications that the member caused name them: they now say "a former
    member", in the language of whoever reads them."""
    names = [name for name in {member.display_name, member.get_full_name()} if name]

    def handle(ids):
        for notification in Notification.objects.filter(pk__in=ids).select_related("recipient"):
            with translation.override(notification.recipient.preferred_language):
                replacement = gettext("a former member")
            params = notification.params
            for name in names:
                params = _scrub_params(params, name, replacement)
            notification.params = params
            notification.actor = None
            notification.save(update_fields=["params", "actor"])

    return in_batches(lambda: Notification.objects.filter(actor=member), handle)


def _unlink_mentions(member) -> int:
    """Others' writing keeps its "@handle", but the link to the member's page goes: the
    member is inactive, so rendering the text again leaves the handle as plain text, and a
    later member who takes the handle is not linked either until the text is edited."""
    from django.apps import apps

    marker = f"/members/{member.handle}/"
    changed = 0
    for model in apps.get_models():
        field_names = {field.name for field in model._meta.concrete_fields}
        for source, rendered in (("body", "body_html"), ("note", "note_html")):
            if source not in field_names or rendered not in field_names:
                continue
            rows = model._default_manager.filter(**{f"{rendered}__contains": marker})
            for obj in rows.only("pk", source, rendered).iterator(chunk_size=BATCH_SIZE):
                setattr(obj, rendered, render_markdown(getattr(obj, source)))
                model._default_manager.filter(pk=obj.pk).update(
                    **{rendered: getattr(obj, rendered)}
                )
                changed += 1
    return changed


def _delete_sessions(member) -> int:
    """The member's other sessions (the one that asked was ended at once). They no longer
    sign anyone in (the account is inactive, its password unusable); this removes them from
    the database sessions are kept in. Sessions kept only in a cache or a cookie expire."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0
    key = str(member.pk)
    expired = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(
        chunk_size=BATCH_SIZE
    ):
        try:
            data = session.get_decoded()
        except Exception:  # noqa: BLE001 - a session that cannot be read is nobody's
            continue
        if data.get("_auth_user_id") == key:
            expired.append(session.pk)
    # Through the engine, so that a cached copy (cached_db, with Redis) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in expired:
        store(session_key=session_key).delete()
    return len(expired)


def _forget_admin_history(member) -> int:
    """The admin's history: entries about the account go, entries the member made stay
    unsigned; earlier versions of the account (if it was ever edited as a snippet) go."""
    from wagtail.models import ModelLogEntry, PageLogEntry
    from wagtail.models import Revision as WagtailRevision

    member_type = _content_type(get_user_model())
    about = {"content_type": member_type, "object_id": str(member.pk)}
    erased = ModelLogEntry.objects.filter(**about).delete()[0]
    erased += ModelLogEntry.objects.filter(user_id=member.pk).update(user=None)
    erased += PageLogEntry.objects.filter(user_id=member.pk).update(user=None)
    erased += WagtailRevision.objects.filter(
        base_content_type=member_type, object_id=str(member.pk)
    ).delete()[0]
    erased += WagtailRevision.objects.filter(user_id=member.pk).update(user=None)
    erased += LogEntry.objects.filter(content_type=member_type, object_id=str(member.pk)).delete()[
        0
    ]
    return erased


def _delete_export_files(member) -> int:
    """Exports a member of the product team asked for, with their files."""
    from django.core.files.storage import storages

    from ideas.models import ExportJob

    jobs = list(ExportJob.objects.filter(requester=member))
    names = [job.file_name for job in jobs if job.file_name]

    def remove_files():
        storage = storages["exports"]
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()[0]


def _forget_merge_followers(member) -> int:
    """A merge remembers whom it made follow the kept idea, to undo it exactly."""
    from ideas.models import Merge

    changed = 0
    for merge in Merge.objects.exclude(copied_follower_ids=[]).only("pk", "copied_follower_ids"):
        if member.pk in merge.copied_follower_ids:
            remaining = [pk for pk in merge.copied_follower_ids if pk != member.pk]
            Merge.objects.filter(pk=merge.pk).update(copied_follower_ids=remaining)
            changed += 1
    return changed


def erase_account_data(member, choice):
    """Everything else the site keeps about the member, whatever they chose."""
    from reviews.models import Ownership

    member_type = _content_type(get_user_model())
    erased = Notification.objects.filter(recipient=member).delete()[0]
    erased += _scrub_notifications(member)
    erased += NotificationPreference.objects.filter(member=member).delete()[0]
    erased += Follow.objects.filter(member=member).delete()[0]
    erased += Block.objects.filter(Q(blocker=member) | Q(blocked=member)).delete()[0]
    erased += Ownership.objects.filter(member=member).delete()[0]
    # Reports made: the outcome stays for moderation's records, the reporter and their words go.
    erased += Report.objects.filter(reporter=member).update(reporter=None, text="")
    # Reports and queue items about the account itself concern nobody any more.
    erased += Report.objects.filter(content_type=member_type, object_id=member.pk).delete()[0]
    erased += QueueItem.objects.filter(content_type=member_type, object_id=member.pk).delete()[0]
    erased += Appeal.objects.filter(appellant=member).update(appellant=None, text="")
    erased += _delete_export_files(member)
    erased += _forget_merge_followers(member)
    erased += _unlink_mentions(member)
    erased += _forget_admin_history(member)
    erased += _delete_sessions(member)
    if member.avatar:
        storage, name = member.avatar.storage, member.avatar.name
        transaction.on_commit(lambda: storage.delete(name))
        type(member).objects.filter(pk=member.pk).update(avatar="", bio="")
        member.avatar = ""
        erased += 1
    audit.forget(member)
    trust.forget(member)
    return erased


erasure.register("votes.ideas", erase_idea_votes, order=10, atomic=False)
erasure.register("votes.answers", erase_answer_votes, order=11, atomic=False)
erasure.register("votes.questions", erase_question_votes, order=12, atomic=False)
erasure.register("votes.reviews", erase_helpful_votes, order=13, atomic=False)
erasure.register("writing.answers", erase_answers, order=20, atomic=False)
erasure.register("writing.questions", erase_questions, order=30, atomic=False)
erasure.register("writing.comments", erase_comments, order=40, atomic=False)
erasure.register("writing.ideas", erase_ideas, order=45, atomic=False)
erasure.register("writing.reviews", erase_reviews, order=60, atomic=False)
erasure.register("writing.other", erase_other_writing, order=70)
erasure.register("account", erase_account_data, order=200)
