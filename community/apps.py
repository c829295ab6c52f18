from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import notifications, signals  # noqa: F401
        from community.protections import notifications as protection_notifications  # noqa: F401
        from community.questions import notifications as question_notifications  # noqa: F401
        from community.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="community_ensure_roles")
