"""What admins define for ideas: statuses, the reasons an idea is declined, and tags."""

from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.i18n import TranslatedField

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Enter a colour as # followed by six hexadecimal digits, for example #3a56c5."),
    code="colour",
)

DARK_TEXT = "#000000"
LIGHT_TEXT = "#ffffff"


def _channel(value: int) -> float:
    value = value / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of a #rrggbb colour."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with `background`.

    One of the two always reaches 4.58:1 (above WCAG AA's 4.5:1 for small text) on any colour,
    so admins may choose any colour and the badge stays readable.
    """
    if contrast_ratio(background, DARK_TEXT) >= contrast_ratio(background, LIGHT_TEXT):
        return DARK_TEXT
    return LIGHT_TEXT


class Status(models.Model):
    """A step in an idea's life that admins define: "Planned", "Shipped"…

    The code never reads a status's name: it relies on its `kind` (open, shipped, declined),
    which decides whether voting is open and whether the idea reaches the changelog, and on
    `on_roadmap`, which puts it in a column of the public roadmap. New ideas start in the
    first open status in order.
    """

    class Kind(models.TextChoices):
        OPEN = "open", _("Open: voting continues")
        SHIPPED = "shipped", _("Shipped: voting closes, the idea goes to the changelog")
        DECLINED = "declined", _("Declined: voting closes, a reason is required")

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in filter addresses."))
    name_en = models.CharField(_("name (English)"), max_length=60)
    name_fr = models.CharField(_("name (French)"), max_length=60, blank=True)
    description_en = models.CharField(
        _("description (English)"),
        max_length=300,
        blank=True,
        help_text=_("What this status means, shown above its roadmap column."),
    )
    description_fr = models.CharField(_("description (French)"), max_length=300, blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#5b6472",
        validators=[hex_colour_validator],
        help_text=_("The badge's colour. Its text is dark or white, whichever is more readable."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OPEN)
    on_roadmap = models.BooleanField(
        _("show on the roadmap"),
        default=False,
        help_text=_("Ideas in this status get a column on the public roadmap."),
    )

    name = TranslatedField("name")
    description = TranslatedField("description")

    sort_order_field = "order"

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.kind == self.Kind.OPEN

    @property
    def is_shipped(self) -> bool:
        return self.kind == self.Kind.SHIPPED

    @property
    def is_declined(self) -> bool:
        return self.kind == self.Kind.DECLINED

    @property
    def text_colour(self) -> str:
        return readable_text_colour(self.colour)

    @property
    def css_class(self) -> str:
        """The class that gives badges and roadmap columns this status's colour."""
        return f"idea-status--{self.pk}"

    @classmethod
    def for_new_ideas(cls):
        """The status a new idea starts in: the first open one in order."""
        status = cls.objects.filter(kind=cls.Kind.OPEN).order_by("order", "pk").first()
        if status is None:
            raise cls.DoesNotExist("Define at least one open status for new ideas.")
        return status


class DeclineReason(models.Model):
    """Why an idea is declined, from a list the admins keep: every decline states one."""

    label_en = models.CharField(_("reason (English)"), max_length=120)
    label_fr = models.CharField(_("reason (French)"), max_length=120, blank=True)
    explanation_en = models.TextField(
        _("explanation (English)"),
        blank=True,
        validators=[MaxLengthValidator(500)],
        help_text=_("Shown with the reason on the idea, in a sentence or two."),
    )
    explanation_fr = models.TextField(
        _("explanation (French)"), blank=True, validators=[MaxLengthValidator(500)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive reasons stay on past decisions but cannot be chosen any more."),
    )

    label = TranslatedField("label")
    explanation = TranslatedField("explanation")

    sort_order_field = "order"

    class Meta:
        verbose_name = _("decline reason")
        verbose_name_plural = _("decline reasons")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class Tag(models.Model):
    """A theme that groups ideas across products ("Accessibility", "Mobile app")."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=60)
    name_fr = models.CharField(_("name (French)"), max_length=60, blank=True)

    name = TranslatedField("name")

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name_en"]

    def __str__(self):
        return self.name
