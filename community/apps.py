from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import notifications, page_cache, signals  # noqa: F401
        from community.account_deletion import erasers as account_erasers  # noqa: F401
        from community.conversations import notifications as conversation_notifications  # noqa: F401
        from community.conversations import personal_data as conversation_data  # noqa: F401
        from community.conversations.erasure import register_eraser as register_conversation_eraser
        from community.member_data import notifications as member_data_notifications  # noqa: F401
        from community.member_data import sections as member_data_sections  # noqa: F401
        from community.member_data.erasure import register_erasers
        from community.member_data.signals import start_digest_schedule
        from community.protections import notifications as protection_notifications  # noqa: F401
        from community.questions import notifications as question_notifications  # noqa: F401
        from community.roles import ensure_roles

        page_cache.install()
        from community.questions.selectors import member_stake as question_stake

        page_cache.register_stake("questions", question_stake)
        from community import site_cache

        site_cache.install()
        register_erasers()
        register_conversation_eraser()

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="community_ensure_roles")
        post_migrate.connect(
            start_digest_schedule, sender=self, dispatch_uid="community_member_data_digest"
        )
