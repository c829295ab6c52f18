"""The kinds of notification the reviews app sends."""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

STAFF_RESPONSE = registry.register(
    NotificationKind(
        key="review_staff_response",
        label=_("A member of staff responds to my review"),
        message=_("%(staff_name)s (%(role)s) responded to your review “%(title)s”."),
    )
)
REVIEW_MODERATED = registry.register(
    NotificationKind(
        key="review_moderated",
        label=_("A moderator publishes or hides my review"),
        message=_("Your review “%(title)s” is now %(status)s. %(reason)s"),
    )
)
REVIEW_PHOTO_DROPPED = registry.register(
    NotificationKind(
        key="review_photo_dropped",
        label=_("A photo I added to a review could not be used"),
        message=_(
            "A photo of your review “%(title)s” could not be used: %(file)s is damaged or "
            "incomplete. You can add it again by editing your review."
        ),
        summarised=False,
    )
)
