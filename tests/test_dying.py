"""Dying mid-write loses nothing.

Each test starts a real process over a database — `manage.py import_records`,
`manage.py backup_database`, gunicorn serving the admin — and kills it with SIGKILL
while it writes: no clean-up of its own runs, as when the OOM killer, `kill -9` or a
lost machine ends it. Then the database passes its own integrity check
(tests/integrity.py), nothing is half written, and everything that was reported done
is there. The restore drill backs up, restores into an empty database and exports:
the export is the same, byte for byte, as one made before the backup.
"""

import http.client
import itertools
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.db.utils import ConnectionHandler
from reversion.models import Revision, Version

from archive.backups import inspect_backup
from archive.changes import deferred
from archive.importing.batch import import_files
from archive.models import Document, Person
from config.database import database_settings

from .factory import SEED_SOURCE_COPY
from .html import form_fields
from .integrity import assert_database_intact, assert_history_whole, parts_of
from .processes import AppServer, database_url, kill_hard, kill_while_writing, manage

pytestmark = pytest.mark.django_db(transaction=True)

# Each generated record is deciphered by a clerk of its own, whom no other record names:
# a person that its import creates, and that must come and go with it.
SURNAMES = """Абрамов Баранов Воронов Гусев Давыдов Ершов Жуков Зайцев Исаев Калинин Лапин
Медведев Никитин Орлов Панов Родионов Соколов Тарасов Уваров Фомин Харитонов Цветков Чернов
Шаров Щукин Юдин Белов Волков Галкин Денисов Егоров Зуев Ильин Козлов Лебедев Носов Осипов
Павлов Рябов Сидоров""".split()


@dataclass
class Record:
    path: Path
    record_id: int
    decipherer: str


def write_records(folder, count):
    """`count` record files made from the seed's, each with its own record id, telegram
    number and decipherer."""
    folder.mkdir()
    seed = SEED_SOURCE_COPY.read_text(encoding="utf-8")
    records = []
    for n, surname in enumerate(SURNAMES[:count]):
        record = Record(folder / f"wilson-{300000 + n}.txt", 300000 + n, surname)
        text = seed.replace("110371", str(record.record_id)).replace("21336", str(40000 + n))
        record.path.write_text(text.replace("Елезов", surname), encoding="utf-8")
        records.append(record)
    return records


def finish(process, log, timeout=120):
    assert process.wait(timeout) == 0, Path(log).read_text()[-3000:]
    return Path(log).read_text()


def other_database(url):
    """A connection of its own to the database at `url` (not the suite's)."""
    return ConnectionHandler({"default": database_settings(url)})["default"]


# --- An import of many files -------------------------------------------------------------


def test_an_import_killed_midway_leaves_each_file_wholly_in_or_out_and_completes_again(
    tmp_path,
):
    records = write_records(tmp_path / "records", 40)
    database = database_url(connection.settings_dict)

    def import_records(log):
        folder = str(tmp_path / "records")
        return manage("import_records", folder, database=database, log=tmp_path / log)

    # Killed once some files are in, while the next is being written; run again, killed again
    # further on (so the run that completes an import killed before can die too).
    shapes = set()
    for at_least in (8, 24):
        run = import_records(f"killed-at-{at_least}.log")
        kill_while_writing(run, connection, ready=lambda n=at_least: _documents() >= n, timeout=90)
        assert_database_intact()
        stored, shape = assert_each_file_wholly_in_or_out(records)
        assert at_least <= len(stored) < len(records)
        shapes.add(shape)

    output = finish(import_records("completed.log"), tmp_path / "completed.log")
    counts = re.search(
        r"Imported: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) failed", output
    )
    assert tuple(map(int, counts.groups())) == (len(records) - len(stored), 0, len(stored), 0)
    assert_database_intact()
    stored, shape = assert_each_file_wholly_in_or_out(records)
    assert len(stored) == Document.objects.count() == len(records)
    assert shapes == {shape}  # what was in after each kill was each file whole
    # Nothing doubled: a person once, a revision per record (one run changed it), the parts
    # of one import (the shape) in each.
    for field in ("name", "name_ru", "slug"):
        assert not Person.objects.values(field).annotate(n=Count("pk")).filter(n__gt=1)
    document_versions = Version.objects.get_for_model(Document)
    assert Counter(document_versions.values_list("object_id", flat=True)) == {
        str(pk): 1 for pk in Document.objects.values_list("pk", flat=True)
    }
    assert Revision.objects.count() == len(records)
    assert_history_whole()


