"""The tip: a member's short advice about a product, in Markdown."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.models import WrittenContent

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 2_000


class Tip(WrittenContent):
    """A member's short tip about a product ("Descale with citric acid, not vinegar").

    It exists to prove that a kind of writing is one app's work: it keeps the ground floor's
    moderation fields and soft deletion (`WrittenContent`) in its own table, and everything
    else the site does with it (moderation, trust, search, sitemap, personal data, API,
    webhooks) comes from what `tests.tips` registers.
    """

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="tips",
    )

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tips:detail", kwargs={"pk": self.pk})
