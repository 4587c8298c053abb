"""Rendering ahead: every page a visitor reaches by the archive's links, kept before
anyone asks for it, so that a page of the long tail is never rendered while its
visitor waits.

A page is rendered as a visitor without a session would get it, through the whole
site (the page cache middleware keeps it), for the address visitors use: pages hold
absolute links (canonical address, citations) made from that address's host.
"""

import multiprocessing
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.http.request import validate_host
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from ..caching import release, version_of
from ..models import Collection, Document
from ..pagination import GracefulPaginator
from ..sitemaps import SITEMAPS
from . import store


def check_base_url(base_url):
    """The reason `base_url` cannot be the address pages are rendered for, or None."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{base_url!r} is no http(s) address such as https://archive.example.org"
    if parts.path.strip("/") or parts.query or parts.fragment:
        return f"{base_url!r} has more than a scheme and a host: the archive is served at /"
    if parts.netloc != parts.netloc.lower():
        return f"{base_url!r}: write the host in lower case, as browsers send it"
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return f"{parts.hostname} is not in ALLOWED_HOSTS: every page would be refused"
    if parts.scheme == "http" and settings.SECURE_SSL_REDIRECT:
        return f"{base_url!r}: pages are served over https here (ARCHIVE_HTTPS)"
    return None


def addresses(languages):
    """[(kind, path)] to render in each interface language of `languages`: every page the
    sitemap tells search engines of (archive.sitemaps: its kinds, "documents", "persons"…),
    and the further pages of the lists that have them ("?page=N", kind "list pages")."""
    found = []
    for language in languages:
        with translation.override(language):  # reverse() gives the language's prefix
            for kind, sitemap in SITEMAPS.items():
                site = sitemap()
                items = site.items()
                if isinstance(items, QuerySet):  # 100,000 documents: read a few at a time
                    items = items.iterator(chunk_size=2000)
                found += [(kind, site.location(item)) for item in items]
            found += [("list pages", path) for path in _further_list_pages()]
    return found


def _further_list_pages():
    """ "?page=N" of the browse list and of each collection, past the first."""
    lists = [(reverse("archive:document_list"), Document.objects.published().count())]
    lists += [
        (collection.get_absolute_url(), collection.document_count)
        for collection in Collection.objects.public().with_document_counts()
    ]
    for path, count in lists:
        pages = GracefulPaginator(range(count), settings.ARCHIVE_PAGE_SIZE).page_range
        yield from (f"{path}?page={number}" for number in pages if number > 1)


class Renderer:
    """Requests pages as an anonymous visitor of `base_url` would; each answer says
    whether the page was already kept, rendered and kept now, or not kept (and why)."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        # A page that fails is reported by its status, as a visitor would get it.
        self.client = Client(HTTP_HOST=parts.netloc, raise_request_exception=False)
        self.requests = RequestFactory(HTTP_HOST=parts.netloc)
        self.secure = parts.scheme == "https"

    def render(self, path):
        # A page kept for what it shows now is not asked for: its file's first lines tell.
        request = self.requests.get(path, secure=self.secure)
        if store.holds(request, release(), version_of(request)[0]):
            return "kept", None
        response = self.client.get(path, secure=self.secure)
        kept = getattr(response, "page_store", None)
        if kept:
            return kept, None
        if response.status_code != 200:
            return "not kept", f"{path}: answered {response.status_code}"
        # The page said so: a browse page read from a search index behind the database.
        said = response.get("Cache-Control", "")
        return "not kept", f"{path}: answered 200 but not to be kept ({said})"


def render_all(paths, base_url, jobs=1, progress=None, chunk=50):
    """Render `paths` (those not kept already) in `jobs` processes: (Counter of outcomes,
    the addresses not kept, each with its status)."""
    outcomes, problems = Counter(), []
    chunks = [paths[start : start + chunk] for start in range(0, len(paths), chunk)]
    done = 0

    def count(result):
        nonlocal done
        for outcome, problem in result:
            outcomes[outcome] += 1
            if problem:
                problems.append(problem)
        done += len(result)
        if progress:
            progress(done, len(paths))

    if jobs <= 1:
        renderer = Renderer(base_url)
        for part in chunks:
            count([renderer.render(path) for path in part])
    else:
        # Each process opens its own database connections: none may be shared over a fork.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, initializer=_start_worker, initargs=(base_url,)) as pool:
            for result in pool.imap_unordered(_render_chunk, chunks):
                count(result)
    if progress and not paths:
        progress(0, 0)
    return outcomes, problems


_worker_renderer = None


def _start_worker(base_url):
    global _worker_renderer
    _worker_renderer = Renderer(base_url)


def _render_chunk(paths):
    try:
        return [_worker_renderer.render(path) for path in paths]
    finally:
        connections.close_all()
