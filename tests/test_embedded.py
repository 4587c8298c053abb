"""The metadata reference managers read from a document page, read back with extruct."""

import extruct
import pytest
from django.conf import settings

from .html import start_tags

pytestmark = pytest.mark.django_db


def meta_tags(html):
    return [
        (attrs["name"], attrs.get("content", ""))
        for tag, attrs in start_tags(html)
        if tag == "meta" and "name" in attrs
    ]


@pytest.fixture
def page(client, seed):
    response = client.get(seed.get_absolute_url())
    return response.content.decode(), response.wsgi_request.build_absolute_uri()


def test_highwire_citation_tags(page):
    html, url = page
    tags = meta_tags(html)
    assert (
        "citation_title",
        "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
    ) in tags
    assert ("citation_author", "Mao Zedong") in tags
    assert ("citation_date", "1951/06/30") in tags
    assert ("citation_language", "ru") in tags
    assert ("citation_archive", "Cold War Archive") in tags
    assert ("citation_source", "Wilson Center Digital Archive") in tags
    location = dict(tags)["citation_archive_location"]
    assert location.startswith("APRF, f. 45, op. 1, d. 339, l. 92; AVP RF")
    assert ("citation_public_url", url) in tags
    assert dict(tags)["citation_xml_url"].endswith("/documents/110371/tei.xml")


def test_dublin_core_read_by_extruct(page):
    html, url = page
    data = extruct.extract(html, base_url=url, syntaxes=["dublincore"], uniform=True)
    (dc,) = data["dublincore"]
    # extruct resolves each name to its Dublin Core URI: the elements are read as DC's own.
    elements = {
        element["URI"].removeprefix("http://purl.org/dc/elements/1.1/"): element["content"]
        for element in dc["elements"]
    }
    assert elements["title"].startswith("Ciphered Telegram No. 21336")
    assert elements["creator"] == "Mao Zedong"
    assert elements["date"] == "1951-06-30"
    assert elements["language"] == "ru"
    assert elements["identifier"] == url
    # Names that come more than once (recipients, types, sources) are each there.
    pairs = {
        (element["URI"].removeprefix("http://purl.org/dc/elements/1.1/"), element["content"])
        for element in dc["elements"]
    }
    assert ("contributor", "Joseph Stalin") in pairs
    assert ("type", "Ciphered telegram") in pairs
    assert '<meta name="DC.type" content="Text">' in html  # (extruct reads DCMI types apart)
    assert ("publisher", settings.ARCHIVE_NAME) in pairs


def test_json_ld_read_by_extruct(page):
    html, url = page
    (item,) = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    assert "ArchiveComponent" in item["@type"]
    assert item["name"].startswith("Ciphered Telegram No. 21336")
    assert item["author"] == [
        {"@type": "Person", "name": "Mao Zedong", "sameAs": "https://www.wikidata.org/wiki/Q5816",
         "alternateName": "Мао Цзе-дун"}
    ]  # fmt: skip
    assert item["recipient"][0]["name"] == "Joseph Stalin"
    assert item["recipient"][0]["alternateName"] == "Иосиф Виссарионович Сталин"
    assert item["dateCreated"] == "1951-06-30"
    assert item["inLanguage"] == "ru"
    assert {archive["alternateName"] for archive in item["holdingArchive"]} == {
        "APRF", "AVP RF", "RGASPI",
    }  # fmt: skip
    assert item["workTranslation"][0]["inLanguage"] == "en"
    assert item["url"] == url


def test_json_ld_cannot_close_its_script(client, db):
    from .factory import make_document

    document = make_document(record_id=5, title="</script><script>alert(1)</script>")
    html = client.get(document.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    (item,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert item["name"] == "</script><script>alert(1)</script>"
