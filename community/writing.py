"""Writing, editing and deleting Markdown content: one set of services for every kind.

Apps check their own permissions first (who may edit an answer is the Q&A's rule), then call
these to do the shared part: render the Markdown once, keep the earlier version in the public
history, and delete softly so the thread keeps its shape.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from community import products
from community.markdown import mentioned_handles, mentioned_members, render_markdown
from community.models import Revision


def text_clean(text: str, *, empty_message: str, max_length: int | None = None, field="body"):
    """A member's text as it is saved: without the spaces and blank lines around it. Refused
    (a `ValidationError` on `field`) when nothing is left, or when it is longer than
    `max_length`."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            {
                field: ngettext(
                    "Please keep it to %(count)s character or fewer (it has %(length)s).",
                    "Please keep it to %(count)s characters or fewer (it has %(length)s).",
                    max_length,
                )
                % {"count": f"{max_length:,}", "length": f"{len(text):,}"}
            }
        )
    return text


def body_set(content, text: str) -> None:
    """Set the Markdown source and its sanitised HTML (not saved)."""
    content.body = text.strip()
    content.body_html = render_markdown(content.body)


def newly_mentioned(old_text: str, new_text: str) -> list:
    """The members that `new_text` mentions and `old_text` did not, so nobody is told twice."""
    before = mentioned_handles(old_text)
    return [m for m in mentioned_members(new_text) if m.handle.lower() not in before]


def content_edit(content, *, editor, body: str, title: str | None = None, reason: str = "") -> list:
    """Edit `content`, keeping the earlier version in its history; returns newly mentioned members.

    Nothing is recorded when nothing changed, so saving an untouched form leaves no "edited" mark.
    """
    body = body.strip()
    old_title = getattr(content, "title", "")
    title_changed = title is not None and title.strip() != old_title
    if body == content.body and not title_changed:
        return []
    with transaction.atomic():
        Revision.objects.create(
            content_type=ContentType.objects.get_for_model(content),
            object_id=content.pk,
            editor=editor,
            title=old_title or "",
            body=content.body,
            reason=reason,
        )
        mentioned = newly_mentioned(content.body, body)
        body_set(content, body)
        fields = ["body", "body_html", "edited_at", "edit_count"]
        if title_changed:
            content.title = title.strip()
            fields.append("title")
        content.edited_at = timezone.now()
        content.edit_count += 1
        content.save(update_fields=fields)
    return mentioned


def content_soft_delete(content, *, by) -> None:
    """Mark `content` deleted; the thread shows who deleted it, never what it said."""
    if content.is_deleted:
        return
    content.deleted_at = timezone.now()
    content.deleted_by = by
    content.save(update_fields=["deleted_at", "deleted_by"])
    products.recount(content)


def revisions_for(content):
    """The earlier versions of `content`, newest first, with their editors."""
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(content), object_id=content.pk
    ).select_related("editor")
