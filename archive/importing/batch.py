"""Importing many files: each in its own transaction, failures reported and passed over."""

import json
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .. import exchange, history
from ..apparatus import detect
from ..editorial.permissions import can_publish
from ..merging.bases import Bases
from ..models import Document
from ..relations.suggest import suggest
from ..search import engine as search_engine
from .record import CURATED, Terms, build_record
from .source import RecordFileError

SUFFIXES = {"text": (".txt", ".md"), "json": (".json",)}


@dataclass
class FileOutcome:
    path: Path
    outcome: str  # created, updated, unchanged or failed
    record_id: int = None
    error: str = ""
    changed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    new_persons: list = field(default_factory=list)
    new_terms: list = field(default_factory=list)
    pending: list = field(default_factory=list)  # relations to records not yet imported
    # A re-import's merge (archive.merging): what the file changed and was applied, what an
    # archivist changed and was kept, and what both changed (merge.Conflict, archive's kept).
    applied: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)


@dataclass
class Summary:
    files: list = field(default_factory=list)
    unlinked_relations: list = field(default_factory=list)

    def count(self, outcome):
        return sum(1 for item in self.files if item.outcome == outcome)


def collect(paths, file_format):
    """The files to import: named files as they are, folders searched for their kind of file."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES[file_format]
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def import_files(
    files, file_format="text", dry_run=False, encoding=None, status=None, progress=None,
    user=None,
):  # fmt: skip
    """Import each file in one transaction of its own; return a Summary of what happened.

    `user`: the account the import is made for, named in each revision; one that may not
    publish brings exchange files in as drafts, whatever status they carry.
    """
    terms, bases = Terms(), Bases()
    summary, pending = Summary(), []
    # Each file is committed on its own; the search index takes them in batches.
    with search_engine.batched():
        for done, path in enumerate(files, start=1):
            item = _import_file(path, file_format, dry_run, encoding, status, terms, bases, user)
            summary.files.append(item)
            pending.extend(item.pending)
            if progress:
                progress(done, len(files))
    if pending and not dry_run:
        # A relation to a record later in the same run is written once that record is in.
        summary.unlinked_relations = exchange.link_relations(pending)
    if not dry_run and file_format == "text":
        # A reply imported before the telegram it answers: its suggestion finds it now. (An
        # exchange file is an archive's own record: what it holds is imported, not read.)
        done = [item.record_id for item in summary.files if item.outcome in ("created", "updated")]
        waiting = Document.objects.filter(
            record_id__in=done, relations_from__status="suggested", relations_from__target=None
        ).distinct()
        for document in waiting:
            with transaction.atomic(), history.revision(COMPLETED, manual=True):
                if suggest(document):
                    history.record_document(Document.objects.for_exchange().get(pk=document.pk))
    return summary


COMPLETED = "Suggested links given the documents imported after them."


def _reader_of(terms):
    """What an import reads in a document once it is written: the relations its texts show
    (suggestions) and the places that disagree (open discrepancy notes), for an archivist."""

    def read(document):
        # The document as read back after the write: its texts, passages and roles with
        # their persons, which is what both readers read.
        suggested = suggest(document)
        flagged = detect.flag(document, terms.persons)
        return bool(suggested or flagged)

    return read


# A record imported before imports kept what they imported: nothing to merge with.
NO_BASE = (
    "no earlier import of this record is kept to merge with (it was imported before "
    "re-imports merged): the file replaced what it holds, as imports always did; what "
    "archivists changed since is in the document's edit history"
)


def _import_file(path, file_format, dry_run, encoding, status, terms, bases, user):
    item = FileOutcome(path, "failed")
    try:
        data = path.read_bytes()
        if file_format == "json":
            obj, warnings, keep, skip = _json_object(data, encoding), [], (), ()
            if user is not None and not can_publish(user):
                # A new document waits as a draft for a curator; an existing one keeps its status.
                obj = {k: v for k, v in obj.items() if k != "published_at"} | {"status": "draft"}
                keep = skip = ("status",)
        else:
            obj, warnings = build_record(data, terms, encoding=encoding, status=status)
            keep = CURATED if status is None else tuple(k for k in CURATED if k != "status")
            # A status given with --status is the command's, not the file's: it is not merged.
            skip = (*keep, "status")
        item.record_id = obj.get("record_id")
        merge = bases.merge_for(item.record_id, skip)
        # The document, its base and its conflicts are written together or not at all. A file
        # as it was last imported has no base or conflict to write: no transaction of its own
        # around the import, which writes nothing either when the document is as it says.
        recording = not dry_run and not bases.as_before(obj, path, merge)
        with transaction.atomic() if recording else nullcontext():
            result = exchange.import_document(
                obj,
                terms.persons,
                dry_run=dry_run,
                keep=keep,
                comment=f"Imported from {path.name}.",
                merge=merge,
                user=user,
                # What the text says it answers or passes on: suggestions for an archivist,
                # never public unconfirmed, written with the document and in its revision.
                after_write=_reader_of(terms) if file_format == "text" else None,
            )
            if recording:
                bases.save(obj, path, merge)
        if recording:
            bases.saved(item.record_id)
    except (RecordFileError, exchange.ExchangeError, OSError) as error:
        item.error = str(error)
        return item
    if merge.base is None and result.outcome == "updated":
        warnings = [*warnings, NO_BASE]
    item.applied, item.kept, item.conflicts = merge.applied, merge.kept, merge.conflicts
    item.outcome, item.changed, item.warnings = result.outcome, result.changed, warnings
    item.new_persons, item.new_terms = result.new_persons, result.new_terms
    item.pending = result.pending_relations
    return item


def _json_object(data, encoding):
    try:
        text = data.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as error:
        raise RecordFileError(f"not UTF-8 JSON: {error}") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordFileError(
            f"not valid JSON: {error.msg} (column {error.colno})", error.lineno
        ) from None
    if not isinstance(obj, dict):
        raise RecordFileError(f"not an exchange object: the file holds a JSON {type(obj).__name__}")
    return obj


def export_object(obj):
    """The text of an exchange file: stable, readable, UTF-8 as written, ending in a newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
