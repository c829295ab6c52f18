from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import page_cache
        from reviews import notifications  # noqa: F401
        from reviews.selectors import member_stake

        page_cache.register_stake("product_reviews", member_stake)
