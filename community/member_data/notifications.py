"""The notifications of a member's own data: their download is ready, or could not be made."""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

DATA_EXPORT_READY = registry.register(
    NotificationKind(
        key="data_export_ready",
        label=_("The download of your data is ready"),
        message=_("The download of your data is ready. You can download it until %(until)s."),
        in_site_default=True,
        email_default=True,
        summarised=False,
    )
)

DATA_EXPORT_FAILED = registry.register(
    NotificationKind(
        key="data_export_failed",
        label=_("The download of your data could not be prepared"),
        message=_("The download of your data could not be prepared. Please ask for it again."),
        in_site_default=True,
        email_default=True,
        summarised=False,
    )
)
