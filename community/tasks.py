"""Background work of the community room, run by Django's tasks framework."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from community import site_cache
from community.i18n import member_language
from community.notifications import (
    list_email,
    preference_for,
    registry,
    replaced_by_summary,
    unsubscribe_url,
)
from community.seo import absolute_url
from community.webhooks import deliver


@task()
def send_notification_email(*, recipient_id: int, kind: str, params: dict, url: str):
    """Send one notification by e-mail, in the recipient's language, as text and HTML.

    The preference is read again here: a member who unsubscribed between the event and the
    sending gets nothing.
    """
    member = get_user_model().objects.filter(pk=recipient_id, is_active=True).first()
    if member is None or not member.email or kind not in registry:
        return
    notification_kind = registry.get(kind)
    if not preference_for(member, notification_kind)[1]:
        return
    if replaced_by_summary(member, notification_kind):
        return
    language = member_language(member)
    if url:
        # The page it is about in the recipient's language (a product page's French twin has
        # its own slug), whatever language the person who acted was reading.
        url = site_cache.url_in_language(site_cache.public_request(), url, language)
    with translation.override(language):
        unsubscribe = unsubscribe_url(member, kind)
        context = {
            "member": member,
            "message": registry.message(kind, params),
            "kind": notification_kind,
            "url": absolute_url(url) if url else settings.SITE_URL + "/",
            "unsubscribe_url": unsubscribe,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        message = list_email(
            to=member.email,
            template="community/email/notification",
            context=context,
            unsubscribe=unsubscribe,
        )
    message.send()


@task()
def deliver_webhook(*, delivery_id: str):
    """Send one webhook delivery; a failure schedules the next attempt (community.webhooks)."""
    deliver(delivery_id)
