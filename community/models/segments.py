"""Member segments: the kind of customer a member is, for product teams' planning."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.i18n import TranslatedField


class Segment(models.Model):
    """A kind of customer that product teams plan for: a plan ("Business"), a market, a size of
    company.

    Staff set a member's segment in the admin or import it from a CSV of the brand's customer
    records. It is never shown publicly: the backlog export and the staff panel of an idea count
    votes per segment, so that a product team sees who asks for what, not only how many.
    """

    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Used in exports and in the CSV import, for example business-plan."),
    )
    name_en = models.CharField(_("name (English)"), max_length=60)
    name_fr = models.CharField(_("name (French)"), max_length=60, blank=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("Who belongs to this segment, for the staff who set it."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField("name")

    sort_order_field = "sort_order"

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["sort_order", "name_en"]
        permissions = [("assign_segment", _("Can set members' segments"))]

    def __str__(self):
        return self.name
