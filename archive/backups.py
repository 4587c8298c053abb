"""Consistent copies of the SQLite database, made while the site is serving, and restored.

The copy is made with SQLite's online backup API, page by page, from a read-only
connection: the site keeps reading and writing meanwhile. A write by the site
during the copy makes SQLite start the copy again, so what is written is always
one consistent state of the database, never half of a transaction; if the site
keeps writing through several restarts, the rest is copied in one step under a
read lock (a moment's wait for writers). The copy is checked (PRAGMA
integrity_check) before it takes its final name.

PostgreSQL has its own tools for this (pg_dump, pg_basebackup); these functions
are for the SQLite database that is the embedded default.
"""

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.db.migrations.loader import MigrationLoader

STEP_PAGES = 1024  # 4 MB at SQLite's default page size: a step never keeps writers waiting long
MAX_RESTARTS = 3


class BackupError(Exception):
    """A backup or restore that cannot be made; nothing was changed."""


@dataclass
class BackupReport:
    path: Path
    pages: int
    seconds: float
    restarts: int
    documents: int


def database_name(alias="default"):
    """The SQLite database's file name (or in-memory URI), or BackupError for another engine."""
    settings = connections[alias].settings_dict
    if connections[alias].vendor != "sqlite":
        raise BackupError(
            f"The database is {connections[alias].vendor}, not SQLite: use its own tools "
            "(for PostgreSQL, pg_dump and pg_restore)."
        )
    return str(settings["NAME"])


def _connect(name, read_only=False):
    if name.startswith("file:"):
        return sqlite3.connect(name, uri=True, timeout=30)
    if read_only:
        return sqlite3.connect(f"file:{Path(name).resolve()}?mode=ro", uri=True, timeout=30)
    return sqlite3.connect(name, timeout=30)


def backup(destination, alias="default", progress=None, step_pages=STEP_PAGES):
    """Copy the database to `destination` (a new file), consistently; return a BackupReport."""
    return copy_database(database_name(alias), destination, progress, step_pages)


def copy_database(source_name, destination, progress=None, step_pages=STEP_PAGES):
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} exists already: a backup never overwrites a file.")
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    source = _connect(source_name, read_only=True)
    target = sqlite3.connect(partial)
    restarts = 0
    try:
        state = {"remaining": None, "restarts": 0}

        def step(status, remaining, total):
            if state["remaining"] is not None and remaining > state["remaining"]:
                state["restarts"] += 1  # the site wrote: SQLite began the copy again
                if state["restarts"] > MAX_RESTARTS:
                    raise _TooBusy
            state["remaining"] = remaining
            if progress:
                progress(total - remaining, total)

        try:
            source.backup(target, pages=step_pages, progress=step, sleep=0)
        except _TooBusy:
            source.backup(target, pages=-1)  # one step, under a read lock: it cannot restart
        restarts = state["restarts"]
        pages = target.execute("PRAGMA page_count").fetchone()[0]
        _check(target, partial)
        documents = _count_documents(target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed: {error}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        target.close()
        source.close()
    os.replace(partial, destination)
    return BackupReport(destination, pages, time.monotonic() - started, restarts, documents)


class _TooBusy(Exception):
    pass


def _check(connection, path):
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}")


def _count_documents(connection):
    try:
        return connection.execute("SELECT count(*) FROM archive_document").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def inspect_backup(path):
    """(documents, applied migrations) of a backup file, or BackupError if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        connection = _connect(str(path), read_only=True)
        try:
            _check(connection, path)
            migrations = set(connection.execute("SELECT app, name FROM django_migrations"))
            documents = _count_documents(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not an archive database backup ({error}).") from None
    if ("archive", "0001_initial") not in migrations:
        raise BackupError(f"{path} is an SQLite database, but not of this archive.")
    return documents, migrations


def restore(path, alias="default", progress=None, inspected=None):
    """Replace the database with a backup; return (documents, migrations still to apply).

    The backup is checked first (unless `inspected` is what inspect_backup() just
    said of it); one made by a newer version of the archive (with migrations this
    code does not know) is refused. The copy is one step: the database is either
    all the backup or, if anything fails, as it was.
    """
    name = database_name(alias)
    documents, migrations = inspected or inspect_backup(path)
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(migrations - known)
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of the archive (it has migrations "
            f"{', '.join(f'{app}.{name}' for app, name in unknown[:3])}…): upgrade first."
        )
    source = _connect(str(path), read_only=True)
    target = _connect(name)
    try:
        source.backup(
            target, pages=-1, progress=(lambda s, r, t: progress(t - r, t)) if progress else None
        )
    except sqlite3.Error as error:
        raise BackupError(f"The restore failed, and the database is as it was: {error}") from None
    finally:
        target.close()
        source.close()
    return documents, sorted(known - migrations)
