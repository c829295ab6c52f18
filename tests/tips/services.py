"""Writing a tip: the one write of the tips app, with the ground floor's protections and
moderation like every kind of writing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from community import permissions, webhooks
from community.moderation.services import held_at_creation, start_moderation
from community.products import canonical_product
from community.protections.rules import guard_write
from community.services import authorship_for
from community.writing import body_set, text_clean
from tests.tips.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Tip
from tests.tips.webhooks import TIP_PUBLISHED


@transaction.atomic
def tip_create(member, product, *, title: str, body: str) -> Tip:
    """Publish `member`'s tip about `product` (or hold it, as moderation decides for new
    members); the webhooks hear of it once it is public."""
    guard_write(member, kind="tip", text=f"{title} {body}")
    if not permissions.can_write(member):
        raise PermissionDenied("Verify your e-mail address before giving a tip.")
    tip = Tip(
        title=text_clean(
            title,
            field="title",
            max_length=TITLE_MAX_LENGTH,
            empty_message=_("Please give your tip a title."),
        ),
        product=canonical_product(product),
        **authorship_for(member),
    )
    body_set(
        tip,
        text_clean(body, max_length=BODY_MAX_LENGTH, empty_message=_("Please write your tip.")),
    )
    start_moderation(tip, member, f"{tip.title} {tip.body}")
    tip.save()
    if not held_at_creation(tip):
        webhooks.emit(TIP_PUBLISHED, tip)
    return tip
