"""Sources, credits and notes in every export: citations, TEI, OAI-PMH, the exchange format."""

import json
import xml.etree.ElementTree as ET

import pytest

from archive.exchange import export_document, import_document
from archive.formats import chicago
from archive.formats.bibtex import bibtex
from archive.formats.csl import csl_item
from archive.formats.record import record_for
from archive.formats.ris import ris
from archive.models import Document

from .test_formats import chicago_punctuation, citeproc
from .test_oai import DC, oai
from .test_tei import jing

pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
URL = "http://x.test/d/"


def record_of(document):
    return record_for(Document.objects.for_export().get(pk=document.pk), URL)


def test_a_translator_in_chicago_as_citeproc_renders_it(shapes):
    record = record_of(shapes["chinese-original-with-notes"])
    note, bibliography = citeproc(csl_item(record))
    assert chicago.note(record) == chicago_punctuation(note)
    assert chicago.bibliography(record) == chicago_punctuation(bibliography)
    assert ", trans. Caixia Lu, June 5, 1953, PRC FMA 106-00719-04, 39-40," in chicago.note(record)
    assert ". Translated by Caixia Lu. June 5, 1953. " in chicago.bibliography(record)


def test_translators_in_csl_bibtex_and_ris(shapes):
    record = record_of(shapes["lost-korean-original"])
    assert csl_item(record)["translator"] == [{"literal": "Sergey Radchenko"}]
    assert "  translator = {{Sergey Radchenko}}" in bibtex(record)
    assert "A4  - Sergey Radchenko\r\n" in ris(record)
    # Who obtained it is a contributor, not a translator.
    assert [name.display for _role, name in record.contributors] == ["Sergey Radchenko"]


def test_the_page_shows_the_citation_with_its_translator(client, shapes):
    document = shapes["russian-with-credit"]
    html = client.get(document.get_absolute_url()).content.decode()
    assert ", trans. Mark Kramer, August 27, 1951, RGASPI, f. 558, op. 11, d. 342, l. 92," in html


@pytest.mark.parametrize(
    "name",
    [
        "chinese-original-with-notes",
        "english-original",
        "lost-korean-original",
        "russian-with-credit",
        "provenance-note",
        "english-only-cable",
    ],
)
def test_every_shape_is_valid_tei_all(client, shapes, tmp_path, name):
    document = shapes[name]
    response = client.get(f"/documents/{document.record_id}/tei.xml")
    path = tmp_path / f"{name}.xml"
    path.write_bytes(response.content)
    status, messages = jing(path)
    assert status == 0, messages


def test_tei_holds_the_credits_sources_and_notes(client, shapes):
    document = shapes["chinese-original-with-notes"]
    root = ET.fromstring(client.get(f"/documents/{document.record_id}/tei.xml").content)
    statement = root.find(f".//{TEI}titleStmt/{TEI}respStmt")
    assert statement.find(f"{TEI}resp").text == "translated by"
    assert statement.find(f"{TEI}persName").text == "Caixia Lu"
    (ms,) = root.findall(f".//{TEI}sourceDesc/{TEI}msDesc")
    assert ms.find(f".//{TEI}repository").text.startswith("Archive of the Ministry of Foreign")
    assert ms.find(f".//{TEI}idno[@type='shelfmark']").text == "106-00719-04, 39-40"
    note = root.find(f".//{TEI}div[@{XML_ID}='text-en']/{TEI}note")
    assert (note.get(XML_ID), note.get("n"), note.get("place")) == ("en-note-1", "1", "end")
    assert note.text.startswith("Referring to the Panmunjom negotiations.")
    marker = root.find(f".//{TEI}div[@{XML_ID}='text-en']//{TEI}ref[@type='noteAnchor']")
    assert (marker.get("target"), marker.text) == ("#en-note-1", "[1]")
    inline = note.find(f"{TEI}note[@place='inline']")
    assert inline.get("type") == "translator"


def test_tei_tags_the_parts_of_a_publication(client, shapes):
    document = shapes["english-only-cable"]
    root = ET.fromstring(client.get(f"/documents/{document.record_id}/tei.xml").content)
    bibl = root.find(f".//{TEI}sourceDesc/{TEI}bibl[@type='published_in']")
    assert bibl.find(f"{TEI}title").text == "Mao wengao"
    scopes = {scope.get("unit"): scope.text for scope in bibl.findall(f"{TEI}biblScope")}
    assert scopes == {"volume": "5", "page": "90"}


def test_oai_harvesters_get_the_credits_as_contributors(client, shapes):
    identifier = f"oai:cold-war-archive.example.org:{shapes['lost-korean-original'].record_id}"
    root = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    dc = {(e.tag.removeprefix(DC), e.text) for e in root.iter() if e.tag.startswith(DC)}
    assert ("contributor", "Sergey Radchenko") in dc
    assert ("source", "APRF, f. 3, op. 65, d. 775, ll. 1-3") in dc


def test_the_exchange_format_carries_sources_credits_and_notes_exactly(shapes, tmp_path):
    exported = {}
    for name, document in shapes.items():
        obj = export_document(Document.objects.for_exchange().get(pk=document.pk))
        exported[name] = json.loads(json.dumps(obj, ensure_ascii=False))
    Document.objects.all().delete()
    for name, obj in exported.items():
        assert import_document(obj).outcome == "created", name
        again = export_document(Document.objects.for_exchange().get(record_id=obj["record_id"]))
        assert again == obj, name
    chinese = exported["chinese-original-with-notes"]
    assert chinese["credits"][0] | {"person": None} == {
        "role": "translator", "name": "Caixia Lu", "organisation": "", "source_language": "",
        "as_written": "Translated by Caixia Lu.", "person": None, "text": "en",
    }  # fmt: skip
    assert chinese["texts"][1]["notes"][0]["label"] == "1"
    assert chinese["sources"][0]["kind"] == "archival_other"


def test_objects_of_the_first_exchange_format_are_still_read(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    legacy = {key: value for key, value in obj.items() if key not in ("sources", "credits")}
    legacy["format"] = "cold-war-archive/1"
    legacy["references"] = [
        {
            "repository": source["repository"],
            **{k: source[k] for k in ("fond", "opis", "delo", "papka", "listy", "listy_plural")},
        }
        for source in obj["sources"]
    ]
    assert import_document(legacy).outcome == "unchanged"
