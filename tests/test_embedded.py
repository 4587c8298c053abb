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


def test_json_ld_says_when_the_telegram_was_sent_and_received(page):
    html, url = page
    (item,) = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    assert item["dateSent"] == "1951-06-30"  # the day alone: the hour is not given
    assert item["dateReceived"] == "1951-06-30T11:30:00+03:00"  # Moscow time, with its offset


def test_json_ld_has_every_handling_step_as_an_action_done_to_the_telegram(page, seed):
    import datetime

    html, url = page
    (item,) = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    actions = item["@reverse"]["object"]  # each Action's object is this telegram
    assert [(a["@type"], a["name"], a.get("startTime")) for a in actions] == [
        ("SendAction", "sent", "1951-06-30"),
        ("ReceiveAction", "received", "1951-06-30T11:30:00+03:00"),
        ("Action", "deciphered", "1951-06-30T12:00:00+03:00"),
        ("Action", "typed", "1951-06-30T12:15:00+03:00"),
        ("Action", "registered", "1951-06-30"),
    ]
    assert {a["actionStatus"] for a in actions} == {"CompletedActionStatus"}
    assert actions[0]["location"] == {"@type": "Place", "name": "Beijing"}
    assert actions[1]["location"] == {"@type": "Place", "name": "Moscow"}
    # A time with its offset is the instant in UTC the page gives.
    instants = [s.instant for s in seed.handling_steps.all() if s.instant]
    times = [datetime.datetime.fromisoformat(a["startTime"]) for a in actions
             if "T" in a["startTime"]]  # fmt: skip
    assert times == instants
    # The Message's own terms stay.
    assert (item["dateSent"], item["dateReceived"]) == ("1951-06-30", actions[1]["startTime"])


def test_json_ld_relations_by_their_standard_terms_confirmed_only(client, seed):
    from archive.models import DocumentRelation

    from .factory import make_document

    reply = make_document(record_id=110372, title="Filippov's reply")
    kim = make_document(record_id=110370, title="Kim Il Sung to Mao Zedong")
    draft = make_document(record_id=110373, status="draft")
    suggested = make_document(record_id=110374)
    relation = DocumentRelation.objects.create
    relation(source=reply, target=seed, kind="reply_to")
    relation(source=seed, target=kim, kind="forwards")
    relation(source=seed, target=draft, kind="references")
    relation(source=seed, target=suggested, kind="references", status="suggested")
    relation(source=suggested, target=seed, kind="copy_of", status="rejected")
    relation(source=seed, target=None, kind="reply_to", status="suggested")
    response = client.get(seed.get_absolute_url())
    html, url = response.content.decode(), response.wsgi_request.build_absolute_uri()
    (item,) = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    kim_url = f"http://testserver{kim.get_absolute_url()}"
    reply_url = f"http://testserver{reply.get_absolute_url()}"
    # Forwarding is a TEI correspAction type, no property with a URI: a dcterms:relation.
    assert item["http://purl.org/dc/terms/relation"] == [
        {"@id": kim_url, "url": kim_url, "name": "Kim Il Sung to Mao Zedong"}
    ]
    assert "tei-c.org" not in html.split('type="application/ld+json"')[1].split("</script>")[0]
    # Read from the other end: the reply is a reply to this telegram. (Beside it there, the
    # handling steps: Actions whose object the telegram is.)
    assert set(item["@reverse"]) == {
        "https://www.ica.org/standards/RiC/ontology#isReplyTo",
        "object",
    }
    assert item["@reverse"]["https://www.ica.org/standards/RiC/ontology#isReplyTo"] == [
        {"@id": reply_url, "url": reply_url, "name": "Filippov's reply"}
    ]
    assert "http://purl.org/dc/terms/references" not in item
    assert "110373" not in html and "110374" not in html
    assert ("DC.relation", kim_url) in meta_tags(html)
    assert ("DC.relation", reply_url) in meta_tags(html)