def _documents():
    return Document.objects.count()


def assert_each_file_wholly_in_or_out(records):
    """Each record file is in whole (its document, with every part, its new person and its
    revision holding exactly all that) or not at all; return (record ids in, the shape of
    each document in: how many of each kind of part)."""
    stored = {document.record_id: document for document in Document.objects.all()}
    shapes = set()
    for record in records:
        revisions = list(Revision.objects.filter(comment=f"Imported from {record.path.name}."))
        persons = list(Person.objects.filter(name_ru=record.decipherer))
        document = stored.get(record.record_id)
        if document is None:
            assert revisions == [] and persons == [], f"{record.path.name} is half in"
            continue
        assert len(revisions) == 1 and len(persons) == 1, f"{record.path.name} is half in"
        assert document.roles.filter(person=persons[0], role="decipherer").exists()
        parts = parts_of(document)
        held = {(v.content_type_id, v.object_id) for v in revisions[0].version_set.all()}
        assert held == {(ContentType.objects.get_for_model(p).id, str(p.pk)) for p in parts}
        shapes.add(tuple(sorted(Counter(type(part).__name__ for part in parts).items())))
    # Every document in has the same parts as every other: made from one file, none is short.
    assert len(shapes) <= 1, shapes
    # No revision holds a document that is not in.
    recorded = {v.field_dict["record_id"] for v in Version.objects.get_for_model(Document)}
    assert recorded == set(stored)
    return set(stored), shapes.pop() if shapes else None


# --- A backup ----------------------------------------------------------------------------


