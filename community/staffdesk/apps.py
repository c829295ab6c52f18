from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffDeskConfig(AppConfig):
    """The staff desk: response promises, the staff inbox and service figures."""

    name = "community.staffdesk"
    label = "staffdesk"
    verbose_name = _("Staff desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import page_urls

        page_urls.register("staff/", "community.staffdesk.urls", order=40)
