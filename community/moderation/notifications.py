"""What moderation tells members: the author of held, hidden, edited or deleted content (with
the reason and the moderator's name), reporters (the outcome of their report) and appellants
(the outcome of their appeal, with a statement of reasons)."""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

HELD = registry.register(
    NotificationKind(
        key="moderation_held",
        label=_("Something I wrote waits for a moderator"),
        message=_(
            "“%(title)s” waits for a moderator before others can see it. Reason: %(reason)s. "
            "A moderator usually decides within %(wait)s."
        ),
    )
)
PUBLISHED = registry.register(
    NotificationKind(
        key="moderation_published",
        label=_("A moderator publishes something I wrote"),
        message=_("%(moderator)s published “%(title)s”: %(reason)s"),
    )
)
HIDDEN = registry.register(
    NotificationKind(
        key="moderation_hidden",
        label=_("A moderator hides something I wrote"),
        message=_(
            "%(moderator)s hid “%(title)s”. Reason: %(reason)s. You can appeal once from its page."
        ),
    )
)
EDITED = registry.register(
    NotificationKind(
        key="moderation_edited",
        label=_("A moderator edits something I wrote"),
        message=_("%(moderator)s edited “%(title)s”: %(reason)s"),
    )
)
DELETED = registry.register(
    NotificationKind(
        key="moderation_deleted",
        label=_("A moderator deletes something I wrote"),
        message=_("%(moderator)s deleted “%(title)s”. Reason: %(reason)s"),
    )
)
REPORT_UPHELD = registry.register(
    NotificationKind(
        key="moderation_report_upheld",
        label=_("A moderator acts on my report"),
        message=_("Thank you: a moderator acted on your report about “%(title)s”."),
        email_default=False,
    )
)
REPORT_DISMISSED = registry.register(
    NotificationKind(
        key="moderation_report_dismissed",
        label=_("A moderator finds that what I reported breaks no guideline"),
        message=_(
            "A moderator looked at your report about “%(title)s” and found that it breaks no "
            "guideline: %(reason)s"
        ),
        email_default=False,
    )
)
APPEAL_UPHELD = registry.register(
    NotificationKind(
        key="moderation_appeal_upheld",
        label=_("The outcome of my appeal"),
        message=_("%(moderator)s upheld your appeal about %(what)s: %(statement)s"),
    )
)
APPEAL_REJECTED = registry.register(
    NotificationKind(
        key="moderation_appeal_rejected",
        label=_("The outcome of my appeal, when the decision stands"),
        message=_(
            "%(moderator)s looked at your appeal about %(what)s again; the decision stands: "
            "%(statement)s"
        ),
    )
)
