"""The bases of an import run: read for each record as its file comes, written with its import."""

import json

from django.utils import timezone

from ..exchange import upgraded
from ..models import Document
from .merge import Merge
from .models import ImportBase, ImportConflict


class Bases:
    """Which records have a base is read once, when the run begins (their ids, one query);
    a record's base when its file comes (one row, by its key). Reading every base at the
    start would hold the objects of the whole archive in memory for a run of ten files;
    a record imported for the first time costs no query at all."""

    def __init__(self):
        self._ids = set(ImportBase.objects.values_list("record_id", flat=True))

    def merge_for(self, record_id, skip=()):
        """The Merge for a record's file: with its base, if it has one."""
        row = None
        if type(record_id) is int and record_id in self._ids:  # an object may hold anything
            row = ImportBase.objects.filter(record_id=record_id).values_list("data", "path").first()
        if row is None:
            return Merge(skip=skip)
        return Merge(row[0], skip=skip, base_path=row[1])

    def as_before(self, obj, path, merge):
        """Whether the file gives what was last imported from it: then the merge can find
        nothing but archivists' changes, kept, and there is nothing of it to record."""
        return (
            merge.base is not None and merge.base_path == str(path) and merge.base == _stored(obj)
        )

    def save(self, obj, path, merge):
        """Within the import's transaction: the file's object becomes its record's base, and
        the conflicts the merge found are recorded (each replacing one still open on the
        same thing: the file has changed it again since)."""
        data = _stored(obj)
        record_id = data["record_id"]
        if merge.base != data or merge.base_path != str(path):
            # One statement, insert or update: another run may have made the row meanwhile.
            row = ImportBase(
                record_id=record_id, data=data, path=str(path), imported_at=timezone.now()
            )
            ImportBase.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["record_id"],
                update_fields=["data", "path", "imported_at"],
            )
        if merge.conflicts:
            document_id = Document.objects.values_list("pk", flat=True).get(record_id=record_id)
            open_ones = ImportConflict.objects.filter(
                record_id=record_id, status=ImportConflict.Status.OPEN
            )
            open_ones.filter(what__in=[c.what for c in merge.conflicts]).update(
                status=ImportConflict.Status.SUPERSEDED
            )
            ImportConflict.objects.bulk_create(
                ImportConflict(
                    file=str(path),
                    record_id=record_id,
                    document_id=document_id,
                    what=conflict.what[: ImportConflict._meta.get_field("what").max_length],
                    location=conflict.location,
                    base_value=conflict.base,
                    file_value=conflict.file,
                    archive_value=conflict.archive,
                )
                for conflict in merge.conflicts
            )

    def saved(self, record_id):
        """The record's import was committed: its base is there for a later file of it."""
        self._ids.add(record_id)


def _stored(obj):
    """The object as the base holds it, and reads it back: in this version of the format,
    lists where it had tuples."""
    return json.loads(json.dumps(upgraded(obj)))
