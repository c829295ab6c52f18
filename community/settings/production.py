"""Production: debug pages off, HTTPS (redirect and HSTS, tunable through the variables base.py
reads), secure cookies and headers, the database task worker unless TASKS_BACKEND says otherwise,
static files by WhiteNoise, and logs as one JSON object per line.

Refuses to start without a real SECRET_KEY. `manage.py check --deploy` reports nothing.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    LOG_LEVEL,
    SECRET_KEY,
    secure_hsts_preload_from_env,
    secure_hsts_seconds_from_env,
    secure_ssl_redirect_from_env,
    tasks_backend_from_env,
)

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

DEBUG = False
SECURE_SSL_REDIRECT = secure_ssl_redirect_from_env
# Load balancers check app servers over plain HTTP: /health/ answers them instead of redirecting.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = secure_hsts_seconds_from_env
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = secure_hsts_preload_from_env
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if tasks_backend_from_env is None
            else tasks_backend_from_env
        )
    }
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# One JSON object per line on standard error, each carrying the request id; one line per
# request from `community.requests`. Django's own 4xx warnings repeat those lines, so only its
# errors (with their traces) are kept.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "community.observability.RequestIdFilter"}},
    "formatters": {"json": {"()": "community.observability.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING", "propagate": True},
        "django_tasks": {"level": "INFO"},
        "wagtail": {"level": "WARNING"},
        "community.requests": {"level": "INFO"},
    },
}
