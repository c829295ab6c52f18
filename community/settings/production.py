"""Production: secure cookies and headers, the database task worker, static files by WhiteNoise,
and logs as one JSON object per line.

Refuses to start without a real SECRET_KEY. `manage.py check --deploy` reports nothing.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOG_LEVEL, SECRET_KEY, env

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers check app servers over plain HTTP: /health/ answers them instead of redirecting.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
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
