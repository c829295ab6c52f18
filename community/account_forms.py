"""allauth's account and two-factor forms in the site's words, in both languages.

allauth labels its fields in title case and its own vocabulary ("Email", "Remember Me",
"Current Password"); the site says "e-mail address", in sentence case, with the same words on
every page. The fields, their checks and their errors stay allauth's: only the words change,
and the placeholders that repeated the labels go (a placeholder is not a label). Named in
ACCOUNT_FORMS and MFA_FORMS. The sign-up form keeps the fields of `community.forms.SignupForm`
(the public name, the guidelines), which allauth builds it on.
"""

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa_base
from allauth.mfa.totp import forms as mfa_totp
from django.utils.translation import gettext_lazy as _

EMAIL = _("E-mail address")
PASSWORD = _("Password")
PASSWORD_AGAIN = _("Password again")
NEW_PASSWORD = _("New password")
NEW_PASSWORD_AGAIN = _("New password again")
APP_CODE = _("Code from your authenticator app")


class SiteWords:
    """Relabels the fields named in `words` ({field name: label}) once allauth has built them."""

    words: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.words.items():
            field = self.fields.get(name)
            if field is not None:
                field.label = label
                field.widget.attrs.pop("placeholder", None)


class LoginForm(SiteWords, account.LoginForm):
    words = {
        "login": EMAIL,
        "password": PASSWORD,
        "remember": _("Stay logged in on this device"),
    }


class SignupForm(SiteWords, account.SignupForm):
    words = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD_AGAIN}


class ChangePasswordForm(SiteWords, account.ChangePasswordForm):
    words = {
        "oldpassword": _("Current password"),
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD_AGAIN,
    }


class SetPasswordForm(SiteWords, account.SetPasswordForm):
    words = {"password1": PASSWORD, "password2": PASSWORD_AGAIN}


class ResetPasswordForm(SiteWords, account.ResetPasswordForm):
    words = {"email": EMAIL}


class ResetPasswordKeyForm(SiteWords, account.ResetPasswordKeyForm):
    words = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class ReauthenticateForm(SiteWords, account.ReauthenticateForm):
    words = {"password": PASSWORD}


class ChangeEmailForm(SiteWords, account.ChangeEmailForm):
    words = {"email": _("New e-mail address")}


class AuthenticateForm(SiteWords, mfa_base.AuthenticateForm):
    words = {"code": _("Code from your app, or a recovery code")}


class MfaReauthenticateForm(SiteWords, mfa_base.ReauthenticateForm):
    words = {"code": APP_CODE}


class ActivateTOTPForm(SiteWords, mfa_totp.ActivateTOTPForm):
    words = {"code": APP_CODE}
