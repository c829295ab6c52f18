"""Response promises: who answers a customer, and by when.

A product or a topic states a promise ("a member of staff answers within 1 business day unless
the community has solved it"); the site has a default one. The time it gives runs in business
time: the opening hours per weekday and the holidays the site admin sets, in the site's time
zone. Anything a customer waits on (a question, a private conversation) carries a
`PromiseClock`: whether it waits on staff or on the customer, since when, and the deadline of
the promise that runs, with whether it was kept.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from community.i18n import TranslatedField


class WaitingOn(models.TextChoices):
    """Who the next move belongs to; empty when nobody waits (solved, closed, or not started)."""

    NOBODY = "", _("Nobody")
    STAFF = "staff", _("Waiting on staff")
    CUSTOMER = "customer", _("Waiting on the customer")


class ResponsePromise(models.Model):
    """What the site promises a customer who asks: a member of staff answers within a time
    counted in business hours or business days.

    One promise per product or per topic, and one default for the site (neither product nor
    topic): the most specific applies. The promise names the team that keeps it, whose members
    are warned before it is missed and whose lead hears when it is.
    """

    class Unit(models.TextChoices):
        HOURS = "hours", _("business hours")
        DAYS = "days", _("business days")

    product = models.OneToOneField(
        "community.ProductPage",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response_promise",
        help_text=_("Leave product and topic empty for the site's default promise."),
    )
    topic = models.OneToOneField(
        "community.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response_promise",
    )
    length = models.PositiveSmallIntegerField(
        _("length"), default=1, help_text=_("How many business hours or business days.")
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.DAYS)
    text_en = models.CharField(
        _("promise (English)"),
        max_length=200,
        help_text=_(
            "As customers read it, for example: A member of staff answers within 1 business "
            "day unless the community has solved it."
        ),
    )
    text_fr = models.CharField(_("promise (French)"), max_length=200, blank=True)
    community_solution_fulfils = models.BooleanField(
        _("a community solution keeps the promise"),
        default=True,
        help_text=_(
            "When on, an answer by a member marked as the solution before the deadline counts "
            "as the promise kept."
        ),
    )
    team = models.ForeignKey(
        "community.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response_promises",
        help_text=_(
            "The team that keeps it: warned before a deadline when nobody owns the question; "
            "its lead hears of a miss."
        ),
    )
    warn_before_percent = models.PositiveSmallIntegerField(
        _("warn when this share of the time is left (%)"),
        default=20,
        help_text=_("20 warns the owner when a fifth of the promised business time remains."),
    )

    text = TranslatedField("text")

    class Meta:
        verbose_name = _("response promise")
        verbose_name_plural = _("response promises")
        ordering = ["topic__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(product__isnull=False, topic__isnull=False),
                name="promise_for_a_product_or_a_topic_or_the_site",
            ),
        ]

    def __str__(self):
        return f"{self.scope_name} · {self.length_display}"

    @property
    def scope_name(self) -> str:
        if self.product_id:
            return str(self.product)
        if self.topic_id:
            return str(self.topic)
        return str(_("Site default"))

    @property
    def length_display(self) -> str:
        if self.unit == self.Unit.HOURS:
            return ngettext("%(count)s business hour", "%(count)s business hours", self.length) % {
                "count": self.length
            }
        return ngettext("%(count)s business day", "%(count)s business days", self.length) % {
            "count": self.length
        }

    def clean(self):
        if self.product_id:
            # community.products imports the models package, which is loading this module.
            from community.products import canonical_product

            # Questions hang from the product's page in the default language.
            self.product = canonical_product(self.product)
        if self.product_id and self.topic_id:
            raise ValidationError(_("A promise is for a product, a topic, or the whole site."))
        if not self.length:
            raise ValidationError({"length": _("A promise needs at least 1 hour or day.")})
        if self.warn_before_percent >= 100:
            raise ValidationError(
                {"warn_before_percent": _("Choose a share below 100%: 20 is a good start.")}
            )
        if not self.product_id and not self.topic_id:
            others = ResponsePromise.objects.filter(product__isnull=True, topic__isnull=True)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(_("The site already has a default promise: edit that one."))


class Weekday(models.IntegerChoices):
    # In their own context: a choice is capitalised in French ("Lundi"), a weekday inside a date
    # is not ("lundi 7 décembre"), and dates read Django's weekday names from the same catalogue.
    MONDAY = 0, pgettext_lazy("weekday choice", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday choice", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday choice", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday choice", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday choice", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday choice", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday choice", "Sunday")


class BusinessHours(models.Model):
    """An opening period on a weekday, in the site's time zone (09:00–12:30, 13:30–18:00).

    Several periods on a day make a lunch break; a day without any is closed. With no business
    hours at all, promises run around the clock.
    """

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="business_hours_close_after_opening",
                violation_error_message=_("Closing time must come after opening time."),
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is None or self.closes is None:
            return
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must come after opening time.")})
        overlapping = BusinessHours.objects.filter(
            weekday=self.weekday, opens__lt=self.closes, closes__gt=self.opens
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                _("These hours overlap other hours on the same day: %(other)s.")
                % {"other": overlapping.first()}
            )


class Holiday(models.Model):
    """A day the team does not work (a public holiday, the office closed): promises pause."""

    date = models.DateField(_("date"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr = models.CharField(_("name (French)"), max_length=80, blank=True)

    name = TranslatedField("name")

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name_en}"


class PromiseClock(models.Model):
    """Fields any promise-tracked thing carries (a question, a private conversation).

    `waiting_on` says whose move it is and `waiting_since` since when. While staff are awaited
    and a promise applies, `promise_due_at` is its deadline in business time; the warning and
    the miss are recorded once each (`promise_warned_at`, `promise_missed_at`). `promise_kept`
    stays empty until the current round is settled; the counts of rounds kept and missed feed
    the service figures with plain aggregates.

    A model using it implements `promise_scope()` → dict(product=..., topic=...) and
    `promise_team()` → Team or None, and has an `owner`. `community.promises` moves the clock.
    """

    waiting_on = models.CharField(
        _("waiting on"), max_length=10, choices=WaitingOn.choices, default="", blank=True
    )
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    promise = models.ForeignKey(
        ResponsePromise,
        verbose_name=_("promise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promise_team_ref = models.ForeignKey(
        "community.Team",
        verbose_name=_("team keeping the promise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promise_started_at = models.DateTimeField(_("promise started"), null=True, blank=True)
    promise_due_at = models.DateTimeField(_("promise due"), null=True, blank=True)
    promise_warned_at = models.DateTimeField(_("warned before the deadline"), null=True, blank=True)
    promise_missed_at = models.DateTimeField(_("promise missed"), null=True, blank=True)
    promise_kept = models.BooleanField(_("promise kept"), null=True, blank=True)
    promise_settled_at = models.DateTimeField(_("promise settled"), null=True, blank=True)
    promise_kept_by_community = models.BooleanField(
        _("kept by a community solution"), default=False
    )
    promises_kept = models.PositiveIntegerField(_("promises kept"), default=0)
    promises_missed = models.PositiveIntegerField(_("promises missed"), default=0)

    class Meta:
        abstract = True

    @property
    def is_waiting_on_staff(self) -> bool:
        return self.waiting_on == WaitingOn.STAFF

    @property
    def is_waiting_on_customer(self) -> bool:
        return self.waiting_on == WaitingOn.CUSTOMER

    def promise_scope(self) -> dict:
        """dict(product=..., topic=...) that chooses the promise; each model says."""
        raise NotImplementedError

    def promise_team(self):
        """The team keeping the promise: the promise's team when the clock started, else the
        owner's team (from their staff card), else None."""
        if self.promise_team_ref_id is not None:
            return self.promise_team_ref
        owner = getattr(self, "owner", None)
        card = getattr(owner, "staff_card", None) if owner is not None else None
        return card.team if card is not None else None


def business_time_zone():
    """The site's time zone: business hours and holidays are read in it."""
    return ZoneInfo(settings.TIME_ZONE)
