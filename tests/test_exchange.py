"""The exchange format: export → import into an empty archive → export gives the same files."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from archive.corpus import CorpusWriter
from archive.exchange import ExchangeError, export_document, import_document
from archive.models import (
    Collection,
    Document,
    DocumentRelation,
    InferredDating,
    Passage,
    Person,
)
from archive.search import engine

from .factory import make_document

pytestmark = pytest.mark.django_db(transaction=True)


def export_all(folder):
    call_command("export_records", str(folder), verbosity=0)
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def empty_the_archive():
    call_command("flush", interactive=False, verbosity=0)


def test_the_seed_round_trips_through_the_exchange_format(seed, tmp_path):
    DocumentRelation.objects.create(
        source=seed,
        target=make_document(record_id=110372),
        kind="forwards",
        note="The reply.",
        evidence="Телеграмма тов. Ким Ир Сена.",
        certainty="probable",
        asserted_by="Wilson Center editors",
    )
    # A suggestion whose document was never identified: kept, evidence and all.
    DocumentRelation.objects.create(
        source=seed, kind="reply_to", status="suggested", evidence="your telegram No. 3260"
    )
    InferredDating.objects.create(
        document=seed, date_edtf="1951-06-29/1951-06-30", reason="inferred_content", made_by="Ed."
    )
    first = export_all(tmp_path / "first")
    assert sorted(first) == ["110371.json", "110372.json"]
    empty_the_archive()
    call_command("import_records", str(tmp_path / "first"), format="json", verbosity=0)
    assert export_all(tmp_path / "second") == first

    obj = json.loads(first["110371.json"])
    assert obj["persons"][0]["slug"] == "elezov"
    assert {a["name"] for p in obj["persons"] for a in p["aliases"]} >= {"ФИЛИПОВУ", "毛澤東"}
    assert [r for r in obj["relations"] if r["asserted_by"] != "importer"] == [
        {
            "kind": "forwards",
            "record_id": 110372,
            "evidence": "Телеграмма тов. Ким Ир Сена.",
            "certainty": "probable",
            "asserted_by": "Wilson Center editors",
            "status": "confirmed",
            "note": "The reply.",
        },
        {
            "kind": "reply_to",
            "record_id": None,
            "evidence": "your telegram No. 3260",
            "certainty": "certain",
            "asserted_by": "",
            "status": "suggested",
            "note": "",
        },
    ]
    # How the date and the times are known travel with the document.
    assert obj["date"]["edtf"] == "1951-06-30" and obj["date"]["reason"] == "dateline"
    assert obj["inferred_datings"][0]["edtf"] == "1951-06-29/1951-06-30"
    assert {"language": "ru", "text": "30.6"} in obj["written_dates"]
    received = next(s for s in obj["handling_steps"] if s["kind"] == "received")
    assert (received["local_time"], received["zone"], received["place"]) == (
        "11:30",
        "Europe/Moscow",
        "moscow",
    )
    assert obj["events"][0]["slug"] == "ridgways-offer-to-negotiate"
    assert obj["texts"][0]["passages"][0]["content"].endswith("*тов. Сталину*")
    assert len(obj["collections"]) == 3 and obj["collections"][0]["description"]


def test_generated_records_round_trip(db, tmp_path):
    CorpusWriter(seed=7).write(25, first_record_id=500)
    Document.objects.filter(record_id__lt=510).update(status="draft")
    first = export_all(tmp_path / "first")
    assert len(first) == 25
    empty_the_archive()
    call_command("import_records", str(tmp_path / "first"), format="json", verbosity=0)
    assert Document.objects.filter(status="draft").count() == 10
    assert export_all(tmp_path / "second") == first


def test_an_exported_file_is_readable_utf8_with_every_script_as_written(seed, tmp_path):
    files = export_all(tmp_path)
    text = files["110371.json"].decode("utf-8")
    assert "ШИФРТЕЛЕГРАММА № 21336" in text and "毛泽东" in text and "김일성" in text
    assert text.endswith("}\n")


def test_importing_the_same_object_twice_changes_nothing(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    result = import_document(obj)
    assert (result.outcome, result.changed) == ("unchanged", [])


def test_an_unchanged_object_is_recognised_without_writing(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    with CaptureQueriesContext(connection) as queries:
        result = import_document(obj, keep=["status", "collections"])
    assert result.outcome == "unchanged"
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_a_kept_part_that_differs_does_not_make_the_document_changed(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj["status"], obj["collections"] = "draft", []
    assert import_document(obj, keep=["status", "collections"]).outcome == "unchanged"
    obj["summary"] += " More."
    result = import_document(obj, keep=["status", "collections"])
    assert (result.outcome, result.changed) == ("updated", ["summary"])
    seed.refresh_from_db()
    assert seed.status == "published" and seed.collections.exists()


def test_an_import_matches_persons_and_vocabulary_instead_of_duplicating(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj["record_id"] = 110999
    persons, collections = Person.objects.count(), Collection.objects.count()
    result = import_document(obj)
    assert result.outcome == "created"
    assert (result.new_persons, result.new_terms) == ([], [])
    assert (Person.objects.count(), Collection.objects.count()) == (persons, collections)


def test_a_person_known_under_another_slug_is_matched_by_name(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj["record_id"] = 110999
    for entry in obj["persons"]:
        if entry["slug"] == "joseph-stalin":
            entry["slug"] = "stalin-i-v"
    for role in obj["roles"]:
        if role["person"] == "joseph-stalin":
            role["person"] = "stalin-i-v"
    for particular in obj["particulars"]:
        if particular["person"] == "joseph-stalin":
            particular["person"] = "stalin-i-v"
    result = import_document(obj)
    assert result.new_persons == []
    assert Document.objects.get(record_id=110999).roles.get(role="recipient").person.slug == (
        "joseph-stalin"
    )


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda o: o.update(format="something-else"), "not an exchange object"),
        (lambda o: o.update(record_id="110371"), "“record_id” is missing or not a int"),
        (lambda o: o.pop("title"), "malformed: KeyError 'title'"),
        (lambda o: o["roles"][0].update(person="nobody"), "“nobody” is named in a role"),
        (lambda o: o["date"].update(value="1951-02-30"), "day is out of range for month"),
        (lambda o: o.update(status="secret"), "status: Value 'secret' is not a valid choice."),
        (lambda o: o["roles"][0].update(role="forger"), "role: Value 'forger' is not a valid"),
        (lambda o: o["texts"][1].update(code="ru"), "repeats what must be unique"),
        (lambda o: o["texts"][1].update(code='en"><script>'), "A text code begins with a letter"),
        (lambda o: o["roles"].append(o["roles"][0]), "repeats what must be unique"),
    ],
)
def test_a_malformed_object_is_refused_and_changes_nothing(seed, change, message):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    before = json.dumps(obj, sort_keys=True)
    change(obj)
    with pytest.raises(ExchangeError, match=message.replace("(", r"\(")):
        import_document(obj)
    after = export_document(Document.objects.for_exchange().get(record_id=110371))
    assert json.dumps(after, sort_keys=True) == before


def exported():
    return export_document(Document.objects.for_exchange().get(record_id=110371))


def test_an_update_rewrites_only_the_parts_that_changed(seed):
    obj = exported()
    passages = set(Passage.objects.filter(text__document=seed).values_list("pk", flat=True))
    obj["summary"] = "A revised summary."
    result = import_document(obj)
    assert (result.outcome, result.changed) == ("updated", ["summary"])
    # The texts were as stored: their passages are the same rows, with the same ids.
    assert set(Passage.objects.filter(text__document=seed).values_list("pk", flat=True)) == passages
    obj["texts"][1]["passages"][0]["content"] = "A corrected heading"
    assert import_document(obj).changed == ["texts"]
    assert not Passage.objects.filter(pk__in=passages).exists()  # written anew
    assert exported() == obj


def test_an_update_reads_again_only_what_it_rewrote_and_records_the_whole(seed):
    obj = exported()
    obj["summary"] = "A revised summary."
    # The search index reads the document again once committed, on its own account: held
    # back here until the import's own reads are counted.
    with engine.batched(), CaptureQueriesContext(connection) as queries:
        result = import_document(obj, comment="Summary revised.")
    assert result.changed == ["summary"]
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # The passages were read once, to compare; not again after writing (the revision
    # asks only whether their ids are still there).
    assert sum('"archive_passage"."content"' in sql for sql in reads) == 1
    # The revision holds the whole document all the same, every passage as stored.
    revision = Version.objects.get_for_object(seed).first().revision
    assert revision.comment == "Summary revised."
    stored = Passage.objects.filter(text__document=seed).count()
    assert revision.version_set.filter(content_type__model="passage").count() == stored
    assert exported() == obj
    # A new name of a person is read back through the roles that name the person.
    mao = next(p for p in obj["persons"] if p["slug"] == "mao-zedong")
    mao["aliases"] = sorted(
        [*mao["aliases"], {"name": "Mao Tsetung", "kind": "spelling", "language": "en",
                           "note": ""}],
        key=lambda a: (a["kind"], a["name"]),
    )  # fmt: skip
    assert import_document(obj).changed == ["persons"]
    assert exported() == obj


def test_an_older_object_keeps_what_it_does_not_say_and_reads_old_relation_kinds(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    other = make_document(record_id=110372)
    # An object of before typed links and datings: none of the later parts, old kinds.
    for part in ("written_dates", "inferred_datings", "handling_steps", "events"):
        del obj[part]
    obj["date"] = {k: obj["date"][k] for k in ("value", "precision", "approximate", "as_written")}
    obj["relations"] = [{"kind": "relays", "record_id": other.record_id, "note": ""}]
    obj["summary"] += " Revised."
    result = import_document(obj)
    assert result.outcome == "updated" and "handling_steps" not in result.changed
    seed.refresh_from_db()
    assert (seed.date_edtf, seed.date_reason) == ("1951-06-30", "dateline")
    assert seed.handling_steps.count() == 5 and seed.events.count() == 1
    assert list(seed.relations_from.values_list("kind", "target__record_id", "status")) == [
        ("forwards", 110372, "confirmed")
    ]


def test_a_new_date_without_edtf_gets_its_own(seed):
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj["date"] = {"value": "1951-06-01", "precision": "month", "approximate": True}
    import_document(obj)
    seed.refresh_from_db()
    assert (seed.date_edtf, seed.date.isoformat(), seed.date_last.isoformat()) == (
        "1951-06~",
        "1951-06-01",
        "1951-06-30",
    )


def test_discrepancy_notes_and_passage_pages_travel_with_the_document(seed):
    from archive.models import Discrepancy, Scan

    page = Scan.objects.create(document=seed, position=2, label="l. 92")
    passage = seed.texts.get(code="ru").passages.get(position=3)
    passage.scan, passage.region = page, "10,20,300,40"
    passage.save()
    Discrepancy.objects.create(
        document=seed,
        first_place="title",
        first_reading="No. 21336",
        second_place="passage",
        second_passage=passage,
        second_reading="№ 21336",
        note="They agree; a test of the format.",
        status="open",
        flagged_by="importer",
    )
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    assert obj["discrepancies"][0]["second_passage"] == "ru-3"
    entry = obj["texts"][0]["passages"][2]
    assert (entry["scan"], entry["region"]) == (2, "10,20,300,40")  # the second page
    obj["summary"] += " Revised."
    obj["texts"][0]["passages"][0]["content"] += " "  # the texts are written anew
    import_document(obj)
    again = export_document(Document.objects.for_exchange().get(record_id=110371))
    assert again["discrepancies"] == obj["discrepancies"]
    assert again["texts"][0]["passages"][2] == entry


def _reimported_with_a_new_first_passage(seed):
    """The seed's object as a record file gives it: no notes, and one passage more at the
    head of the Russian text (the source changed)."""
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj.pop("discrepancies")
    russian = obj["texts"][0]["passages"]
    russian.insert(0, {**russian[0], "content": "НОВАЯ СТРОКА", "alignment_key": None})
    for passage in russian:  # as a file gives it: the archivist's correction undone
        passage["content"] = passage["content"].replace("{sic ФИЛИПОВУ|ФИЛИППОВУ}", "ФИЛИПОВУ")
    return obj


def test_a_passage_moved_by_the_source_keeps_its_correction_and_its_note(seed):
    from archive.models import Discrepancy, Passage

    corrected = Passage.objects.get(text__document=seed, content__contains="{sic ")
    Discrepancy.objects.create(
        document=seed,
        first_place="recipient",
        first_reading="Stalin",
        second_place="passage",
        second_passage=corrected,
        second_reading="ФИЛИПОВУ",
        note="The addressee's codename is misspelled.",
    )
    result = import_document(_reimported_with_a_new_first_passage(seed))
    assert result.outcome == "updated"
    moved = Passage.objects.get(text__document=seed, content__contains="{sic ")
    assert moved.position == corrected.position + 1  # one further on, correction kept
    note = Discrepancy.objects.get(document=seed)
    assert note.second_passage == moved  # the note follows its words


def test_a_note_on_a_passage_the_source_dropped_is_kept_without_it(seed):
    from archive.models import Discrepancy, Passage

    last = Passage.objects.filter(text__document=seed, text__code="ru").order_by("position").last()
    Discrepancy.objects.create(
        document=seed, first_place="date", second_place="passage", second_passage=last, note="N."
    )
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj.pop("discrepancies")
    obj["texts"][0]["passages"].pop()
    import_document(obj)
    note = Discrepancy.objects.get(document=seed)
    assert (note.note, note.second_place, note.second_passage) == ("N.", "passage", None)


def test_a_new_document_is_read_back_without_asking_for_the_parts_its_object_left_empty(db):
    """What an import reads back of a new document: the parts its object gave nothing for
    are known empty, not read; the document so read exports as a full read does."""
    from archive.exchange import _read_back

    document = make_document(record_id=7)
    data = export_document(Document.objects.for_exchange().get(pk=document.pk))
    with CaptureQueriesContext(connection) as queries:
        stored = _read_back(document.pk, None, set(), data)
        exported = export_document(stored)
    read = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in queries]
    # The row (with its type) and its relations (a relation may wait for its document).
    assert read == ['"archive_document"', '"archive_documentrelation"']
    assert exported == data
