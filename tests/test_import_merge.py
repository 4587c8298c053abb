"""Re-importing a record merges three versions: what was last imported, the file, the archive.

What only the file changed is applied, what only an archivist changed is kept, and
where both changed, the archivist's value stays and the file's waits as an import
conflict, which a curator accepts or dismisses in the admin.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from reversion.models import Version

from archive.merging import resolve
from archive.merging.bases import Bases
from archive.merging.merge import Merge
from archive.models import (
    Credit,
    Document,
    ImportBase,
    ImportConflict,
    Passage,
    Person,
    Role,
    Source,
)

from .admin_forms import admin_url, edit_passage
from .factory import SEED_SOURCE_COPY
from .records import ORIGINAL, record

pytestmark = pytest.mark.django_db

RECORD = 200101
ASKS = "Прошу сообщить Ваше мнение о переговорах в Корее."
SALUTATION = "Товарищу ФИЛИПОВУ"
TWO_SOURCES = "APRF, f. 45, op. 1, d. 340, l. 5; RGASPI, f. 558, op. 11, d. 339, l. 92"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def path(authorities, tmp_path):
    """A record's file, imported once: what was imported is the base of what follows."""
    path = tmp_path / "telegram.txt"
    path.write_text(record(references=TWO_SOURCES), encoding="utf-8")
    run(str(path))
    return path


def reimport(path, *args, original=ORIGINAL, **parts):
    """Import the record's file again, changed as the parts say; the command's report."""
    parts.setdefault("references", TWO_SOURCES)
    path.write_text(record(original=original, **parts), encoding="utf-8")
    return run(str(path), *args)


def passage(position, code="ru"):
    return Passage.objects.get(
        text__document__record_id=RECORD, text__code=code, position=position
    ).content


def contents(code="ru"):
    return list(
        Passage.objects.filter(text__document__record_id=RECORD, text__code=code)
        .order_by("position")
        .values_list("content", flat=True)
    )


def as_an_archivist_corrects(position, content, code="ru"):
    Passage.objects.filter(
        text__document__record_id=RECORD, text__code=code, position=position
    ).update(content=content)


def document():
    return Document.objects.get(record_id=RECORD)


def test_the_first_import_keeps_its_base_and_a_record_without_one_is_imported_as_before(
    seed, tmp_path
):
    # The seed came from a fixture: no import has a base for it yet, so the file wins.
    Document.objects.filter(pk=seed.pk).update(summary="Written in the admin.")
    path = tmp_path / "wilson-110371.txt"
    path.write_bytes(SEED_SOURCE_COPY.read_bytes())
    assert "record 110371 updated (summary)" in run(str(path))
    seed.refresh_from_db()
    assert seed.summary.startswith("Telegram from Mao to Stalin")
    base = ImportBase.objects.get(record_id=110371)
    assert base.path == str(path)
    assert base.data["summary"] == seed.summary
    assert base.data["texts"][0]["passages"][0]["content"].endswith("*тов. Сталину*")
    assert not ImportConflict.objects.exists()


def test_what_only_the_file_changed_is_applied(path):
    out = reimport(
        path,
        summary="Mao asks Stalin for his opinion.",
        original=ORIGINAL.replace(ASKS, "Прошу срочно сообщить Ваше мнение."),
    )
    assert f"record {RECORD} updated (summary, texts)" in out
    assert document().summary == "Mao asks Stalin for his opinion."
    assert passage(7) == "Прошу срочно сообщить Ваше мнение."
    assert ImportBase.objects.get(record_id=RECORD).data["summary"] == document().summary
    assert not ImportConflict.objects.exists()


def test_a_passage_corrected_in_the_admin_is_kept_when_its_file_is_imported_again(
    db, tmp_path, staff_client
):
    """The issue's example: the correction used to be gone from the page, without a word."""
    path = tmp_path / "wilson-110371.txt"
    path.write_bytes(SEED_SOURCE_COPY.read_bytes())
    run(str(path))
    wrong = Passage.objects.get(content__startswith="Прошу Вас срочно")
    edit_passage(staff_client, wrong, "Прошу Вас срочно сообщить Ваше мнение (исправлено).")

    out = run(str(path), "--verbosity", "2")
    assert "record 110371 unchanged" in out
    assert f"kept the archive's passage ru {wrong.position}, as an archivist changed it" in out
    wrong.refresh_from_db()
    assert wrong.content == "Прошу Вас срочно сообщить Ваше мнение (исправлено)."

    # A later version of the file, changed elsewhere: its change comes in, the correction stays.
    path.write_text(
        SEED_SOURCE_COPY.read_text(encoding="utf-8").replace("Ridgway.", "General Ridgway."),
        encoding="utf-8",
    )
    assert "record 110371 updated (summary)" in run(str(path))
    document = Document.objects.get(record_id=110371)
    assert document.summary.endswith("from General Ridgway.")
    assert Passage.objects.get(pk=wrong.pk).content.endswith("(исправлено).")
    # The import is a revision of its own in the edit history, after the archivist's.
    latest = Version.objects.get_for_object(document).first().revision
    assert latest.comment == "Imported from wilson-110371.txt."
    assert latest.user is None


