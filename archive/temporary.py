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
def temporary_ids(queryset):
    """Yield a queryset over the ids `queryset` matches now, held in a temporary table.

    The table belongs to this database connection and is dropped at the end of
    the block, so nothing outlives the request that made it.
    """
    if queryset.query.is_empty():  # nothing to write, and no SQL to write it with
        yield queryset
        return
    table = f"matching_ids_{next(_numbers)}"
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {table} (id bigint PRIMARY KEY)")
        cursor.execute(f"INSERT INTO {table} (id) {sql}", params)
    try:
        yield queryset.model._default_manager.filter(pk__in=RawSQL(f"SELECT id FROM {table}", []))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
