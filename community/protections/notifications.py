"""The notifications protections send: a member is told when they are suspended and when the
suspension is lifted early, with the reason."""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

SUSPENDED = registry.register(
    NotificationKind(
        key="member_suspended",
        label=_("My account is suspended"),
        message=_(
            "Your account is suspended until %(until)s: you can read, but not write or vote. "
            "Reason: %(reason)s"
        ),
    )
)
SUSPENSION_LIFTED = registry.register(
    NotificationKind(
        key="member_suspension_lifted",
        label=_("My suspension is lifted"),
        message=_("Your suspension is lifted: you can write and vote again. %(reason)s"),
    )
)
