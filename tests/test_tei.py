"""TEI P5 XML: well-formed, valid against tei_all (checked by jing), and faithful to the text."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from archive.markup import EDITORIAL, SPAN, pieces

from .factory import DATA

pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"
SCHEMA = DATA / "tei_all.rng"


def jing(path):
    """jing's verdict on a file: (exit status, messages). jing is a Debian package (.ci/run)."""
    command = shutil.which("jing")
    assert command, "jing is not installed: apt-get install jing (the CI script does)"
    result = subprocess.run([command, str(SCHEMA), str(path)], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def tei(client, seed):
    response = client.get("/documents/110371/tei.xml")
    assert response["Content-Type"] == "application/tei+xml; charset=utf-8"
    return response.content


def test_the_seed_is_valid_tei_all(tei, tmp_path):
    path = tmp_path / "110371.xml"
    path.write_bytes(tei)
    status, messages = jing(path)
    assert status == 0, messages


def test_jing_catches_invalid_tei(tmp_path):
    # The check above can fail: an element TEI does not know is refused.
    path = tmp_path / "bad.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><telegram/></TEI>')
    status, _messages = jing(path)
    assert status != 0


def test_header_persons_and_references(tei):
    root = ET.fromstring(tei)
    header = root.find(f"{TEI}teiHeader")
    assert header.find(f".//{TEI}titleStmt/{TEI}title").text.startswith(
        "Ciphered Telegram No. 21336"
    )
    assert header.find(f".//{TEI}creation/{TEI}date").get("when") == "1951-06-30"
    stalin = header.find(f".//{TEI}person[@{XML}id='person-joseph-stalin']")
    names = {(n.get("type"), n.text) for n in stalin.findall(f"{TEI}persName")}
    assert ("codename", "ФИЛИПОВУ") in names and ("codename", "Filippov") in names
    identifiers = [
        [
            (idno.get("type"), idno.text)
            for idno in ms.findall(f"{TEI}msIdentifier/{TEI}altIdentifier/{TEI}idno")
        ][:-1]
        for ms in header.findall(f".//{TEI}sourceDesc/{TEI}msDesc")
    ]
    assert [("fond", "45"), ("opis", "1"), ("delo", "339"), ("list", "92")] in identifiers
    assert [
        ("fond", "059a"),
        ("opis", "5a"),
        ("delo", "4"),
        ("papka", "11"),
        ("list", "11"),
    ] in identifiers
    assert [("fond", "558"), ("opis", "11"), ("delo", "339"), ("listy", "0092")] in identifiers
    repositories = [r.text for r in header.findall(f".//{TEI}msIdentifier/{TEI}repository")]
    assert repositories[0] == "Archive of the President of the Russian Federation"
    shelfmarks = [
        i.text for i in header.findall(f".//{TEI}msIdentifier/{TEI}idno[@type='shelfmark']")
    ]
    assert shelfmarks[0] == "f. 45, op. 1, d. 339, l. 92"
    kinds = {note.get("type") for note in header.findall(f".//{TEI}notesStmt/{TEI}note")}
    assert {"cipher_number", "received", "deciphered", "typed", "checked"} <= kinds
    classification = header.findall(f".//{TEI}keywords[@scheme='#classification']/{TEI}term")
    assert {term.text for term in classification} == {
        "Совершенно секретно",
        "Снятие копий воспрещается",
    }


def test_texts_passages_correspondence_and_quotations(tei):
    root = ET.fromstring(tei)
    russian, english = root.findall(f".//{TEI}body/{TEI}div")
    assert (russian.get(f"{XML}lang"), english.get(f"{XML}lang")) == ("ru", "en")
    malik = russian.find(f"{TEI}ab[@{XML}id='ru-13']")
    assert malik.get("corresp") == "#en-9"
    assert malik.find(f"{TEI}quote") is not None
    report = russian.find(f"{TEI}ab[@{XML}id='ru-14']")
    assert report.find(f"{TEI}quote/{TEI}quote") is not None  # the report inside Kim's telegram
    assert english.find(f"{TEI}ab[@{XML}id='en-16']").get("corresp") == "#ru-20"
    assert russian.find(f"{TEI}ab[@{XML}id='ru-3']").get("corresp") is None  # no counterpart
    handwriting = russian.find(f".//{TEI}hi[@rend='handwriting']")
    assert handwriting.text == "тов. Сталину"
    # The translator's brackets are <supplied>; the brackets are its printed sign.
    supplied = [element.text for element in english.iter(f"{TEI}supplied")]
    assert supplied == ["Stalin", "U.S. Commander Matthew"]
    # The addressee's misspelling, as written and as corrected.
    choice = russian.find(f".//{TEI}choice")
    assert (choice.find(f"{TEI}sic").text, choice.find(f"{TEI}corr").text) == (
        "ФИЛИПОВУ",
        "ФИЛИППОВУ",
    )


def test_every_line_of_the_texts_survives(tei, seed):
    root = ET.fromstring(tei)
    for div, text in zip(
        root.findall(f".//{TEI}body/{TEI}div"), seed.texts.order_by("position"), strict=True
    ):
        blocks = div.findall(f"{TEI}ab")
        assert len(blocks) == text.passages.count()
        for block, passage in zip(blocks, text.passages.order_by("position"), strict=True):
            rendered = "".join(("\n" if node.tag == f"{TEI}lb" else "") for node in block.iter())
            words = "".join(block.itertext())
            # Every character is there: a sic with its correction after it, the words of
            # supplied brackets without the brackets that are its sign.
            expected = "".join(
                _tei_words(passage.content, kind, start, end, extra)
                for kind, start, end, extra in pieces(passage.content)
            )
            expected = expected.replace("\n", "")
            assert words == expected, passage.anchor
            assert rendered.count("\n") == passage.content.count("\n")


def _tei_words(content, kind, start, end, span):
    if kind == EDITORIAL and content[start] == "[":
        return content[start + 1 : end - 1]
    if kind == SPAN and span.name == "stamp":  # its words, its number and date marked in them
        return span.field(content, 3)
    if kind == SPAN:  # the seed's other spans are corrections: both readings
        return span.field(content, 0) + span.field(content, 1)
    return content[start:end]


@pytest.mark.parametrize(
    "kind", ["no texts", "nested quotation", "digits and signs", "stamps only"]
)
def test_other_documents_are_valid_tei_all(client, db, tmp_path, kind):
    from archive.models import Passage

    from .factory import make_document, make_person, make_role, make_text

    document = make_document(record_id=3, title="Письмо 김일성 & <co>")
    if kind == "nested quotation":
        text = make_text(document, passages=["Он пишет:", "«Цитата» [sic] *рукой*"])
        Passage.objects.filter(text=text, position=2).update(quote_depth=2, kind="table")
    elif kind == "digits and signs":
        make_role(document, make_person("1951 Committee", slug="1951-committee"))
        make_text(document, "en", "translation", passages=["", "\tTab\n\nand a blank line"])
        document.particulars.create(kind="other", value="*«»* []", value_en="")
    elif kind == "stamps only":
        document.archive_stamps = "168\nIV н."
        document.save()
    path = tmp_path / "document.xml"
    path.write_bytes(client.get("/documents/3/tei.xml").content)
    status, messages = jing(path)
    assert status == 0, messages


def test_a_text_code_must_begin_with_a_letter(db):
    from django.core.exceptions import ValidationError

    from archive.models import Text

    from .factory import make_document

    text = Text(document=make_document(), language="ru", kind="transcription", code="1951")
    with pytest.raises(ValidationError, match="begins with a letter"):
        text.full_clean()


def test_control_characters_written_past_the_fields_never_break_tei_or_the_feed(client, db):
    from archive.models import Passage, Person

    from .factory import make_document, make_person, make_role, make_text

    document = make_document(record_id=5, title="Телеграмма")
    make_role(document, make_person("Kim Il Sung", slug="kim"))
    make_text(document, passages=["Текст"])
    # loaddata and QuerySet.update() write past the fields' validators.
    # (and after the handwriting mark: text that follows an element is its tail in XML)
    Passage.objects.update(content="Bell\x07 and *hand*\x07 after")
    Person.objects.update(name="Kim\x1b Il Sung")
    for url in ["/documents/5/tei.xml", "/feeds/documents.atom"]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = ET.tostring(ET.fromstring(response.content), encoding="unicode")
        assert "\x07" not in text and "\x1b" not in text
    tei = client.get("/documents/5/tei.xml").content.decode()
    assert "Bell and" in tei and "Kim Il Sung" in tei and " after" in tei


def test_the_handling_steps_are_events_with_their_utc_offsets(tei):
    root = ET.fromstring(tei)
    events = root.findall(f".//{TEI}sourceDesc/{TEI}listEvent[@type='handling']/{TEI}event")
    assert [(e.get("type"), e.get("when")) for e in events] == [
        ("sent", "1951-06-30"),  # the day alone: the hour of sending is not given
        ("received", "1951-06-30T11:30:00+03:00"),
        ("deciphered", "1951-06-30T12:00:00+03:00"),
        ("typed", "1951-06-30T12:15:00+03:00"),
        ("registered", "1951-06-30"),
    ]
    sent, received, deciphered = events[:3]
    # Who took part, where, and the reading as the form has it.
    assert sent.find(f"{TEI}desc/{TEI}persName").get("ref") == "#person-mao-zedong"
    assert sent.find(f"{TEI}desc/{TEI}placeName").text == "Beijing"
    assert received.find(f"{TEI}desc/{TEI}persName").get("ref") == "#person-joseph-stalin"
    assert received.find(f"{TEI}desc/{TEI}placeName").text == "Moscow"
    date = received.find(f"{TEI}desc/{TEI}date")
    assert date.get("when") == "1951-06-30T11:30:00+03:00"
    assert date.text == "30 June 1951, 11:30 Moscow time (08:30 UTC)"
    written = received.find(f"{TEI}note[@type='asWritten']")
    assert written.get(f"{XML}lang") == "ru"
    assert written.text == 'получена " II " ч. " 30 " м. " 30 " 6 195 I г.'
    assert deciphered.find(f"{TEI}desc/{TEI}persName").get("ref") == "#person-elezov"


def test_relations_confirmed_and_published_only_and_still_valid(client, seed, tmp_path):
    from archive.models import DocumentRelation

    from .factory import make_document

    reply = make_document(record_id=110372, title="Filippov's reply to Mao Zedong")
    draft = make_document(record_id=110373, title="A draft", status="draft")
    suggested = make_document(record_id=110374, title="A suggestion")
    rejected = make_document(record_id=110375, title="A rejection")
    relation = DocumentRelation.objects.create
    relation(source=reply, target=seed, kind="reply_to", evidence="Ваша телеграмма № 3261",
             certainty="probable", asserted_by="Wilson Center editors")  # fmt: skip
    relation(source=seed, target=draft, kind="references")
    relation(source=seed, target=suggested, kind="forwards", status="suggested")
    relation(source=rejected, target=seed, kind="reply_to", status="rejected")
    relation(source=seed, target=None, kind="references", status="suggested",
             evidence="your telegram of 21 February")  # fmt: skip
    content = client.get("/documents/110371/tei.xml").content
    path = tmp_path / "related.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
    listing = ET.fromstring(content).find(f".//{TEI}sourceDesc/{TEI}listBibl")
    assert [b.findtext(f"{TEI}idno") for b in listing.findall(f"{TEI}bibl")] == ["110372"]
    (element,) = listing.findall(f"{TEI}listRelation/{TEI}relation")
    seed_url = f"http://testserver{seed.get_absolute_url()}"
    reply_url = f"http://testserver{reply.get_absolute_url()}"
    # The reply is the active party, the seed the one replied to, in RiC-O's term.
    assert element.attrib == {
        "name": "reply_to",
        "ref": "https://www.ica.org/standards/RiC/ontology#isReplyTo",
        "active": reply_url,
        "passive": seed_url,
        "cert": "medium",
    }
    assert element.find(f"{TEI}desc/{TEI}quote").text == "Ваша телеграмма № 3261"
    assert "110373" not in content.decode() and "110374" not in content.decode()
    assert "110375" not in content.decode() and "21 February" not in content.decode()


def test_a_document_with_military_and_unzoned_readings_is_valid_tei(client, db, tmp_path):
    import datetime

    from archive.models import HandlingStep, Place

    from .factory import make_document

    document = make_document(record_id=4, date=datetime.date(1951, 10, 17))
    tokyo = Place.objects.create(name="Tokyo", slug="tokyo")
    for kind, time, zone in [("sent", (0, 15), "Etc/GMT-10"), ("received", (5, 30), "")]:
        HandlingStep.objects.create(document=document, kind=kind, place=tokyo, zone=zone,
                                    local_date=datetime.date(1951, 10, 18),
                                    local_time=datetime.time(*time), as_written="0015K")  # fmt: skip
    content = client.get("/documents/4/tei.xml").content
    path = tmp_path / "military.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
    events = ET.fromstring(content).findall(f".//{TEI}event")
    assert [e.get("when") for e in events] == ["1951-10-18T00:15:00+10:00", "1951-10-18T05:30:00"]


def test_the_schema_predates_corresp_desc(tmp_path):
    # Why the handling steps are <event>s: tei_all 2.7.0 refuses <correspDesc> (TEI 2.8.0
    # added it). Should the schema be updated, this fails, and correspAction can be used.
    path = tmp_path / "corresp.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        '</sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent">'
        '<date when="1951-06-30"/></correspAction></correspDesc></profileDesc></teiHeader>'
        "<text><body><p>x</p></body></text></TEI>"
    )
    status, messages = jing(path)
    assert status != 0 and "correspDesc" in messages


def test_forwarding_is_named_by_its_tei_term_with_no_uri_made_up(client, seed, tmp_path):
    from archive.models import DocumentRelation
    from archive.relations.kinds import MEANINGS, RelationKind

    from .factory import make_document

    relayed = make_document(record_id=110370, title="Kim Il Sung to Mao Zedong")
    DocumentRelation.objects.create(source=seed, target=relayed, kind="forwards")
    assert MEANINGS[RelationKind.FORWARDS].uri == ""  # TEI's correspAction type has none
    content = client.get("/documents/110371/tei.xml").content
    path = tmp_path / "forwards.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
    (element,) = ET.fromstring(content).findall(f".//{TEI}listRelation/{TEI}relation")
    assert element.get("name") == "forwards" and element.get("ref") is None
    assert element.find(f"{TEI}desc").text == "forwards (tei:correspAction[@type=forwarded])"
    assert b"1.0#forwarded" not in content
