"""Public pages: cached whole, answered with 304 when the visitor already has them.

Every page a visitor without a session sees depends on the archive's data and on
nothing else, so one number stands for all of it: the public version
(archive.models.PublicVersion), moved on by every change to any archive object,
in the transaction that makes the change. A page is cached under that number,
and its ETag and Last-Modified are that number and its time. An edit therefore
reaches every page, on every app server, at once; nothing is ever served stale,
and there is no list of which page shows what to keep right.

Staff (anyone with a session) always get freshly rendered pages: they see drafts.
"""

import hashlib

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .models import PublicVersion, SearchEntry

# Not cached: the admin; media files; OAI-PMH, whose every response carries its own time.
UNCACHED_PREFIXES = ("/admin/", "/media/", "/oai/")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]

    def __call__(self, request):
        if not _is_public_request(request):
            return self.get_response(request)
        number, changed_at = PublicVersion.current()
        # The time too: a restored backup or a rolled-back change may bring a number back.
        version = f"{number}.{changed_at.timestamp():.6f}"
        language = translation.get_language_from_request(request)
        etag = f'"v{version}-{language}"'
        last_modified = int(changed_at.timestamp())

        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return _validated(not_modified, etag, last_modified)

        key = _cache_key(version, language, request)
        stored = self.cache.get(key)
        if stored is not None:
            return _validated(_rebuilt(stored), etag, last_modified)

        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            if not response.cookies and not response.has_header("Cache-Control"):
                self.cache.set(key, _stored(response))
            _validated(response, etag, last_modified)
        return response


def _is_public_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _cache_key(version, language, request):
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogatepass")).hexdigest()
    return f"page:{version}:{language}:{request.method}:{digest}"


def _stored(response):
    return (response.status_code, list(response.items()), response.content)


def _rebuilt(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _validated(response, etag, last_modified):
    if not response.has_header("ETag"):
        response["ETag"] = etag
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified)
    # Shared caches may keep the page, but must ask again each time (a cheap 304).
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


# --- What moves the version on -------------------------------------------------------------


def _is_archive_model(model):
    # Models of migrations' historical states send signals too; the table may not exist yet.
    return model._meta.app_label == "archive" and model._meta.apps is global_apps


def _changed(sender, **kwargs):
    if _is_archive_model(sender) and sender not in (PublicVersion, SearchEntry):
        PublicVersion.advance()


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_archive_model(type(instance)):
        PublicVersion.advance()


def connect_signals():
    """Every saved, deleted or relinked archive object moves the version on, loaddata included."""
    post_save.connect(_changed, dispatch_uid="public-version-save")
    post_delete.connect(_changed, dispatch_uid="public-version-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-version-m2m")
