"""Settings for the test suite: the real settings, made fast and self-contained."""

from .settings import *  # noqa: F403
from .settings import STORAGES

# Hashing passwords properly is slow by design; tests log users in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests render pages without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from static/ (no collectstatic before the tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
