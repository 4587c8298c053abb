"""Facet counts and rankings shared by the processes of one server, kept in files beside
the index.

Counting the facets of a broad search costs the engine 5–15 ms at 100,000 documents, and
ranking its first hundred hits 2–8 ms. Each process keeps what it found
(engine.facet_counts, engine.ranked); an app server runs several processes, and without
this each would count and rank the same search again on its first asking. What one
state of the index (its build and generation) gives is the same for all of them, so the
first to find it writes it here and the others read it.

Files are written whole under a temporary name and renamed, so a reader sees a complete
file or none. A file that cannot be read or written is counted again: this is a cache.
Counts of earlier states are removed as new ones are written.
"""

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

FOLDER = "counts"
# Earlier states' files are looked for and removed once in this many writes.
PRUNE_EVERY = 50
_writes = 0


def _file(folder, state, search):
    """The file of a search's counts: `folder` is the index's (the settings'), `state`
    the (build, generation) of the index read, `search` a string saying what was asked."""
    build, generation = state
    digest = hashlib.sha256(search.encode()).hexdigest()
    return Path(folder) / FOLDER / str(build) / f"{generation}-{digest[:32]}.json"


def load(folder, state, search):
    """What was kept for `search` in this state, as JSON gives it back, or None."""
    try:
        with open(_file(folder, state, search), encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


def save(folder, state, search, counts):
    """Keep the counts (or a ranking) for the other processes; a failure is logged, never
    raised."""
    global _writes
    path = _file(folder, state, search)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Named for its generation: pruning leaves a write of the current state alone.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{state[1]}-", suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(counts, stream)
        os.replace(temporary, path)
    except OSError:
        logger.warning("Search results could not be kept in %s", path.parent, exc_info=True)
        return
    _writes += 1
    if (_writes - 1) % PRUNE_EVERY == 0:  # the first write of a process, then every Nth
        # Another process pruning at the same time may remove a file first: it does the work.
        with contextlib.suppress(OSError):
            _prune(path.parent, state)


def _prune(folder, state):
    """Remove the files of earlier builds, and of earlier generations of this one.

    Only earlier ones: a process still reading an older state of the index must not
    remove what the others count for the newer one. Builds are named by the time they
    began, in hexadecimal nanoseconds (disk.Store).
    """
    build, generation = state
    for other in folder.parent.iterdir():
        if _number(other.name, 16) < _number(str(build), 16):
            shutil.rmtree(other, ignore_errors=True)
    for entry in folder.iterdir():
        if _number(entry.name.split("-", 1)[0], 10) < generation:
            entry.unlink(missing_ok=True)


def _number(text, base):
    """The number `text` writes, or -1 for a name that is none (never kept)."""
    try:
        return int(text, base)
    except ValueError:
        return -1
