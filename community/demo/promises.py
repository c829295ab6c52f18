"""Demo response promises: a default promise, business hours from Monday to Friday, and the
next public holidays. The questions app adds a faster promise for its orders topic and replays
the clock of its demo questions (`community/questions/demo_clocks.py`)."""

from datetime import date, time

from django.utils import timezone

from community.demo.registry import DemoContext
from community.models import BusinessHours, Holiday, ResponsePromise, Team

OPENING = [(weekday, time(9), time(18)) for weekday in range(5)]
HOLIDAYS = [
    ((1, 1), "New Year's Day", "Jour de l’an"),
    ((5, 1), "Labour Day", "Fête du Travail"),
    ((7, 14), "Bastille Day", "Fête nationale"),
    ((12, 25), "Christmas Day", "Noël"),
]


def seed_promise_settings(context: DemoContext) -> None:
    """The default promise, business hours and holidays, when missing."""
    result = context.result
    if not BusinessHours.objects.exists():
        BusinessHours.objects.bulk_create(
            BusinessHours(weekday=weekday, opens=opens, closes=closes)
            for weekday, opens, closes in OPENING
        )
        result.count("business hours", len(OPENING))
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        for (month, day), name_en, name_fr in HOLIDAYS:
            _holiday, made = Holiday.objects.get_or_create(
                date=date(year, month, day), defaults={"name_en": name_en, "name_fr": name_fr}
            )
            if made:
                result.count("holidays")
    support = Team.objects.filter(slug="support").first()
    if not ResponsePromise.objects.filter(product__isnull=True, topic__isnull=True).exists():
        ResponsePromise.objects.create(
            length=1,
            unit=ResponsePromise.Unit.DAYS,
            text_en="A member of staff answers within 1 business day, unless the community has "
            "solved it first.",
            text_fr="Un membre de l’équipe répond sous 1 jour ouvré, sauf si la communauté a "
            "déjà trouvé la solution.",
            community_solution_fulfils=True,
            team=support,
        )
        result.count("response promises")
