"""import_records and export_records as an archivist runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Document, Person, Role

from .factory import SEED_SOURCE_COPY, make_staff
from .records import record

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_folder_is_imported_with_progress_and_a_summary(authorities, tmp_path):
    (tmp_path / "batch" / "more").mkdir(parents=True)
    (tmp_path / "batch" / "one.txt").write_text(record(record_id=1), encoding="utf-8")
    (tmp_path / "batch" / "more" / "two.txt").write_text(record(record_id=2), encoding="utf-8")
    (tmp_path / "batch" / "notes.odt").write_bytes(b"not a record")
    out, err = run("import_records", str(tmp_path / "batch"))
    assert "Importing: 2/2 (100%)" in err
    assert "one.txt: record 1 created" in out
    assert out.strip().endswith("Imported: 2 created, 0 updated, 0 unchanged, 0 failed.")
    assert Document.objects.count() == 2


def test_a_dry_run_shows_what_would_change_and_writes_nothing(seed, tmp_path):
    path = tmp_path / "wilson-110371.txt"
    text = SEED_SOURCE_COPY.read_text(encoding="utf-8")
    path.write_text(text.replace("June 30, 1951**", "June 29, 1951**", 1), encoding="utf-8")
    modified = seed.modified
    out, _err = run("import_records", str(path), "--dry-run")
    # The new date disagrees with the dateline (30.6.1951): the import would flag it too.
    assert "record 110371 would be updated (date, written_dates, discrepancies, source)" in out
    assert "Dry run, nothing written: 0 created, 1 updated" in out
    seed.refresh_from_db()
    assert (str(seed.date), seed.modified) == ("1951-06-30", modified)


def test_new_persons_and_warnings_are_reported(db, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_SOURCE_COPY.read_bytes())
    out, _err = run("import_records", str(path))
    assert "new person created: Mao Zedong" in out  # the title's name for him
    assert "new document type “Ciphered telegram”" in out


def test_a_failed_file_is_named_and_the_command_fails_after_the_others(authorities, tmp_path):
    (tmp_path / "a-good.txt").write_text(record(record_id=1), encoding="utf-8")
    (tmp_path / "b-bad.txt").write_text(record(record_id=2, date="June 31, 1951"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_records", str(tmp_path), stdout=out, stderr=err)
    assert "b-bad.txt: line 1: “June 31, 1951” is not a date in the calendar" in err.getvalue()
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert list(Document.objects.values_list("record_id", flat=True)) == [1]


def test_a_missing_path_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run("import_records", str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="No json files found"):
        run("import_records", str(tmp_path), "--format", "json")


def test_a_named_encoding_and_status(authorities, tmp_path):
    make_staff("curator", "Curator")  # publishing needs an account that may
    path = tmp_path / "cp866.txt"
    path.write_bytes(record().encode("cp866"))
    run(
        "import_records", str(path), "--encoding", "cp866", "--status", "published",
        "--user", "curator",
    )  # fmt: skip
    document = Document.objects.get()
    assert document.status == "published"
    assert (
        document.texts.get(kind="transcription")
        .passages.filter(content__startswith="Прошу сообщить")
        .exists()
    )


def test_export_writes_one_file_per_document(seed, tmp_path):
    draft = Document.objects.create(
        record_id=5, title="A draft", document_type=seed.document_type, status="draft"
    )
    out, _err = run("export_records", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["110371.json", "5.json"]
    assert "Exported 2 document(s)" in out
    run("export_records", str(tmp_path / "public"), "--published-only")
    assert [p.name for p in (tmp_path / "public").iterdir()] == ["110371.json"]
    run("export_records", str(tmp_path / "one"), "--record-id", str(draft.record_id))
    assert json.loads((tmp_path / "one" / "5.json").read_text())["status"] == "draft"
    with pytest.raises(CommandError, match="No such record: 6"):
        run("export_records", str(tmp_path / "none"), "--record-id", "6")


KUZNETSOV_ORIGINAL = """\
Товарищу СТАЛИНУ

Прошу сообщить Ваше мнение о переговорах в Корее.

В. Кузнецов"""

KUZNETSOV_TRANSLATION = """\
## To Comrade STALIN

I ask you to communicate your opinion on the negotiations in Korea.

V. Kuznetsov"""


def test_a_person_signing_with_an_initial_is_found_again(authorities, tmp_path):
    # "В" and "A" are also words ("in", "a"): as initials they are part of the name.
    (tmp_path / "batch").mkdir()
    for record_id in (1, 2):
        text = record(
            record_id=record_id,
            title="Letter to Stalin",
            original=KUZNETSOV_ORIGINAL,
            translations=(KUZNETSOV_TRANSLATION,),
        )
        (tmp_path / "batch" / f"{record_id}.txt").write_text(text, encoding="utf-8")
    out, _err = run("import_records", str(tmp_path / "batch"))
    assert "Imported: 2 created, 0 updated, 0 unchanged, 0 failed." in out
    out, _err = run("import_records", str(tmp_path / "batch"))
    assert "Imported: 0 created, 0 updated, 2 unchanged, 0 failed." in out
    (person,) = Person.objects.filter(name__contains="Kuznetsov")
    assert (person.name, person.sort_name, person.name_ru) == (
        "V. Kuznetsov",
        "Kuznetsov, V.",
        "В. Кузнецов",
    )
    signed = Role.objects.filter(person=person, role="author")
    assert sorted(signed.values_list("document__record_id", flat=True)) == [1, 2]
