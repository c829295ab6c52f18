"""The kinds of notification private conversations send.

Messages never travel in a notification or an e-mail: they say who wrote about which subject,
with a link to the conversation behind a log-in, so that an order number or an address stays
out of mailboxes.
"""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

STAFF_MESSAGE = registry.register(
    NotificationKind(
        key="conversation_staff_message",
        label=_("A member of staff writes to me in a private conversation"),
        message=_("%(name)s (%(role)s) wrote to you privately about “%(subject)s”."),
    )
)
STAFF_OPENED = registry.register(
    NotificationKind(
        key="conversation_opened_by_staff",
        label=_("A member of staff opens a private conversation with me"),
        message=_("%(name)s (%(role)s) opened a private conversation with you: “%(subject)s”."),
    )
)
MEMBER_OPENED = registry.register(
    NotificationKind(
        key="conversation_opened",
        label=_("A member opens a private conversation on something I look after (staff)"),
        message=_("%(name)s opened a private conversation: “%(subject)s”."),
    )
)
MEMBER_MESSAGE = registry.register(
    NotificationKind(
        key="conversation_member_message",
        label=_("A member writes in a private conversation I look after (staff)"),
        message=_("%(name)s wrote in the private conversation “%(subject)s”."),
    )
)
HANDED_TO_YOU = registry.register(
    NotificationKind(
        key="conversation_handed_to_you",
        label=_("A colleague hands me a private conversation (staff)"),
        message=_("%(from_name)s handed the private conversation “%(subject)s” to you: %(note)s"),
    )
)
HANDED_OVER = registry.register(
    NotificationKind(
        key="conversation_handed_over",
        label=_("My private conversation is handed to another member of staff"),
        message=_(
            "%(to_name)s (%(role)s) now looks after your private conversation “%(subject)s”."
        ),
    )
)
TAKEN = registry.register(
    NotificationKind(
        key="conversation_taken",
        label=_("A member of staff takes on my private conversation"),
        message=_("%(name)s (%(role)s) now looks after your private conversation “%(subject)s”."),
    )
)
CLOSED = registry.register(
    NotificationKind(
        key="conversation_closed",
        label=_("A private conversation I take part in is closed"),
        message=_("%(name)s closed the private conversation “%(subject)s”."),
    )
)
REOPENED = registry.register(
    NotificationKind(
        key="conversation_reopened",
        label=_("A private conversation I take part in is reopened"),
        message=_("%(name)s reopened the private conversation “%(subject)s”."),
    )
)
SUMMARY_REQUESTED = registry.register(
    NotificationKind(
        key="conversation_summary_requested",
        label=_("Staff ask whether they may post a summary of my private conversation"),
        message=_(
            "%(name)s asks whether they may post a public summary of “%(subject)s”. Nothing is "
            "posted unless you agree."
        ),
    )
)
SUMMARY_ACCEPTED = registry.register(
    NotificationKind(
        key="conversation_summary_accepted",
        label=_("A member agrees to the summary I asked to post (staff)"),
        message=_("%(name)s agreed to your summary of “%(subject)s”: it is posted."),
    )
)
SUMMARY_DECLINED = registry.register(
    NotificationKind(
        key="conversation_summary_declined",
        label=_("A member declines the summary I asked to post (staff)"),
        message=_("%(name)s declined your summary of “%(subject)s”: it stays private."),
    )
)
