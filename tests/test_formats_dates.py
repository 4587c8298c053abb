"""Dates in every export as the page says them: a range stays a range, an inferred or
approximate date says so, a month or a year keeps only its known parts, an undated
document gives no date (archive.formats.record and each format)."""

import json
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.test import Client

from archive.formats import bibtex, chicago, csl, dublin_core, embedded, ris
from archive.formats.record import record_for
from archive.models import Document

from .factory import make_document
from .test_embedded import meta_tags
from .test_tei import TEI, jing

pytestmark = pytest.mark.django_db

URL = "http://x.test/d/"


def record(value, reason=""):
    document = make_document(date=None, date_edtf=value, date_reason=reason, title="Letter")
    return record_for(Document.objects.for_export().get(pk=document.pk), URL)


def ris_lines(record):
    return ris.ris(record).split("\r\n")


def dc_date(record):
    return [value for name, value in dublin_core.elements(record) if name == "date"]


def citation_date(record):
    return [value for name, value in embedded.highwire(record) if name == "citation_date"]


def test_an_inferred_range_is_never_its_first_day(client):
    # The page says "[not dated; between 29 and 30 June 1951]": no export may say 29 June.
    document = make_document(record_id=7, title="Letter", date=None,
                             date_edtf="1951-06-29/1951-06-30", date_reason="inferred_related")  # fmt: skip
    page = client.get(document.get_absolute_url())
    html, url = page.content.decode(), page.wsgi_request.build_absolute_uri()
    (item,) = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    assert item["dateCreated"] == "1951-06-29/1951-06-30"  # an ISO 8601 interval
    tags = meta_tags(html)
    assert ("citation_date", "1951/06") in tags  # what the two days share
    assert ("DC.date", "1951-06-29/1951-06-30") in tags
    assert "[between June 29 and 30, 1951]" in html  # the Chicago citation on the page

    (csl_item,) = json.loads(client.get("/documents/7/cite.json").content)
    assert csl_item["issued"] == {"date-parts": [[1951, 6, 29], [1951, 6, 30]]}

    lines = client.get("/documents/7/cite.ris").content.decode().split("\r\n")
    assert "DA  - 1951/06/29/" in lines  # by its start: RIS has no range
    assert "N1  - Date: [between June 29 and 30, 1951]" in lines

    entry = client.get("/documents/7/cite.bib").content.decode()
    assert "  year = {1951},\n  month = jun,\n  date = {1951-06-29/1951-06-30},\n" in entry

    tei = client.get("/documents/7/tei.xml").content
    date = ET.fromstring(tei).find(f".//{TEI}creation/{TEI}date")
    assert date.attrib == {
        "notBefore": "1951-06-29",
        "notAfter": "1951-06-30",
        "evidence": "external",  # inferred from related documents
    }
    assert date.text == "[between June 29 and 30, 1951]"

    oai = client.get(
        "/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc",
                  "identifier": "oai:cold-war-archive.example.org:7"},
    ).content.decode()  # fmt: skip
    assert "<dc:date>1951-06-29/1951-06-30</dc:date>" in oai


@pytest.mark.parametrize(
    ("value", "reason", "text", "iso", "known"),
    [
        ("1951-06-30", "", "June 30, 1951", "1951-06-30", [1951, 6, 30]),
        ("1951-06", "", "June 1951", "1951-06", [1951, 6]),
        ("1951", "", "1951", "1951", [1951]),
        ("1951-06~", "", "ca. June 1951", "1951-06~", [1951, 6]),
        ("1951-06?", "", "June 1951?", "1951-06?", [1951, 6]),
        ("1951-06-29/1951-06-30", "dateline", "June 29–30, 1951", "1951-06-29/1951-06-30",
         [1951, 6]),
        ("1951-06-29/1951-07-02", "", "June 29–July 2, 1951", "1951-06-29/1951-07-02", [1951]),
        ("1950-12-30/1951-01-02", "", "December 30, 1950–January 2, 1951",
         "1950-12-30/1951-01-02", []),
        ("1951-21", "", "March–May 1951", "1951-03/1951-05", [1951]),
        ("195X", "", "1950–1959", "1950/1959", []),
        ("1951-06/1951-07-10", "", "June 1951–July 10, 1951", "1951-06/1951-07-10", [1951]),
        ("[1951-06-29..1951-06-30]", "", "between June 29 and 30, 1951",
         "1951-06-29/1951-06-30", [1951, 6]),
        ("../1951", "", "not after 1951", "../1951", []),
        ("1951-06/..", "", "not before June 1951", "1951-06/..", []),
        ("1951-06~", "inferred_content", "[ca. June 1951]", "1951-06~", [1951, 6]),
        ("1951-06-30", "editor", "[June 30, 1951]", "1951-06-30", [1951, 6, 30]),
        ("1951-06-30", "registration_stamp", "June 30, 1951", "1951-06-30", [1951, 6, 30]),
    ],
)  # fmt: skip
def test_each_date_in_words_in_iso_8601_and_by_its_known_parts(value, reason, text, iso, known):
    found = record(value, reason)
    assert found.date_text == text
    assert found.iso_date == iso
    assert found.date_parts == known
    assert dc_date(found) == [iso]
    assert citation_date(found) == (["/".join(f"{p:02d}" for p in known)] if known else [])
    assert f"  date = {{{iso}}}," in bibtex.bibtex(found)
    assert chicago.note(found) == f"“Letter,” Telegram, {text}, Cold War Archive, {URL}."


