"""Erasing a member's personal data, from every part of the site that holds some.

When a member deletes their account, `erase_member(member, choice)` runs every registered
eraser. Each part of the site that keeps data about a member registers one, next to its models:

    from community import erasure

    def erase_conversations(member, choice):
        ...

    erasure.register("conversations", erase_conversations, order=50)

An eraser receives the member (still in the database, deactivated, with their e-mail address
and name intact until the last step) and the member's choice for their public writing:

- `Choice.REMOVE`: what they wrote goes, as far as the community can do without it;
- `Choice.ANONYMISE`: what they wrote stays, signed "a former member" (author set to null).

Whatever the choice, an eraser removes the personal data it keeps (private conversations,
notes, preferences, files...). Erasers run in `order` (lower first), each in its own
transaction (or, registered with `atomic=False`, committing its own batches, for erasers
that may meet thousands of rows), and must be safe to run twice: a deletion interrupted half
way is run again from the start. Files are removed after the commit
(`transaction.on_commit`). The account row itself is erased last, by
`community.account_deletion`, which cascades to whatever still points at it.

Below the registry are the tools erasers share: `in_batches` (one transaction per batch of
rows), `vote_eraser`, `anonymise`, `tombstone_fields` and `forget_own_deleted` for writing,
`forget_generic` for what points at removed rows through a content type, `reindex` for the
search index. The ground floor's own erasers are in `community.account_deletion.erasers`; each
app's are beside its models (`reviews.personal_data`, `ideas.personal_data`,
`community.questions.personal_data`...).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.search import index as wagtail_index

from community import products, searching
from community.models import Follow, QueueItem, Report, Revision

# Rows handled in one transaction by `in_batches`.
BATCH_SIZE = 500


class Choice(StrEnum):
    """What happens to the member's public writing (reviews, questions, answers, ideas...)."""

    ANONYMISE = "anonymise"
    REMOVE = "remove"


@dataclass(frozen=True)
class Eraser:
    key: str
    erase: Callable
    order: int = 100
    atomic: bool = True


_erasers: dict[str, Eraser] = {}


def register(key: str, erase: Callable, *, order: int = 100, atomic: bool = True) -> Eraser:
    """Add (or replace, by `key`) an eraser: `erase(member, choice)` removes what it holds."""
    eraser = Eraser(key=key, erase=erase, order=order, atomic=atomic)
    _erasers[key] = eraser
    return eraser


def erasers() -> list[Eraser]:
    """The registered erasers, in the order they run."""
    return sorted(_erasers.values(), key=lambda eraser: (eraser.order, eraser.key))


def erase_member(member, choice: Choice, *, on_step: Callable | None = None) -> None:
    """Run every registered eraser for `member`, in order.

    `on_step(eraser, result)` is called after each one with what it returned (the number of
    rows it handled, when it says), so that the deletion records where it stands.
    """
    choice = Choice(choice)
    for eraser in erasers():
        if eraser.atomic:
            with transaction.atomic():
                result = eraser.erase(member, choice)
        else:
            result = eraser.erase(member, choice)
        if on_step is not None:
            on_step(eraser, result)


# --- What erasers share ----------------------------------------------------------------------
# Erasers call these through the module (`erasure.in_batches(...)`), so that a test can count
# the batches of every eraser by replacing `in_batches` here.


def in_batches(select, handle, *, size: int = BATCH_SIZE) -> int:
    """Call `handle(ids)` on batches of the primary keys `select()` returns, each batch in its
    own transaction, until none is left; `handle` must make its rows leave `select()`.
    Returns how many rows were handled."""
    handled = 0
    while True:
        with transaction.atomic(), searching.indexing_once():
            ids = list(select().order_by("pk").values_list("pk", flat=True)[:size])
            if not ids:
                return handled
            handle(ids)
        handled += len(ids)


def content_type(model):
    return ContentType.objects.get_for_model(model)


def forget_generic(model, ids) -> None:
    """What points at removed rows through a content type: their history, follows, the
    moderation queue and reports still open. Decided reports and decisions stay (the outcome
    of moderation is kept), as rows about content that no longer exists."""
    targets = {"content_type": content_type(model), "object_id__in": list(ids)}
    Revision.objects.filter(**targets).delete()
    Follow.objects.filter(**targets).delete()
    QueueItem.objects.filter(**targets).delete()
    Report.objects.filter(**targets, status=Report.Status.OPEN).delete()


def forget_revisions(model, ids) -> None:
    """The earlier versions of rows kept as tombstones: they hold the text that went."""
    Revision.objects.filter(content_type=content_type(model), object_id__in=ids).delete()


def reindex(kind: str, ids) -> None:
    """Put the search documents of `kind` numbered `ids` in the index again, after the commit."""
    for object_id in set(ids):
        if object_id is not None:
            searching.index_later(kind, object_id)


def reindex_in_wagtail(model, ids, *, removed=()) -> None:
    """Wagtail's own search index (the admin's search) follows the rows changed in bulk."""

    def update():
        for obj in model.objects.filter(pk__in=list(ids)):
            wagtail_index.insert_or_update_object(obj)

    def remove():
        for pk in removed:
            wagtail_index.remove_object(model(pk=pk))

    transaction.on_commit(update)
    if removed:
        transaction.on_commit(remove)


