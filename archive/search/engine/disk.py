"""The index on this server's disk, kept current from the outbox in the shared database.

Each app server holds its own index under ARCHIVE_SEARCH_INDEX_DIR (a folder per
version of the index's fields, so that two releases never read each other's), and
every process of it reads that one folder. Before a search, a process asks the
primary database for the newest outbox row (one indexed query); if its index has
not applied it, the process takes the folder's writer lock, applies what is
pending in id order, commits, and records how far it got in `applied.json`. The
other processes reload when that record moves on. A search never waits for
another process's writing: if the lock is taken, or applying fails, it reads the
index as it is and says so (`Reading.behind`), and the page is not cached.

Ids of a database sequence are handed out when a row is written, not when it is
committed: on PostgreSQL a change may commit after one with a higher id, and a
rolled-back one leaves a hole. Ids skipped over are remembered as *gaps* (runs of
ids) and looked for again on later catch-ups, for GAP_PATIENCE seconds, longer
than any transaction of this archive lasts; then they are taken for rollbacks. A
build of the whole index leaves the same gaps below the newest id it saw.

A crash between the engine's commit and the record being written only means some
changes are applied twice; applying a change is idempotent (the document's entry
is replaced by what the database holds now). A database flushed or restored from a
backup is noticed because the outbox row the index last applied is gone or was
written at another time; the index is then built again.
"""

import fcntl
import json
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q

from ...models import SearchChange
from ...querysets import PUBLISHED
from . import feed, schema

logger = logging.getLogger(__name__)

STATE = "applied.json"
LOCK = "writer.lock"
RELOAD_LOCK = "reload.lock"
GAP_PATIENCE = 3600  # seconds
# Ids below the newest that a build looks at for transactions still running.
BUILD_LOOKBACK = 10_000
# Changes applied in one request at most: a search after a large import is not held up
# for minutes (`manage.py update_search_index` applies any backlog at once).
REQUEST_LIMIT = 500
BATCH = 200
WRITER_HEAP = 32 * 2**20


@dataclass
class Reading:
    """A searcher, with what identifies the index state it reads, and whether that state
    is known to be behind the database."""

    searcher: object
    key: tuple
    behind: bool = False


