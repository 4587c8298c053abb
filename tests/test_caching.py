"""Public pages are cached and revalidated, and every change reaches them at once."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive import caching
from archive.models import Alias, Document, PublicVersion

from .admin_forms import admin_url, edit_document, edit_passage, form_data, management_data
from .promises import CANONICAL

pytestmark = pytest.mark.django_db

DOCUMENT = CANONICAL


def visitor_sees(url):
    response = Client().get(url)
    return response.status_code, response.content.decode()


def test_a_page_carries_its_validators_and_is_revalidated_each_time(seed):
    response = Client().get(DOCUMENT)
    assert response.status_code == 200
    # A document's page goes by its own time of change (and its related documents', and the
    # glossary's): the release, the record id and the times; any other page by the public
    # version.
    assert re.fullmatch(r'"[0-9a-f]{12}-d110371\.\d+\.\d+(\.(-|\d+\.\d+)){3}"', response["ETag"])
    listing = Client().get("/documents/")
    assert re.fullmatch(r'"[0-9a-f]{12}-\d+\.\d+\.\d+"', listing["ETag"])  # release-number.time
    assert response["Last-Modified"].endswith("GMT")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_conditional_requests_get_304_without_rendering(seed, django_assert_num_queries):
    first = Client().get(DOCUMENT)
    with django_assert_num_queries(1):  # the document's version, nothing else
        again = Client().get(DOCUMENT, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = Client().get(DOCUMENT, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    stale = Client().get(DOCUMENT, HTTP_IF_NONE_MATCH='"v0.0-en"')
    assert stale.status_code == 200


def test_a_cached_page_is_served_without_the_view(seed, django_assert_num_queries):
    first = Client().get(DOCUMENT)
    with django_assert_num_queries(1):
        second = Client().get(DOCUMENT)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_document_page_asks_again_for_its_version_only_after_a_change(
    seed, django_assert_num_queries
):
    from .factory import make_document

    first = Client().get(DOCUMENT)
    with django_assert_num_queries(1):  # the public version: the document's is remembered
        Client().get(DOCUMENT)
    make_document(title="A change elsewhere")  # moves the public version on
    with django_assert_num_queries(2):  # the public version, then the document's own
        again = Client().get(DOCUMENT)
    assert again["ETag"] == first["ETag"]  # still the cached page: nothing on it changed
    with django_assert_num_queries(1):
        Client().get(DOCUMENT)


def test_different_addresses_are_different_pages(seed):
    assert visitor_sees("/documents/?q=Filippov")[1] != visitor_sees("/documents/?q=Ridgway")[1]
    original = visitor_sees(DOCUMENT + "?show=original")[1]
    assert original != visitor_sees(DOCUMENT)[1]


def test_an_admin_edit_of_a_passage_shows_at_once(seed, staff_client):
    before = Client().get(DOCUMENT)
    passage = seed.texts.get(code="en").passages.order_by("position").last()
    edit_passage(staff_client, passage, "An archivist's corrected passage.")
    after = Client().get(DOCUMENT)
    assert "An archivist&#x27;s corrected passage." in after.content.decode()
    assert after["ETag"] != before["ETag"]
    assert Client().get(DOCUMENT, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_an_admin_edit_of_an_alias_reaches_the_person_and_document_pages(seed, staff_client):
    visitor_sees("/persons/joseph-stalin/")
    visitor_sees(DOCUMENT)
    stalin = seed.roles.get(role="recipient").person
    response = staff_client.get(admin_url(type(stalin), "change", stalin.pk))
    data = form_data(response)
    rows = {"aliases": [{"name": "Филипповъ", "kind": Alias.Kind.SPELLING, "language": "ru"}]}
    data.update(management_data(response, **rows))
    assert staff_client.post(response.request["PATH_INFO"], data).status_code == 302
    assert "Филипповъ" in visitor_sees("/persons/joseph-stalin/")[1]
    # The document page too: the new alias finds it, and its result page says so.
    assert "Филипповъ" in visitor_sees("/documents/?q=Филипповъ")[1]


def test_an_admin_edit_of_a_reference_shows_at_once(seed, staff_client):
    visitor_sees(DOCUMENT)
    reference = seed.sources.first()
    response = staff_client.get(admin_url(Document, "change", seed.pk))
    data = form_data(response)
    index = list(seed.sources.values_list("pk", flat=True)).index(reference.pk)
    data[f"sources-{index}-delo"] = "3391"
    assert staff_client.post(response.request["PATH_INFO"], data).status_code == 302
    assert "d. 3391" in visitor_sees(DOCUMENT)[1]


def test_publishing_and_unpublishing_show_at_once(seed, staff_client):
    assert visitor_sees(DOCUMENT)[0] == 200
    assert "Ciphered Telegram No. 21336" in visitor_sees("/documents/")[1]
    changelist = admin_url(Document, "changelist")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [seed.pk]})
    assert visitor_sees(DOCUMENT)[0] == 404
    assert "Ciphered Telegram No. 21336" not in visitor_sees("/documents/")[1]
    staff_client.post(changelist, {"action": "publish", "_selected_action": [seed.pk]})
    assert visitor_sees(DOCUMENT)[0] == 200


def test_staff_pages_are_never_cached_for_the_public(seed, staff_client):
    edit_document(staff_client, seed, status="draft")
    staff_page = staff_client.get(DOCUMENT)
    assert staff_page.status_code == 200  # staff see the draft
    assert "ETag" not in staff_page  # rendered for them alone, not by way of the cache
    assert visitor_sees(DOCUMENT)[0] == 404
    assert "public" not in staff_client.get("/").get("Cache-Control", "")


def test_loading_fixtures_and_deleting_move_the_version_on(db):
    number = PublicVersion.current()[0]
    call_command("seed", verbosity=0)
    loaded = PublicVersion.current()[0]
    assert loaded > number
    assert visitor_sees(DOCUMENT)[0] == 200
    Document.objects.get(record_id=110371).delete()
    assert PublicVersion.current()[0] > loaded
    assert visitor_sees(DOCUMENT)[0] == 404


def test_the_version_read_in_plain_sql_is_the_stored_one(db):
    PublicVersion.advance()
    stored = PublicVersion.objects.get(pk=1)
    assert PublicVersion.current() == (stored.number, stored.changed_at)
    assert stored.changed_at.tzinfo is not None


def test_each_host_gets_its_own_page(seed, settings):
    settings.ALLOWED_HOSTS = ["archive.example.org", "www.archive.example.org"]
    first = Client().get(DOCUMENT, HTTP_HOST="archive.example.org").content.decode()
    second = Client().get(DOCUMENT, HTTP_HOST="www.archive.example.org").content.decode()
    assert 'href="http://archive.example.org/documents/110371/' in first
    assert 'href="http://www.archive.example.org/documents/110371/' in second


def test_a_new_release_of_the_code_is_a_new_page(seed, monkeypatch):
    before = Client().get(DOCUMENT)
    monkeypatch.setattr(caching, "release", lambda: "0123456789ab")
    after = Client().get(DOCUMENT, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


def test_an_admin_save_moves_the_version_on_once(seed, staff_client):
    passage = seed.texts.get(code="en").passages.order_by("position").last()
    with CaptureQueriesContext(connection) as queries:
        edit_passage(staff_client, passage, "Corrected once.")
    advances = [q for q in queries if q["sql"].startswith("UPDATE") and "publicversion" in q["sql"]]
    assert len(advances) == 1


def test_nothing_is_cached_in_development(seed, settings):
    settings.DEBUG = True
    assert "ETag" not in Client().get(DOCUMENT)


# --- What an edit invalidates: the pages that show it, and no others ------------------------


def sneak(document, summary):
    """Change a document behind the archive's back (no signals, no new time): a page that
    shows the old summary afterwards was answered from the cache, not rendered again."""
    Document.objects.filter(pk=document.pk).update(summary=summary)


@pytest.fixture
def three(seed):
    """The seed; another document it is related to; and one unrelated to either."""
    from archive.models import DocumentRelation

    from .factory import make_document

    related = make_document(record_id=20001, title="Reply from Moscow", summary="Reply.")
    DocumentRelation.objects.create(source=related, target=seed, kind="reply_to")
    other = make_document(record_id=20002, title="An unrelated letter", summary="Untouched.")
    pages = {
        "related": related.get_absolute_url(),
        "other": other.get_absolute_url(),
        "other citation": f"/documents/{other.record_id}/cite.ris",
    }
    for url in [DOCUMENT, "/documents/", *pages.values()]:
        assert visitor_sees(url)[0] == 200  # now cached
    sneak(related, "Sneaked into the related one.")
    sneak(other, "Sneaked into the other one.")
    return related, other, pages


def test_a_document_pages_version_read_in_plain_sql_is_what_is_stored(three, seed):
    related, _other, _pages = three
    seed.refresh_from_db()
    related.refresh_from_db()
    glossary = PublicVersion.objects.filter(pk=PublicVersion.GLOSSARY).first()
    expected = (seed.modified, None, related.modified, glossary and glossary.changed_at)
    assert Document.objects.page_version(seed.record_id) == expected
    mine = Document.objects.page_version(related.record_id)
    assert mine[:3] == (related.modified, seed.modified, None)
    assert all(moment.tzinfo is not None for moment in mine if moment)
    Document.objects.filter(pk=related.pk).update(status="draft")
    assert Document.objects.page_version(related.record_id) is None


def test_an_edit_to_one_document_leaves_the_pages_of_others_cached(three, seed):
    _related, _other, pages = three
    seed.title = "Ciphered Telegram No. 21336, retitled"
    seed.save()
    assert "retitled" in visitor_sees(seed.get_absolute_url())[1]  # its own page
    assert "retitled" in visitor_sees("/documents/")[1]  # the list shows every document
    related_page = visitor_sees(pages["related"])[1]
    assert "retitled" in related_page  # it names the seed among its related documents
    assert "Sneaked into the related one." in related_page
    for name in ("other", "other citation"):
        assert "Sneaked" not in visitor_sees(pages[name])[1], name  # still from the cache
    assert "Untouched." in visitor_sees(pages["other"])[1]


def rename(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()


def _shown_things():
    """What a document page shows besides the document: each attached to the unrelated
    document, then changed. {label: (attach(document) -> thing, change(thing))}."""
    from archive.models import Classification, Place, Scan

    from .factory import make_person, make_reference, make_repository, make_role

    def classification(document):
        marking = Classification.objects.create(name="For official use", slug="dsp")
        document.classifications.add(marking)
        return marking

    def place(document):
        kaesong = Place.objects.create(name="Kaesong", slug="kaesong")
        document.places.add(kaesong)
        return kaesong

    return {
        "a person's name": (
            lambda d: make_role(d, make_person("Andrei Gromyko"), "author").person,
            lambda person: rename(person, name="Andrei A. Gromyko"),
        ),
        "a scan's label": (
            lambda d: Scan.objects.create(document=d, label="Page 1"),
            lambda scan: rename(scan, label="l. 92"),
        ),
        "a classification's name": (
            classification,
            lambda marking: rename(marking, name="For official use only"),
        ),
        "a place's name": (place, lambda kaesong: rename(kaesong, name="Kaesŏng")),
        "a repository's name": (
            lambda d: make_reference(d, make_repository("TsDA")).repository,  # cited here alone
            lambda archive: rename(archive, name_en="Central State Archive of Bulgaria"),
        ),
    }


@pytest.mark.parametrize("change", list(_shown_things()))
def test_each_thing_a_document_page_shows_makes_it_fresh_when_it_changes(three, change):
    _related, other, pages = three
    attach, change_it = _shown_things()[change]
    thing = attach(other)
    visitor_sees(pages["other"])  # cached again, as it is now
    sneak(other, "Sneaked again.")
    change_it(thing)
    assert "Sneaked" in visitor_sees(pages["other"])[1], change  # rendered anew
    assert "Sneaked" in visitor_sees(pages["other citation"])[1]  # its citation too
    assert "Sneaked" not in visitor_sees(pages["related"])[1]  # not shown there: still cached


def test_deleting_a_relation_renews_the_pages_of_both_ends_alone(three):
    from archive.models import DocumentRelation

    related, _other, pages = three
    DocumentRelation.objects.filter(source=related).delete()
    assert "Sneaked into the related one." in visitor_sees(pages["related"])[1]
    assert "Sneaked" not in visitor_sees(pages["other"])[1]


def test_a_glossary_edit_renews_the_document_pages_and_leaves_their_own_time(seed):
    from archive.models import GlossaryEntry, GlossarySense

    first = Client().get(DOCUMENT)
    modified = Document.objects.get(pk=seed.pk).modified
    entry = GlossaryEntry.objects.create(slug="mgb", headword="МГБ")
    GlossarySense.objects.create(entry=entry, label="Ministry of State Security", definition_en="…")
    again = Client().get(DOCUMENT)
    assert again["ETag"] != first["ETag"]  # the page may show the term: made afresh
    # The document itself did not change: harvesters are not told it did.
    assert Document.objects.get(pk=seed.pk).modified == modified
