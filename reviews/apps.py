from allauth.account.signals import email_confirmed
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import content_kinds, demo, page_cache, page_urls, webhook_events
        from community.api import routes as api_routes
        from reviews import notifications, personal_data  # noqa: F401
        from reviews.api import ROUTES
        from reviews.demo import DEMO_STEPS
        from reviews.kinds import REVIEW
        from reviews.selectors import member_stake
        from reviews.signals import claim_orders_on_verification, start_invitation_sweep
        from reviews.webhooks import EVENTS

        page_urls.register("reviews/", "reviews.urls", order=10)
        content_kinds.register(REVIEW)
        api_routes.register(*ROUTES)
        webhook_events.register(*EVENTS)
        demo.register(*DEMO_STEPS)

        page_cache.register_stake("product_reviews", member_stake)
        email_confirmed.connect(
            claim_orders_on_verification, dispatch_uid="reviews_claim_orders_on_verification"
        )
        post_migrate.connect(
            start_invitation_sweep, sender=self, dispatch_uid="reviews_invitation_sweep"
        )
