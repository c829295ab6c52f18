"""What shared caches in front of the site (a CDN, a reverse proxy) may keep.

A visitor's public page is the same for every visitor, and the page cache already knows which
those are (`page_cache.cacheable_request` and `cacheable_response`): those answers say
`Cache-Control: public, max-age=0, s-maxage=<SHARED_CACHE_SECONDS>` and `Vary: Cookie`, so that
a shared cache may serve them for a few seconds while browsers ask again each time. A few
seconds at most: a hidden answer, a moderation decision or a new answer then shows everywhere
within that time. Pages in English also vary on Accept-Language (Django's LocaleMiddleware says
so): without a language cookie, a French browser is sent to the French twin instead.

Everything else that is personal — a signed-in member's page (even the copy members share), a
request with an Authorization header, and any answer that sets a cookie (a form's CSRF cookie,
the first-visit redirect's language cookie, messages) — says `private`, so that no shared cache
keeps it; the remaining answers (errors, the API, files) keep the headers they have.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from community import page_cache


class SharedCacheHeadersMiddleware:
    """Above the session, CSRF, messages and language middleware, so that it sees every cookie
    the answer sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if shared(request, response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS
            )
            patch_vary_headers(response, ("Cookie",))
        elif personal(request, response):
            patch_cache_control(response, private=True)
        return response


def shared(request, response) -> bool:
    """A visitor's public page, which any visitor may be served from a shared cache."""
    return (
        settings.SHARED_CACHE_SECONDS > 0
        and page_cache.cacheable_request(request)
        and page_cache.cacheable_response(request, response)
    )


def personal(request, response) -> bool:
    """An answer for one reader: theirs because of who asked, or because of a cookie it sets."""
    return bool(
        response.cookies
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "Authorization" in request.headers
    )
