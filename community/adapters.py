"""How django-allauth fits the community: names, languages and the customer-account sign-in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.urls import translate_url
from django.utils import translation

from community.protections.ratelimits import client_ip
from community.protections.rules import guard_action, login_failed


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account e-mails go out in the member's language when we know it."""
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def pre_authenticate(self, request, **credentials):
        """A network address that failed to log in too often waits (`community.protections`),
        beyond allauth's own limits (ACCOUNT_RATE_LIMITS)."""
        guard_action(client_ip(request), "login", request=request)
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        login_failed(request)
        super().authentication_failed(request, **credentials)

    def get_login_redirect_url(self, request):
        """After signing in, stay in the language the member was reading."""
        return translate_url(super().get_login_redirect_url(request), translation.get_language())

    def get_logout_redirect_url(self, request):
        return translate_url(super().get_logout_redirect_url(request), translation.get_language())


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
