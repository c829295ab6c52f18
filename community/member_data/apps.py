from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MemberDataConfig(AppConfig):
    """Members' own data: the "my data" page and download, preferences, the weekly summary.
    Its models keep the `community` app label (and their tables)."""

    name = "community.member_data"
    label = "member_data"
    verbose_name = _("Members' data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import demo
        from community.member_data import notifications, personal_data  # noqa: F401
        from community.member_data.demo import DEMO_STEPS
        from community.member_data.erasure import register_erasers
        from community.member_data.signals import start_digest_schedule

        register_erasers()
        demo.register(*DEMO_STEPS)
        post_migrate.connect(
            start_digest_schedule, sender=self, dispatch_uid="community_member_data_digest"
        )
