"""SQLite under concurrent use: WAL and a busy timeout on every connection, no "locked" errors.

These open their own SQLite database with the settings the site uses for SQLite,
so they run whichever database the rest of the suite is on.
"""

import threading
import time

import pytest
from django.db.utils import ConnectionHandler

from config.database import database_settings


@pytest.fixture
def connections(tmp_path, django_db_blocker):
    handler = ConnectionHandler(
        {"default": database_settings(f"sqlite:///{tmp_path / 'archive.sqlite3'}")}
    )
    opened = []

    def connect():
        # A handler keeps one connection per thread; each caller here wants its own.
        connection = ConnectionHandler(handler.settings)["default"]
        connection.inc_thread_sharing()  # opened here, used in the test's threads
        opened.append(connection)
        return connection

    with django_db_blocker.unblock():  # a database of this test's own, not the suite's
        with connect().cursor() as cursor:
            cursor.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, note TEXT)")
        yield connect
        for connection in opened:
            connection.close()


def test_every_connection_is_in_wal_mode_with_a_busy_timeout(connections):
    for connection in (connections(), connections()):
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20000,)
            assert cursor.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL


def test_readers_are_never_locked_out_while_a_write_is_under_way(connections):
    writer, reader = connections(), connections()
    holding, committed, done = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def write():
        try:
            with writer.cursor() as cursor:
                writer.set_autocommit(False)
                cursor.execute("BEGIN IMMEDIATE")
                cursor.execute("INSERT INTO edits (note) VALUES ('an edit in progress')")
                holding.set()
                time.sleep(1.0)
                committed.set()  # (just before: a read after this may see the edit)
                writer.commit()
                writer.set_autocommit(True)
        except Exception as error:  # reported by the test below
            errors.append(error)
            holding.set()
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    holding.wait(5)
    reads = 0
    with reader.cursor() as cursor:
        while not done.is_set():
            # Reads during the write see the last committed state, at once.
            started = time.monotonic()
            (count,) = cursor.execute("SELECT count(*) FROM edits").fetchone()
            assert count == 0 or committed.is_set()
            assert time.monotonic() - started < 0.5
            reads += 1
        thread.join()
        assert cursor.execute("SELECT count(*) FROM edits").fetchone() == (1,)
    assert errors == [] and reads > 10


def race_two_writers(first, second):
    """Two transactions begun the way Django begins them, each reading, then writing."""
    results = []

    def write(connection, note, pause):
        try:
            # As transaction.atomic() does: Django issues the BEGIN, in the configured mode.
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM edits")
                time.sleep(pause)
                cursor.execute("INSERT INTO edits (note) VALUES (%s)", [note])
            connection.commit()
            results.append(note)
        except Exception as error:
            connection.rollback()
            results.append(error)
        finally:
            connection.set_autocommit(True)

    threads = [
        threading.Thread(target=write, args=(first, "first", 0.8)),
        threading.Thread(target=write, args=(second, "second", 0)),
    ]
    threads[0].start()
    time.sleep(0.2)
    threads[1].start()
    for thread in threads:
        thread.join()
    return sorted(map(str, results))


def test_a_second_writer_waits_its_turn_instead_of_failing(connections):
    """The site's SQLite transactions take their write lock when they begin (IMMEDIATE):
    a DEFERRED one that has read cannot wait for the lock when it comes to write, and
    fails at once with "database is locked"."""
    assert race_two_writers(connections(), connections()) == ["first", "second"]
    with connections().cursor() as cursor:
        assert cursor.execute("SELECT count(*) FROM edits").fetchone() == (2,)
