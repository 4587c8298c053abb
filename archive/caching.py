"""Public pages: cached whole, answered with 304 when the visitor already has them.

Every page a visitor without a session sees depends on the archive's data and on
the code that renders it, nothing else. So one number stands for the data: the
public version (archive.models.PublicVersion), moved on by every change to any
archive object, in the transaction that makes the change (archive.changes). A
page is cached under that number and the release of the code, and its ETag and
Last-Modified are made of them. An edit therefore reaches every page, on every
app server, at once; a deployment too; nothing is ever served stale.

Except a document's own pages (the page, its citations, TEI, manifest): they show that
document alone, so they go by its own time of change (Document.objects.page_version),
which every change shown on them moves (archive.changes), and an edit to one document
leaves the pages of the others cached. Most of a large archive's pages are those, and
most of them are rarely asked for: each render saved counts.

Pages a visitor can reach by links are also kept on disk, shared by the server's
processes and rendered ahead of any visit (archive.pagestore), under the same version.

Staff (anyone with a session) always get freshly rendered pages: they see drafts.
In development (DEBUG) nothing is cached: templates change under the server.
"""

import functools
import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from .models import Document, PublicVersion, versions
from .pagestore import store
from .replicas import reading_replica

# Not cached: the admin; media files; OAI-PMH, whose every response carries its own time.
UNCACHED_PREFIXES = ("/admin/", "/media/", "/oai/")
# A document's own pages: /documents/110371/…, not /documents/export.csv.
_DOCUMENT_PAGE = re.compile(r"/documents/(\d{1,18})/")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]

    def __call__(self, request):
        if not _is_public_request(request):
            return self.get_response(request)
        try:
            return self._answer(request)
        finally:
            versions.answering(None)  # the next request reads its own

    def _answer(self, request):
        version, changed_at, public = _versions_of(request)
        versions.answering(public)  # what the view reads is of this version, or newer
        etag = f'"{version}"'
        last_modified = int(changed_at.timestamp())

        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return _validated(not_modified, etag, last_modified)

        key = _cache_key(version, request)
        stored = self.cache.get(key)
        if stored is not None:
            return _validated(stored, etag, last_modified)
        # Rendered earlier, by this process or another, or ahead (manage.py render_pages).
        kept = store.read(request, release(), version)
        if kept is not None:
            self.cache.set(key, kept)  # asked for again, it is answered from memory
            kept.page_store = "kept"
            return _validated(kept, etag, last_modified)

        with reading_replica():  # rendered from a replica only if it holds this version
            response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            if not response.cookies and not response.has_header("Cache-Control"):
                self.cache.set(key, response)  # as Django's cache middleware does
                if store.write(request, release(), version, response):
                    response.page_store = "written"
            _validated(response, etag, last_modified)
        return response


def version_of(request):
    """(the version the page is cached under, when it last changed)."""
    version, changed_at, _public = _versions_of(request)
    return version, changed_at


def _versions_of(request):
    """version_of(), and the public version (number, changed_at) read with it."""
    match = _DOCUMENT_PAGE.match(_unprefixed(request.path))
    if match:
        public, found = _document_versions(int(match[1]))
    else:
        public, found = PublicVersion.current(), None
    if found is not None:
        changed_at = max(time for time in found if time is not None)
        stamps = ".".join(f"{time.timestamp():.6f}" if time else "-" for time in found)
        return f"{release()}-d{match[1]}.{stamps}", changed_at, public
    # Any other page, and the answer for a document not published (a 404 until it is).
    number, changed_at = public
    # The time too: a restored backup or a rolled-back change may bring a number back.
    return f"{release()}-{number}.{changed_at.timestamp():.6f}", changed_at, public


# A document page's version changes only with the public version, which every change to
# the archive moves in the same transaction (archive.changes). So a process remembers,
# for each document page it has answered, the public version and the page's version read
# together (one statement: one state of the database); while the public version is the
# same, the cheaper question of the public version alone is enough. A page never asked
# for in this process is one question too: both versions at once.
_known = {}
_KNOWN_AT_MOST = 20_000  # documents remembered per process (about 3 MB)


def forget_versions():
    """Forget the versions remembered (tests: a database rolled back may hold others)."""
    _known.clear()
    versions.answering(None)
    for kept in versions.PerVersion.every:
        kept.forget()


def _document_versions(record_id):
    remembered = _known.get(record_id)
    if remembered is not None and remembered[0] == PublicVersion.current():
        return remembered
    public, found = Document.objects.public_and_page_version(record_id)
    if public is None:  # an archive without its public version yet: current() makes it
        PublicVersion.current()
        public, found = Document.objects.public_and_page_version(record_id)
    if len(_known) >= _KNOWN_AT_MOST:
        _known.clear()
    _known[record_id] = (public, found)
    return public, found


def _is_public_request(request):
    return (
        not settings.DEBUG
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _unprefixed(request.path).startswith(UNCACHED_PREFIXES)
    )


def _unprefixed(path):
    # /ru/oai/ is the OAI endpoint too: the archive's addresses exist in every interface language.
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


def _cache_key(version, request):
    # The whole address: pages hold absolute links made from the host and scheme asked for.
    address = request.build_absolute_uri().encode("utf-8", "surrogatepass")
    return f"page:{version}:{request.method}:{hashlib.sha256(address).hexdigest()}"


@functools.cache
def release():
    """A digest of the code, templates and catalogues that render pages, and of static names.

    The same on every server running the same release; different after a deployment,
    so that browsers holding an old page get the new one, not a 304.
    """
    root = Path(settings.BASE_DIR)
    sources = [*root.glob("archive/**/*.py"), *root.glob("config/**/*.py")]
    sources += root.glob("locale/**/*.mo")  # the words of the interface
    sources += [path for folder in _template_dirs() for path in Path(folder).rglob("*.html")]
    if settings.STATIC_ROOT:
        sources.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.sha256()
    for path in sorted(set(sources)):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _template_dirs():
    return [folder for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]


def _validated(response, etag, last_modified):
    if not response.has_header("ETag"):
        response["ETag"] = etag
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified)
    # Shared caches may keep the page, but must ask again each time (a cheap 304).
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])
    return response
