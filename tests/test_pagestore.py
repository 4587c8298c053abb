"""Pages kept on disk (archive.pagestore): served to any process without rendering,
never once what they show has changed, never for staff, never for drafts; and
`render_pages`, which keeps every reachable page before anyone asks for it."""

import io
import logging
import os
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from archive.caching import release
from archive.models import Document, Person
from archive.pagestore import store

from .admin_forms import edit_passage
from .factory import make_document, make_person, make_role
from .promises import CANONICAL

pytestmark = pytest.mark.django_db

HOST = "archive.example.org"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.fixture(autouse=True)
def served_at_the_archives_address(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    settings.ARCHIVE_BASE_URL = f"https://{HOST}"


def another_process():
    """What a request meets in another worker: nothing in its memory, the store on disk."""
    caches["pages"].clear()


def visit(path, **extra):
    return Client(HTTP_HOST=HOST).get(path, secure=True, **extra)


def kept_files(folder):
    return sorted(path for path in Path(folder).glob("*/*/*") if not path.name.startswith("."))


def test_a_rendered_page_is_kept_and_another_process_serves_it_unrendered(
    seed, own_page_store, django_assert_num_queries
):
    first = visit(CANONICAL)
    assert first.status_code == 200 and first.page_store == "written"
    assert len(kept_files(own_page_store)) == 1
    another_process()
    with django_assert_num_queries(1):  # the document's version: no view, no template
        again = visit(CANONICAL)
    assert again.page_store == "kept"
    assert again.content == first.content
    for header in ("Content-Type", "Content-Language", "Content-Security-Policy", "ETag"):
        assert again[header] == first[header]
    assert again["X-Frame-Options"] == "DENY"
    assert visit(CANONICAL, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    # Read once from the file, then held in this process's memory like a rendered page.
    kept_files(own_page_store)[0].unlink()
    assert visit(CANONICAL).content == first.content


def test_an_edit_is_shown_at_once_and_the_new_page_is_kept(seed, staff_client, own_page_store):
    visit(CANONICAL)
    passage = seed.texts.get(code="en").passages.order_by("position").last()
    edit_passage(staff_client, passage, "A passage corrected by the archivist.")
    another_process()
    after = visit(CANONICAL)
    assert after.page_store == "written"  # the kept page was of the old version
    assert "A passage corrected by the archivist." in after.content.decode()
    assert len(kept_files(own_page_store)) == 1  # the same address: replaced, not added
    another_process()
    assert visit(CANONICAL).page_store == "kept"


def test_an_edit_elsewhere_leaves_a_document_page_kept(seed):
    visit(CANONICAL)
    visit("/persons/mao-zedong/")
    other = make_document(title="Another telegram")
    other.title = "Another telegram, retitled"
    other.save()
    another_process()
    assert visit(CANONICAL).page_store == "kept"
    # A person's page shows the whole archive's state (correspondents, events): any
    # change makes it stale.
    assert visit("/persons/mao-zedong/").page_store == "written"


def test_only_addresses_reached_by_links_are_kept(seed, own_page_store):
    for _ in range(30):
        make_document()  # two pages of the browse list
    assert visit("/documents/?page=2").page_store == "written"
    for address in [
        "/documents/?q=Filippov",  # searches and filters have no end
        f"{CANONICAL}?show=original",
        "/documents/?page=2&q=Filippov",
        "/documents/?page=99",  # shows the last page: not the page of that address
        "/documents/?page=02",
        "/documents/?page=0",
        "/persons/mao-zedong/?page=3",  # no list of pages here
    ]:
        response = visit(address)
        assert response.status_code == 200, address
        assert getattr(response, "page_store", None) is None, address
    assert visit("/documents/?page=99")["Cache-Control"].startswith("no-cache")
    assert len(kept_files(own_page_store)) == 1
    # Answers other than a page are not kept: the permanent address's redirect, a 404.
    assert getattr(visit(f"/documents/{seed.record_id}/"), "page_store", None) is None
    assert getattr(visit("/documents/1/nothing/"), "page_store", None) is None
    assert len(kept_files(own_page_store)) == 1


def test_staff_neither_read_nor_fill_the_store(seed, staff_client, own_page_store):
    draft = make_document(title="A draft not yet public", status="draft")
    make_role(draft, Person.objects.get(slug="mao-zedong"))
    as_staff = {"HTTP_HOST": HOST, "secure": True}
    # Staff see the draft and the pages around it: nothing they see is kept.
    assert staff_client.get(draft.get_absolute_url(), **as_staff).status_code == 200
    assert staff_client.get("/persons/mao-zedong/", **as_staff).status_code == 200
    assert staff_client.get("/documents/", **as_staff).status_code == 200
    assert kept_files(own_page_store) == []
    assert visit(draft.get_absolute_url()).status_code == 404
    public = visit("/documents/")
    assert public.page_store == "written"
    assert "A draft not yet public" not in public.content.decode()
    # Staff get the page rendered for them (drafts listed), not the kept one.
    response = staff_client.get("/documents/", **as_staff)
    assert getattr(response, "page_store", None) is None


def test_a_withdrawn_document_is_not_served_from_the_store(seed):
    assert visit(CANONICAL).status_code == 200
    seed.status = "draft"
    seed.save()
    another_process()
    assert visit(CANONICAL).status_code == 404


def test_a_broken_file_is_rendered_again_and_replaced(seed, own_page_store):
    first = visit(CANONICAL)
    (path,) = kept_files(own_page_store)
    path.write_bytes(path.read_bytes()[:200])  # cut short, as a full disk might leave it
    another_process()
    again = visit(CANONICAL)
    assert again.page_store == "written" and again.content == first.content
    path.write_bytes(b"something else entirely")
    another_process()
    assert visit(CANONICAL).page_store == "written"


def test_a_store_that_cannot_be_written_is_reported_and_the_page_served(
    seed, settings, tmp_path, caplog
):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    settings.ARCHIVE_PAGE_STORE_DIR = blocker / "pages"
    with caplog.at_level(logging.WARNING, logger="archive.pagestore.store"):
        response = visit(CANONICAL)
    assert response.status_code == 200 and "Filippov" in response.content.decode()
    assert getattr(response, "page_store", None) is None
    assert "Page not kept" in caplog.text


def test_pages_of_another_release_are_neither_served_nor_kept_by_render_pages(
    seed, own_page_store, settings
):
    old = own_page_store / "0123456789ab-0123456789ab" / "aa"
    old.mkdir(parents=True)
    (old / "page").write_bytes(b"rendered by older code")
    abandoned = own_page_store / store.folder_name(release()) / "bb" / ".new-x"
    abandoned.parent.mkdir(parents=True)
    abandoned.write_bytes(b"half a page")
    os.utime(abandoned, (1, 1))  # long ago: its writer is gone
    call_command("render_pages", jobs=1, languages="en", stdout=io.StringIO(), verbosity=0)
    assert not (own_page_store / "0123456789ab-0123456789ab").exists()
    assert not abandoned.exists()
    folders = {path.parent.parent.name for path in kept_files(own_page_store)}
    assert folders == {store.folder_name(release())}


def render_pages(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("render_pages", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_only_the_archives_own_address_is_kept(seed, settings, own_page_store):
    """Other spellings of an address answer the same page; keeping each would let anyone
    fill the disk. Only the address links use is kept."""
    settings.ALLOWED_HOSTS = ["*"]
    others = [
        Client(HTTP_HOST="ARCHIVE.example.org").get(CANONICAL, secure=True),
        Client(HTTP_HOST=f"{HOST}:8443").get(CANONICAL, secure=True),
        Client(HTTP_HOST=HOST).get(CANONICAL),  # http
        Client(HTTP_HOST="elsewhere.example.org").get(CANONICAL, secure=True),
        visit(CANONICAL.replace("/110371/", "/000110371/")),
    ]
    for response in others:
        assert response.status_code == 200
        assert getattr(response, "page_store", None) is None
    assert kept_files(own_page_store) == []
    settings.ARCHIVE_BASE_URL = ""  # not set: nothing is kept
    assert getattr(visit(CANONICAL), "page_store", None) is None
    assert kept_files(own_page_store) == []


def test_a_change_of_settings_or_packages_starts_another_folder(seed, own_page_store):
    from archive.pagestore.store import _shaping_digest

    visit(CANONICAL)
    (folder,) = [path.name for path in own_page_store.iterdir()]
    assert folder == f"{release()}-{_shaping_digest()}"
    _shaping_digest.cache_clear()
    try:
        with override_settings(ARCHIVE_PAGE_SIZE=10):
            assert store.folder_name(release()) != folder
    finally:
        _shaping_digest.cache_clear()
    assert store.folder_name(release()) == folder


def sitemap_paths():
    """The addresses /sitemap.xml gives search engines, every language's (hreflang) too."""
    root = ET.fromstring(visit("/sitemap.xml").content)
    links = [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
    locations = [loc.text for loc in root.iter(f"{{{SITEMAP}}}loc")] + links
    return {urlsplit(address).path for address in locations}


def test_render_pages_keeps_every_page_reached_by_links_in_every_language(seed, own_page_store):
    for _ in range(30):
        make_role(make_document(), Person.objects.get(slug="mao-zedong"))
    make_role(make_document(status="draft", title="Secret"), make_person(slug="only-in-a-draft"))
    listed = sitemap_paths()
    assert {CANONICAL, f"/ru{CANONICAL}", "/persons/mao-zedong/", "/"} <= listed
    out, err = render_pages(jobs=1)
    further = {"/documents/?page=2", "/ru/documents/?page=2"}  # 31 documents, 25 a page
    assert f"{len(listed | further)} pages:" in out
    assert "0 not kept" in out
    assert "Rendering: " in err  # progress
    another_process()
    for path in sorted(listed | further):
        assert visit(path).page_store == "kept", path
    # Kept for the archive's address alone.
    assert getattr(Client(HTTP_HOST="127.0.0.1").get(CANONICAL), "page_store", None) is None
    assert visit("/persons/only-in-a-draft/").status_code == 404
    another_process()  # the command runs in a process of its own
    again, _ = render_pages(jobs=1, verbosity=0)
    assert f"0 rendered and kept, {len(listed | further)} already kept" in again


@pytest.mark.django_db(transaction=True)
def test_render_pages_in_several_processes(seed, own_page_store, settings):
    settings.ARCHIVE_BASE_URL = f"http://{HOST}"
    for _ in range(5):
        make_document()
    out, _ = render_pages(jobs=2, languages="en", verbosity=0)
    pages = len([path for path in sitemap_paths() if not path.startswith("/ru/")])
    assert f"{pages} pages: {pages} rendered and kept, 0 already kept, 0 not kept" in out
    assert len(kept_files(own_page_store)) == pages
    another_process()
    assert Client(HTTP_HOST=HOST).get(CANONICAL).page_store == "kept"


@pytest.mark.parametrize(
    "base_url, message",
    [
        ("", "Set ARCHIVE_BASE_URL"),
        ("archive.example.org", r"no http\(s\) address"),
        ("https://archive.example.org/archive/", "more than a scheme and a host"),
        ("https://Archive.example.org", "lower case"),
        ("https://elsewhere.example.org", "not in ALLOWED_HOSTS"),
    ],
)
def test_render_pages_refuses_an_address_it_cannot_render_for(seed, settings, base_url, message):
    settings.ARCHIVE_BASE_URL = base_url
    with pytest.raises(CommandError, match=message):
        render_pages()


def test_render_pages_refuses_plain_http_where_pages_are_served_over_https(seed, settings):
    settings.ARCHIVE_BASE_URL = f"http://{HOST}"
    settings.SECURE_SSL_REDIRECT = True
    with pytest.raises(CommandError, match="served over https"):
        render_pages()


@pytest.mark.parametrize(
    "options, message",
    [
        ({"languages": "en,fr"}, "Unknown interface language fr"),
        ({"jobs": 0}, "--jobs must be 1 or more"),
    ],
)
def test_render_pages_refuses_what_it_cannot_do(seed, options, message):
    with pytest.raises(CommandError, match=message):
        render_pages(**options)


def test_render_pages_refuses_to_run_in_development(seed, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG off"):
        render_pages()


def test_render_pages_fails_when_a_page_is_not_kept_and_says_which(seed, monkeypatch):
    from archive import views

    working = views.person_arrows

    def broken(person):
        if person.slug == "mao-zedong":
            raise RuntimeError("a person page that fails")
        return working(person)

    monkeypatch.setattr(views, "person_arrows", broken)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 pages were not kept"):
        call_command("render_pages", languages="en", stdout=out, stderr=err, verbosity=0)
    assert "Not kept: /persons/mao-zedong/: answered 500" in err.getvalue()
    assert "1 not kept" in out.getvalue()
    # The others were kept all the same.
    another_process()
    assert visit(CANONICAL).page_store == "kept"


def test_render_pages_never_removes_what_is_not_its_own(seed, settings, tmp_path):
    """A store set by mistake to a folder holding other things (scans, an index)."""
    settings.ARCHIVE_PAGE_STORE_DIR = tmp_path
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "scan.jpg").write_bytes(b"a scan")
    render_pages(languages="en", clear=True, verbosity=0)
    assert (tmp_path / "media" / "scan.jpg").read_bytes() == b"a scan"


def test_head_requests_are_answered_but_not_kept(seed, own_page_store):
    # At the archive's own address (https): only the method keeps it out.
    response = Client(HTTP_HOST=HOST).head(CANONICAL, secure=True)
    assert response.status_code == 200
    assert getattr(response, "page_store", None) is None
    assert kept_files(own_page_store) == []
    assert visit(CANONICAL).page_store == "written"  # the GET of the same address is kept


@pytest.mark.django_db(transaction=True)
def test_a_server_started_anew_serves_the_kept_pages_and_never_a_stale_one(seed, tmp_path):
    """Real gunicorn servers, one after the other, on one address and one store."""
    from django.db import connection

    from .processes import AppServer, database_url, free_port

    other = make_document(record_id=20002, title="An unrelated letter", summary="Untouched.")
    shared = {"port": free_port(), "ARCHIVE_PAGE_STORE_DIR": str(tmp_path / "pages")}
    database = database_url(connection.settings_dict)

    def read(server, page):
        with urllib.request.urlopen(server.url + page, timeout=30) as response:
            return response.read().decode()

    first = AppServer(database, log=tmp_path / "first.log", **shared).wait()
    try:
        for page in (CANONICAL, other.get_absolute_url()):
            read(first, page)
    finally:
        first.stop()
    # Behind the archive's back: a page that does not show it was not rendered again.
    Document.objects.filter(pk=other.pk).update(summary="Sneaked in.")
    seed.summary = "Summarised while no server ran."
    seed.save()  # through the archive: the seed's pages are stale
    second = AppServer(database, log=tmp_path / "second.log", **shared).wait()
    try:
        assert "Untouched." in read(second, other.get_absolute_url())
        assert "Summarised while no server ran." in read(second, CANONICAL)
    finally:
        second.stop()


def test_whether_a_page_is_kept_is_read_from_its_first_lines(seed, own_page_store):
    from django.test import RequestFactory

    from archive.caching import version_of

    request = RequestFactory(HTTP_HOST=HOST).get(CANONICAL, secure=True)
    version = version_of(request)[0]
    assert not store.holds(request, release(), version)
    visit(CANONICAL)
    assert store.holds(request, release(), version)
    assert not store.holds(request, release(), version + "0")
    assert not store.holds(request, release(), version[:-1])
    (path,) = kept_files(own_page_store)
    path.write_bytes(b"archive-page 1\n")
    assert not store.holds(request, release(), version)
