"""Development: the quick start. Debug pages on (unless DEBUG says otherwise: `make run` sets
DEBUG=0, so that the site shows its own 404 and 500 pages, as visitors see them), a dev-only
secret key when SECRET_KEY is not set, staff not asked for a second factor (unless
REQUIRE_MFA_FOR_STAFF says so), uploads and static files served by the app from their folders,
with or without DEBUG (WhiteNoise reads the static files from the apps' folders, and uploads
have a view of their own). Base's defaults do the rest: SQLite under var/, e-mail on the
console, tasks run at once.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, debug_from_env, require_mfa_for_staff_from_env

DEBUG = True if debug_from_env is None else debug_from_env
SERVE_MEDIA = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
VAR_DIR.mkdir(exist_ok=True)
# Staff in the demo can sign in without setting up a second factor, so that the demo's staff
# accounts can be tried without an authenticator app; production requires it. `make run` says so
# when it prints the log-ins, and REQUIRE_MFA_FOR_STAFF=1 turns it on here too.
REQUIRE_MFA_FOR_STAFF = bool(require_mfa_for_staff_from_env)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