def test_where_both_changed_the_archivists_value_stays_and_the_files_is_a_conflict(path):
    Document.objects.filter(record_id=RECORD).update(summary="Mao asks; the archivist's words.")
    as_an_archivist_corrects(7, "Прошу сообщить Ваше мнение о переговорах в Корее (sic).")

    out = reimport(
        path,
        summary="Mao asks; the file's words.",
        original=ORIGINAL.replace(ASKS, "Прошу срочно сообщить Ваше мнение."),
    )
    assert document().summary == "Mao asks; the archivist's words."
    assert passage(7).endswith("(sic).")
    assert (
        f"{path}: record {RECORD}: import conflict in summary: the archive's “Mao asks; the "
        "archivist's words.” kept, the file's “Mao asks; the file's words.” recorded for review"
    ) in out
    assert (
        f"{path}: record {RECORD}: import conflict in passage ru 7: the archive's “Прошу сообщить "
        "Ваше мнение о переговорах в Корее (sic).” kept, the file's “Прошу срочно сообщить Ваше "
        "мнение.” recorded"
    ) in out
    assert "2 import conflict(s) recorded: the archive's values were kept" in out

    conflict = ImportConflict.objects.get(what="summary")
    assert conflict.document == document()
    assert (conflict.base_value, conflict.file_value, conflict.archive_value) == (
        "Mao asks Stalin for his opinion on the negotiations.",
        "Mao asks; the file's words.",
        "Mao asks; the archivist's words.",
    )
    assert conflict.status == ImportConflict.Status.OPEN and conflict.file == str(path)
    conflict = ImportConflict.objects.get(what="passage ru 7")
    assert [p["content"] for p in conflict.file_value] == ["Прошу срочно сообщить Ваше мнение."]
    assert [p["content"] for p in conflict.base_value] == [ASKS]

    # The same file once more: nothing new to say, no conflict doubled.
    out = reimport(
        path,
        summary="Mao asks; the file's words.",
        original=ORIGINAL.replace(ASKS, "Прошу срочно сообщить Ваше мнение."),
    )
    assert "import conflict" not in out
    assert ImportConflict.objects.filter(status="open").count() == 2
    # The file changes the summary again: its new value replaces the one waiting.
    out = reimport(
        path,
        summary="Mao asks; the file's newer words.",
        original=ORIGINAL.replace(ASKS, "Прошу срочно сообщить Ваше мнение."),
    )
    assert "import conflict in summary" in out and "passage ru 7" not in out
    summaries = ImportConflict.objects.filter(what="summary")
    assert dict(summaries.values_list("file_value", "status")) == {
        "Mao asks; the file's words.": "superseded",
        "Mao asks; the file's newer words.": "open",
    }
    assert document().summary == "Mao asks; the archivist's words."


def test_a_passage_the_file_changed_merges_with_its_neighbour_an_archivist_changed(path):
    as_an_archivist_corrects(6, "Товарищу ФИЛИППОВУ [Сталину]")
    out = reimport(path, "--verbosity", "2", original=ORIGINAL.replace(ASKS, "Прошу сообщить."))
    assert passage(6) == "Товарищу ФИЛИППОВУ [Сталину]"  # the archivist's
    assert passage(7) == "Прошу сообщить."  # the file's
    assert "applied the file's passage ru 7" in out
    assert "kept the archive's passage ru 6, as an archivist changed it" in out
    assert not ImportConflict.objects.exists()


