"""Settings for the test suite: the real settings, made fast and self-contained."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import STORAGES, env_bool

# Hashing passwords properly is slow by design; tests log users in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests sign in with passwords (app servers started with DEBUG off too); the tests of
# two-factor sign-in turn it on themselves, or with ARCHIVE_REQUIRE_2FA in the environment.
ARCHIVE_REQUIRE_2FA = env_bool("ARCHIVE_REQUIRE_2FA", False)

# Tests render pages without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from static/ (no collectstatic before the tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# On SQLite the test database is a file, not memory, as in production: WAL mode, locking
# between connections, and app servers started by the tests all see the real thing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"archive-tests-{os.getpid()}.sqlite3")
    }

# The search index of a test run is its own (each test gets a new one: tests/conftest.py).
# A folder made here is removed when the run ends, so test runs leave no index behind.
if os.environ.get("ARCHIVE_SEARCH_INDEX_DIR"):
    ARCHIVE_SEARCH_INDEX_DIR = Path(os.environ["ARCHIVE_SEARCH_INDEX_DIR"])
else:
    ARCHIVE_SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix=f"archive-tests-index-{os.getpid()}-"))
    atexit.register(shutil.rmtree, ARCHIVE_SEARCH_INDEX_DIR, ignore_errors=True)

# Likewise the pages kept on disk (archive.pagestore); each test gets its own folder too.
if os.environ.get("ARCHIVE_PAGE_STORE_DIR"):
    ARCHIVE_PAGE_STORE_DIR = Path(os.environ["ARCHIVE_PAGE_STORE_DIR"])
else:
    ARCHIVE_PAGE_STORE_DIR = Path(tempfile.mkdtemp(prefix=f"archive-tests-pages-{os.getpid()}-"))
    atexit.register(shutil.rmtree, ARCHIVE_PAGE_STORE_DIR, ignore_errors=True)