@pytest.fixture
def sqlite_archive(tmp_path):
    """(DATABASE_URL, connection) of an SQLite archive with the seed record: the test
    database itself on SQLite; on PostgreSQL (whose backups are pg_dump's), one of its own."""
    if connection.vendor == "sqlite":
        with deferred():
            call_command("loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=0)
        yield database_url(connection.settings_dict), connection
        return
    url, log = f"sqlite:///{tmp_path / 'archive.sqlite3'}", tmp_path / "setup.log"
    finish(manage("migrate", "--no-input", database=url, log=log), log)
    finish(manage("seed", database=url, log=log), log)
    own = other_database(url)
    yield url, own
    own.close()


def test_a_backup_killed_midway_leaves_no_file_under_a_backup_name(sqlite_archive, tmp_path):
    database, live = sqlite_archive
    backups = tmp_path / "backups"
    backups.mkdir()

    def backup_database(*args, log):
        return manage("backup_database", *args, database=database, log=tmp_path / log)

    # Paced (as an archivist would pace a big backup on a busy server) to take a few seconds
    # whatever the database's size, so that it is surely killed while it copies, three
    # quarters of the way.
    slow = backup_database(str(backups), "--max-rate", _rate(live, 3), log="killed.log")
    wait_for_progress(slow, tmp_path / "killed.log", 75)
    kill_hard(slow)
    (leftover,) = backups.iterdir()  # the copy so far, under the name of an unfinished one
    assert re.fullmatch(r"\.archive-\d{8}-\d{6}\.sqlite3\.partial", leftover.name)
    assert leftover.stat().st_size > 0
    assert_database_intact(live)

    # A restore refuses it, and changes nothing.
    log = tmp_path / "restore.log"
    refused = manage("restore_database", str(leftover), "--no-input", database=database, log=log)
    assert refused.wait(60) != 0
    assert "is an unfinished backup" in log.read_text()
    assert _seed_documents(live) == 1

    # The next backup into the folder removes it, and is whole.
    output = finish(backup_database(str(backups), log="next.log"), tmp_path / "next.log")
    assert f"Removed {leftover}, left by a backup that stopped midway." in output
    (backup,) = backups.iterdir()
    assert re.fullmatch(r"archive-\d{8}-\d{6}\.sqlite3", backup.name)
    assert inspect_backup(backup)[0] == 1

    # A backup still under way is not taken for one that died: another backup into the same
    # folder leaves its copy alone. (Slower still: it must outlast the other.)
    slow = backup_database(
        str(backups / "slow.sqlite3"), "--max-rate", _rate(live, 30), log="slow.log"
    )
    wait_for_progress(slow, tmp_path / "slow.log", 1)
    finish(backup_database(str(backups / "quick.sqlite3"), log="quick.log"), tmp_path / "quick.log")
    assert (backups / ".slow.sqlite3.partial").exists()
    assert slow.poll() is None
    kill_hard(slow)
    assert sorted(path.name for path in backups.iterdir()) == [
        ".slow.sqlite3.partial", backup.name, "quick.sqlite3",
    ]  # fmt: skip
    assert_database_intact(live)


def wait_for_progress(process, log, percent, timeout=60):
    """Wait until a backup reports that it has copied at least `percent` % (not all)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, Path(log).read_text()[-3000:]
        reports = re.findall(r"Copying pages: (\d+)/(\d+)", Path(log).read_text())
        if reports and reports[-1][0] != reports[-1][1]:
            done, total = map(int, reports[-1])
            if done * 100 >= percent * total:
                return
        time.sleep(0.02)
    raise AssertionError("the backup did not get under way")


def _rate(live, seconds):
    """The --max-rate at which a backup of the database takes this many seconds."""
    with live.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        size = pages * cursor.fetchone()[0]
    return f"{size / seconds / 1_000_000:.6f}"


def _seed_documents(live):
    with live.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_document WHERE record_id = 110371")
        return cursor.fetchone()[0]


# --- A burst of admin saves --------------------------------------------------------------

PASSWORD = "a long passphrase"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to see, not to follow


class Archivist:
    """A signed-in archivist's browser, that reports each answer as it comes (a 302 too)."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(), NoRedirects()
        )
        _status, page = self.get("/admin/login/")
        fields = dict(form_fields(page, "login-form"), username="archivist", password=PASSWORD)
        status, _page = self.post("/admin/login/?next=/admin/", fields)
        assert status == 302, "not signed in"

    def get(self, path):
        return self._open(urllib.request.Request(self.url + path))

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        return self._open(
            urllib.request.Request(self.url + path, data=data, headers={"Referer": self.url + path})
        )

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(errors="replace")