def test_a_neighbour_the_file_only_paired_anew_keeps_an_archivists_correction(path):
    # A shorter request no longer pairs with its translation: the importer numbers the
    # alignment keys after it anew, the signature's too, which an archivist has corrected.
    as_an_archivist_corrects(8, "МАО ЦЗЕ-ДУН (подпись)")
    keys = dict(
        Passage.objects.filter(text__document__record_id=RECORD, text__code="ru").values_list(
            "position", "alignment_key"
        )
    )
    out = reimport(path, "--verbosity", "2", original=ORIGINAL.replace(ASKS, "Прошу сообщить."))
    assert (passage(7), passage(8)) == ("Прошу сообщить.", "МАО ЦЗЕ-ДУН (подпись)")
    signature = Passage.objects.get(text__document__record_id=RECORD, text__code="ru", position=8)
    assert signature.alignment_key == keys[8] - 1  # the file's new pairing
    assert "applied the file's passage ru 8 (alignment_key)" in out
    assert "kept the archive's passage ru 8 (content), as an archivist changed it" in out
    assert not ImportConflict.objects.exists()


def test_a_passage_the_file_inserts_does_not_shift_an_archivists_correction_into_conflict(path):
    as_an_archivist_corrects(8, "МАО ЦЗЕ-ДУН (подпись)")
    before = contents()
    inserted = ORIGINAL.replace(ASKS, f"{ASKS}\n\nПрошу ответить быстро.")
    reimport(path, original=inserted)
    assert contents() == [*before[:7], "Прошу ответить быстро.", *before[7:]]
    assert passage(9) == "МАО ЦЗЕ-ДУН (подпись)"
    assert not ImportConflict.objects.exists()


def test_sources_are_merged_one_by_one(path):
    Source.objects.filter(document__record_id=RECORD, position=1).update(note="Checked in Moscow.")
    changed = "APRF, f. 45, op. 1, d. 340, l. 5; RGASPI, f. 558, op. 11, d. 339, l. 93"
    out = reimport(path, "--verbosity", "2", references=changed)
    first, second = document().sources.order_by("position")
    assert first.note == "Checked in Moscow."  # the archivist's
    assert second.listy == "93"  # the file's
    assert "applied the file's source 2" in out and "kept the archive's source 1" in out
    assert not ImportConflict.objects.exists()

    # Both change the second source: the archivist's stays, the file's is a conflict.
    Source.objects.filter(pk=second.pk).update(listy="93-94")
    out = reimport(path, references=changed.replace("l. 93", "l. 95"))
    second.refresh_from_db()
    assert second.listy == "93-94"
    conflict = ImportConflict.objects.get()
    assert conflict.what == "source 2"
    assert conflict.file_value[0]["listy"] == "95" and conflict.archive_value[0]["listy"] == "93-94"
    assert "import conflict in source 2" in out


def test_credits_are_merged_one_by_one(path):
    credited = f"{TWO_SOURCES}. Translated by Mark Kramer."
    reimport(path, references=credited)
    (credit,) = document().credits.all()
    assert credit.name == "Mark Kramer"
    Credit.objects.filter(pk=credit.pk).update(organisation="Harvard University")

    # The file names another translator: both changed the credit, the archivist's stays.
    out = reimport(path, references=credited.replace("Mark Kramer", "Gary Goldberg"))
    credit.refresh_from_db()
    assert (credit.name, credit.organisation) == ("Mark Kramer", "Harvard University")
    conflict = ImportConflict.objects.get()
    assert conflict.what == "credit 1"
    assert conflict.file_value[0]["name"] == "Gary Goldberg"
    assert "import conflict in credit 1: the archive's “Translated by Mark Kramer..”" in out


def test_a_role_an_archivist_added_is_kept_while_the_files_changes_come_in(path):
    kim = Person.objects.get(slug="kim-il-sung")
    Role.objects.create(document=document(), person=kim, role="mentioned", position=9)
    reimport(path, summary="A new summary.")
    assert document().summary == "A new summary."
    assert document().roles.filter(person=kim, role="mentioned").exists()
    assert document().roles.count() == 4


def test_a_dry_run_shows_the_merge_and_writes_nothing(path):
    Document.objects.filter(record_id=RECORD).update(summary="The archivist's summary.")
    as_an_archivist_corrects(6, "Товарищу ФИЛИППОВУ")
    base = ImportBase.objects.get(record_id=RECORD).data
    modified = document().modified
    out = reimport(
        path,
        "--dry-run",
        summary="The file's summary.",
        original=ORIGINAL.replace(ASKS, "Прошу сообщить."),
    )
    assert f"record {RECORD} would be updated (texts)" in out
    assert "would apply the file's passage ru 7" in out
    assert "kept the archive's passage ru 6, as an archivist changed it" in out
    conflict = (
        "import conflict in summary: the archive's “The archivist's summary.” kept, "
        "the file's “The file's summary.” would be recorded for review"
    )
    assert conflict in out
    assert "1 import conflict(s) would be recorded" in out
    assert "Dry run, nothing written: 0 created, 1 updated" in out
    assert passage(7) == ASKS
    assert document().modified == modified
    assert ImportBase.objects.get(record_id=RECORD).data == base
    assert not ImportConflict.objects.exists()


