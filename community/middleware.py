"""Request handling shared by the whole site."""

import contextlib
from functools import partial

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from community import permissions, site_cache
from community.i18n import member_language, remember_language, site_language


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


# Sessions signed in before the site read members in one query name the backend they were
# signed in with; they carry on with its successor (community.auth_backends).
SUCCESSOR_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "community.auth_backends.MemberModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "community.auth_backends.MemberAuthenticationBackend"
    ),
}


def _user(request):
    if not hasattr(request, "_cached_user"):
        backend = request.session.get(BACKEND_SESSION_KEY)
        if backend in SUCCESSOR_BACKENDS:
            request.session[BACKEND_SESSION_KEY] = SUCCESSOR_BACKENDS[backend]
    return auth_middleware.get_user(request)


async def _auser(request):
    if not hasattr(request, "_acached_user"):
        backend = await request.session.aget(BACKEND_SESSION_KEY)
        if backend in SUCCESSOR_BACKENDS:
            await request.session.aset(BACKEND_SESSION_KEY, SUCCESSOR_BACKENDS[backend])
    return await auth_middleware.auser(request)


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, keeping signed in the sessions that name a backend the site replaced."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))
        request.auser = partial(_auser, request)


class SiteStructureMiddleware:
    """Serve the site's structure (the Wagtail site, locales, menu, view restrictions, language
    twins) from memory for the whole request; see `community.site_cache`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with site_cache.serving():
            # With the database down, the views that need no site (the health check) still
            # answer for themselves; Wagtail looks the site up again where it needs one.
            with contextlib.suppress(DatabaseError):
                request._wagtail_site = site_cache.site_for_request(request)
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
        # The language switcher's links: following one is the choice the redirect would guess.
        "/i18n/",
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
            wanted = member_language(user)
        else:
            wanted = site_language(translation.get_language_from_request(request, check_path=False))
        if wanted == settings.LANGUAGE_CODE:
            return None
        target = f"/{wanted}{request.get_full_path()}"
        response = remember_language(HttpResponseRedirect(target), wanted)
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

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
