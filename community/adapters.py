"""How django-allauth fits the community: names, languages and the customer-account sign-in.

A member's language is part of their account. Logging in, signing up and confirming an e-mail
address send them to their language's address, with allauth's messages in that language and
the language cookie set; signing out keeps them there. Account e-mails go out in the member's
language, name the community (its site name, not the host it runs on) and link to the site's
public address (`SITE_URL`), as every other e-mail does.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community import site_cache
from community.i18n import current_language, member_language, remember_language
from community.protections.ratelimits import client_ip
from community.protections.rules import guard_action, login_failed
from community.seo import absolute_url


@dataclass(frozen=True)
class PublicSite:
    """What allauth's e-mails call `current_site`: the community's name and public address,
    rather than the host and port of the request that happened to send them."""

    name: str
    domain: str

    @classmethod
    def current(cls):
        return cls(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    # allauth's refusals in the site's words: "e-mail", sentence case, and what to do next.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is no longer active."),
        "cannot_remove_primary_email": _(
            "This is the address you log in with: add another one and make it your main "
            "address first."
        ),
        "duplicate_email": _("This e-mail address is already on your account."),
        "email_password_mismatch": _(
            "This e-mail address and password do not match. Check them, or reset your password."
        ),
        "email_taken": _(
            "An account already uses this e-mail address. Log in, or reset your password."
        ),
        "enter_current_password": _("Please type your current password."),
        "incorrect_code": _("This code is not right. Check it and try again."),
        "incorrect_password": _("This password is not right."),
        "invalid_or_expired_key": _("This link has expired or was already used."),
        "invalid_login": _("Log-in failed. Please try again."),
        "invalid_password_reset": _("This password reset link has expired or was already used."),
        "max_email_addresses": _("You cannot add more than %d e-mail addresses."),
        "too_many_login_attempts": _(
            "Too many failed attempts to log in. Please wait a few minutes and try again."
        ),
        "unknown_email": _("No account uses this e-mail address."),
        "unverified_primary_email": _("Your main e-mail address must be verified first."),
        "same_as_current": _("This is already your address."),
        "rate_limited": _("Too many attempts in a short time. Please wait a moment."),
    }

    # --- Languages ---------------------------------------------------------------------------

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        """allauth's messages ("You are logged in", "You are logged out", "Your password is
        changed") in the signed-in member's language, which is where they are sent next."""
        user = getattr(request, "user", None)
        language = member_language(user) if user and user.is_authenticated else None
        with translation.override(language or translation.get_language()):
            super().add_message(request, level, message_template, message_context, **kwargs)

    def post_login(self, request, user, **kwargs):
        """Logging in (after the second factor, a sign-up or a confirmed address) sends the
        member to their language's twin of where they were going, and remembers it."""
        response = super().post_login(request, user, **kwargs)
        language = member_language(user)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = site_cache.url_in_language(
                request, response["Location"], language
            )
        return remember_language(response, language)

    def get_login_redirect_url(self, request):
        """Home, in the member's language."""
        url = super().get_login_redirect_url(request)
        return site_cache.url_in_language(request, url, member_language(request.user))

    def get_logout_redirect_url(self, request):
        """Home in the language of the member signing out (allauth asks before signing out)."""
        url = super().get_logout_redirect_url(request)
        user = getattr(request, "user", None)
        language = member_language(user) if user and user.is_authenticated else current_language()
        return site_cache.url_in_language(request, url, language)

    # --- E-mails -----------------------------------------------------------------------------

    def send_mail(self, template_prefix, email, context):
        """Account e-mails go out in the member's language, name the community and link to its
        public address, in that language."""
        request = context.get("request") or allauth_context.request
        user = context.get("user") or (
            get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        )
        language = member_language(user) if user is not None else current_language()
        context = {
            **context,
            **{
                key: self._public_link(request, value, language)
                for key, value in context.items()
                if key.endswith("_url") and isinstance(value, str)
            },
            "current_site": PublicSite.current(),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL + "/",
            "member": user,
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    @staticmethod
    def _public_link(request, url, language):
        """A link allauth built on the request's host, on the site's public address instead,
        and in the recipient's language. Links elsewhere are kept."""
        parts = urlsplit(url)
        if parts.netloc and (request is None or parts.netloc != request.get_host()):
            return url
        path = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
        if request is not None:
            path = site_cache.url_in_language(request, path, language)
        return absolute_url(path)

    # --- Protections -------------------------------------------------------------------------

    def pre_authenticate(self, request, **credentials):
        """A network address that failed to log in too often waits (`community.protections`),
        beyond allauth's own limits (ACCOUNT_RATE_LIMITS)."""
        guard_action(client_ip(request), "login", request=request)
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        login_failed(request)
        super().authentication_failed(request, **credentials)


class MFAAdapter(DefaultMFAAdapter):
    # allauth's two-factor refusals in the site's words.
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "With two-factor authentication on, turn it off before you add an e-mail address."
        ),
        "cannot_delete_authenticator": _(
            "Two-factor authentication cannot be turned off for this account."
        ),
        "cannot_generate_recovery_codes": _(
            "Set up your authenticator app first: recovery codes come with it."
        ),
        "incorrect_code": _("This code is not right. Check it and try again."),
        "unverified_email": _(
            "Verify your e-mail address first, then set up two-factor authentication."
        ),
    }


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        """Take the customer's name from their brand account as a first display name."""
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        name = claims.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        if name and not user.display_name:
            user.display_name = name[:60]
        return user