@pytest.fixture
def conflict(path):
    Document.objects.filter(record_id=RECORD).update(summary="The archivist's summary.")
    reimport(path, summary="The file's summary.")
    return ImportConflict.objects.get()


@pytest.fixture
def curator(django_user_model):
    """A staff account that may see and resolve import conflicts and change documents (which
    accepting one writes into), and nothing else."""
    user = django_user_model.objects.create_user(username="curator", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_importconflict", "change_importconflict", "change_document"]
        )
    )
    return user


def test_the_admin_lists_open_conflicts_and_a_curator_accepts_one(client, curator, conflict, path):
    client.force_login(curator)
    listing = client.get(admin_url(ImportConflict, "changelist")).content.decode()
    assert "The file&#x27;s summary." in listing and "The archivist&#x27;s summary." in listing
    page = client.get(admin_url(ImportConflict, "change", conflict.pk)).content.decode()
    assert "Accept the file’s value" in page and "Dismiss: keep the archive’s" in page

    response = client.post(admin_url(ImportConflict, "accept", conflict.pk))
    assert response.status_code == 302
    assert document().summary == "The file's summary."
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_by) == ("accepted", curator)
    assert conflict.resolved_at is not None
    revision = Version.objects.get_for_object(document()).first().revision
    assert revision.comment == "Import conflict accepted by curator: summary as in telegram.txt."
    assert revision.user == curator
    # Resolved, it leaves the list of open conflicts; it is under "accepted".
    listing = client.get(admin_url(ImportConflict, "changelist")).content.decode()
    assert "0 import conflicts" in listing
    listing = client.get(admin_url(ImportConflict, "changelist") + "?status=accepted")
    assert "1 import conflict" in listing.content.decode()
    # The document agrees with the file again: the file's next change to it comes straight in.
    assert "import conflict" not in reimport(path, summary="The file's next summary.")
    assert document().summary == "The file's next summary."


def test_a_curator_dismisses_a_conflict_and_the_archives_value_stays(client, curator, conflict):
    client.force_login(curator)
    response = client.post(admin_url(ImportConflict, "dismiss", conflict.pk))
    assert response.status_code == 302
    assert document().summary == "The archivist's summary."
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_by) == ("dismissed", curator)
    assert conflict.resolved_at is not None
    # A dismissed conflict cannot be accepted afterwards.
    client.post(admin_url(ImportConflict, "accept", conflict.pk))
    assert document().summary == "The archivist's summary."


def test_passage_conflicts_are_accepted_from_the_list_as_an_action(client, curator, path):
    as_an_archivist_corrects(7, "Прошу (архивист).")
    as_an_archivist_corrects(8, "МАО (архивист).")
    original = ORIGINAL.replace(ASKS, "Прошу (файл).").replace("МАО ЦЗЕ-ДУН\n", "МАО (файл).\n")
    reimport(path, original=original)
    whats = ImportConflict.objects.order_by("what").values_list("what", flat=True)
    assert list(whats) == ["passage ru 7", "passage ru 8"]
    client.force_login(curator)
    response = client.post(
        admin_url(ImportConflict, "changelist"),
        {
            "action": "accept_conflicts",
            "_selected_action": [c.pk for c in ImportConflict.objects.all()],
        },
        follow=True,
    )
    assert "2 conflicts accepted." in response.content.decode()
    assert (passage(7), passage(8)) == ("Прошу (файл).", "МАО (файл).")
    assert set(ImportConflict.objects.values_list("status", flat=True)) == {"accepted"}


def test_a_passage_the_file_split_where_an_archivist_corrected_it_is_accepted_whole(path, curator):
    as_an_archivist_corrects(7, "Прошу сообщить Ваше мнение о переговорах (исправлено).")
    split = ORIGINAL.replace(ASKS, "Прошу сообщить Ваше мнение.\n\nО переговорах в Корее.")
    reimport(path, original=split)
    assert passage(7).endswith("(исправлено).") and passage(8) == "МАО ЦЗЕ-ДУН"
    conflict = ImportConflict.objects.get()
    assert conflict.what == "passage ru 7"
    assert [p["content"] for p in conflict.file_value] == [
        "Прошу сообщить Ваше мнение.",
        "О переговорах в Корее.",
    ]
    resolve.accept(conflict, curator)
    assert contents()[6:9] == [
        "Прошу сообщить Ваше мнение.",
        "О переговорах в Корее.",
        "МАО ЦЗЕ-ДУН",
    ]


def test_a_role_both_changed_is_a_conflict_and_accepting_it_rewrites_the_role(path, curator):
    stalin = Role.objects.filter(document__record_id=RECORD, role="recipient")
    stalin.update(note="Filippov was Stalin's codename.")
    out = reimport(path, original=ORIGINAL.replace(SALUTATION, "Товарищу ФИЛИППОВУ"))
    # Both sides are the same person in the same role: the report says what differs.
    assert 'joseph-stalin (recipient) [name_as_written: "ФИЛИПОВУ"; note:' in out
    assert 'joseph-stalin (recipient) [name_as_written: "ФИЛИППОВУ"; note:' in out
    assert stalin.get().name_as_written == "ФИЛИПОВУ"  # the role as the archivist left it
    conflict = ImportConflict.objects.get(what="role joseph-stalin (recipient)")
    assert conflict.file_value["name_as_written"] == "ФИЛИППОВУ"
    assert passage(6) == "Товарищу ФИЛИППОВУ"  # the passage only the file changed
    resolve.accept(conflict, curator)
    assert stalin.get().name_as_written == "ФИЛИППОВУ"


