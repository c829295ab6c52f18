from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.i18n import TranslatedField

# Languages a member of staff can list as spoken; wider than the site's own two languages.
SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
]


class Team(models.Model):
    """A group of staff with a lead (support, product, community).

    Questions handed off, promises about to be missed and escalations go to a team's lead, so
    every team names one person rather than a department.
    """

    class Kind(models.TextChoices):
        SUPPORT = "support", _("Support")
        PRODUCT = "product", _("Product")
        COMMUNITY = "community", _("Community")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr = models.CharField(_("name (French)"), max_length=80, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams_led",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField("name")
    description = TranslatedField("description")

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["sort_order", "name_en"]

    def __str__(self):
        return self.name


class StaffCard(models.Model):
    """The identity a member of staff writes under: their real name, role, team and face.

    Staff never write as "Admin" or "Support Team". A member of staff without an active card
    writes as an ordinary member; what they wrote with a card keeps showing it.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="staff_card",
    )
    real_name = models.CharField(_("real name"), max_length=100)
    role_title_en = models.CharField(
        _("role (English)"), max_length=80, help_text=_("For example: Support specialist")
    )
    role_title_fr = models.CharField(
        _("role (French)"), max_length=80, blank=True, help_text=_("The same role, in French.")
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cards",
    )
    photo = models.ImageField(_("photo"), upload_to="staff/%Y/", blank=True)
    bio_en = models.TextField(_("short bio (English)"), max_length=500, blank=True)
    bio_fr = models.TextField(_("short bio (French)"), max_length=500, blank=True)
    spoken_languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive cards stay on what was written with them but allow no new writing."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    role_title = TranslatedField("role_title")
    bio = TranslatedField("bio")

    class Meta:
        verbose_name = _("staff card")
        verbose_name_plural = _("staff cards")
        ordering = ["team__sort_order", "real_name"]

    def __str__(self):
        return f"{self.real_name} ({self.role_title_en})"

    @property
    def spoken_language_names(self):
        names = dict(SPOKEN_LANGUAGES)
        return [str(names[code]) for code in self.spoken_languages if code in names]


HAND_OVER_NOTE_MAX_LENGTH = 500


class StaffStep(models.Model):
    """A step in the life of something a named member of staff looks after (a question, a private
    conversation): who took it, with the staff card they used, to whom they handed it and why.
    Names are kept with the cards used at the time, so a step reads the same after people move."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_card = models.ForeignKey(
        StaffCard,
        verbose_name=_("staff card of the actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_card = models.ForeignKey(
        StaffCard,
        verbose_name=_("staff card of the new owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=HAND_OVER_NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True


def owner_field(*, related_name: str, help_text: str) -> models.ForeignKey:
    """The `owner` of something a named member of staff looks after (see `Owned`), with its
    model's reverse name and help text."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


class Owned(models.Model):
    """Something a named member of staff looks after (a question, a private conversation): its
    owner, with the staff card they took it with, and since when. It changes hands by a hand-off
    with a note (`community.ownership`), which the thing's timeline keeps (`StaffStep`).

    A model declares its `owner` with `owner_field`, saying in its own words whom the owner looks
    after; the staff card and the date come from here.
    """

    owner_card = models.ForeignKey(
        "community.StaffCard",
        verbose_name=_("owner's staff card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owned_since = models.DateTimeField(_("owned since"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_active_owner(self) -> bool:
        """Someone looks after it now: an owner whose staff card is still active."""
        return self.owner_id is not None and (
            self.owner_card is not None and self.owner_card.is_active
        )
