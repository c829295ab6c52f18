"""Request handling shared by the whole site."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from community import permissions


class TrustedProxyMiddleware:
    """Take the client's address from X-Forwarded-For when the site sits behind trusted proxies.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is the
    client as the outermost trusted proxy saw it; anything further left could be forged.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.count:
            forwarded = [
                part.strip()
                for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if part.strip()
            ]
            if len(forwarded) >= self.count:
                request.META["REMOTE_ADDR"] = forwarded[-self.count]
        return self.get_response(request)


class FirstVisitLanguageMiddleware:
    """On a first visit to an English address, follow the member's choice, then the browser.

    English pages live unprefixed and French ones under /fr/. A visitor who has never chosen
    (no language cookie) and whose account or browser prefers French is sent to the French
    twin of the page once; the language switcher sets the cookie, after which the address alone
    decides. Only safe requests are redirected.
    """

    exempt_prefixes = (
        "/admin/",
        "/django-admin/",
        "/static/",
        "/media/",
        "/health/",
        "/api/",
        "/fr/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.first_visit_redirect(request)
        if redirect is not None:
            return redirect
        return self.get_response(request)

    def first_visit_redirect(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        ):
            return None
        if request.path_info.startswith(self.exempt_prefixes):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            wanted = user.preferred_language
        else:
            wanted = translation.get_language_from_request(request, check_path=False)
        wanted = (wanted or settings.LANGUAGE_CODE).split("-")[0]
        if wanted == settings.LANGUAGE_CODE or wanted not in dict(settings.LANGUAGES):
            return None
        target = f"/{wanted}{request.get_full_path()}"
        response = HttpResponseRedirect(target)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            wanted,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


class StaffTwoFactorMiddleware:
    """Staff, moderators, the product team and site admins must set up a second factor.

    Until they have, every page except the ones needed to set it up (and to sign out) sends
    them to the two-factor set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_MFA_FOR_STAFF and self.needs_setup(request):
            setup_url = reverse("mfa_activate_totp")
            if not request.path_info.startswith(self.allowed_paths()):
                return HttpResponseRedirect(f"{setup_url}?required=1")
        return self.get_response(request)

    def allowed_paths(self):
        paths = ["/static/", "/media/", "/health/", "/i18n/"]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths += [
                    reverse("mfa_index"),
                    reverse("mfa_activate_totp"),
                    reverse("account_logout"),
                    reverse("account_email"),
                    # The set-up page asks for the password again after a while, and needs a
                    # verified address: both must stay reachable or staff are locked out.
                    reverse("account_reauthenticate"),
                    reverse("account_email_verification_sent"),
                ]
        return tuple(paths)

    def needs_setup(self, request):
        user = getattr(request, "user", None)
        if user is None or not permissions.must_use_two_factor(user):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
