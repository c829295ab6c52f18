from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    """Private conversations between a member and staff: a feature of the community app. Its
    models keep the `community` app label (and their tables)."""

    name = "community.conversations"
    label = "conversations"
    verbose_name = _("Private conversations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import inbox, page_urls
        from community.conversations import notifications, personal_data  # noqa: F401
        from community.conversations.erasure import register_eraser
        from community.conversations.selectors import inbox_section_rows

        page_urls.register("", "community.conversations.urls", order=50)
        register_eraser()
        inbox.register(inbox.InboxSection("conversations", inbox_section_rows))
