"""Settings for the archive, read from the environment.

Every value has a safe development default, so a fresh clone runs with no
configuration at all; production sets the variables listed in `.env.example`.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A production site must never run on a key that is published in the repository.
        raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Production is served over HTTPS: redirects, HSTS and secure cookies follow from it.
# ARCHIVE_HTTPS=false serves production settings over plain HTTP (loopback benchmarks only).
HTTPS = env_bool("ARCHIVE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    # The proxy in front terminates TLS and says so; trust it only when there is one.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    # django.contrib.admin, with a site whose sign-in asks for a two-factor code (below).
    "archive.editorial.apps.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # counts with thousands separators in the interface language
    "django_filters",
    "csp",
    "reversion",
    # Before the archive: their permissions exist when its post_migrate grants the roles theirs.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for visitors without a session: answered from the cache, or with a 304,
    # before anything else is done (the cached page carries the headers set inside it).
    "archive.caching.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language comes from the address alone (/ru/…), never from headers.
    "archive.locale.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session was signed in with a two-factor code (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive.throttle.LoginThrottleMiddleware",
]

# No inline scripts or styles anywhere: every script and stylesheet is a file of ours.
# (Embedded JSON-LD is data, not script; browsers do not run it.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Opening a connection costs more than answering from the page cache: production
        # keeps them (checked before reuse), development closes them after each request.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "600")),
        sqlite_timeout=int(os.environ.get("SQLITE_TIMEOUT", "20")),
    )
}

# A streaming replica of PostgreSQL (optional): visitors' pages are rendered from it while
# it holds the version they are cached under; everything else uses the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_settings(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "600")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests have one database
    DATABASE_ROUTERS = ["archive.replicas.ReplicaRouter"]

# Shared by every app server: login throttling counts, and anything else that must agree.
# Rendered public pages are cached per process (PAGE_CACHE), keyed by the archive's
# version number, which lives in the database: a change seen by one server is seen by all.
PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", 2000))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "archive_cache",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "archive-pages",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
    }
    if PAGE_CACHE_ENTRIES
    # 0: no pages in a worker's memory; each comes from the page store or is rendered.
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Requests: bodies over 2.5 MB (Django's default) are refused, except uploads of scans,
# which stream to disk and are checked against ARCHIVE_MAX_SCAN_BYTES.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # a long text's passages in one admin form

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need `collectstatic`; development serves the sources as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The seed record and any other demo data ship here; `manage.py seed` loads them.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The archive's name, in feeds, exports and the OAI-PMH Identify response.
ARCHIVE_NAME = os.environ.get("ARCHIVE_NAME", "Cold War Archive")
# Who answers for the archive (OAI-PMH requires an administrator's address).
ARCHIVE_ADMIN_EMAIL = os.environ.get("ARCHIVE_ADMIN_EMAIL", "archive@example.org")

# Two-factor sign-in (TOTP, django-otp): superusers must sign in with a code from an
# authenticator app, on by default in production; anyone who enrolled one is asked for it.
# Enrol with `manage.py enrol_totp USERNAME`.
ARCHIVE_REQUIRE_2FA = env_bool("ARCHIVE_REQUIRE_2FA", not DEBUG)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = ARCHIVE_NAME
# An authenticator's secret key is shown once, at enrolment, never again in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# OAI-PMH: the repository's name in identifiers (oai:<this>:110371), and records per response.
OAI_REPOSITORY_IDENTIFIER = os.environ.get(
    "OAI_REPOSITORY_IDENTIFIER", "cold-war-archive.example.org"
)
OAI_BATCH_SIZE = int(os.environ.get("OAI_BATCH_SIZE", 100))

# Scans larger than this are refused at upload.
ARCHIVE_MAX_SCAN_BYTES = int(os.environ.get("ARCHIVE_MAX_SCAN_BYTES", 40 * 2**20))

# Browse pages list this many documents per page.
ARCHIVE_PAGE_SIZE = 25

# This server's search index (archive.search.engine), kept current from the database's
# outbox: each app server has its own, shared by its processes. Not backed up: it is
# rebuilt from the database (manage.py rebuild_search_index).
ARCHIVE_SEARCH_INDEX_DIR = Path(
    os.environ.get("ARCHIVE_SEARCH_INDEX_DIR", BASE_DIR / "var" / "search-index")
)

# This server's rendered pages (archive.pagestore), shared by its processes; filled
# ahead by `manage.py render_pages`, for the address visitors use (ARCHIVE_BASE_URL,
# e.g. https://archive.example.org). Not backed up: every page is rendered again from
# the database.
ARCHIVE_PAGE_STORE_DIR = Path(os.environ.get("ARCHIVE_PAGE_STORE_DIR", BASE_DIR / "var" / "pages"))
ARCHIVE_BASE_URL = os.environ.get("ARCHIVE_BASE_URL", "")

# Fixtures in FIXTURE_DIRS that `manage.py seed` loads into an empty archive, in this order.
ARCHIVE_SEED_FIXTURES = ["vocabulary", "persons", "wilson-110371", "glossary"]
