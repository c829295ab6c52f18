"""The kinds of notification the ideas app sends.

Messages are translated when they are read; the params hold what cannot be translated then
(titles, names, and the note quoted as the member of staff wrote it). Status names, decline
reasons, importances and role titles are kept in each language and read in the reader's
(`community.i18n.in_each_language`).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.notifications import NotificationKind, registry

STATUS_CHANGED = registry.register(
    NotificationKind(
        key="idea_status_changed",
        label=_("An idea I proposed, voted for or follow changes status"),
        message=_("%(staff_name)s (%(role)s) moved “%(title)s” to %(status)s: “%(note)s”"),
    )
)
SHIPPED = registry.register(
    NotificationKind(
        key="idea_shipped",
        label=_("An idea I proposed, voted for or follow has shipped"),
        message=_(
            "%(staff_name)s (%(role)s) shipped “%(title)s”: “%(note)s” "
            "Does this solve it for you? Tell us on the idea."
        ),
    )
)
DECLINED = registry.register(
    NotificationKind(
        key="idea_declined",
        label=_("An idea I proposed, voted for or follow is declined"),
        message=_("%(staff_name)s (%(role)s) declined “%(title)s” (%(reason)s): “%(note)s”"),
    )
)
MERGED = registry.register(
    NotificationKind(
        key="idea_merged",
        label=_("An idea I voted for is merged into another one"),
        message=_(
            "“%(title)s”, which you voted for, is merged into “%(kept_title)s”. "
            "Your vote counts there now."
        ),
    )
)
UNMERGED = registry.register(
    NotificationKind(
        key="idea_unmerged",
        label=_("A merge of an idea I voted for is undone"),
        message=_(
            "“%(title)s” is no longer merged into “%(kept_title)s”. Your vote is back on it."
        ),
    )
)
VOTE_RECORDED = registry.register(
    NotificationKind(
        key="idea_vote_recorded",
        label=_("A member of staff records a vote for me"),
        message=_("%(staff_name)s recorded your vote for “%(title)s” (%(importance)s)."),
    )
)
COMMENTED = registry.register(
    NotificationKind(
        key="idea_commented",
        label=_("Someone comments on an idea I proposed or follow"),
        message=_("%(name)s commented on “%(title)s”."),
        email_default=False,
    )
)
REPLIED = registry.register(
    NotificationKind(
        key="idea_comment_replied",
        label=_("Someone replies to my comment on an idea"),
        message=_("%(name)s replied to your comment on “%(title)s”."),
    )
)
MENTIONED = registry.register(
    NotificationKind(
        key="idea_mentioned",
        label=_("Someone mentions me on an idea"),
        message=_("%(name)s mentioned you on “%(title)s”."),
    )
)
EXPORT_READY = registry.register(
    NotificationKind(
        key="idea_export_ready",
        label=_("An export of the ideas backlog I asked for is ready"),
        message=ngettext_lazy(
            "Your export of %(what)s (%(format)s, %(rows)s row) is ready to download.",
            "Your export of %(what)s (%(format)s, %(rows)s rows) is ready to download.",
            "rows",
        ),
    )
)
EXPORT_FAILED = registry.register(
    NotificationKind(
        key="idea_export_failed",
        label=_("An export of the ideas backlog I asked for could not be prepared"),
        message=_("Your export of %(what)s (%(format)s) could not be prepared. Please try again."),
    )
)
