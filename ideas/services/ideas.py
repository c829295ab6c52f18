"""Proposing, editing and deleting ideas, their images, following them, and estimates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import follows, products, webhooks
from community import permissions as community_permissions
from community.images import fitted_jpeg, open_checked_image
from community.markdown import mentioned_members
from community.moderation.services import held_at_creation, start_moderation
from community.products import canonical_product
from community.protections.rules import guard_write
from community.services import authorship_for, avatar_limits
from community.writing import body_set, content_edit, content_soft_delete, text_clean
from ideas import permissions
from ideas.models import MAX_IMAGES_PER_IDEA, Idea, IdeaImage, Importance, Status
from ideas.services.notifying import after_commit
from ideas.services.votes import cast_vote
from ideas.webhooks import IDEA_CREATED

IMAGE_LARGE_SIDE = 1600
IMAGE_THUMBNAIL_SIDE = 320


def image_process(upload, name: str):
    """Check one uploaded image; return its (large, thumbnail) clean JPEGs."""
    image = open_checked_image(upload, avatar_limits(), max_side=IMAGE_LARGE_SIDE)
    return (
        fitted_jpeg(image, IMAGE_LARGE_SIDE, name),
        fitted_jpeg(image, IMAGE_THUMBNAIL_SIDE, f"{name}-thumb"),
    )


def _too_many_images():
    return ValidationError(
        _("An idea can have at most %(count)s images.") % {"count": MAX_IMAGES_PER_IDEA},
        code="too_many_images",
    )


def _save_images(idea, images, start_at=0):
    """`images` are (large, thumbnail, alt text) from `image_process` and the form."""
    for offset, (large, thumbnail, alt_text) in enumerate(images):
        picture = IdeaImage(idea=idea, sort_order=start_at + offset, alt_text=alt_text.strip())
        picture.image.save(large.name, large, save=False)
        picture.thumbnail.save(thumbnail.name, thumbnail, save=False)
        picture.save()


def _delete_images(pictures):
    files = [(p.image.storage, p.image.name) for p in pictures]
    files += [(p.thumbnail.storage, p.thumbnail.name) for p in pictures]
    IdeaImage.objects.filter(pk__in=[p.pk for p in pictures]).delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Please give your idea a title.")}, code="required")
    return title


def _clean_body(body: str) -> str:
    return text_clean(body, empty_message=_("Please describe your idea: what would it let you do?"))


@transaction.atomic
def idea_propose(
    member,
    *,
    title: str,
    body: str,
    product=None,
    tags=(),
    images=(),
    importance: int = Importance.IMPORTANT,
) -> Idea:
    """Publish `member`'s idea; they vote for it at once and follow it.

    The idea belongs to the product itself (its default-language page), whatever the language
    of the page it was proposed from. Staff with an active card propose under their card.
    """
    guard_write(member, kind="idea", text=body)
    if not permissions.can_propose(member):
        raise PermissionDenied("Verify your e-mail address before proposing an idea.")
    if len(images) > MAX_IMAGES_PER_IDEA:
        raise _too_many_images()
    idea = Idea(
        title=_clean_title(title),
        product=canonical_product(product) if product is not None else None,
        status=Status.for_new_ideas(),
        **authorship_for(member, as_staff=community_permissions.can_write_as_staff(member)),
    )
    body_set(idea, _clean_body(body))
    idea.last_activity_at = timezone.now()
    idea.full_clean(exclude=["author", "product", "status", "tags", "author_card"])
    start_moderation(idea, member, f"{idea.title} {idea.body}")
    idea.save()
    products.recount(idea)
    idea.tags.set(tags)
    _save_images(idea, images)
    cast_vote(idea, member, importance=importance)
    follows.follow(member, idea)
    if not held_at_creation(idea):
        idea_announce(idea)
    return idea


def idea_announce(idea) -> None:
    """Tell the members an idea mentions, once it is published (at once, or when a moderator
    publishes a held idea)."""
    webhooks.emit(IDEA_CREATED, idea)
    mentioned = [m for m in _mentioned(idea.body) if m.pk != idea.author_id]
    if mentioned:
        after_commit("mentioned", idea_id=idea.pk, member_ids=[m.pk for m in mentioned])


def _mentioned(text):
    return mentioned_members(text)


@transaction.atomic
def idea_edit(
    actor,
    idea,
    *,
    title: str,
    body: str,
    product=None,
    tags=None,
    images=(),
    remove_image_ids=(),
    alt_texts=None,
    reason: str = "",
) -> Idea:
    """Change an idea; the earlier title and text stay in its public edit history."""
    guard_write(actor, kind="edit", text=body)
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied("You cannot edit this idea.")
    removed = list(idea.images.filter(pk__in=remove_image_ids))
    remaining = idea.images.count() - len(removed)
    if remaining + len(images) > MAX_IMAGES_PER_IDEA:
        raise _too_many_images()
    mentioned = content_edit(
        idea, editor=actor, body=_clean_body(body), title=_clean_title(title), reason=reason
    )
    new_product = canonical_product(product) if product is not None else None
    product_before = idea.product_id
    if new_product != idea.product:
        idea.product = new_product
    idea.last_activity_at = timezone.now()
    idea.save(update_fields=["product", "last_activity_at"])
    products.recount(idea, product_before=product_before)
    if tags is not None:
        idea.tags.set(tags)
    for picture in idea.images.exclude(pk__in=[p.pk for p in removed]):
        alt_text = (alt_texts or {}).get(picture.pk)
        if alt_text is not None and alt_text.strip() != picture.alt_text:
            picture.alt_text = alt_text.strip()
            picture.save(update_fields=["alt_text"])
    _delete_images(removed)
    last = idea.images.order_by("-sort_order").values_list("sort_order", flat=True).first()
    _save_images(idea, images, start_at=(last + 1) if last is not None else 0)
    mentioned = [m for m in mentioned if m.pk != actor.pk]
    if mentioned:
        after_commit("mentioned", idea_id=idea.pk, member_ids=[m.pk for m in mentioned])
    return idea


@transaction.atomic
def idea_delete(actor, idea) -> None:
    """Delete softly: the address stays and says who deleted it, never what it said."""
    if not permissions.can_delete_idea(actor, idea):
        raise PermissionDenied("You cannot delete this idea.")
    content_soft_delete(idea, by=actor)


def idea_follow_set(member, idea, *, on: bool) -> bool:
    """Follow an idea (or stop); followers are told of decisions and comments."""
    if not community_permissions.is_member(member):
        raise PermissionDenied("Log in to follow an idea.")
    if on:
        if idea.is_deleted:
            raise ValidationError(_("This idea was deleted."), code="deleted")
        return follows.follow(member, idea)
    return follows.unfollow(member, idea)


def estimate_score(impact, effort):
    """Impact divided by effort, times 100: quick wins first. None until both are set."""
    if not impact or not effort:
        return None
    return round(impact * 100 / effort)


@transaction.atomic
def idea_estimate(actor, idea, *, impact=None, effort=None) -> Idea:
    """The product team's impact and effort estimates (1 to 5), which only staff see."""
    if not permissions.can_estimate(actor):
        raise PermissionDenied("Only the product team sets impact and effort.")
    for name, value in (("impact", impact), ("effort", effort)):
        if value is not None and value not in range(1, 6):
            raise ValidationError({name: _("Choose a value from 1 to 5.")}, code="range")
    idea.impact, idea.effort = impact, effort
    idea.score = estimate_score(impact, effort)
    idea.estimated_by = actor
    idea.estimated_at = timezone.now()
    idea.save(update_fields=["impact", "effort", "score", "estimated_by", "estimated_at"])
    return idea


def touch(idea, *, comments: int = 0) -> None:
    """Mark activity on an idea (and move its public comment count) in one exact UPDATE."""
    changes = {"last_activity_at": timezone.now()}
    if comments:
        changes["comment_count"] = F("comment_count") + comments
    Idea.objects.filter(pk=idea.pk).update(**changes)
