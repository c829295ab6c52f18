"""What an app server's first request would otherwise pay for, done once before the workers fork.

Gunicorn loads the site in its master process (`preload_app`) and calls `warm_up()` there. A
worker forked afterwards shares, copy-on-write, every view module the URLconf imports, every
compiled template and every translation catalogue, so a worker that replaces one recycled
after `max_requests` answers its first request as fast as its thousandth. Without this, the
first request of each worker took about a second on a 2-core machine (three quarters of it
importing the URLconf), and each recycling showed in the benchmarks' p99.

Nothing here touches the database, the cache or any other connection: connections opened
before a fork would be shared by every worker.
"""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation


def warm_up():
    """Import every view, compile the site's templates and load each language's messages."""
    resolver = get_resolver()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018 (builds the language's reverse lookup table)
    engine = engines["django"].engine
    engine.template_context_processors  # noqa: B018 (imports them)
    for name in site_template_names():
        engine.get_template(name)
    import_cache_clients()


def import_cache_clients():
    """Django's Redis cache imports redis-py on its first use, a tenth of a second."""
    if any(cache["BACKEND"].endswith(".RedisCache") for cache in settings.CACHES.values()):
        import redis  # noqa: F401


def site_template_names():
    """Every template under the project's own template folders, as a loader names them."""
    for folder in engines["django"].engine.dirs:
        root = Path(folder)
        for path in sorted(root.rglob("*.*")):
            yield path.relative_to(root).as_posix()
