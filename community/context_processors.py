"""What every page's template needs: the unread notification count and the language twins."""

from django.conf import settings

from community import permissions, selectors


def community(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = selectors.unread_notification_count(user)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "unread_notification_count": unread,
        "can_write": permissions.can_write(user) if user is not None else False,
    }
