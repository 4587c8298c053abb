"""Result sets exported whole, with the browse page's filters, drafts never included."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from archive import exports

from .factory import make_document, make_person, make_text

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@override_settings(ARCHIVE_PAGE_SIZE=2)
def test_csv_export_has_every_matching_document_not_only_the_page(client, db):
    for n in range(5):
        make_text(make_document(record_id=100 + n, title=f"Telegram {n}"), passages=["Переговоры"])
    make_document(record_id=200, title="Unrelated")
    make_text(make_document(record_id=300, status="draft", title="Draft"), passages=["Переговоры"])
    response = client.get("/documents/export.csv", {"q": "переговоры"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert sorted(int(row["record_id"]) for row in rows) == [100, 101, 102, 103, 104]


def test_csv_row_of_the_seed_keeps_every_script(client, seed):
    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get("/documents/export.csv")).removeprefix("\ufeff"))
        )
    )
    (row,) = rows
    assert (
        row["title"]
        == "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]"
    )
    assert row["date"] == "1951-06-30"
    assert row["date_as_given"] == "June 30, 1951"  # as the source writes it
    assert row["source"] == "Wilson Center Digital Archive"  # where the record came from
    assert row["authors"] == "Mao Zedong"
    assert row["recipients"] == "Joseph Stalin"
    assert row["archival_references"].endswith("ll. 0092")
    assert row["url"].endswith(
        "/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/"
    )


def test_csl_json_export_is_one_valid_array(client, seed):
    make_document(record_id=2, title="Второй документ 毛泽东")
    response = client.get("/documents/export.json", {"sort": "-date"})
    items = json.loads(body(response))
    assert {item["id"] for item in items} == {"110371", "2"}
    assert any(item["title"] == "Второй документ 毛泽东" for item in items)


def test_exports_follow_the_facets(client, seed):
    make_document(record_id=2, original_language="zh")
    rows = body(client.get("/documents/export.csv", {"language": "zh"})).splitlines()
    assert len(rows) == 2 and rows[1].startswith("2,")


def test_an_invalid_filter_is_a_400_that_says_why(client, db):
    response = client.get("/documents/export.csv", {"date_from": "yesterday"})
    assert response.status_code == 400
    assert "date_from: Enter a valid date." in response.content.decode()


def test_the_browse_page_links_its_exports_with_its_filters(client, seed):
    html = client.get("/documents/", {"q": "Malik", "type": "ciphered-telegram"}).content.decode()
    assert 'href="/documents/export.csv?q=Malik&amp;type=ciphered-telegram"' in html
    assert 'href="/documents/export.json?q=Malik&amp;type=ciphered-telegram"' in html


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(client, db):
    make_document(record_id=1, title='=HYPERLINK("http://evil")', summary="x")
    make_document(record_id=2, title="-2+3")
    text = body(client.get("/documents/export.csv"))
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    titles = {row["record_id"]: row["title"] for row in rows}
    assert titles == {"1": '\'=HYPERLINK("http://evil")', "2": "'-2+3"}


def test_csv_keeps_cyrillic_and_korean(client, db):
    make_document(record_id=1, title="Письмо Ким Ир Сена 김일성")
    text = body(client.get("/documents/export.csv"))
    assert "Письмо Ким Ир Сена 김일성" in text


def test_no_export_includes_a_draft(client, db):
    make_document(record_id=1, title="Public")
    make_document(record_id=2, status="draft", title="Draft")
    for url in ("/documents/export.csv", "/documents/export.json"):
        assert "Draft" not in body(client.get(url)), url
    assert [item["id"] for item in json.loads(body(client.get("/documents/export.json")))] == ["1"]


def test_crawlers_are_kept_off_the_exports(client, seed):
    assert "Disallow: /documents/export." in client.get("/robots.txt").content.decode()
    html = client.get("/documents/").content.decode()
    assert '<a rel="nofollow" href="/documents/export.csv?">' in html


def test_csv_gives_the_date_as_the_source_writes_it(client, db):
    make_document(record_id=7, date=datetime.date(1951, 6, 30), date_as_written="30/VI 1951")
    (row,) = csv.DictReader(
        io.StringIO(body(client.get("/documents/export.csv")).removeprefix("\ufeff"))
    )
    assert (row["date"], row["date_as_given"]) == ("1951-06-30", "30/VI 1951")


def test_exports_read_the_documents_in_chunks(client, db, monkeypatch):
    for n in range(5):
        make_document(record_id=100 + n, title=f"Telegram {n}")

    def queries_for_export(chunk):
        monkeypatch.setattr(exports, "EXPORT_CHUNK", chunk)
        with CaptureQueriesContext(connection) as queries:
            rows = body(client.get("/documents/export.csv")).splitlines()
        assert len(rows) == 6  # the header, then every document, across the chunks
        return len(queries)

    # Each chunk of documents is one read, with its prefetches: more chunks, more reads.
    assert queries_for_export(2) > queries_for_export(200)


def test_an_export_reads_linked_credits_with_their_persons_at_once(client, db):
    from archive.models import Credit

    def queries_for_export(first, count):
        for n in range(first, first + count):
            document = make_document(record_id=300 + n, title=f"Letter {n}")
            person = make_person(f"Translator {n}")
            Credit.objects.create(document=document, person=person, name=person.name)
        with CaptureQueriesContext(connection) as queries:
            rows = body(client.get("/documents/export.csv")).splitlines()
        assert len(rows) == first + count + 1
        return len(queries)

    assert queries_for_export(0, 1) == queries_for_export(1, 4)
