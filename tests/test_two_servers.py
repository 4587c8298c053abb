"""Two app servers, one database: what is edited through one is seen through the other.

The servers are real gunicorn processes on local ports, with DEBUG off, over the
test database (a file on SQLite, the test database on PostgreSQL). They share
sessions, the login throttle and the public version that caches go by; each keeps
its own page cache, which must never show a page from before the edit.
"""

import http.cookiejar
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.cache import cache
from django.db import connection

from archive import throttle
from archive.models import Document

from .html import form_fields
from .processes import ROOT, production_environment

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, secret_key):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = production_environment(
            DJANGO_SETTINGS_MODULE="config.test_settings",
            SECRET_KEY=secret_key,  # the same on every server, as in any deployment
            ALLOWED_HOSTS="127.0.0.1",
            ARCHIVE_HTTPS="false",
            DATABASE_URL=database_url(),
            BIND=f"127.0.0.1:{self.port}",
            WEB_CONCURRENCY="1",
            GUNICORN_THREADS="2",
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "config/gunicorn.conf.py",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(self.process.stderr.read().decode()[-3000:])
            try:
                with urllib.request.urlopen(self.url + "/robots.txt", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"no answer from {self.url}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stderr.close()


@pytest.fixture
def servers(seed):
    secret_key = secrets.token_urlsafe(50)
    pair = [Server(secret_key), Server(secret_key)]
    try:
        yield [server.wait() for server in pair]
    finally:
        for server in pair:
            server.stop()


class Browser:
    """A visitor with cookies (which, like a browser's, go to both ports of one host)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, url, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()


def sign_in(browser, server):
    _status, page = browser.get(server.url + "/admin/login/")
    fields = dict(form_fields(page, "login-form"))
    fields.update(username="archivist", password="a long passphrase", next="/admin/")
    _status, landed, _page = browser.post(server.url + "/admin/login/?next=/admin/", fields)
    assert urllib.parse.urlparse(landed).path == "/admin/"


def test_an_edit_through_one_server_is_seen_through_the_other(servers, django_user_model):
    one, other = servers
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    person_page = "/persons/joseph-stalin/"
    visitor = Browser()
    assert (
        "Chairman of the Council of Ministers" in visitor.get(other.url + person_page)[1]
    )  # now in its cache

    archivist = Browser()
    sign_in(archivist, one)
    _status, changelist = archivist.get(one.url + "/admin/archive/person/?q=Stalin")
    change_url = re.search(r'href="(/admin/archive/person/\d+/change/[^"]*)"', changelist)[1]
    _status, form = archivist.get(one.url + change_url)
    fields = [
        (name, "Edited through the first server." if name == "description" else value)
        for name, value in form_fields(form, "person_form")
    ]
    fields.append(("_save", "Save"))
    _status, landed, _page = archivist.post(one.url + change_url, fields)
    assert urllib.parse.urlparse(landed).path == "/admin/archive/person/"

    page = visitor.get(other.url + person_page)[1]
    assert "Edited through the first server." in page
    assert "Chairman of the Council of Ministers" not in page
    # The session made on one server is good on the other: sessions live in the database.
    status, admin_index = archivist.get(other.url + "/admin/")
    assert status == 200 and "Log out" in admin_index


@pytest.fixture
def forget_failures():
    yield
    # The counts live in the shared cache, a table that flushing the test database leaves.
    cache.clear()


def test_sign_in_failures_counted_by_one_server_hold_on_the_other(
    servers, django_user_model, forget_failures
):
    one, other = servers
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    for _ in range(throttle.ATTEMPTS_PER_ADDRESS):
        guesser = Browser()
        _status, page = guesser.get(one.url + "/admin/login/")
        fields = dict(form_fields(page, "login-form"), username="archivist", password="wrong")
        guesser.post(one.url + "/admin/login/", fields)  # the form again, with its error
    archivist = Browser()
    with pytest.raises(urllib.error.HTTPError) as refused:
        sign_in(archivist, other)
    assert refused.value.code == 429


def test_a_save_through_one_server_on_top_of_one_through_the_other_is_refused(
    servers, django_user_model
):
    one, other = servers
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    first, second = Browser(), Browser()
    sign_in(first, one)
    sign_in(second, other)
    change_url = f"/admin/archive/document/{Document.objects.get(record_id=110371).pk}/change/"

    def edited(browser, server, summary):
        _status, form = browser.get(server.url + change_url)
        fields = [
            (name, summary if name == "summary" else value)
            for name, value in form_fields(form, "document_form")
        ]
        return [*fields, ("_save", "Save")]

    mine = edited(first, one, "The first archivist's summary.")
    theirs = edited(second, other, "The second archivist's summary.")
    _status, landed, _page = second.post(other.url + change_url, theirs)
    assert urllib.parse.urlparse(landed).path == "/admin/archive/document/"
    with pytest.raises(urllib.error.HTTPError) as refused:
        first.post(one.url + change_url, mine)
    assert refused.value.code == 409
    assert "Nothing was saved" in refused.value.read().decode()
    assert Document.objects.get(record_id=110371).summary == "The second archivist's summary."


def test_an_edit_through_one_server_renews_only_the_pages_that_show_it_on_the_other(
    servers, django_user_model
):
    from .factory import make_document

    one, other = servers
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    seed = Document.objects.get(record_id=110371)
    unrelated = make_document(record_id=20002, title="An unrelated letter", summary="Untouched.")
    visitor = Browser()
    for page in (seed.get_absolute_url(), unrelated.get_absolute_url(), "/documents/"):
        visitor.get(other.url + page)  # now in the other server's cache
    # Behind the archive's back: a page still without it was answered from the cache.
    Document.objects.filter(pk=unrelated.pk).update(summary="Sneaked in.")

    archivist = Browser()
    sign_in(archivist, one)
    change_url = f"/admin/archive/document/{seed.pk}/change/"
    _status, form = archivist.get(one.url + change_url)
    fields = [
        (name, "Summarised through the first server." if name == "summary" else value)
        for name, value in form_fields(form, "document_form")
    ]
    archivist.post(one.url + change_url, [*fields, ("_save", "Save")])

    assert (
        "Summarised through the first server."
        in visitor.get(other.url + seed.get_absolute_url())[1]
    )
    assert "Sneaked in." not in visitor.get(other.url + unrelated.get_absolute_url())[1]
    assert "Untouched." in visitor.get(other.url + unrelated.get_absolute_url())[1]
