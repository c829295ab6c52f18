"""The API's endpoints, each contributed by the app that owns its content and registered from
that app's `AppConfig.ready()`:

    # ideas/api/views.py
    ROUTES = (Route("ideas", IdeaViewSet, "idea", order=10), ...)

    # ideas/apps.py
    def ready(self):
        api_routes.register(*ROUTES)

`community.api.urls` builds its router from this registry, and the API's root lists the
endpoints in the same order: by `order`, then by prefix. The framework around them
(authentication, tokens, throttling, pagination, errors, the schema) is the ground floor's.
"""

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """A read-only viewset at /api/v1/<prefix>/; its URL names are `api:<basename>-list` and
    `api:<basename>-detail`."""

    prefix: str
    viewset: type
    basename: str
    order: int = 100


class Registry:
    """The registered routes, listed by their `order` (then by prefix)."""

    def __init__(self):
        self._routes: dict[str, Route] = {}

    def register(self, *routes: Route) -> None:
        for route in routes:
            known = self._routes.get(route.prefix)
            if known is not None and known != route:
                raise ValueError(f"Another API route is registered at {route.prefix!r}.")
            self._routes[route.prefix] = route

    def unregister(self, prefix: str) -> None:
        self._routes.pop(prefix, None)

    def __iter__(self) -> Iterator[Route]:
        return iter(sorted(self._routes.values(), key=lambda route: (route.order, route.prefix)))


registry = Registry()
register = registry.register
