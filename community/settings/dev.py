"""Development: the quick start. SQLite under var/, e-mail on the console, tasks run at once."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SERVE_MEDIA = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
VAR_DIR.mkdir(exist_ok=True)
# Staff in the demo can sign in without setting up a second factor; production requires it.
REQUIRE_MFA_FOR_STAFF = env.bool("REQUIRE_MFA_FOR_STAFF", default=False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
