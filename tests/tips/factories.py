"""The tip's factory, beside the app that declares the kind (the shared factories in
`tests/factories.py` know nothing of it)."""

import factory
from django.utils import timezone

from community.markdown import render_markdown
from tests.factories import MemberFactory


class TipFactory(factory.django.DjangoModelFactory):
    """A published tip, written in English by a verified member; pass its `product`. Tips that
    go through moderation, the webhooks and the index are written with `services.tip_create`."""

    class Meta:
        model = "tips.Tip"

    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Tip number {n}")
    body = "Rinse the milk wand right after steaming."
    body_html = factory.LazyAttribute(lambda tip: render_markdown(tip.body))
    language = "en"
    published_at = factory.LazyFunction(timezone.now)
