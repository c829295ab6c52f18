"""Signals that keep the search indexes in step: they only enqueue, after the commit.

Anything that changes what a document holds, or whether the public may see it, asks for the
document to be indexed again. Which changes those are, each searched kind says in the
content-kind registry: `reindex_on` lists the models whose rows belong to its documents (the
content itself, an answer or a public comment, a vote or a question's step), and the facet's
`connect()` adds what a model and an attribute cannot say (a merge, a status renamed, a page's
privacy). Requests go through `community.searching`, so that the backend the settings name
(this app's, or none) answers them. Whether the document is then written or removed is decided
by the task, through the model's `public()`.
"""

from django.db.models.signals import post_delete, post_save

from community.searching import index_later
from search.kinds import searched


def _watched(model) -> set[tuple[str, str]]:
    """{(kind key, attribute)} for the rows of `model`: which documents they belong to."""
    label = model._meta.concrete_model._meta.label
    watched = set()
    for kind in searched():
        if kind.model_label == label:
            watched.add((kind.key, "pk"))
        for reindex in kind.reindex_on:
            if reindex.model_label == label:
                watched.add((kind.key, reindex.attribute))
    return watched


def _changed(sender, instance, raw=False, **kwargs):
    """Any row saved or deleted: the documents it belongs to, if any, are indexed again. The
    registry is read at each change, so a kind registered later is kept in step too."""
    if raw:
        return
    for kind_key, attribute in sorted(_watched(sender)):
        object_id = getattr(instance, attribute, None)
        if object_id is not None:
            index_later(kind_key, object_id)


def connect():
    post_save.connect(_changed, weak=False, dispatch_uid="search_content_saved")
    post_delete.connect(_changed, weak=False, dispatch_uid="search_content_deleted")
    for kind in searched():
        kind.search.connect()