@pytest.mark.parametrize(
    ("value", "issued"),
    [
        ("1951-06-30", {"date-parts": [[1951, 6, 30]]}),
        ("1951-06", {"date-parts": [[1951, 6]]}),
        ("1951~", {"date-parts": [[1951]], "circa": True}),
        ("1951-06-29/1951-07-02", {"date-parts": [[1951, 6, 29], [1951, 7, 2]]}),
        ("1951-06/1951-07-10", {"date-parts": [[1951, 6], [1951, 7, 10]]}),
        ("../1951", {"literal": "not after 1951"}),  # CSL has no open range
    ],
)
def test_csl_json_issued_has_two_dates_for_a_range_and_circa_for_an_approximate_one(value, issued):
    assert csl.csl_item(record(value))["issued"] == issued


@pytest.mark.parametrize(
    ("value", "dates", "note"),
    [
        ("1951-06-30", ["PY  - 1951", "DA  - 1951/06/30/"], None),
        ("1951-06", ["PY  - 1951", "DA  - 1951/06//"], None),
        ("1951", ["PY  - 1951", "DA  - 1951///"], None),
        ("1951-06~", ["PY  - 1951", "DA  - 1951/06//"], "N1  - Date: ca. June 1951"),
        ("1951-06-29/1951-07-02", ["PY  - 1951", "DA  - 1951/06/29/"],
         "N1  - Date: June 29–July 2, 1951"),
        ("1951-06/..", ["PY  - 1951", "DA  - 1951/06//"], "N1  - Date: not before June 1951"),
        ("../1951", [], "N1  - Date: not after 1951"),  # no start to give
    ],
)  # fmt: skip
def test_ris_gives_the_known_parts_of_the_start_and_says_the_rest_in_a_note(value, dates, note):
    lines = ris_lines(record(value))
    assert [line for line in lines if line[:2] in ("PY", "DA")] == dates
    assert [line for line in lines if line.startswith("N1  - Date")] == ([note] if note else [])


def test_bibtex_year_for_a_range_across_years_and_none_for_an_open_start():
    entry = bibtex.bibtex(record("1950-12-30/1951-01-02"))
    assert "  year = {1950--1951},\n  date = {1950-12-30/1951-01-02}," in entry
    assert "month" not in entry
    entry = bibtex.bibtex(record("../1951"))
    assert "year" not in entry and "  date = {../1951}," in entry


def test_an_undated_document_gives_no_date_anywhere(client):
    document = make_document(record_id=8, title="Letter", date=None)
    found = record_for(Document.objects.for_export().get(pk=document.pk), URL)
    assert (found.date_text, found.iso_date, found.date_parts) == ("", "", [])
    assert "issued" not in csl.csl_item(found)
    assert not [line for line in ris_lines(found) if line[:2] in ("PY", "DA", "N1")]
    assert "year" not in bibtex.bibtex(found) and "date" not in bibtex.bibtex(found)
    assert dc_date(found) == [] and citation_date(found) == []
    assert chicago.note(found) == f"“Letter,” Telegram, Cold War Archive, {URL}."
    tei = Client().get("/documents/8/tei.xml").content
    assert ET.fromstring(tei).find(f".//{TEI}creation/{TEI}date") is None


@pytest.mark.parametrize(
    ("value", "reason", "attributes"),
    [
        ("1951-06-30", "", {"when": "1951-06-30"}),
        ("1951-06~", "", {"when": "1951-06", "precision": "low"}),
        ("1951?", "", {"when": "1951", "cert": "low"}),
        ("1951-06/1951-07-10", "", {"notBefore": "1951-06", "notAfter": "1951-07-10"}),
        ("../1951", "", {"notAfter": "1951"}),
        ("1951-06-30/..", "", {"notBefore": "1951-06-30"}),
        ("1951-06-30", "editor", {"when": "1951-06-30", "evidence": "conjecture"}),
        ("1951-06", "inferred_content", {"when": "1951-06", "evidence": "internal"}),
    ],
)
def test_tei_says_when_only_of_a_date_known_exactly_and_stays_valid(
    client, tmp_path, value, reason, attributes
):
    document = make_document(record_id=9, title="Letter", date=None, date_edtf=value,
                             date_reason=reason)  # fmt: skip
    assert document.record_id == 9
    content = client.get("/documents/9/tei.xml").content
    date = ET.fromstring(content).find(f".//{TEI}creation/{TEI}date")
    assert date.attrib == attributes
    path = tmp_path / "dated.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
