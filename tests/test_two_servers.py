"""Two app servers, one database: what is edited through one is seen through the other.

The servers are real gunicorn processes on local ports, with DEBUG off, over the
test database (a file on SQLite, the test database on PostgreSQL). They share
sessions, the login throttle and the public version that caches go by; each keeps
its own page cache, which must never show a page from before the edit.
"""

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.cache import cache
from django.db import connection

from archive import throttle
from archive.models import Document

from .html import form_fields
from .processes import AppServer, database_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def servers(seed, tmp_path):
    secret_key = secrets.token_urlsafe(50)  # the same on every server, as in any deployment
    database = database_url(connection.settings_dict)
    pair = [
        AppServer(database, secret_key=secret_key, log=tmp_path / f"server-{n}.log") for n in (1, 2)
    ]
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


def test_an_edit_through_one_server_is_found_at_once_through_the_other(
    servers, django_user_model, seed
):
    """Each server keeps its own search index; the other's edit reaches it through the
    database's outbox by its next search, not by a message between servers."""
    one, other = servers
    django_user_model.objects.create_superuser("archivist", password="a long passphrase")
    visitor = Browser()
    search = other.url + "/documents/?q=" + urllib.parse.quote("Зюйдвестка")
    record = f'href="/documents/{seed.record_id}/'
    assert record not in visitor.get(search)[1]  # the other server's index, built now
    assert record in visitor.get(other.url + "/documents/?q=Ridgway")[1]

    archivist = Browser()
    sign_in(archivist, one)
    change_url = f"{one.url}/admin/archive/document/{seed.pk}/change/"
    _status, form = archivist.get(change_url)
    fields = [
        (name, value + " Зюйдвестка." if name == "summary" else value)
        for name, value in form_fields(form, "document_form")
    ]
    fields.append(("_save", "Save"))
    _status, landed, _page = archivist.post(change_url, fields)
    assert urllib.parse.urlparse(landed).path == "/admin/archive/document/"

    assert record in visitor.get(search)[1]


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
