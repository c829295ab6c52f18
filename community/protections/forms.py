"""The honeypot of public forms, and the moderators' forms for suspensions."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community.protections.suspensions import DURATIONS, REASON_MIN_LENGTH

HONEYPOT_FIELD = "homepage"


class HoneypotInput(forms.TextInput):
    """A text box people never see nor reach with the keyboard, and that programs fill in.

    It counts as a hidden field, so forms that write out their hidden fields (allauth's pages)
    include it without a visible label. What was typed in it is never sent back.
    """

    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__(
            {"tabindex": "-1", "autocomplete": "off", "class": "hp-field__input", **(attrs or {})}
        )

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.get("id", f"id_{name}")
        return format_html(
            '<div class="hp-field" aria-hidden="true"><label for="{}">{}</label>'
            '<input type="text" name="{}" id="{}" value="" tabindex="-1" autocomplete="off" '
            'class="hp-field__input"></div>',
            input_id,
            _("Leave this field empty"),
            name,
            input_id,
        )


class HoneypotForm(forms.Form):
    """The base of every public form (sign-up, review, question, answer, reply, idea, comment,
    report): a field only spam programs fill in. A form with it filled is refused with a message
    that a person who filled it by accident (an autofill) understands; nothing is saved."""

    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=HoneypotInput
    )

    def _post_clean(self):
        super()._post_clean()
        if (self.data.get(self.add_prefix(HONEYPOT_FIELD)) or "").strip():
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "This form was not sent, because a field that only automated programs "
                        "fill in was filled. If your browser's autofill did it, send the form "
                        "again: that field is now empty."
                    ),
                    code="honeypot",
                ),
            )


def duration_choices():
    return [
        (str(days), ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
        for days in DURATIONS
    ]


class SuspendForm(forms.Form):
    """A moderator's suspension of a member: for how long, and why (the member reads it)."""

    days = forms.TypedChoiceField(
        label=_("Suspend for"),
        choices=duration_choices,
        coerce=int,
        initial="7",
        error_messages={"required": _("Please choose how long the suspension lasts.")},
    )
    reason = forms.CharField(
        label=_("Reason, shown to the member"),
        min_length=REASON_MIN_LENGTH,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Name the guideline and what was done. Never a disagreement: a member is not "
            "suspended for an unfavourable opinion."
        ),
    )


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the suspension is lifted, shown to the member"),
        min_length=REASON_MIN_LENGTH,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a member"), max_length=100, required=False)
