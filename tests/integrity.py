"""What must hold of the database after a process that wrote to it was killed midway."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection as default_connection
from django.db.models.fields.files import FieldFile
from reversion.models import Revision, Version

from archive.history import DOCUMENT_PARTS
from archive.models import Document, DocumentRelation, Note, Passage, Text


def assert_database_intact(connection=default_connection):
    """The database's own check of its files finds nothing wrong, and no row lacks its parent.

    SQLite (in WAL mode, as the site runs it): PRAGMA integrity_check reads every page, row
    and index entry; PRAGMA foreign_key_check lists rows whose parent is missing.
    PostgreSQL: amcheck's bt_index_check (with heapallindexed: every row has its index
    entry) on every B-tree index and verify_heapam on every table, which read them whole;
    then every foreign key's orphans are counted.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert cursor.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert cursor.execute("PRAGMA foreign_key_check").fetchall() == []
            return
        assert connection.vendor == "postgresql", connection.vendor
        cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")  # Debian ships it with the server
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE am.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid"
        )
        indexes = [name for (name,) in cursor.fetchall()]
        assert indexes
        for index in indexes:
            cursor.execute("SELECT bt_index_check(%s::regclass, true)", [index])
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'm') AND n.nspname = current_schema()"
        )
        tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            cursor.execute("SELECT * FROM verify_heapam(%s::regclass)", [table])
            assert cursor.fetchall() == [], table
        cursor.execute(
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname"
            " FROM pg_constraint c"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            " JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]"
            " WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"
            " AND cardinality(c.conkey) = 1"
        )
        keys = cursor.fetchall()
        assert keys
        for table, column, parent, parent_column in keys:
            cursor.execute(
                f'SELECT count(*) FROM {table} t WHERE t."{column}" IS NOT NULL AND NOT EXISTS'
                f' (SELECT 1 FROM {parent} p WHERE p."{parent_column}" = t."{column}")'
            )
            assert cursor.fetchone() == (0,), f"{table}.{column} has rows without their {parent}"


def assert_history_whole():
    """No half-written revision in the edit history.

    Every revision has its versions, every version reads back, and each document's latest
    revision holds the document as stored (its fields and many-to-many links) with every
    part it has now (texts, passages, notes, roles, sources…), each as stored.
    """
    assert not Revision.objects.filter(version__isnull=True).exists(), "a revision is empty"
    for version in Version.objects.iterator():
        version.field_dict  # noqa: B018 -- reads the serialized object back, or raises
    for document in Document.objects.all():
        latest = Version.objects.get_for_object(document).select_related("revision").first()
        assert latest is not None, f"record {document.record_id} has no history"
        held = _held_of(latest.revision, document.pk)
        parts = {
            (ContentType.objects.get_for_model(p).id, str(p.pk)): p for p in parts_of(document)
        }
        assert set(held) == set(parts), (
            f"record {document.record_id}: its latest revision holds {sorted(set(held) - set(parts))}"
            f" that it has not, and not {sorted(set(parts) - set(held))} that it has"
        )
        for key, part in parts.items():
            assert_same(held[key].field_dict, part)


def _held_of(revision, document_id):
    """{(content type id, object id): version} of a document and its parts in a revision."""
    held, texts, texts_parts = {}, set(), []
    for version in revision.version_set.all():
        model, fields = version._model, version.field_dict
        key = (version.content_type_id, version.object_id)
        if model is Document:
            belongs = version.object_id == str(document_id)
        elif model is DocumentRelation:
            belongs = fields["source_id"] == document_id
        elif model in (Passage, Note):
            texts_parts.append((key, version))
            continue
        else:
            belongs = fields.get("document_id") == document_id
            if belongs and model is Text:
                texts.add(int(version.object_id))
        if belongs:
            held[key] = version
    held.update((key, v) for key, v in texts_parts if v.field_dict["text_id"] in texts)
    return held


def parts_of(document):
    """The document and everything its revision follows (archive.history)."""
    parts = [document]
    for name in DOCUMENT_PARTS:
        parts.extend(getattr(document, name).all())
    for text in document.texts.all():
        parts.extend(text.passages.all())
        parts.extend(text.notes.all())
    return parts


def assert_same(recorded, obj):
    for field in obj._meta.concrete_fields:
        if field.name == "modified":
            continue  # brought forward after the revision is recorded (archive.changes)
        was, now = _plain(recorded[field.attname]), _plain(getattr(obj, field.attname))
        assert was == now, f"{obj!r}.{field.attname}: {was!r} recorded, {now!r} stored"
    for field in obj._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            stored = {str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True)}
            was = {str(pk) for pk in recorded.get(field.attname, [])}
            assert was == stored, f"{obj!r}.{field.name}: {was} recorded, {stored} stored"


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)  # as serialized
    if isinstance(value, FieldFile):
        return value.name
    return value
