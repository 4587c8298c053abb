"""OAI-PMH 2.0: the protocol's answers and errors, and whole harvests by the sickle client."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, IdDoesNotExist, NoRecordsMatch

from archive.models import Collection, Credit, Document

from .factory import make_document, make_person, make_text

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SEED_ID = "oai:cold-war-archive.example.org:110371"


def oai(client, **params):
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)


def error_code(root):
    error = root.find(f"{OAI}error")
    return error.get("code") if error is not None else None


# --- The protocol, verb by verb --------------------------------------------------------------


@pytest.mark.django_db
def test_identify(client, seed):
    root = oai(client, verb="Identify")
    identify = root.find(f"{OAI}Identify")
    assert identify.find(f"{OAI}protocolVersion").text == "2.0"
    assert identify.find(f"{OAI}deletedRecord").text == "persistent"
    assert identify.find(f"{OAI}granularity").text == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.find(f"{OAI}baseURL").text == "http://testserver/oai/"
    assert root.find(f"{OAI}request").get("verb") == "Identify"


@pytest.mark.django_db
def test_get_record_in_dublin_core(client, seed):
    root = oai(client, verb="GetRecord", identifier=SEED_ID, metadataPrefix="oai_dc")
    record = root.find(f"{OAI}GetRecord/{OAI}record")
    assert record.find(f"{OAI}header/{OAI}identifier").text == SEED_ID
    sets = {spec.text for spec in record.findall(f"{OAI}header/{OAI}setSpec")}
    assert sets == {"korean-war", "korean-war-armistice", "sino-soviet-relations"}
    dc = {
        (element.tag.removeprefix(DC), element.text)
        for element in record.iter()
        if element.tag.startswith(DC)
    }
    assert (
        "title",
        "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
    ) in dc
    assert ("creator", "Mao Zedong") in dc and ("contributor", "Joseph Stalin") in dc
    assert ("date", "1951-06-30") in dc and ("language", "ru") in dc
    assert any(name == "source" and value.startswith("APRF, f. 45") for name, value in dc)


@pytest.mark.django_db
def test_the_rights_statement_is_harvested_and_on_the_page(client, seed):
    seed.rights_statement = "Public domain in the Russian Federation"
    seed.save()
    root = oai(client, verb="GetRecord", identifier=SEED_ID, metadataPrefix="oai_dc")
    assert root.find(f".//{DC}rights").text == "Public domain in the Russian Federation"
    page = client.get(seed.get_absolute_url()).content.decode()
    assert '<meta name="DC.rights" content="Public domain in the Russian Federation">' in page


@pytest.mark.django_db
def test_list_metadata_formats_and_sets(client, seed):
    root = oai(client, verb="ListMetadataFormats")
    assert root.find(f".//{OAI}metadataPrefix").text == "oai_dc"
    root = oai(client, verb="ListSets")
    specs = {spec.text for spec in root.findall(f".//{OAI}setSpec")}
    assert specs == {"korean-war", "korean-war-armistice", "sino-soviet-relations"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "colour": "red"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "30 June 1951"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2001-01-01",
                "until": "2000-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2001-01-01",
                "until": "2000-01-01",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": "oai:elsewhere:1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "identifier": SEED_ID, "metadataPrefix": "mods"},
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "no-such-set"},
            "noRecordsMatch",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "oai:x:1"}, "idDoesNotExist"),
    ],
)
def test_errors_are_the_protocols(client, seed, params, code):
    root = oai(client, **params)
    assert error_code(root) == code
    if code in ("badVerb", "badArgument"):
        assert root.find(f"{OAI}request").attrib == {}  # no arguments echoed


@pytest.mark.django_db
def test_repeated_arguments_and_verbs_are_bad(client, seed):
    response = client.get("/oai/?verb=Identify&verb=Identify")
    assert error_code(ET.fromstring(response.content)) == "badVerb"
    response = client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_code(ET.fromstring(response.content)) == "badArgument"


@pytest.mark.django_db
def test_no_sets_means_no_set_hierarchy(client, db):
    make_document(record_id=1)
    assert error_code(oai(client, verb="ListSets")) == "noSetHierarchy"
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "x"}
    assert error_code(oai(client, **params)) == "noSetHierarchy"


@pytest.mark.django_db
def test_post_is_answered_like_get(client, seed):
    response = client.post("/oai/", {"verb": "Identify"})
    assert ET.fromstring(response.content).find(f"{OAI}Identify") is not None


@pytest.mark.django_db
def test_from_and_until_at_either_granularity(client, seed):
    day = seed.modified.strftime("%Y-%m-%d")
    second = seed.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    for params in ({"from": day}, {"until": day}, {"from": second, "until": second}):
        root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        assert [i.text for i in root.iter(f"{OAI}identifier")] == [SEED_ID], params


@pytest.mark.django_db
def test_drafts_are_never_exposed(client, db):
    make_document(record_id=1, status="draft")
    assert (
        error_code(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")) == "noRecordsMatch"
    )
    params = {"verb": "GetRecord", "identifier": "oai:cold-war-archive.example.org:1"}
    assert error_code(oai(client, metadataPrefix="oai_dc", **params)) == "idDoesNotExist"


@pytest.mark.django_db
def test_withdrawn_and_deleted_documents_are_reported_deleted(client, db):
    korea = Collection.objects.create(name="Korea", slug="korea")
    kept, withdrawn, deleted = (make_document(record_id=n) for n in (1, 2, 3))
    for document in (kept, withdrawn, deleted):
        document.collections.add(korea)
    withdrawn.status = Document.Status.DRAFT
    withdrawn.save()
    deleted.delete()
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="korea")
    headers = {
        h.find(f"{OAI}identifier").text.rsplit(":", 1)[1]: h.get("status")
        for h in root.iter(f"{OAI}header")
    }
    assert headers == {"1": None, "2": "deleted", "3": "deleted"}
    record = oai(
        client,
        verb="GetRecord",
        identifier="oai:cold-war-archive.example.org:2",
        metadataPrefix="oai_dc",
    )
    assert record.find(f".//{OAI}header").get("status") == "deleted"
    assert record.find(f".//{OAI}metadata") is None
    # Published again: the deletion is taken back.
    withdrawn.status = Document.Status.PUBLISHED
    withdrawn.save()
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert {
        h.get("status")
        for h in root.iter(f"{OAI}header")
        if h.find(f"{OAI}identifier").text.endswith(":2")
    } == {None}


@pytest.mark.django_db
def test_a_change_to_what_a_document_shows_moves_its_datestamp(client, seed):
    before = Document.objects.get(pk=seed.pk).modified
    passage = seed.texts.get(code="en").passages.first()
    passage.content += " "
    passage.save()
    assert Document.objects.get(pk=seed.pk).modified > before


@pytest.mark.django_db
def test_renaming_a_credited_person_moves_the_datestamp_of_what_they_translated(client, db):
    document = make_document(record_id=5)
    person = make_person("S. Radchenko")
    Credit.objects.create(document=document, person=person, name="Sergey Radchenko")
    before = Document.objects.get(pk=document.pk).modified
    person.name = "Sergey Radchenko"
    person.save()  # the harvested dc:contributor names him anew
    assert Document.objects.get(pk=document.pk).modified > before


# --- Harvests by a real client -------------------------------------------------------------------


@pytest.fixture
def harvester(live_server):
    return Sickle(live_server.url + "/oai/", max_retries=0)


@pytest.mark.django_db(transaction=True)
@override_settings(OAI_BATCH_SIZE=7)
def test_sickle_harvests_more_records_than_one_response_holds(harvester):
    for n in range(1, 24):
        make_text(make_document(record_id=n, title=f"Телеграмма № {n} 毛泽东"), passages=["Текст"])
    make_document(record_id=99, status="draft")
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    assert sorted(int(r.header.identifier.rsplit(":", 1)[1]) for r in records) == list(range(1, 24))
    titles = {r.metadata["title"][0] for r in records}
    assert "Телеграмма № 5 毛泽东" in titles
    identifiers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc"))
    assert len(identifiers) == 23


@pytest.mark.django_db(transaction=True)
def test_sickle_reads_the_seed_and_the_errors(harvester, django_db_setup):
    from django.conf import settings
    from django.core.management import call_command

    call_command("loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=0)
    record = harvester.GetRecord(identifier=SEED_ID, metadataPrefix="oai_dc")
    assert record.metadata["creator"] == ["Mao Zedong"]
    assert harvester.Identify().repositoryName == "Cold War Archive"
    assert {s.setSpec for s in harvester.ListSets()} >= {"korean-war"}
    with pytest.raises(IdDoesNotExist):
        harvester.GetRecord(
            identifier="oai:cold-war-archive.example.org:5", metadataPrefix="oai_dc"
        )
    with pytest.raises(NoRecordsMatch):
        list(harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "2999-01-01"}))
    with pytest.raises(BadArgument):
        list(harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "June 1951"}))


# --- Paging, dates and odd arguments ------------------------------------------------------------


@pytest.mark.django_db
@override_settings(OAI_BATCH_SIZE=2)
def test_an_inclusive_until_keeps_its_last_second_on_every_page(client, db):
    for n in range(1, 6):
        make_document(record_id=n)
    day = Document.objects.get(record_id=1).modified.strftime("%Y-%m-%d")
    seen, params = [], {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": day}
    while True:
        root = oai(client, **params)
        identifiers = [i.text for i in root.iter(f"{OAI}identifier")]
        assert identifiers, "a page of a list is never empty"
        seen += identifiers
        token = root.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token.text}
    assert sorted(int(i.rsplit(":", 1)[1]) for i in seen) == [1, 2, 3, 4, 5]
    assert token.get("completeListSize") == "5" and token.get("cursor") == "4"


@pytest.mark.django_db
@override_settings(OAI_BATCH_SIZE=2)
def test_records_published_during_a_harvest_are_not_cut_off(client, db):
    for n in range(1, 4):
        make_document(record_id=n)
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(f".//{OAI}resumptionToken").text
    make_document(record_id=4)
    make_document(record_id=5)
    seen = 2
    while token:
        root = oai(client, verb="ListIdentifiers", resumptionToken=token)
        seen += len(list(root.iter(f"{OAI}identifier")))
        element = root.find(f".//{OAI}resumptionToken")
        token = element.text if element is not None else None
    assert seen == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "code"),
    [
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:cold-war-archive.example.org:0110371",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "1951-6-3"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "1951-06-03t00:00:00z"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "("}, "noRecordsMatch"),
        # Set specs are case-sensitive, for deleted records as for live ones.
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "KOREAN-WAR"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "korean.war"},
            "noRecordsMatch",
        ),
    ],
)
def test_odd_arguments(client, seed, params, code):
    from archive.models import Withdrawal

    Withdrawal.objects.create(record_id=7, sets="korean-war sino-soviet-relations")
    assert error_code(oai(client, **params)) == code


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state",
    [
        {"from": None, "until": None, "set": 5, "after": None, "cursor": 0, "total": 1},
        {"from": None, "until": None, "set": None, "after": None, "cursor": -1, "total": 1},
        {"from": "yesterday", "until": None, "set": None, "after": None, "cursor": 0, "total": 1},
        {"from": None, "until": None, "set": None, "after": ["x"], "cursor": 0, "total": 1},
        {"cursor": 0},
    ],
)
def test_forged_tokens_are_bad_resumption_tokens(client, seed, state):
    import base64
    import json

    token = base64.urlsafe_b64encode(json.dumps(state).encode()).decode()
    assert (
        error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    )


@pytest.mark.django_db
def test_joining_a_collection_moves_the_datestamp(client, db):
    document = make_document(record_id=1)
    before = Document.objects.get(pk=document.pk).modified
    document.collections.add(Collection.objects.create(name="Korea", slug="korea"))
    assert Document.objects.get(pk=document.pk).modified > before


@pytest.mark.django_db
def test_control_characters_never_break_the_xml(client, db):
    document = make_document(record_id=1, title="Телеграмма 김일성")
    Document.objects.filter(pk=document.pk).update(title="Bell\x07 and form\x0cfeed 김일성")
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert root.find(f".//{DC}title").text == "Bell and formfeed 김일성"


@pytest.mark.django_db(transaction=True)
def test_sickle_hears_of_a_deleted_record(harvester):
    make_document(record_id=1)
    gone = make_document(record_id=2)
    gone.delete()
    records = {
        h.identifier.rsplit(":", 1)[1]: h.deleted
        for h in harvester.ListIdentifiers(metadataPrefix="oai_dc")
    }
    assert records == {"1": False, "2": True}  # the kept one live, the deleted one marked


@pytest.mark.django_db
def test_dc_relation_names_confirmed_relations_to_published_documents(client, seed):
    from archive.models import DocumentRelation

    reply = make_document(record_id=110372, title="Filippov's reply")
    kim = make_document(record_id=110370, title="Kim Il Sung to Mao Zedong")
    draft = make_document(record_id=110373, status="draft")
    suggested = make_document(record_id=110374)
    rejected = make_document(record_id=110375)
    relation = DocumentRelation.objects.create
    relation(source=reply, target=seed, kind="reply_to")
    relation(source=seed, target=kim, kind="forwards")
    relation(source=seed, target=draft, kind="references")
    relation(source=seed, target=suggested, kind="references", status="suggested")
    relation(source=rejected, target=seed, kind="reply_to", status="rejected")
    relation(source=seed, target=None, kind="references", status="suggested")
    urls = {f"http://testserver{d.get_absolute_url()}" for d in (reply, kim)}

    def relations(record):
        return {element.text for element in record.iter(f"{DC}relation")}

    root = oai(client, verb="GetRecord", identifier=SEED_ID, metadataPrefix="oai_dc")
    assert relations(root) == urls
    # The same in a harvest, and each published document names the seed back.
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    by_record = {
        record.find(f"{OAI}header/{OAI}identifier").text.rsplit(":", 1)[1]: relations(record)
        for record in root.iter(f"{OAI}record")
    }
    seed_url = f"http://testserver{seed.get_absolute_url()}"
    assert by_record == {
        "110371": urls,
        "110372": {seed_url},
        "110370": {seed_url},
        "110374": set(),  # its relation is only suggested
        "110375": set(),  # and this one's rejected
    }