def tombstone_fields(now, *, title=False, slug=False) -> dict:
    """The fields that turn a piece of writing into "deleted by its author": no author, no
    text (nor title, nor slug, when the kind has them)."""
    fields = {
        "author": None,
        "author_card": None,
        "author_role_title_en": "",
        "author_role_title_fr": "",
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


def forget_own_deleted(model, member, *, title=False, slug=False) -> int:
    """Writing the member deleted themselves keeps no text, whatever they chose."""
    fields = {"body": "", "body_html": ""}
    if title:
        fields["title"] = ""
    if slug:
        fields["slug"] = "idea"
    return model.objects.filter(author=member, deleted_at__isnull=False).update(**fields)


def decrement(model, counter: str, target_ids: Counter) -> None:
    """Take back from each target's `counter` as many as `target_ids` counts for it."""
    for target_id, removed in target_ids.items():
        model.objects.filter(pk=target_id).update(**{counter: F(counter) - removed})


def vote_eraser(vote_model, target_field: str, target_model, counter: str, kind: str = ""):
    """An eraser of the member's votes of one kind: each vote goes, and the count it moved on
    its target goes down by exactly that vote; the targets of search kind `kind` (if any) are
    indexed again."""

    def erase(member, choice):
        def handle(ids):
            targets = Counter(
                vote_model.objects.filter(pk__in=ids).values_list(f"{target_field}_id", flat=True)
            )
            vote_model.objects.filter(pk__in=ids).delete()
            decrement(target_model, counter, targets)
            if kind:
                reindex(kind, targets)

        return in_batches(lambda: vote_model.objects.filter(member=member), handle)

    return erase


def anonymise(model, member, *, kind: str = "", parent: str = "", extra=None) -> int:
    """Keep the member's writing of one kind, signed by nobody; the documents of search kind
    `kind` (the row's own, or its `parent`'s) are indexed again."""
    fields = {"author": None, **(extra or {})}

    def handle(ids):
        parents = (
            list(model.objects.filter(pk__in=ids).values_list(parent, flat=True))
            if parent
            else list(ids)
        )
        model.objects.filter(pk__in=ids).update(**fields)
        Revision.objects.filter(
            content_type=content_type(model), object_id__in=ids, editor=member
        ).update(editor=None)
        if kind:
            reindex(kind, parents)

    return in_batches(lambda: model.objects.filter(author=member), handle)


def threaded_writing_eraser(model, *, thread: str, recount: Callable, kind: str):
    """An eraser of the member's writing in threads (answers under a question, comments under an
    idea), where replies sit under other writing of the same model (`parent`).

    Replies go first, then the rest; a piece that others replied to stays as a tombstone so
    that their replies still read. `thread` names the field of the thread (`question`),
    `recount(thread_ids)` recounts the threads' counters, and the threads' documents of search
    kind `kind` are indexed again. Anonymising keeps the writing, signed by nobody.
    """

    def erase(member, choice):
        forget_own_deleted(model, member)
        if choice == Choice.ANONYMISE:
            return anonymise(model, member, kind=kind, parent=f"{thread}_id")

        def handle(ids):
            rows = list(model.objects.filter(pk__in=ids).values("pk", f"{thread}_id"))
            with_others = set(
                model.objects.filter(parent_id__in=ids)
                .exclude(author=member)
                .values_list("parent_id", flat=True)
            )
            removed = [row["pk"] for row in rows if row["pk"] not in with_others]
            model.objects.filter(pk__in=with_others).update(**tombstone_fields(timezone.now()))
            forget_revisions(model, with_others)
            forget_generic(model, removed)
            model.objects.filter(pk__in=removed).delete()
            threads = [row[f"{thread}_id"] for row in rows]
            recount(threads)
            reindex(kind, threads)

        erased = in_batches(
            lambda: model.objects.filter(author=member, parent__isnull=False), handle
        )
        erased += in_batches(lambda: model.objects.filter(author=member), handle)
        return erased

    return erase


def erase_threads(model, ids, with_others, *, kind: str, replies, slug=False, **also) -> None:
    """Erase threads the member started (questions, ideas): those in `with_others` (where
    others took part) stay as tombstones with `also` set on them, so that the others' writing
    still reads; the rest go, with their replies (`replies`, the reply model, whose `<kind>`
    field is the thread) forgotten. The products' counts of kind `kind` are recounted and the
    threads' documents indexed again."""
    removed = [pk for pk in ids if pk not in with_others]
    product_ids = set(model.objects.filter(pk__in=ids).values_list("product_id", flat=True))
    model.objects.filter(pk__in=with_others).update(
        **tombstone_fields(timezone.now(), title=True, slug=slug), **also
    )
    forget_revisions(model, with_others)
    own_replies = replies.objects.filter(**{f"{kind}_id__in": removed}).values_list("pk", flat=True)
    forget_generic(replies, list(own_replies))
    forget_generic(model, removed)
    model.objects.filter(pk__in=removed).delete()
    products.refresh_product_stats(product_ids, kinds=(kind,))
    reindex_in_wagtail(model, with_others, removed=removed)
    reindex(kind, ids)


def delete_picture_files(pictures) -> None:
    """Remove the files of pictures (their `image` and `thumbnail`) once the commit is done."""
    files = []
    for picture in pictures:
        for field in (picture.image, picture.thumbnail):
            if field:
                files.append((field.storage, field.name))

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
