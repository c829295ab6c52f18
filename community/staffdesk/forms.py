"""The period of the service figures, checked with a clear message; what was typed stays."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_WEEKS = 8
LONGEST_PERIOD_DAYS = 731


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Please enter a date as YYYY-MM-DD, for example 2025-03-31.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Please enter a date as YYYY-MM-DD, for example 2025-03-31.")},
    )

    @staticmethod
    def default_period():
        today = timezone.localdate()
        return today - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1), today

    def add_prefix(self, field_name):
        # The query string says "from" and "to", as people write them in an address.
        return {"start": "from", "end": "to"}.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        default_start, default_end = self.default_period()
        start = cleaned.get("start")
        end = cleaned.get("end") or (default_end if start is None else None)
        if end is None:
            end = max(start + timedelta(weeks=DEFAULT_WEEKS) - timedelta(days=1), start)
        if start is None:
            start = end - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
        if start > end:
            self.add_error("end", _("The end of the period comes before its start: swap them."))
        elif (end - start).days + 1 > LONGEST_PERIOD_DAYS:
            self.add_error(
                "end",
                _("Please choose a period of at most %(days)s days.")
                % {"days": LONGEST_PERIOD_DAYS},
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned
