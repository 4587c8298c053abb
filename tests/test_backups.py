"""Backups of the SQLite database made while it is written to, and restored."""

import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from archive.backups import BackupError, copy_database, inspect_backup
from archive.models import Document

from .factory import make_document


def make_database(path, rows):
    database = sqlite3.connect(path)
    database.executescript(
        "CREATE TABLE letters (id INTEGER PRIMARY KEY, body TEXT);"
        "CREATE TABLE receipts (id INTEGER PRIMARY KEY, letter INTEGER);"
    )
    with database:
        for n in range(rows):
            database.execute("INSERT INTO letters (body) VALUES (?)", ("Текст " * 100,))
            database.execute("INSERT INTO receipts (letter) VALUES (?)", (n,))
    database.close()


def test_a_backup_made_while_the_database_is_written_is_consistent(tmp_path):
    source = tmp_path / "live.sqlite3"
    make_database(source, 300)
    writer = sqlite3.connect(source)
    written = []

    def write_between_steps(done, total):
        # Another connection writes a letter and its receipt, in one transaction, while the
        # copy is under way: SQLite starts the copy again rather than copy half a state.
        with writer:
            writer.execute("INSERT INTO letters (body) VALUES ('Новое письмо')")
            writer.execute("INSERT INTO receipts (letter) VALUES (-1)")
        written.append(done)

    report = copy_database(str(source), tmp_path / "copy.sqlite3", write_between_steps, 8)
    writer.close()
    assert len(written) > 10 and report.restarts >= 1

    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    letters = copy.execute("SELECT count(*) FROM letters").fetchone()[0]
    receipts = copy.execute("SELECT count(*) FROM receipts").fetchone()[0]
    assert letters == receipts  # never a letter without its receipt
    assert 300 < letters <= 300 + len(written)
    live = sqlite3.connect(source)
    assert live.execute("SELECT count(*) FROM letters").fetchone()[0] == 300 + len(written)


def test_a_backup_never_overwrites_a_file(tmp_path):
    make_database(tmp_path / "live.sqlite3", 1)
    (tmp_path / "copy.sqlite3").write_text("an older backup")
    with pytest.raises(BackupError, match="exists already"):
        copy_database(str(tmp_path / "live.sqlite3"), tmp_path / "copy.sqlite3")
    assert (tmp_path / "copy.sqlite3").read_text() == "an older backup"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="backs up the SQLite database")
def test_back_up_and_restore_the_archive(seed, tmp_path):
    call_command("backup_database", str(tmp_path), verbosity=0)
    (path,) = tmp_path.glob("archive-*.sqlite3")
    make_document(title="Written after the backup")
    seed.delete()

    call_command("restore_database", str(path), interactive=False, verbosity=0)
    assert list(Document.objects.values_list("record_id", flat=True)) == [110371]
    assert Document.objects.published().search("Риджуэй").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="backs up the SQLite database")
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(seed, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CommandError, match="is not an archive database backup"):
        call_command("restore_database", str(junk), interactive=False, verbosity=0)
    other = tmp_path / "other.sqlite3"
    make_database(other, 1)
    with pytest.raises(CommandError, match="not an archive database backup"):
        call_command("restore_database", str(other), interactive=False, verbosity=0)
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_backing_up_another_database_points_to_its_own_tools(tmp_path, monkeypatch):
    # On the PostgreSQL run this is the real thing; on SQLite the connection says it is not.
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_database", str(tmp_path), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_an_sqlite_database_of_something_else_is_not_a_backup(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE django_migrations (app text, name text)")
        db.execute("INSERT INTO django_migrations VALUES ('blog', '0001_initial')")
    db.close()
    with pytest.raises(BackupError, match="is an SQLite database, but not of this archive"):
        inspect_backup(other)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="backs up the SQLite database")
def test_a_backup_from_a_newer_archive_is_refused_and_nothing_changes(seed, tmp_path):
    call_command("backup_database", str(tmp_path), verbosity=0)
    (path,) = tmp_path.glob("archive-*.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)",
                   ("archive", "9999_from_the_future", "2030-01-01 00:00:00"))  # fmt: skip
    db.close()
    seed.delete()
    with pytest.raises(CommandError, match="made by a newer version of the archive"):
        call_command("restore_database", str(path), interactive=False, verbosity=0)
    assert Document.objects.count() == 0  # as it was: the seed deleted, nothing restored
