"""The index on this server's disk, kept current from the outbox in the shared database.

Each app server holds its own index in ARCHIVE_SEARCH_INDEX_DIR, and every process
of it reads that one directory. Before a search, a process asks the database for
the newest outbox row (one query); if its index has not applied it, the process
takes the directory's lock, applies what is pending in id order, commits, and
records how far it got in `applied.json`. The other processes reload when that
record moves on.

Ids of a database sequence are handed out when a row is written, not when it is
committed: on PostgreSQL a change may commit after one with a higher id, and a
rolled-back one leaves a hole. An id skipped over is remembered as a *gap* and
looked for again on later catch-ups, for GAP_PATIENCE seconds, longer than any
transaction of this archive lasts; then it is taken for a rollback.

A crash between the engine's commit and the record being written only means some
changes are applied twice; applying a change is idempotent (the document's entry
is replaced by what the database holds now).
"""

import fcntl
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings
from django.db.models import Max, Min, Q

from ...models import SearchChange
from ...querysets import PUBLISHED
from . import feed, schema

STATE = "applied.json"
LOCK = "writer.lock"
GAP_PATIENCE = 3600  # seconds
# Changes applied in one request at most: a search after a large import is not held up
# for minutes (`manage.py update_search_index` applies any backlog at once).
REQUEST_LIMIT = 500
BATCH = 200
WRITER_HEAP = 32 * 2**20


