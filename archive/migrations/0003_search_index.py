"""The database's own full-text index over SearchEntry, different on each database.

SQLite: an FTS5 table that mirrors archive_searchentry (external content), kept
in step by triggers, ranked by BM25 with the title and names weighted highest.
PostgreSQL: a generated tsvector column (title A, names B, body C, details D)
with a GIN index. Both index the keys written by archive.search, with the
'simple' rules, since stemming and romanization were done before.
"""

from django.db import migrations

COLUMNS = ["title", "title_stems", "names", "names_stems", "body", "body_stems", "meta", "meta_stems"]
WEIGHTS = {"title": "A", "names": "B", "body": "C", "meta": "D"}
# BM25 weights per FTS5 column, in the order of COLUMNS.
BM25 = "bm25(10.0, 10.0, 6.0, 6.0, 1.0, 1.0, 2.0, 2.0)"


def sqlite_statements():
    columns = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    return [
        f"CREATE VIRTUAL TABLE archive_searchentry_fts USING fts5({columns}, "
        "content='archive_searchentry', content_rowid='document_id', "
        "tokenize='unicode61 remove_diacritics 0', prefix='2 3 4')",
        f"CREATE TRIGGER archive_searchentry_ai AFTER INSERT ON archive_searchentry BEGIN "
        f"INSERT INTO archive_searchentry_fts(rowid, {columns}) VALUES (new.document_id, {new}); END",
        f"CREATE TRIGGER archive_searchentry_ad AFTER DELETE ON archive_searchentry BEGIN "
        f"INSERT INTO archive_searchentry_fts(archive_searchentry_fts, rowid, {columns}) "
        f"VALUES ('delete', old.document_id, {old}); END",
        f"CREATE TRIGGER archive_searchentry_au AFTER UPDATE ON archive_searchentry BEGIN "
        f"INSERT INTO archive_searchentry_fts(archive_searchentry_fts, rowid, {columns}) "
        f"VALUES ('delete', old.document_id, {old}); "
        f"INSERT INTO archive_searchentry_fts(rowid, {columns}) VALUES (new.document_id, {new}); END",
        f"INSERT INTO archive_searchentry_fts(archive_searchentry_fts, rank) VALUES ('rank', '{BM25}')",
        # Entries that existed before the index (none on a new installation).
        "INSERT INTO archive_searchentry_fts(archive_searchentry_fts) VALUES ('rebuild')",
    ]


def postgresql_statements():
    parts = " || ".join(
        f"setweight(to_tsvector('simple', coalesce({column}, '')), '{WEIGHTS[column.split('_')[0]]}')"
        for column in COLUMNS
    )
    return [
        f"ALTER TABLE archive_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ({parts}) STORED",
        "CREATE INDEX archive_searchentry_vector ON archive_searchentry USING gin (vector)",
    ]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}.get(vendor)
    if statements is None:
        raise RuntimeError(f"Search needs SQLite or PostgreSQL, not {vendor}.")
    for statement in statements():
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS archive_searchentry_{trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS archive_searchentry_fts")
    else:
        schema_editor.execute("ALTER TABLE archive_searchentry DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_search_entry")]

    operations = [migrations.RunPython(create_index, drop_index)]
