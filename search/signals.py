"""Signals that keep the search indexes in step: they only enqueue, after the commit.

Anything that changes what a document holds, or whether the public may see it, asks for the
document to be indexed again: the content itself (publish, edit, soft delete, hide, delete),
an answer or a public comment (part of the document), a vote or a question's step (its
ranking boost and status). Whether the document is then written or removed is decided by the
task, through the model's `public()`.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from search.services import index_later


def _reindex(kind, attribute="pk"):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        object_id = getattr(instance, attribute, None)
        if object_id is not None:
            index_later(kind, object_id)

    return receiver


def _merge_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_later("idea", instance.idea_id)
        index_later("idea", instance.into_id)


def _status_saved(sender, instance, created=False, raw=False, **kwargs):
    from search.tasks import index_ideas_with_status

    if not (raw or created):
        transaction.on_commit(lambda: index_ideas_with_status.enqueue(instance.pk))


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A page's privacy changed: product pages under it may have left (or joined) the public."""
    from search.tasks import index_product_pages_under

    if not raw:
        page_id = instance.page_id
        transaction.on_commit(lambda: index_product_pages_under.enqueue(page_id))


def connect():
    from wagtail.models import PageViewRestriction

    from community.models import Answer, ProductPage, Question, QuestionEvent
    from ideas.models import Comment, Idea, IdeaVote, Merge, Status, StatusChange
    from reviews.models import Review, StaffResponse

    watched = [
        (Review, "review", "pk"),
        (StaffResponse, "review", "review_id"),
        (Question, "question", "pk"),
        (Answer, "question", "question_id"),
        (QuestionEvent, "question", "question_id"),
        (Idea, "idea", "pk"),
        (Comment, "idea", "idea_id"),
        (IdeaVote, "idea", "idea_id"),
        (StatusChange, "idea", "idea_id"),
        (ProductPage, "product", "pk"),
    ]
    for model, kind, attribute in watched:
        receiver = _reindex(kind, attribute)
        uid = f"search_{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}_saved")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}_deleted")
    product_page = _reindex("product")
    page_published.connect(
        product_page, sender=ProductPage, weak=False, dispatch_uid="search_product_published"
    )
    page_unpublished.connect(
        product_page, sender=ProductPage, weak=False, dispatch_uid="search_product_unpublished"
    )
    post_save.connect(_merge_saved, sender=Merge, dispatch_uid="search_merge_saved")
    post_save.connect(_status_saved, sender=Status, dispatch_uid="search_status_saved")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{signal is post_save}",
        )
