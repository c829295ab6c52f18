"""The preferences page's form: notifications per kind, the weekly summary and the consents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import NotificationPreferencesForm
from community.models import Digest

DIGEST_HELP = {
    Digest.OFF: _("Only the e-mails you choose below, one for each event."),
    Digest.MISSED: _(
        "On Mondays, one e-mail listing the unread notifications you do not get by e-mail."
    ),
    Digest.ONLY: _(
        "No separate e-mails: on Mondays, one e-mail listing all your unread notifications."
    ),
}


class PreferencesForm(NotificationPreferencesForm):
    """The notification check boxes of `NotificationPreferencesForm`, and the member's choices.

    A form posted without the weekly summary field (an older page) keeps the member's current
    choice rather than failing.
    """

    digest = forms.ChoiceField(
        label=_("Weekly summary by e-mail"),
        choices=Digest.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    show_owner_badge = forms.BooleanField(
        label=_("Show the “verified owner” badge on my reviews"),
        help_text=_(
            "The badge tells readers you bought the product, which makes your review more "
            "trusted, and also tells them what you own."
        ),
        required=False,
    )
    show_on_voter_lists = forms.BooleanField(
        label=_("Show my name on the public list of an idea's voters"),
        help_text=_(
            "Others then see that you voted for an idea (not how much it matters to you); "
            "otherwise you are counted among “others”."
        ),
        required=False,
    )

    def __init__(self, *args, rows, choices, **kwargs):
        super().__init__(*args, rows=rows, **kwargs)
        self.current = choices
        self.fields["digest"].initial = choices.digest
        self.fields["show_owner_badge"].initial = choices.show_owner_badge
        self.fields["show_on_voter_lists"].initial = choices.show_on_voter_lists

    def clean_digest(self):
        return self.cleaned_data.get("digest") or self.current.digest

    def digest_options(self):
        """The radio buttons, each with the sentence that explains it."""
        return [
            {"radio": radio, "help": DIGEST_HELP.get(radio.data["value"], "")}
            for radio in self["digest"]
        ]
