"""Consistent copies of the SQLite database, made while the site is serving, and restored.

The copy is made with SQLite's online backup API, page by page, from a read-only
connection: the site keeps reading and writing meanwhile. A write by the site
during the copy makes SQLite start the copy again, so what is written is always
one consistent state of the database, never half of a transaction; if the site
keeps writing through several restarts, the rest is copied in one step under a
read lock (a moment's wait for writers). The copy is checked (PRAGMA
integrity_check) before it takes its final name.

A backup that dies midway (killed, out of disk, the machine down) never leaves
a file under the backup's name: the copy is written to ".<name>.partial" in the
same folder, flushed to disk, and only then renamed, in one step, to its name.
While it is written, its writer holds a lock on it; the next backup into that
folder removes the partial files whose writers are gone, and a restore refuses
them.

PostgreSQL has its own tools for this (pg_dump, pg_basebackup); these functions
are for the SQLite database that is the embedded default.
"""

import fcntl
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.db.migrations.loader import MigrationLoader

STEP_PAGES = 1024  # 4 MB at SQLite's default page size: a step never keeps writers waiting long
MAX_RESTARTS = 3
PARTIAL = ".partial"  # the ending of a backup still being written, or left by one that died


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


def backup(destination, alias="default", progress=None, step_pages=STEP_PAGES, max_rate=None):
    """Copy the database to `destination` (a new file), consistently; return a BackupReport.

    `max_rate` (bytes a second) paces the copy, so that a big backup leaves the disk to the
    site; without it the copy goes as fast as it can.
    """
    return copy_database(database_name(alias), destination, progress, step_pages, max_rate)


def partial_name(destination):
    """Where the copy for `destination` is written until it is whole."""
    destination = Path(destination)
    return destination.with_name(f".{destination.name}{PARTIAL}")


def is_partial(path):
    path = Path(path)
    return path.name.startswith(".") and path.name.endswith(PARTIAL)


def remove_abandoned(folder):
    """Remove the partial copies in `folder` left by backups that died; return their paths.

    A partial copy whose backup is still under way is locked by it, and is left alone.
    """
    removed = []
    for path in sorted(Path(folder).glob(f".*{PARTIAL}")):
        lock = _claim(path)
        if lock is None:
            continue  # being written
        try:
            path.unlink()
            removed.append(path)
        finally:
            os.close(lock)
    return removed


def _claim(path, create=False):
    """An open descriptor of `path` holding its lock, or None if another process holds it.

    flock() locks are the kernel's: they go with the process that holds them, however it
    ends, so a lock that can be taken means nobody is writing the file any more.
    """
    try:
        fd = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o600)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # Between opening and locking, the file may have been finished (renamed) or removed,
        # and perhaps begun again under the same name: then this lock is on something else.
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            raise BlockingIOError
    except (BlockingIOError, FileNotFoundError):
        os.close(fd)
        return None
    return fd


def copy_database(source_name, destination, progress=None, step_pages=STEP_PAGES, max_rate=None):
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} exists already: a backup never overwrites a file.")
    partial = partial_name(destination)
    lock = _claim(partial, create=True)
    if lock is None:
        raise BackupError(f"Another backup to {destination} is under way.")
    started = time.monotonic()
    source = target = None
    try:
        os.ftruncate(lock, 0)  # what a backup that died here before left of its copy
        source = _connect(source_name, read_only=True)
        target = sqlite3.connect(partial)
        # No rollback journal: until it is whole, the copy is nobody's database. A small
        # cache: each page is written once and never read again, so it goes to disk as it
        # is copied rather than piling up in memory until the end.
        target.execute("PRAGMA journal_mode=OFF")
        target.execute("PRAGMA cache_size=64")
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        if max_rate:
            # Steps of about a tenth of a second's worth, with rests between them.
            step_pages = max(1, min(step_pages, int(max_rate / 10 / page_size)))
        state = {"remaining": None, "restarts": 0, "copied": 0}

        def step(status, remaining, total):
            if state["remaining"] is not None and remaining > state["remaining"]:
                state["restarts"] += 1  # the site wrote: SQLite began the copy again
                if state["restarts"] > MAX_RESTARTS:
                    raise _TooBusy
                state["copied"] += total - remaining
            else:
                state["copied"] += (state["remaining"] or total) - remaining
            state["remaining"] = remaining
            if progress:
                progress(total - remaining, total)
            if max_rate and remaining:
                due = started + state["copied"] * page_size / max_rate
                time.sleep(max(0, due - time.monotonic()))

        try:
            source.backup(target, pages=step_pages, progress=step, sleep=0)
        except _TooBusy:
            source.backup(target, pages=-1)  # one step, under a read lock: it cannot restart
        pages = target.execute("PRAGMA page_count").fetchone()[0]
        _check(target, partial)
        documents = _count_documents(target)
        # The copy of a database in WAL mode is in WAL mode: make it one file in itself, that
        # leaves no -wal and -shm files beside it when it is read (a restore sets WAL again).
        target.execute("PRAGMA journal_mode=DELETE")
        target.close()
        os.fsync(lock)  # the copy is on disk before it has its name…
        os.replace(partial, destination)
        _sync_folder(destination.parent)  # …and its name is on disk before it is reported
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed: {error}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for connection in (target, source):
            if connection is not None:
                connection.close()
        os.close(lock)
    return BackupReport(
        destination, pages, time.monotonic() - started, state["restarts"], documents
    )


def _sync_folder(folder):
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    if is_partial(path):
        raise BackupError(
            f"{path} is an unfinished backup, left by a backup that stopped midway: restore a "
            "finished one. The next backup into its folder removes it."
        )
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
