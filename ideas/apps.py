from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import page_cache
        from ideas import notifications  # noqa: F401
        from ideas.selectors import member_stake, votes_of

        page_cache.register_stake("ideas", member_stake)
        page_cache.register_mark("idea_vote", votes_of, "ideas/includes/your_vote.html")
        page_cache.register_mark("idea_vote_short", votes_of, "ideas/includes/your_vote_short.html")
        from ideas.models import Status
        from ideas.status_styles import forget_version

        post_save.connect(forget_version, sender=Status, dispatch_uid="ideas_status_saved")
        post_delete.connect(forget_version, sender=Status, dispatch_uid="ideas_status_deleted")
