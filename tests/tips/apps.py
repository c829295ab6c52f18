from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    """Tips: a kind of member writing that exists only in the tests, to prove that a new kind
    is one app's work. Everything the ground floor needs to know of it is registered here."""

    name = "tests.tips"
    label = "tips"
    verbose_name = _("Tips")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import content_kinds, page_urls, webhook_events
        from community.api import routes as api_routes
        from tests.tips import personal_data  # noqa: F401
        from tests.tips.api import ROUTES
        from tests.tips.kinds import TIP
        from tests.tips.webhooks import EVENTS

        page_urls.register("tips/", "tests.tips.urls")
        content_kinds.register(TIP)
        api_routes.register(*ROUTES)
        webhook_events.register(*EVENTS)