class Store:
    def __init__(self, path):
        self.path = Path(path)
        self.index = None
        self.opened = None  # the build of the index object held, and the generation reloaded at
        self.loaded = None
        self.lock = threading.Lock()  # the threads of this process, one at a time
        self._holding = False

    # -- reading ---------------------------------------------------------------------------

    def searcher(self, limit=REQUEST_LIMIT):
        """A searcher over the index with every committed change applied (up to `limit`)."""
        with self.lock:
            state = self._state()
            newest, origin = _outbox()
            if state is None or _replaced(state, newest, origin):
                with self._writing():
                    state = self._state()
                    if state is None or _replaced(state, *_outbox()):
                        state = self._build()
            if newest > state["applied"] or self._gaps_filled(state):
                with self._writing():
                    state = self._apply(self._state(), limit)
            index = self._open(state)
            if state["generation"] != self.loaded:
                index.reload()
                self.loaded = state["generation"]
            return index.searcher()

    def _gaps_filled(self, state):
        gaps = [int(gap) for gap in state["gaps"]]
        return bool(gaps) and SearchChange.objects.filter(id__in=gaps).exists()

    # -- writing ---------------------------------------------------------------------------

    def catch_up(self, limit=None, progress=None):
        """Apply every pending change (or `limit` of them); returns how many were applied."""
        with self.lock, self._writing():
            before = self._state()
            if before is None or _replaced(before, *_outbox()):
                before = self._build()
            state = self._apply(before, limit, progress)
            return state["changes"] - before["changes"]

    def rebuild(self, batch_size=500, progress=None):
        """Index every published document anew; returns how many. Searches meanwhile see the
        index as it was, until the new one is committed."""
        with self.lock, self._writing():
            state = self._build(batch_size, progress)
            return state["documents"]

    def _apply(self, state, limit=None, progress=None):
        now = time.time()
        gaps = {int(gap): seen for gap, seen in state["gaps"].items() if now - seen < GAP_PATIENCE}
        pending = SearchChange.objects.filter(Q(id__gt=state["applied"]) | Q(id__in=list(gaps)))
        rows = list(pending.order_by("id").values_list("id", "document_id")[:limit])
        if not rows:
            if len(gaps) != len(state["gaps"]):  # some gaps expired
                state = self._record(state, applied=state["applied"], gaps=gaps)
            return state
        applied = state["applied"]
        for change, _document in rows:
            gaps.pop(change, None)
            if change > applied:
                gaps.update({missing: now for missing in range(applied + 1, change)})
                applied = change
        index = self._open(state)
        writer = index.writer(WRITER_HEAP, 1)
        ids = sorted({document for _change, document in rows})
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            for pk in batch:
                # (Deleting by a numeric term is not reliable in the bindings; by query it is.)
                writer.delete_documents_by_query(tantivy.Query.term_query(index.schema, "id", pk))
            for document in feed.documents().filter(pk__in=batch, status=PUBLISHED):
                writer.add_document(feed.entry(document))
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids))
        writer.commit()
        writer.wait_merging_threads()
        return self._record(state, applied=applied, gaps=gaps, changes=len(rows))

    def _build(self, batch_size=500, progress=None):
        """Index every published document into a new index; the caller holds both locks."""
        from ...models import Document

        # Read first: a change committed while the documents are read is applied after.
        applied, origin = _outbox()
        ids = list(Document.objects.filter(status=PUBLISHED).values_list("pk", flat=True))
        build = f"{time.time_ns():x}"
        directory = self.path / build
        directory.mkdir(parents=True)
        index = tantivy.Index(schema.build(), path=str(directory))
        writer = index.writer(WRITER_HEAP * 4, 1)
        for start in range(0, len(ids), batch_size):
            for document in feed.documents().filter(pk__in=ids[start : start + batch_size]):
                writer.add_document(feed.entry(document))
            if progress:
                progress(min(start + batch_size, len(ids)), len(ids))
        writer.commit()
        writer.wait_merging_threads()
        previous = self._state(any_version=True) or {"generation": 0, "changes": 0}
        state = self._record(
            previous, applied=applied, gaps={}, build=build, documents=len(ids), origin=origin
        )
        # Other processes move to the new build when they next read the record; an old
        # build's files stay until no record names it (removed at the next build).
        for old in self.path.iterdir():
            if old.is_dir() and old.name not in (build, previous.get("build")):
                shutil.rmtree(old, ignore_errors=True)
        return state

    # -- the directory ---------------------------------------------------------------------

    def _open(self, state):
        if self.index is None or self.opened != state["build"]:
            self.index = tantivy.Index.open(str(self.path / state["build"]))
            self.index.config_reader("Manual")
            self.opened, self.loaded = state["build"], None
        return self.index

    def _state(self, any_version=False):
        """How far this directory's index has got; None if it must be built (again)."""
        try:
            state = json.loads((self.path / STATE).read_text())
        except (FileNotFoundError, ValueError):
            return None
        if not any_version and state.get("version") != schema.VERSION:
            return None
        return state

    def _record(self, state, applied, gaps, changes=0, build=None, documents=None, origin=None):
        new = {
            "origin": origin or state.get("origin"),
            "version": schema.VERSION,
            "build": build or state["build"],
            "applied": applied,
            "gaps": {str(gap): seen for gap, seen in gaps.items()},
            "generation": state["generation"] + 1,
            "changes": state["changes"] + changes,
            "documents": documents if documents is not None else state.get("documents", 0),
        }
        temporary = self.path / f"{STATE}.{os.getpid()}"
        temporary.write_text(json.dumps(new))
        os.replace(temporary, self.path / STATE)  # a reader sees the old record or the new
        return new

    @contextmanager
    def _writing(self):
        """The directory's writer lock, across this server's processes (re-entrant here)."""
        if self._holding:
            yield
            return
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            self._holding = True
            try:
                yield
            finally:
                self._holding = False
                fcntl.flock(handle, fcntl.LOCK_UN)

    def state_key(self):
        """What identifies the state of the index this process reads now."""
        return (str(self.path), self.opened, self.loaded)

    def disk_bytes(self):
        """The bytes of the index in use (not an old build still being left)."""
        state = self._state()
        if state is None:
            return 0
        return sum(f.stat().st_size for f in (self.path / state["build"]).rglob("*") if f.is_file())

    def forget(self):
        """Drop the open index (tests give each case a directory of its own)."""
        with self.lock:
            self.index = self.opened = self.loaded = None


def _outbox():
    """(the newest change's id, when the first change was written): one query."""
    found = SearchChange.objects.aggregate(newest=Max("id"), first=Min("created"))
    return found["newest"] or 0, found["first"].isoformat() if found["first"] else None


def _replaced(state, newest, origin):
    """Whether the database is no longer the one the index was built from: flushed, or
    restored from a backup (its outbox is behind the index, or began at another time)."""
    if newest < state["applied"]:
        return True
    return bool(state.get("origin") and origin and origin != state["origin"])


_stores = {}
_stores_lock = threading.Lock()


def store():
    """This process's Store for the directory the settings name."""
    path = str(settings.ARCHIVE_SEARCH_INDEX_DIR)
    with _stores_lock:
        if path not in _stores:
            _stores[path] = Store(path)
        return _stores[path]


def forget(path):
    """Close and forget the Store of `path` (tests give each case a directory of its own)."""
    with _stores_lock:
        kept = _stores.pop(str(path), None)
    if kept is not None:
        kept.forget()