def test_a_server_killed_in_a_burst_of_admin_saves_loses_no_saved_edit(tmp_path, django_user_model):
    records = write_records(tmp_path / "records", 3)
    import_files([record.path for record in records])  # each with its revision
    documents = list(Document.objects.order_by("record_id"))
    django_user_model.objects.create_superuser("archivist", password=PASSWORD)
    server = AppServer(
        database_url(connection.settings_dict), workers=2, threads=4, log=tmp_path / "server.log"
    )
    outcomes, stop = [], threading.Event()  # outcomes: (marker, status or "no answer")

    def edit(number, document):
        """GET the change form, post it back with a summary of its own; again and again."""
        path = f"/admin/archive/document/{document.pk}/change/"
        archivist = Archivist(server.url)
        for attempt in itertools.count():
            marker = f"[save {number}.{attempt}]"
            try:
                status, page = archivist.get(path)
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            if status != 200:
                outcomes.append((marker, f"form not shown: {status}"))
                return
            fields = [
                (name, f"{document.summary} {marker}" if name == "summary" else value)
                for name, value in form_fields(page, "document_form")
            ]
            try:
                status, _page = archivist.post(path, [*fields, ("_save", "Save")])
            except (OSError, http.client.HTTPException):
                outcomes.append((marker, "no answer"))  # saved or not: nobody was told
                return
            outcomes.append((marker, status))
            if stop.is_set():
                return

    try:
        server.wait()
        # Six archivists, two to a document: each of their saves may meet another's.
        threads = [
            threading.Thread(target=edit, args=(n, documents[n % len(documents)]), daemon=True)
            for n in range(6)
        ]
        for thread in threads:
            thread.start()
        kill_while_writing(
            server.process,
            connection,
            ready=lambda: sum(status == 302 for _m, status in outcomes) >= 6,
            timeout=90,
        )
        stop.set()
        for thread in threads:
            thread.join(60)
    finally:
        stop.set()
        server.stop()

    saved = [marker for marker, status in outcomes if status == 302]
    refused = [(marker, status) for marker, status in outcomes if status not in (302, "no answer")]
    assert len(saved) >= 6
    assert_database_intact()
    recorded = " ".join(
        version.field_dict["summary"] for version in Version.objects.get_for_model(Document)
    )
    assert [marker for marker in saved if marker not in recorded] == [], "saved, not in history"
    # A save refused (an edit conflict: another's save came first) wrote nothing, history
    # included.
    assert [(m, status) for m, status in refused if m in recorded] == [], "refused, yet in history"
    assert_history_whole()  # every revision whole, and each document as its latest one says


# --- The restore drill -------------------------------------------------------------------


def test_restore_drill_a_backup_restored_into_an_empty_database_exports_the_same_bytes(
    seed, shapes, tmp_path
):
    database, log = database_url(connection.settings_dict), tmp_path / "drill.log"
    finish(manage("export_records", str(tmp_path / "before"), database=database, log=log), log)

    if connection.vendor == "sqlite":
        (tmp_path / "backups").mkdir()
        finish(
            manage("backup_database", str(tmp_path / "backups"), database=database, log=log), log
        )
        (backup,) = (tmp_path / "backups").iterdir()
        restored = f"sqlite:///{tmp_path / 'restored.sqlite3'}"  # no such file yet: empty
        finish(
            manage("restore_database", str(backup), "--no-input", database=restored, log=log), log
        )
    else:
        # backup_database is for SQLite; on PostgreSQL, as it says, pg_dump and pg_restore.
        restored = empty_postgres_database(tmp_path / "dump")
        pg_tool("pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
                "--dbname", restored, str(tmp_path / "dump"))  # fmt: skip

    try:
        finish(manage("export_records", str(tmp_path / "after"), database=restored, log=log), log)
        restored_connection = other_database(restored)
        assert_database_intact(restored_connection)
        restored_connection.close()
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{_restored_name()}" WITH (FORCE)')

    before = sorted((tmp_path / "before").iterdir())
    after = sorted((tmp_path / "after").iterdir())
    assert len(before) == Document.objects.count() == 7
    assert [path.name for path in after] == [path.name for path in before]
    for old, new in zip(before, after, strict=True):
        assert new.read_bytes() == old.read_bytes(), old.name


def _restored_name():
    return f"{connection.settings_dict['NAME']}_restored"


def empty_postgres_database(dump):
    """Dump the test database to `dump`; make an empty database; return its URL."""
    db = connection.settings_dict
    pg_tool("pg_dump", "--format=custom", "--file", str(dump), database_url(db))
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{_restored_name()}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{_restored_name()}" TEMPLATE template0')
    return database_url({**db, "NAME": _restored_name()})


def pg_tool(name, *args):
    """Run PostgreSQL's `name` (of the newest version installed, as .ci/with-postgres does)."""
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3])
    )
    program = str(installed[-1]) if installed else shutil.which(name)
    assert program, f"{name} is not installed"
    subprocess.run([program, *args], check=True, capture_output=True, timeout=120)
