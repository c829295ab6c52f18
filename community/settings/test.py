"""Tests: fast hashing, a local-memory cache (Redis when REDIS_URL is set), immediate tasks, an
in-memory outbox, media, exports and uploads in temporary folders, the rate limits and the page
cache off.
"""

import tempfile

from .base import *  # noqa: F403
from .base import REDIS_URL

SECRET_KEY = "test-only-secret-key-with-enough-length-to-be-accepted-0123456789"
DEBUG = False
SERVE_MEDIA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="community-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="community-test-exports-")},
    },
    "uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="community-test-uploads-")},
    },
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ACCOUNT_RATE_LIMITS = False
# Tests write quickly in a row; the tests of the protections switch the limits on.
PROTECTIONS_FLOOD_LIMITS = False
ALLAUTH_TRUSTED_PROXY_COUNT = 0
REQUIRE_MFA_FOR_STAFF = True
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache would serve one test's page to the next: its own tests switch it on.
PAGE_CACHE_SECONDS = 0
INSTALLED_APPS = [*INSTALLED_APPS, "tests.tips"]  # noqa: F405  (a kind in one test app)
# On PostgreSQL, a commit does not wait for the disk: the test database is thrown away anyway,
# and the tests that commit (browser, concurrency, backup) spend less time waiting.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
