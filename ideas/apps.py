from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import content_kinds, demo, page_cache, page_urls, site_setup, webhook_events
        from community.api import routes as api_routes
        from ideas import notifications, personal_data  # noqa: F401
        from ideas.api.views import ROUTES
        from ideas.demo import DEMO_STEPS
        from ideas.entry_pages import ROADMAP
        from ideas.kinds import COMMENT, IDEA
        from ideas.models import Status
        from ideas.selectors import member_stake, votes_of
        from ideas.status_styles import forget_version
        from ideas.webhooks import EVENTS

        page_urls.register("", "ideas.urls", order=20)
        content_kinds.register(IDEA)
        content_kinds.register(COMMENT)
        api_routes.register(*ROUTES)
        webhook_events.register(*EVENTS)
        demo.register(*DEMO_STEPS)
        site_setup.register_entry_page(ROADMAP)
        page_cache.register_stake("ideas", member_stake)
        page_cache.register_mark("idea_vote", votes_of, "ideas/includes/your_vote.html")
        page_cache.register_mark("idea_vote_short", votes_of, "ideas/includes/your_vote_short.html")
        post_save.connect(forget_version, sender=Status, dispatch_uid="ideas_status_saved")
        post_delete.connect(forget_version, sender=Status, dispatch_uid="ideas_status_deleted")
