"""What the webhooks are told about tips: one published (registered in `TipsConfig.ready()`),
each time it enters the public; the body describes the tip as the API does."""

from django.utils.translation import gettext_lazy as _

from community.webhook_events import Event
from tests.tips.api import TipSerializer, public_tips

TIP_PUBLISHED = "tip.published"


def describe_published(pk) -> dict | None:
    tip = public_tips().filter(pk=pk).first()
    return {"tip": TipSerializer(tip).data} if tip else None


EVENTS = (Event(TIP_PUBLISHED, _("A tip is published"), describe_published, order=60),)
