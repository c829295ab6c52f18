from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The module, not its class: Django takes a module's only AppConfig class as the app's default.
from wagtail.users import apps as wagtail_users


class CommunityConfig(AppConfig):
    """The ground floor: members, staff cards, writing, moderation, notifications, personal
    data, the content-kind registry and the search interface. The features built on it
    (questions, conversations, staff desk, member data, reviews, ideas) are apps of their own
    and register with it from their own `ready()`."""

    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models, and the modules that use them, can be imported only once the apps are ready.
        from community import (  # noqa: F401
            content_kinds,
            csp,
            demo,
            notifications,
            page_scopes,
            personal_data_sections,
            products,
            signals,
            site_cache,
        )
        from community.account_deletion import erasers  # noqa: F401
        from community.api import routes as api_routes
        from community.api.views import ROUTES
        from community.product_search import PRODUCT
        from community.protections import notifications as protection_notifications  # noqa: F401
        from community.roles import ensure_roles

        content_kinds.register(content_kinds.MEMBER)
        content_kinds.register(PRODUCT)
        demo.register(*demo.GROUND_FLOOR_STEPS)
        api_routes.register(*ROUTES)
        page_scopes.install()
        csp.install()
        site_cache.install()
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="community_ensure_roles")


class MembersAdminConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's users app, with the admin's user pages for members (`members_admin`): their
    display name instead of a first and last name. Named in INSTALLED_APPS in its place."""

    default = False
    user_viewset = "community.members_admin.MemberViewSet"
