"""The votes list's filter (the ideas list is filtered with the site's own form,
`ideas.forms.IdeaFilterForm`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import LARGEST_ROW_NUMBER


class VoteFilterForm(forms.Form):
    idea = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LARGEST_ROW_NUMBER,
        help_text=_("Only the votes for this idea (its number)."),
        error_messages={"invalid": _("Give an idea's number, for example 42.")},
    )
    since = forms.DateField(
        required=False,
        help_text=_("Votes cast on or after this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )
    until = forms.DateField(
        required=False,
        help_text=_("Votes cast on or before this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned
