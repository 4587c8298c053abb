"""The two databases' full-text engines, each given the same parsed query.

Both index the same keys (archive.search.text), so both find the same
documents; they differ only in query syntax and in how they rank.
"""

import threading
from contextlib import ExitStack

from django.db import connection
from django.db.models.expressions import RawSQL

from ..temporary import temporary_table
from .query import Phrase

# Expressions whose matches sit in a temporary table for the duration of a request.
_materialized = threading.local()


class SQLiteBackend:
    """SQLite FTS5 over archive_searchentry_fts, ranked by BM25 (weights in the migration)."""

    table = "archive_searchentry_fts"
    AND, OR = " AND ", " OR "
    columns = {
        "form": "{title names body meta}",
        "stem": "{title_stems names_stems body_stems meta_stems}",
    }

    def term(self, item):
        if isinstance(item, Phrase):
            return self.OR.join(
                f'{self.columns[kind]} : "{" ".join(keys)}"' for kind, keys in item.variants
            )
        if item.prefixes:
            return self.OR.join(f'"{prefix}" *' for prefix in item.prefixes)
        return self.OR.join(f'"{key}"' for key in item.keys)

    def but_not(self, positive, negative):
        return f"({positive}) NOT ({negative})"

    def matching_ids(self, expression):
        return RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [expression])

    def hits_sql(self):
        # FTS5's rank is BM25, smaller for better: the score is its negative.
        return f"SELECT rowid, -rank FROM {self.table} WHERE {self.table} MATCH %s"

    def ranked_from_table(self, table, within):
        return (
            f'SELECT h.id, h.score FROM {table} h CROSS JOIN "archive_document" d ON d."id" = h.id '
            f"WHERE +h.id IN ({within}) "
            'ORDER BY h.score DESC, d."date" IS NULL, d."date", d."record_id" LIMIT %s OFFSET %s'
        )

    def ranked_sql(self, within):
        # FTS5's rank is BM25 (smaller is better). CROSS JOIN keeps the full-text match as the
        # outer loop, and the unary + keeps "rowid IN" from being handed to FTS5 as lookups:
        # either way SQLite would rerun the match once per document.
        return (
            f"SELECT f.rowid, -f.rank FROM {self.table} f "
            'CROSS JOIN "archive_document" d ON d."id" = f.rowid '
            f"WHERE f.{self.table} MATCH %s AND +f.rowid IN ({within}) "
            'ORDER BY f.rank, d."date" IS NULL, d."date", d."record_id" LIMIT %s OFFSET %s'
        )


class PostgreSQLBackend:
    """PostgreSQL tsquery over the generated archive_searchentry.vector, ranked by ts_rank_cd."""

    AND, OR = " & ", " | "

    def term(self, item):
        if isinstance(item, Phrase):
            return self.OR.join(
                "(" + " <-> ".join(_lexeme(key) for key in keys) + ")"
                for _kind, keys in item.variants
            )
        if item.prefixes:
            return self.OR.join(f"{_lexeme(prefix)}:*" for prefix in item.prefixes)
        return self.OR.join(_lexeme(key) for key in item.keys)

    def but_not(self, positive, negative):
        return f"({positive}) & !({negative})"

    def matching_ids(self, expression):
        return RawSQL(
            "SELECT document_id FROM archive_searchentry WHERE vector @@ to_tsquery('simple', %s)",
            [expression],
        )

    def hits_sql(self):
        return (
            "SELECT e.document_id, ts_rank_cd(e.vector, q.query) "
            "FROM archive_searchentry e, to_tsquery('simple', %s) AS q(query) "
            "WHERE e.vector @@ q.query"
        )

    def ranked_from_table(self, table, within):
        return (
            f'SELECT h.id, h.score FROM {table} h JOIN "archive_document" d ON d."id" = h.id '
            f"WHERE h.id IN ({within}) "
            'ORDER BY h.score DESC, d."date" ASC NULLS LAST, d."record_id" LIMIT %s OFFSET %s'
        )

    def ranked_sql(self, within):
        return (
            "SELECT e.document_id, ts_rank_cd(e.vector, q.query) AS score "
            "FROM archive_searchentry e, to_tsquery('simple', %s) AS q(query), "
            '"archive_document" d '
            f'WHERE d."id" = e.document_id AND e.vector @@ q.query AND e.document_id IN ({within}) '
            'ORDER BY score DESC, d."date" ASC NULLS LAST, d."record_id" LIMIT %s OFFSET %s'
        )


def _lexeme(key):
    return "'" + key.replace("'", "''").replace("\\", "\\\\") + "'"


def get_backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()


def _expressions(backend, query):
    """(positive, negative) expressions in the backend's syntax; either may be ""."""

    def any_of(items):
        return backend.OR.join(f"({backend.term(item)})" for item in items)

    positive = backend.AND.join(f"({any_of(clause)})" for clause in query.clauses)
    negative = any_of(query.excluded)
    return positive, negative


def _combined(backend, query):
    positive, negative = _expressions(backend, query)
    return backend.but_not(positive, negative) if positive and negative else positive


def _table_for(expression):
    return getattr(_materialized, "tables", {}).get((connection.alias, expression))


def apply(queryset, query):
    """`queryset` narrowed to the documents matching a parsed, non-empty query."""
    backend = get_backend()
    positive, negative = _expressions(backend, query)
    if not positive:
        # Only what has an entry can be found: drafts have none, even here.
        indexed = queryset.filter(search_entry__isnull=False)
        return indexed.exclude(pk__in=backend.matching_ids(negative))
    expression = _combined(backend, query)
    table = _table_for(expression)
    if table:
        return queryset.filter(pk__in=RawSQL(f"SELECT id FROM {table}", []))
    return queryset.filter(pk__in=backend.matching_ids(expression))


def ranked_ids(queryset, query, offset, limit):
    """[(document id, score)] of `queryset`'s documents, best match first, one page of them.

    `queryset` is already narrowed (by the search and any facets); ranking takes
    the scores of the full-text engine, within those documents only.
    """
    backend = get_backend()
    within, within_params = queryset.order_by().values("pk").query.sql_with_params()
    expression = _combined(backend, query)
    table = _table_for(expression)
    with connection.cursor() as cursor:
        if table:
            cursor.execute(
                backend.ranked_from_table(table, within), [*within_params, limit, offset]
            )
        else:
            positive, _negative = _expressions(backend, query)
            sql = backend.ranked_sql(within)
            cursor.execute(sql, [positive, *within_params, limit, offset])
        return [(pk, score) for pk, score in cursor.fetchall()]


def materialize(query):
    """Run the query's full-text match once into a temporary table; returns a `release`.

    Until released, every search for the same query (the result count, each
    facet's counts, the ranked page) reads that table instead of matching again.
    """
    backend = get_backend()
    expression = _combined(backend, query)
    if not expression:
        return lambda: None
    key = (connection.alias, expression)
    tables = _materialized.__dict__.setdefault("tables", {})
    if key in tables:
        return lambda: None
    stack = ExitStack()
    columns = [("id", "bigint PRIMARY KEY"), ("score", "real")]
    tables[key] = stack.enter_context(
        temporary_table("search_hits", columns, backend.hits_sql(), [expression])
    )

    def release():
        tables.pop(key, None)
        stack.close()

    return release
