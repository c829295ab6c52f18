"""The confirmation a member gives before their account is deleted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import AccountDeletion


class DeletionForm(forms.Form):
    """The choice for their writing, their password (when the account has one) and the
    acknowledgement that it cannot be undone; no choice is made for them."""

    choice = forms.ChoiceField(
        label=_("What happens to what you wrote"),
        choices=AccountDeletion.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to what you wrote.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password to confirm that it is you.")},
    )
    understood = forms.BooleanField(
        label=_("I understand that my account cannot be restored once it is deleted."),
        error_messages={"required": _("Tick this box to confirm that you want to delete it.")},
    )

    def __init__(self, *args, member, ask_password: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        if not ask_password:
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Nothing was deleted; please try again."),
                code="wrong_password",
            )
        return password