def test_a_conflict_is_not_accepted_over_a_later_change(client, curator, conflict):
    Document.objects.filter(record_id=RECORD).update(summary="Changed again since.")
    client.force_login(curator)
    response = client.post(admin_url(ImportConflict, "accept", conflict.pk), follow=True)
    assert "summary has changed since the import" in response.content.decode()
    assert document().summary == "Changed again since."
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_resolving_needs_the_change_permission(client, django_user_model, conflict):
    viewer = django_user_model.objects.create_user(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_importconflict"))
    client.force_login(viewer)
    page = client.get(admin_url(ImportConflict, "change", conflict.pk)).content.decode()
    assert "Accept the file’s value" not in page
    assert client.post(admin_url(ImportConflict, "accept", conflict.pk)).status_code == 403
    assert client.post(admin_url(ImportConflict, "dismiss", conflict.pk)).status_code == 403
    conflict.refresh_from_db()
    assert conflict.status == "open"
    assert document().summary == "The archivist's summary."


def test_a_document_with_conflicts_is_deleted_with_them_and_they_are_not_deleted_alone(
    staff_client, conflict
):
    assert staff_client.post(admin_url(ImportConflict, "delete", conflict.pk)).status_code == 403
    response = staff_client.post(admin_url(Document, "delete", document().pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.filter(record_id=RECORD).exists()
    assert not ImportConflict.objects.exists()


def test_a_failed_reimport_leaves_the_base_and_records_no_conflict(path):
    Document.objects.filter(record_id=RECORD).update(summary="The archivist's summary.")
    base = ImportBase.objects.get(record_id=RECORD).data
    with pytest.raises(CommandError, match="1 of 1 file"):
        reimport(path, summary="The file's summary.", date="June 31, 1951")
    assert ImportBase.objects.get(record_id=RECORD).data == base
    assert not ImportConflict.objects.exists()


def test_a_failure_while_recording_the_merge_undoes_the_whole_file(path, monkeypatch):
    Document.objects.filter(record_id=RECORD).update(summary="The archivist's summary.")
    base = ImportBase.objects.get(record_id=RECORD).data
    save = Bases.save

    def fails_after_writing(self, *args):
        save(self, *args)
        assert ImportConflict.objects.exists()  # written, within the file's transaction
        raise DatabaseError("disk full")

    monkeypatch.setattr(Bases, "save", fails_after_writing)
    with pytest.raises(DatabaseError):
        reimport(path, summary="The file's summary.", original=ORIGINAL.replace(ASKS, "Прошу."))
    assert passage(7) == ASKS  # the file's change to the passage is not in either
    assert ImportBase.objects.get(record_id=RECORD).data == base
    assert not ImportConflict.objects.exists()


def test_an_exchange_file_imported_again_keeps_the_archivists_work_too(seed, tmp_path):
    call_command("export_records", str(tmp_path), verbosity=0)
    exported = tmp_path / "110371.json"
    run("--format", "json", str(exported))  # the base
    Document.objects.filter(pk=seed.pk).update(title="Retitled by an archivist")
    assert "unchanged" in run("--format", "json", "--verbosity", "2", str(exported))
    seed.refresh_from_db()
    assert seed.title == "Retitled by an archivist"


# --- The merge itself, on objects made by hand ---------------------------------------------


def merge(base, file, archive):
    """Merge three lists of sources; the merged list, and the Merge that says what it did."""
    merging = Merge({"sources": base})
    merged = merging({"record_id": 1, "sources": file}, {"sources": archive})
    return [s["as_written"] for s in merged["sources"]], merging


def sources(*names):
    return [{"as_written": name} for name in names]


def test_each_sides_change_to_a_sequence_holds_where_they_only_touch():
    merged, merging = merge(sources("A", "B", "C"), sources("A", "C"), sources("A", "B", "C2"))
    assert merged == ["A", "C2"]
    assert (merging.applied, merging.kept, merging.conflicts) == (
        ["source 2 (removed)"],
        ["source 2"],
        [],
    )


def test_two_insertions_at_one_place_are_a_conflict_and_the_archives_stays():
    merged, merging = merge(sources("A", "B"), sources("A", "X", "B"), sources("A", "Y", "B"))
    assert merged == ["A", "Y", "B"]
    (conflict,) = merging.conflicts
    assert (conflict.what, conflict.base) == ("source 2", [])
    assert (conflict.file, conflict.archive) == (sources("X"), sources("Y"))
    assert conflict.location == {"part": "sources", "start": 1, "stop": 2}


def test_the_same_change_on_both_sides_is_no_conflict():
    merged, merging = merge(sources("A", "B"), sources("A", "B2"), sources("A", "B2"))
    assert merged == ["A", "B2"]
    assert (merging.applied, merging.kept, merging.conflicts) == ([], [], [])


def test_without_a_base_the_files_object_is_written_as_it_is():
    file = {"record_id": 1, "sources": sources("X")}
    assert Merge()(file, {"sources": sources("Y")}) is file


def test_a_role_of_a_person_the_first_import_made_is_known_again_by_slug():
    # The first import named a new person by name; the archive (and every file after it)
    # names them by the slug they were given. An archivist deleted the role since.
    new = {"name": "Ivan Petrov", "slug": None}
    base = {"persons": [new], "roles": [{"person": "Ivan Petrov", "role": "author"}]}
    known = {"name": "Ivan Petrov", "slug": "ivan-petrov"}
    file = {
        "record_id": 1,
        "persons": [known],
        "roles": [{"person": "ivan-petrov", "role": "author"}],
    }
    merging = Merge(base)
    merged = merging(file, {"persons": [known], "roles": []})
    assert merged["roles"] == []  # the deletion is kept: the role does not come back
    assert (merging.applied, merging.conflicts) == ([], [])
    assert merging.kept == ["role ivan-petrov (author)"]


def test_a_record_without_a_base_is_replaced_and_the_report_says_so(path):
    ImportBase.objects.all().delete()  # as for a record imported before bases were kept
    Document.objects.filter(record_id=RECORD).update(summary="The archivist's summary.")
    out = reimport(path, summary="The file's summary.")
    assert "no earlier import of this record is kept to merge with" in out
    assert document().summary == "The file's summary."
    assert ImportBase.objects.filter(record_id=RECORD).exists()  # kept for the next import


def test_accepting_needs_the_right_to_change_the_document_and_its_status_to_publish(
    conflict, curator, django_user_model
):
    resolver = django_user_model.objects.create_user(username="resolver", is_staff=True)
    resolver.user_permissions.set(
        Permission.objects.filter(codename__in=["view_importconflict", "change_importconflict"])
    )
    with pytest.raises(resolve.Unresolvable, match="which you may not change"):
        resolve.accept(conflict, resolver)
    conflict.location = {"field": "status"}  # as a status both sides changed would be
    with pytest.raises(resolve.Unresolvable, match="only a curator may"):
        resolve.accept(conflict, curator)  # may change documents, not publish them
    conflict.refresh_from_db()
    assert conflict.status == "open"
    assert document().summary == "The archivist's summary."
