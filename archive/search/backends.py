"""The two databases' full-text engines, each given the same parsed query.

Both index the same keys (archive.search.text), so both find the same
documents; they differ only in query syntax and in how they rank.
"""

from django.db import connection
from django.db.models import F, FloatField, Value
from django.db.models.expressions import RawSQL

from .query import Phrase


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
        if item.prefix:
            return f'"{item.prefix}" *'
        return self.OR.join(f'"{key}"' for key in item.keys)

    def but_not(self, positive, negative):
        return f"({positive}) NOT ({negative})"

    def matching_ids(self, expression):
        return RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [expression])

    def score(self, expression):
        # FTS5's rank is BM25, smaller for better matches; the score is larger for better.
        return RawSQL(
            f"SELECT -rank FROM {self.table} WHERE {self.table} MATCH %s "
            'AND rowid = "archive_document"."id"',
            [expression],
            output_field=FloatField(),
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
        if item.prefix:
            return f"{_lexeme(item.prefix)}:*"
        return self.OR.join(_lexeme(key) for key in item.keys)

    def but_not(self, positive, negative):
        return f"({positive}) & !({negative})"

    def matching_ids(self, expression):
        return RawSQL(
            "SELECT document_id FROM archive_searchentry WHERE vector @@ to_tsquery('simple', %s)",
            [expression],
        )

    def score(self, expression):
        return RawSQL(
            "SELECT ts_rank_cd(vector, to_tsquery('simple', %s)) FROM archive_searchentry "
            'WHERE archive_searchentry.document_id = "archive_document"."id"',
            [expression],
            output_field=FloatField(),
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


def apply(queryset, query):
    """`queryset` narrowed to the documents matching a parsed, non-empty query."""
    backend = get_backend()
    positive, negative = _expressions(backend, query)
    if not positive:
        return queryset.exclude(pk__in=backend.matching_ids(negative))
    if negative:
        positive = backend.but_not(positive, negative)
    return queryset.filter(pk__in=backend.matching_ids(positive))


def rank(queryset, query):
    """Annotate `search_score` (larger is better) and order best first, then by date."""
    backend = get_backend()
    positive, _negative = _expressions(backend, query)
    score = backend.score(positive) if positive else Value(0.0, output_field=FloatField())
    return queryset.annotate(search_score=score).order_by(
        "-search_score", F("date").asc(nulls_last=True), "record_id"
    )
