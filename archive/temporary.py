"""Matching documents written once to a temporary table, for pages that query them many times.

A results page counts its documents, ranks a page of them and counts six facets
over them: eight queries over one set. Computing the set once (search, dates,
facets and all) and reading it back by primary key keeps each of those queries
proportional to the documents found, not to the archive.
"""

import itertools
from contextlib import contextmanager

from django.db import connection
from django.db.models.expressions import RawSQL

_numbers = itertools.count(1)


@contextmanager
def temporary_table(prefix, columns, select_sql, params):
    """Yield the name of a temporary table filled by `select_sql`, dropped at the end.

    Temporary tables belong to the database connection, so nothing outlives the
    request that made it, and concurrent requests never see each other's.
    """
    table = f"{prefix}_{next(_numbers)}"
    names = ", ".join(name for name, _type in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ({', '.join(map(' '.join, columns))})")
        cursor.execute(f"INSERT INTO {table} ({names}) {select_sql}", params)
    try:
        yield table
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


@contextmanager
def temporary_ids(queryset):
    """Yield a queryset over the ids `queryset` matches now, held in a temporary table."""
    if queryset.query.is_empty():  # nothing to write, and no SQL to write it with
        yield queryset
        return
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with temporary_table("matching_ids", [("id", "bigint PRIMARY KEY")], sql, params) as table:
        yield queryset.model._default_manager.filter(pk__in=RawSQL(f"SELECT id FROM {table}", []))
