"""Every write of the community room: in a transaction, with its permission check."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from community import permissions, selectors
from community.i18n import current_language
from community.images import ImageLimits, open_checked_image, square_jpeg
from community.models import GuidelinesPage, Notification, WrittenAs
from community.protections.suspensions import guard_profile


def avatar_limits() -> ImageLimits:
    """The limits on avatars and staff photos, read from the settings when a file arrives."""
    return ImageLimits(max_bytes=settings.AVATAR_MAX_BYTES, max_pixels=settings.AVATAR_MAX_PIXELS)


def current_guidelines_version() -> str:
    """The version of the live guidelines that members accept when they sign up."""
    page = GuidelinesPage.objects.live().order_by("-last_published_at").first()
    return page.version if page else settings.DEFAULT_GUIDELINES_VERSION


def authorship_for(member, *, as_staff: bool = False) -> dict:
    """The byline fields to store on something `member` writes now.

    Staff write as staff only when they ask to and hold an active card; the card and the role
    title (in both languages) are captured now, so the byline keeps showing them after the writer
    leaves the team or the card's role changes.
    """
    if not permissions.can_write(member):
        raise PermissionDenied("Verify your e-mail address before writing.")
    fields = {
        "author": member,
        "written_as": WrittenAs.MEMBER,
        "author_card": None,
        "author_role_title_en": "",
        "author_role_title_fr": "",
        "language": current_language(),
    }
    if as_staff:
        card = permissions.active_staff_card(member)
        if card is None:
            raise PermissionDenied("Only staff with an active staff card can write as staff.")
        fields.update(
            written_as=WrittenAs.STAFF,
            author_card=card,
            author_role_title_en=card.role_title_en,
            author_role_title_fr=card.role_title_fr,
        )
    return fields


def member_accept_guidelines(member, version: str | None = None) -> None:
    member.guidelines_version = version or current_guidelines_version()
    member.guidelines_accepted_at = timezone.now()
    member.save(update_fields=["guidelines_version", "guidelines_accepted_at"])


def member_set_language(member, language: str) -> bool:
    """Make `language` the member's: the site after their next log-in, their e-mails and their
    notifications use it. Nothing for visitors (the language cookie speaks for them) nor for a
    language the site does not have; True when it changed."""
    if not getattr(member, "is_authenticated", False) or language not in dict(settings.LANGUAGES):
        return False
    if member.preferred_language == language:
        return False
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    return True


@transaction.atomic
def profile_update(actor, member, *, cleaned_data: dict, avatar_upload=None, remove_avatar=False):
    """Save a member's profile; the avatar, when given, has already passed `avatar_process`."""
    if not permissions.can_edit_profile(actor, member):
        raise PermissionDenied("Members can only edit their own profile.")
    guard_profile(member, cleaned_data=cleaned_data, avatar_changes=avatar_upload or remove_avatar)
    for field in ("display_name", "handle", "bio", "preferred_language"):
        if field in cleaned_data:
            setattr(member, field, cleaned_data[field])
    old_avatar = member.avatar.name if member.avatar else ""
    if avatar_upload is not None:
        member.avatar.save(avatar_upload.name, avatar_upload, save=False)
    elif remove_avatar:
        member.avatar = ""
    member.save()
    if old_avatar and old_avatar != (member.avatar.name if member.avatar else ""):
        storage = member.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return member


def avatar_process(upload, member):
    """Check an uploaded avatar and turn it into a clean 512 px square JPEG."""
    image = open_checked_image(upload, avatar_limits(), max_side=settings.AVATAR_SIZE)
    return square_jpeg(image, settings.AVATAR_SIZE, f"{member.handle}")


def staff_photo_process(upload, name: str):
    image = open_checked_image(upload, avatar_limits(), max_side=settings.AVATAR_SIZE)
    return square_jpeg(image, settings.AVATAR_SIZE, name)


def notifications_mark_read(member, notification_ids=None) -> int:
    """Mark some (or all) of a member's unread notifications as read; returns how many."""
    unread = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    selectors.forget_unread_notifications(member)
    return unread.update(read_at=timezone.now())
