from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import content_kinds, notifications, page_cache, signals, webhook_events  # noqa: F401
        from community import personal_data_sections as ground_floor_data  # noqa: F401
        from community.account_deletion import erasers as account_erasers  # noqa: F401
        from community.api import routes as api_routes
        from community.api.views import ROUTES as API_ROUTES
        from community.conversations import notifications as conversation_notifications  # noqa: F401
        from community.conversations import personal_data as conversation_data  # noqa: F401
        from community.conversations.erasure import register_eraser as register_conversation_eraser
        from community.member_data import notifications as member_data_notifications  # noqa: F401
        from community.member_data import personal_data as member_data_sections  # noqa: F401
        from community.member_data.erasure import register_erasers
        from community.member_data.signals import start_digest_schedule
        from community.product_search import PRODUCT
        from community.protections import notifications as protection_notifications  # noqa: F401
        from community.questions import notifications as question_notifications  # noqa: F401
        from community.questions import personal_data as question_data  # noqa: F401
        from community.questions.api import ROUTES as QUESTION_ROUTES
        from community.questions.kinds import ANSWER, QUESTION
        from community.questions.webhooks import EVENTS as QUESTION_EVENTS
        from community.roles import ensure_roles

        content_kinds.register(content_kinds.MEMBER)
        content_kinds.register(QUESTION)
        content_kinds.register(ANSWER)
        content_kinds.register(PRODUCT)
        api_routes.register(*API_ROUTES, *QUESTION_ROUTES)
        webhook_events.register(*QUESTION_EVENTS)

        page_cache.install()
        from community.questions.selectors import member_stake as question_stake

        page_cache.register_stake("questions", question_stake)
        from community import products, site_cache

        site_cache.install()
        products.connect_counters()
        register_erasers()
        register_conversation_eraser()

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="community_ensure_roles")
        post_migrate.connect(
            start_digest_schedule, sender=self, dispatch_uid="community_member_data_digest"
        )
