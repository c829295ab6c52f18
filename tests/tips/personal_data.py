"""What the tips app keeps about a member, in "my data" and in the download, and how it is
erased when they delete their account. Imported by `TipsConfig.ready()`, which registers it
with `community.personal_data` and `community.erasure`."""

from django.utils.translation import gettext_lazy as _

from community import erasure
from community.personal_data import DataSection, markdown, public_url, register
from tests.tips.models import Tip

# My data -------------------------------------------------------------------------------------


def describe_tip(tip) -> dict:
    return {**markdown(tip), "title": tip.title, "product": tip.product.title}


def tips_of(member):
    return (
        Tip.objects.filter(author=member).select_related("product").order_by("-created_at", "-pk")
    )


register(
    DataSection(
        key="tips",
        label=_("Tips"),
        explanation=_("The tips you gave about products; public ones appear in search."),
        rows=tips_of,
        describe=describe_tip,
        url=public_url,
        title=lambda tip: f"{tip.title} · {tip.product.title}",
        order=55,
    )
)

# Erasure -------------------------------------------------------------------------------------


def erase_tips(member, choice):
    """No one else's writing hangs from a tip: REMOVE deletes the member's tips, ANONYMISE
    keeps them, signed by a former member. A tip they deleted themselves keeps no text."""
    erasure.forget_own_deleted(Tip, member, title=True)
    if choice == erasure.Choice.ANONYMISE:
        return erasure.anonymise(Tip, member, kind="tip")

    def handle(ids):
        erasure.forget_generic(Tip, ids)
        Tip.objects.filter(pk__in=ids).delete()
        erasure.reindex("tip", ids)

    return erasure.in_batches(lambda: Tip.objects.filter(author=member), handle)


erasure.register("writing.tips", erase_tips, order=50, atomic=False)
