from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Questions and answers: a feature of the community app. Its models keep the `community`
    app label (and their tables); this app registers what the ground floor reads."""

    name = "community.questions"
    label = "questions"
    verbose_name = _("Questions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import content_kinds, demo, page_cache, page_urls, webhook_events
        from community.api import routes as api_routes
        from community.questions import notifications, personal_data, receivers  # noqa: F401
        from community.questions.api import ROUTES
        from community.questions.demo import DEMO_STEPS
        from community.questions.kinds import ANSWER, QUESTION
        from community.questions.selectors import member_stake
        from community.questions.webhooks import EVENTS

        page_urls.register("questions/", "community.questions.urls", order=30)
        content_kinds.register(QUESTION)
        content_kinds.register(ANSWER)
        api_routes.register(*ROUTES)
        webhook_events.register(*EVENTS)
        page_cache.register_stake("questions", member_stake)
        demo.register(*DEMO_STEPS)
        receivers.connect()
