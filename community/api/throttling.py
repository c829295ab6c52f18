"""A rate limit per token, counted in the cache (Redis when several app servers share it)."""

from rest_framework.throttling import SimpleRateThrottle

from community.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """At most `token.rate_per_minute` requests in any sliding minute, per token."""

    scope = "api_token"
    rate = "120/min"
    cache_format = "api-throttle:%(ident)s"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"ident": request.auth.prefix}

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiToken):
            self.num_requests, self.duration = request.auth.rate_per_minute, 60
        return super().allow_request(request, view)
