"""The files: one per address, holding the version it was rendered for, its headers and
its body (compressed: a document page's HTML is about a fifth of its size in zlib).

An address is kept when a visitor could reach it by following the archive's own links
without a form, at the archive's own address (ARCHIVE_BASE_URL): no query string, or only
the number of a list's page. Searches and filters are not kept (there is no end to them),
nor other spellings of an address (another host name, port or case, a record id with
leading zeros): the per-process cache still holds the recent ones.

The files of one release of the code, under one set of the settings and packages that
shape pages, sit in a folder of their own: a deployment, an upgrade or a changed
setting starts an empty folder, and `render_pages` removes the older ones.
"""

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import zlib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse

logger = logging.getLogger(__name__)

MAGIC = b"archive-page 1"
# Set by the page cache middleware on every answer, kept or not.
_HEADERS_NOT_KEPT = {"etag", "last-modified", "cache-control", "set-cookie"}
_PAGE_NUMBER = re.compile(r"page=[1-9]\d{0,6}")
# A part of the path that is a number written with leading zeros: /documents/0110371/…
# is answered (the converter reads a number) but is not the address links use.
_ZERO_LED = re.compile(r"/0\d*(?=/|$)")
# A folder of the store: the code's release, then the digest of settings and packages.
_FOLDER = re.compile(r"[0-9a-f]{12}-[0-9a-f]{12}")
# Written by a process killed before it renamed the file: removed after this long.
_ABANDONED_AFTER = 3600
# Settings that change what a page says or links to (besides ARCHIVE_*); the paths of
# this machine's folders do not.
_SHAPING = ["LANGUAGE_CODE", "LANGUAGES", "TIME_ZONE", "USE_TZ", "STATIC_URL", "MEDIA_URL",
            "CONTENT_SECURITY_POLICY", "X_FRAME_OPTIONS"]  # fmt: skip
_NOT_SHAPING = {"ARCHIVE_PAGE_STORE_DIR", "ARCHIVE_SEARCH_INDEX_DIR", "ARCHIVE_BASE_URL"}


def keeps(request, response=None):
    """Whether this request's answer is one the store keeps: a GET at the archive's own
    address of a path without a query, or with only the number of a page of a list
    that has that page."""
    if request.method != "GET" or not _at_base_url(request):
        return False
    if _ZERO_LED.search(request.path):
        return False
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    if _PAGE_NUMBER.fullmatch(query) is None:
        return False
    # Any view would answer "?page=7"; only a list's own page of that number is kept.
    return response is None or getattr(response, "shows_page_number", False)


def _at_base_url(request):
    base = base_url()
    return base is not None and (request.scheme, request.get_host()) == base


def base_url():
    """(scheme, host) of ARCHIVE_BASE_URL, or None when it is not set."""
    if not settings.ARCHIVE_BASE_URL:
        return None
    parts = urlsplit(settings.ARCHIVE_BASE_URL)
    return parts.scheme, parts.netloc.lower()


def root():
    return Path(settings.ARCHIVE_PAGE_STORE_DIR)


def folder_name(release):
    return f"{release}-{_shaping_digest()}"


@functools.cache
def _shaping_digest():
    """A digest of the settings and installed packages a page's rendering depends on."""
    names = [*_SHAPING, *(name for name in dir(settings) if name.startswith("ARCHIVE_"))]
    shaping = {name: repr(getattr(settings, name, None)) for name in names}
    for name in _NOT_SHAPING:
        shaping.pop(name, None)
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest = hashlib.sha256(json.dumps([sorted(shaping.items()), packages]).encode())
    return digest.hexdigest()[:12]


def path_for(request, release):
    # The whole address, as the page cache keys it: pages hold links made from the host.
    address = request.build_absolute_uri().encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(address).hexdigest()
    return root() / folder_name(release) / digest[:2] / digest


def read(request, release, version):
    """The kept response for this request if it was rendered for `version`, else None."""
    if not keeps(request):
        return None
    try:
        data = path_for(request, release).read_bytes()
    except OSError:  # not kept (yet), or the folder is gone: rendered as before
        return None
    try:
        magic, kept_version, headers, body = data.split(b"\n", 3)
        if magic != MAGIC or kept_version != version.encode():
            return None
        response = HttpResponse(zlib.decompress(body))
        for name, value in json.loads(headers):
            response[name] = value
    except (ValueError, zlib.error):  # a file cut short or not ours: rendered again
        return None
    return response


def holds(request, release, version):
    """Whether the page for this request is kept for `version` (its first lines alone
    are read: `render_pages` asks this of every page before rendering it)."""
    if not keeps(request):
        return False
    try:
        with path_for(request, release).open("rb") as file:
            magic = file.readline(len(MAGIC) + 1)
            kept_version = file.readline(len(version) + 2)
    except OSError:
        return False
    return magic == MAGIC + b"\n" and kept_version == version.encode() + b"\n"


def write(request, release, version, response):
    """Keep `response` for this request's address; a store that cannot be written is
    reported in the log and otherwise ignored (the page was served all the same)."""
    if not keeps(request, response):
        return False
    path = path_for(request, release)
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in _HEADERS_NOT_KEPT
    ]
    data = b"\n".join(
        [
            MAGIC,
            version.encode(),
            json.dumps(headers, ensure_ascii=True).encode(),
            zlib.compress(response.content, 6),
        ]
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a process reading at the same time sees the old
        # file or the new one, never half of one.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            # Readable by the server's user when `render_pages` ran as another.
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        logger.warning("Page not kept in %s: %s", root(), error)
        return False
    return True


def prune(release, everything=False):
    """Remove the folders of other releases, settings or packages (or, with `everything`,
    every folder of pages), and files abandoned half-written; returns how many folders
    went. Only folders named as the store names them are touched: a store set by
    mistake to a folder holding other things loses none of them."""
    current = folder_name(release)
    removed = 0
    try:
        folders = [path for path in root().iterdir() if path.is_dir()]
    except OSError:
        return 0
    for folder in folders:
        if not _FOLDER.fullmatch(folder.name):
            continue
        if everything or folder.name != current:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    now = time.time()
    for abandoned in (root() / current).glob("*/.new-*"):
        try:
            if now - abandoned.stat().st_mtime > _ABANDONED_AFTER:
                abandoned.unlink()
        except OSError:
            pass
    return removed


def size(release):
    """(files, bytes) kept for `release`."""
    files = total = 0
    for path in (root() / folder_name(release)).glob("*/*"):
        if not path.name.startswith(".new-"):
            files += 1
            total += path.stat().st_size
    return files, total