class Store:
    def __init__(self, base):
        self.base = Path(base)
        self.index = None
        self.opened = None  # the build of the index object held
        self.loaded = None  # the generation of the state it was last reloaded at
        self.lock = threading.Lock()  # the threads of this process, one at a time

    @property
    def path(self):
        return self.base / f"v{schema.VERSION}"

    # -- reading ---------------------------------------------------------------------------

    def reading(self, limit=REQUEST_LIMIT):
        """A Reading of the index with every committed change applied (up to `limit`)."""
        with self.lock:
            state, behind = self._state(), False
            newest, at_applied, gaps_filled = _outbox(state)
            if state is None:
                # No index yet on this server (its first search): build it, waiting if
                # another process of this server is building it already.
                with self._writing():
                    state = self._state() or self._build()
            elif _replaced(state, newest, at_applied) or newest > state["applied"] or gaps_filled:
                try:
                    with self._writing(wait=False):
                        state = self._state()
                        newest, at_applied, _filled = _outbox(state)
                        if _replaced(state, newest, at_applied):
                            state = self._build()
                        state = self._apply(state, limit)
                        behind = state["applied"] < _outbox(state)[0]
                except BlockingIOError:  # another process is writing: read what there is
                    behind = True
                except Exception:  # a search must not fail for the index's upkeep
                    logger.exception("The search index could not catch up; it is read as it is")
                    behind = True
                state = self._state() or state
            index = self._open(state)
            if state["generation"] != self.loaded:
                with self._reloading(state, shared=True):
                    index.reload()
                self.loaded = state["generation"]
            return Reading(index.searcher(), (str(self.path), self.opened, self.loaded), behind)

    # -- writing ---------------------------------------------------------------------------

    def catch_up(self, limit=None, progress=None):
        """Apply every pending change (or `limit` of them); returns how many were applied."""
        with self.lock, self._writing():
            before = self._state()
            if before is None or _replaced(before, *_outbox(before)[:2]):
                before = self._build()
            state = self._apply(before, limit, progress)
            return state["changes"] - before["changes"]

    def rebuild(self, batch_size=500, progress=None):
        """Index every published document anew; returns how many. Searches meanwhile see the
        index as it was, until the new one is committed."""
        with self.lock, self._writing():
            return self._build(batch_size, progress)["documents"]

    def _apply(self, state, limit=None, progress=None):
        now = time.time()
        gaps = [gap for gap in state["gaps"] if now - gap[2] < GAP_PATIENCE]
        pending = Q(id__gt=state["applied"])
        for low, high, _seen in gaps:
            pending |= Q(id__range=(low, high))
        rows = list(
            _outbox_rows().filter(pending).order_by("id").values_list("id", "document_id")[:limit]
        )
        if not rows:
            if len(gaps) != len(state["gaps"]):  # some gaps expired
                state = self._record(state, applied=state["applied"], gaps=gaps)
            return state
        found = [change for change, _document in rows]
        gaps = _without(gaps, found)
        applied = state["applied"]
        for change in found:
            if change > applied + 1:
                gaps.append([applied + 1, change - 1, now])
            applied = max(applied, change)
        index = self._open(state)
        ids = sorted({document for _change, document in rows})
        with self._reloading(state):
            writer = index.writer(WRITER_HEAP, 1)
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                for pk in batch:
                    # (Deleting by a numeric term is not reliable in the bindings; by query it is.)
                    query = tantivy.Query.term_query(index.schema, "id", pk)
                    writer.delete_documents_by_query(query)
                for item in feed.documents(batch):
                    writer.add_document(feed.entry(item))
                if progress:
                    progress(min(start + BATCH, len(ids)), len(ids))
            writer.commit()
            writer.wait_merging_threads()
        return self._record(state, applied=applied, gaps=gaps, changes=len(rows))

    def _build(self, batch_size=500, progress=None):
        """Index every published document into a new index; the caller holds both locks."""
        from ...models import Document

        # Read first: a change committed while the documents are read is applied after,
        # and so is one of a transaction still running, whose id is below the newest.
        applied, _at, _filled = _outbox(None)
        recent = set(
            _outbox_rows()
            .filter(id__gt=applied - BUILD_LOOKBACK, id__lte=applied)
            .values_list("id", flat=True)
        )
        now = time.time()
        missing = [i for i in range(max(1, applied - BUILD_LOOKBACK + 1), applied + 1)
                   if i not in recent]  # fmt: skip
        gaps = _runs(missing, now)
        documents = Document.objects.using(DEFAULT_DB_ALIAS).filter(status=PUBLISHED)
        ids = list(documents.values_list("pk", flat=True))
        build = f"{time.time_ns():x}"
        directory = self.path / build
        directory.mkdir(parents=True)
        index = tantivy.Index(schema.build(), path=str(directory))
        writer = index.writer(WRITER_HEAP * 4, 1)
        for start in range(0, len(ids), batch_size):
            for item in feed.documents(ids[start : start + batch_size]):
                writer.add_document(feed.entry(item))
            if progress:
                progress(min(start + batch_size, len(ids)), len(ids))
        writer.commit()
        writer.wait_merging_threads()
        previous = self._state() or {"generation": 0, "changes": 0}
        state = self._record(previous, applied=applied, gaps=gaps, build=build,
                             documents=len(ids))  # fmt: skip
        # Other processes move to the new build when they next read the record; the build
        # before stays for them until the next one.
        for old in self.path.iterdir():
            if old.is_dir() and old.name not in (build, previous.get("build")):
                shutil.rmtree(old, ignore_errors=True)
        return state

    # -- the folder ------------------------------------------------------------------------

    def _open(self, state):
        if self.index is None or self.opened != state["build"]:
            self.index = tantivy.Index.open(str(self.path / state["build"]))
            self.index.config_reader("Manual")
            self.opened, self.loaded = state["build"], None
        return self.index

    def _state(self):
        """How far this folder's index has got; None if it must be built."""
        try:
            return json.loads((self.path / STATE).read_text())
        except (FileNotFoundError, ValueError):
            return None

    def _record(self, state, applied, gaps, changes=0, build=None, documents=None):
        new = {
            "build": build or state["build"],
            "applied": applied,
            # When the row at `applied` was written: a database put back in its place
            # (flushed, restored) has no such row, or one written at another time.
            "applied_at": _written_at(applied),
            "gaps": gaps,
            "generation": state["generation"] + 1,
            "changes": state["changes"] + changes,
            "documents": documents if documents is not None else state.get("documents", 0),
        }
        temporary = self.path / f"{STATE}.{os.getpid()}"
        temporary.write_text(json.dumps(new))
        os.replace(temporary, self.path / STATE)  # a reader sees the old record or the new
        return new

    @contextmanager
    def _writing(self, wait=True):
        """The folder's writer lock, across this server's processes. Without `wait`, raises
        BlockingIOError at once if another process holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _reloading(self, state, shared=False):
        """A build's commits exclude its readers' reloads: the engine removes the files a
        commit replaces, and a reader in another process must not open them meanwhile."""
        with open(self.path / state["build"] / RELOAD_LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def disk_bytes(self):
        """The bytes of the index in use (not an older build still being left)."""
        state = self._state()
        if state is None:
            return 0
        return sum(f.stat().st_size for f in (self.path / state["build"]).rglob("*") if f.is_file())

    def forget(self):
        """Drop the open index (tests give each case a folder of its own)."""
        with self.lock:
            self.index = self.opened = self.loaded = None


# The outbox is always read on the primary: a replica behind it would look like a
# database put back to an earlier state.


def _outbox_rows():
    return SearchChange.objects.using(DEFAULT_DB_ALIAS)


def _outbox(state):
    """(the newest change's id, when the change the index applied last was written, whether
    a change has come in one of its gaps): one query of index lookups."""
    applied = state["applied"] if state else 0
    gaps = state["gaps"] if state else []
    table = SearchChange._meta.db_table
    filled = " OR ".join(["id BETWEEN %s AND %s"] * len(gaps)) or "1 = 0"
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(id) FROM {table}), "
            f"(SELECT created FROM {table} WHERE id = %s), "
            f"EXISTS (SELECT 1 FROM {table} WHERE {filled})",
            [applied, *(bound for low, high, _seen in gaps for bound in (low, high))],
        )
        newest, written, gaps_filled = cursor.fetchone()
    return newest or 0, _stamp(written), bool(gaps_filled)


def _written_at(change):
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(f"SELECT created FROM {SearchChange._meta.db_table} WHERE id = %s", [change])
        row = cursor.fetchone()
    return _stamp(row[0]) if row else None


def _stamp(written):
    # SQLite gives a bare cursor the column's text, PostgreSQL a datetime: either is kept
    # as text, read the same way each time.
    return written.isoformat() if hasattr(written, "isoformat") else written


def _replaced(state, newest, at_applied):
    """Whether the database is no longer the one the index was made from: flushed, or
    restored from a backup (the row applied last is gone, or was written at another time)."""
    if newest < state["applied"]:
        return True
    return bool(state["applied"]) and at_applied != state.get("applied_at")


def _runs(ids, seen):
    """Sorted ids as [first, last, seen] runs."""
    runs = []
    for i in ids:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i, seen])
    return runs


def _without(gaps, found):
    """The gaps less the ids found in them: a run split where an id was found."""
    found = sorted(found)
    kept = []
    for low, high, seen in gaps:
        inside = [i for i in found if low <= i <= high]
        start = low
        for i in inside:
            if i > start:
                kept.append([start, i - 1, seen])
            start = i + 1
        if start <= high:
            kept.append([start, high, seen])
    return kept


_stores = {}
_stores_lock = threading.Lock()


def store():
    """This process's Store for the folder the settings name."""
    path = str(settings.ARCHIVE_SEARCH_INDEX_DIR)
    with _stores_lock:
        if path not in _stores:
            _stores[path] = Store(path)
        return _stores[path]


def forget(path):
    """Close and forget the Store of `path` (tests give each case a folder of its own)."""
    with _stores_lock:
        kept = _stores.pop(str(path), None)
    if kept is not None:
        kept.forget()
