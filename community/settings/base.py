"""Settings shared by every environment.

This is the only settings module that reads the environment; `dev`, `test` and `production`
adjust what is read here. Where an environment has a default of its own (`DEBUG` and
`REQUIRE_MFA_FOR_STAFF` in development, the HTTPS settings and `TASKS_BACKEND` in production),
the value read here is kept in a lowercase name (not a setting), `None` when the variable is not
set. Every variable is listed in docs/deploy.md, the main ones in the README.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
debug_from_env = env.bool("DEBUG", default=None)
DEBUG = bool(debug_from_env)
# The site's public address, the one source of every link written for the outside: e-mails,
# notifications, feeds, webhook bodies, the API, canonical addresses and the sitemap
# (`community.seo.absolute_url`). `make run HOST=…` sets it to the address it serves.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# The host of SITE_URL is always allowed: the site answers at the address it gives out.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
site_host = urlsplit(SITE_URL).hostname
if site_host and site_host not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(site_host)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "community",
    "community.questions",
    "community.conversations",
    "community.staffdesk",
    "community.member_data",
    "reviews",
    "ideas",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "community.apps.MembersAdminConfig",  # wagtail.users, for members
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    # First, so that its request id and duration cover everything below it.
    "community.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "community.middleware.TrustedProxyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Wagtail site, locales, menu and view restrictions from memory (community/site_cache.py).
    "community.middleware.SiteStructureMiddleware",
    # Cache-Control for shared caches (community/cache_headers.py): above every middleware that
    # may set a cookie, so that an answer setting one is never called public.
    "community.cache_headers.SharedCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "community.middleware.AuthenticationMiddleware",
    # After authentication, so that a signed-in member's preferred language comes first.
    "community.middleware.FirstVisitLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, choosing the admin's policy for the admin's pages.
    "community.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Visitors' pages from the cache (community/page_cache.py): below everything that decides
    # the language, the first-visit redirect and the CSRF cookie, so that only the view is skipped.
    "community.page_cache.PageCacheMiddleware",
    # Last, so that it answers the refusals (rate limits, suspensions) raised by any view.
    "community.protections.middleware.ProtectionsMiddleware",
]

ROOT_URLCONF = "community.urls"

# Form widgets render through TEMPLATES too, so that the project's templates/ may override a
# widget's template (the Wagtail admin's date and time inputs carry the CSP nonce there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "community.context_processors.community",
                # In place of Django's own (always run first): the page cache's CSRF placeholder.
                "community.page_cache.csrf",
                "community.protections.context_processors.protections",
            ],
        },
    },
]

WSGI_APPLICATION = "community.wsgi.application"
AUTH_USER_MODEL = "community.Member"

# Database: SQLite under var/ unless DATABASE_URL says otherwise. SQLite runs in WAL mode with
# immediate transactions, so that two writes at once wait for each other instead of failing
# with "database is locked".
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'community.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set. Pages do not need Redis to answer: while it is
# down, reads miss and writes are dropped, and the rate-limit counters (allauth's and the
# protections') are kept in each process's memory (community/outages.py).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "community.outages.OutageTolerantRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions stay in the database (Django's default engine), with or without Redis: a session
# kept in the cache too would come back from it after a sign-out made while Redis was down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages for visitors (community/page_cache.py), kept this many seconds at most and dropped
# as soon as any content changes; 0 turns the page cache off. Each process of the local-memory
# cache keeps pages of its own that another process's writes would not reach, so the page cache
# is on by default only with Redis.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 if REDIS_URL else 0)
# Seconds a shared cache in front of the site (a CDN, a reverse proxy) may serve a visitor's page
# (`s-maxage`, community/cache_headers.py): 10 at most, so that hides, moderation and new answers
# show everywhere within that; 0 lets no shared cache keep pages.
SHARED_CACHE_SECONDS = min(env.int("SHARED_CACHE_SECONDS", default=10), 10)

# Search: the backend that answers `community.searching` (indexing, suggestions, rebuilds), as
# Django chooses its e-mail backend; empty, nothing is indexed and nothing found. The search
# app's backend uses the database unless ELASTICSEARCH_URL is set.
COMMUNITY_SEARCH_BACKEND = "search.backend.SearchBackend"
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# The alias the search app reads and writes; each rebuild creates `<alias>-<timestamp>` behind it.
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="community")
# Seconds a search waits for Elasticsearch before the page answers from the database.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=3.0)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work: Django's tasks framework. Immediate in development and tests; the database
# backend with `manage.py db_worker` in production.
tasks_backend_from_env = env.str("TASKS_BACKEND", default=None)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if tasks_backend_from_env is None
            else tasks_backend_from_env
        )
    }
}

# E-mail: printed to the console unless EMAIL_URL is set (smtp+tls://user:pass@host:587).
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
vars().update(env.email_url_config(EMAIL_URL))
# The sender names the community (SITE_NAME) unless DEFAULT_FROM_EMAIL says otherwise.
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL",
    default=f"{env.str('SITE_NAME', default='Community')} <community@example.com>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django's and allauth's backends, reading the signed-in member with what every page shows of
# them in one query (community.auth_backends).
AUTHENTICATION_BACKENDS = [
    "community.auth_backends.MemberModelBackend",
    "community.auth_backends.MemberAuthenticationBackend",
]

# Languages: English unprefixed, French under /fr/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# The site's own date formats (community/formats/), over Django's.
FORMAT_MODULE_PATH = ["community.formats"]
LANGUAGE_COOKIE_NAME = "community_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Uploaded media: a local folder, or S3-compatible storage when MEDIA_S3_BUCKET is set
# (install with `pip install -e .[s3]`).
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_KEY", default="") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Backlog exports prepared in the background: private files, never under the public media, read
# back only through the requester's download page. With S3 they go to the same bucket, private.
EXPORTS_ROOT = env.path("EXPORTS_ROOT", default=str(VAR_DIR / "exports"))
STORAGES["exports"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(EXPORTS_ROOT), "base_url": None},
}
if MEDIA_S3_BUCKET:
    STORAGES["exports"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private-exports",
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
# Uploads waiting for the task worker (review photos before their copies are made): private
# files, deleted once processed. With S3 they go to the same bucket, private.
UPLOADS_ROOT = env.path("UPLOADS_ROOT", default=str(VAR_DIR / "uploads"))
STORAGES["uploads"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(UPLOADS_ROOT), "base_url": None},
}
if MEDIA_S3_BUCKET:
    STORAGES["uploads"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private-uploads",
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
# Exports of more rows than this are prepared in the background (with a notification) rather
# than written during the request, which the app server cuts off after 30 seconds. XLSX is
# written before its first byte is sent, and about four times slower (see bench/).
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=40_000)
EXPORT_INLINE_MAX_XLSX_ROWS = env.int("EXPORT_INLINE_MAX_XLSX_ROWS", default=10_000)

# The proxy in front of the site: how many proxies append to X-Forwarded-For, so that per-IP
# limits see the real client address rather than the proxy's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: applied by production.py only, as development and tests serve plain HTTP.
secure_ssl_redirect_from_env = env.bool("SECURE_SSL_REDIRECT", default=True)
secure_hsts_seconds_from_env = env.int("SECURE_HSTS_SECONDS", default=31536000)
secure_hsts_preload_from_env = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Content Security Policy (community/csp.py): everything from this site only. The Wagtail admin
# has a policy of its own, below; both report what they block to /csp-reports/<policy>/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail admin's policy: its own inline scripts carry the page's nonce (community/csp.py);
# Jcrop's touch test (an inline "return;" handler) is allowed by its hash, and the admin's React
# components add <style> elements, so inline style elements are allowed here, and only here.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'report-sample'"],
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'", NONCE, "'report-sample'"],
        "script-src-attr": [
            "'unsafe-hashes'",
            "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",  # "return;"
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Accounts (django-allauth): log in by e-mail; members may log in before verifying their
# address but cannot write until they do.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupForm"
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
# allauth's forms with the site's words (community/account_forms.py); their templates are the
# project's, under templates/account/ and templates/mfa/.
ACCOUNT_FORMS = {
    "login": "community.account_forms.LoginForm",
    "signup": "community.account_forms.SignupForm",
    "change_password": "community.account_forms.ChangePasswordForm",
    "set_password": "community.account_forms.SetPasswordForm",
    "reset_password": "community.account_forms.ResetPasswordForm",
    "reset_password_from_key": "community.account_forms.ResetPasswordKeyForm",
    "reauthenticate": "community.account_forms.ReauthenticateForm",
    "change_email": "community.account_forms.ChangeEmailForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
# Spam and flood defences (community.protections): the minimum interval between posts, posts
# per day, the same text twice, and the rate limits per member and per network address. Their
# values are site settings (CommunitySettings); this switch exists for the tests.
PROTECTIONS_FLOOD_LIMITS = True
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "community.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "community.account_forms.AuthenticateForm",
    "reauthenticate": "community.account_forms.MfaReauthenticateForm",
    "activate_totp": "community.account_forms.ActivateTOTPForm",
}

# Sign-in with the brand's customer accounts through OpenID Connect, when configured.
SOCIALACCOUNT_ADAPTER = "community.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# New members arriving through the customer account still choose their public name and
# accept the guidelines on the sign-up form.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_PROVIDERS = {}
OIDC_SERVER_URL = env.str("OIDC_SERVER_URL", default="")
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env.str("OIDC_PROVIDER_ID", default="customer-account"),
                "name": env.str("OIDC_PROVIDER_NAME", default="Customer account"),
                "client_id": env.str("OIDC_CLIENT_ID"),
                "secret": env.str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }

# Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="Community")
# The name authenticator apps show beside the code: the community's.
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default=WAGTAIL_SITE_NAME)
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Members change their e-mail address on the site, which verifies it (allauth).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# The admin fetches nothing from the internet: people are shown with their staff card's photo or
# their avatar (community/wagtail_hooks.py), never Gravatar's, so that no e-mail address hash
# leaves the site; and it does not ask wagtail.org for newer releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Members' uploads.
AVATAR_MAX_BYTES = 8 * 1024 * 1024
AVATAR_MAX_PIXELS = 40_000_000
AVATAR_SIZE = 512

# Staff and moderators must sign in with a second factor.
require_mfa_for_staff_from_env = env.bool("REQUIRE_MFA_FOR_STAFF", default=None)
REQUIRE_MFA_FOR_STAFF = require_mfa_for_staff_from_env is not False

# The guidelines version a member accepts when no guidelines page has been published yet.
DEFAULT_GUIDELINES_VERSION = "1"

# Logs: readable lines on the console here; one JSON object per line in production, with a
# line per request (`community.requests`, quiet in development, where runserver prints its own).
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "community.requests": {"level": "WARNING"},
    },
}

# The read API (/api/v1/): read-only JSON for tokens that site admins create, each limited to its
# own number of requests a minute; errors are JSON with a message. The schema and its browsable
# page are served by the site, with Swagger UI's files from drf-spectacular-sidecar.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["community.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["community.api.permissions.ReadOnlyWithToken"],
    "DEFAULT_THROTTLE_CLASSES": ["community.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "community.api.pagination.StableCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "community.api.exceptions.json_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{WAGTAIL_SITE_NAME} API",
    "DESCRIPTION": (
        "Read-only access to the community's public ideas, votes, statuses, tags, products, "
        "reviews and questions. Send your token as `Authorization: Bearer <token>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "tryItOutEnabled": True},
    "COMPONENT_SPLIT_REQUEST": True,
    "DEFAULT_GENERATOR_CLASS": "community.api.openapi.ApiSchemaGenerator",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "community.api.openapi.add_error_responses",
    ],
}
