"""Search: the whole of it behind a few calls.

    parse(text)                      → ParsedQuery (never raises; says what it tidied up)
    Document.objects.search(q)       → the matching documents (drafts never have an entry)
    RankedResults(documents, q)      → those documents best first, sliced a page at a time
    materialized(q)                  → within the block, match once, not once per count/facet
    explain(documents, q)            → why each matched: names and highlighted snippets
    suggestion(q)                    → "Filippov" for "Flippov", when nothing was found
    Matcher(q).ranges(text)          → where a text matched, for highlighting
    reindex(ids), rebuild()          → keep the index current (archive.changes calls reindex)
    engine                           → the index beside the database, and the results page's
                                       counts, facets and ranking in one place

The index is the same on SQLite and PostgreSQL (a tantivy index fed from an
outbox in the database, see engine/), so both find and rank alike.
"""

import json
import threading
from contextlib import contextmanager

from django.db import connection
from django.db.models.expressions import RawSQL

from . import engine
from .index import rebuild, reindex
from .query import ParsedQuery, parse
from .results import Matcher, explain, person_names
from .suggest import suggestion

__all__ = [
    "Matcher",
    "ParsedQuery",
    "RankedResults",
    "engine",
    "explain",
    "index_bytes",
    "materialized",
    "parse",
    "person_names",
    "rebuild",
    "reindex",
    "search",
    "suggestion",
]

# Within materialized(): each query's matching ids, found once.
_matched = threading.local()


def _parsed(query):
    return query if isinstance(query, ParsedQuery) else parse(query)


def search(queryset, query):
    """`queryset` narrowed to the documents matching `query`; none for an empty query."""
    query = _parsed(query)
    if not query:
        return queryset.none()
    return queryset.filter(pk__in=ids_sql(_matching_ids(query)))


def _matching_ids(query):
    cache = getattr(_matched, "ids", None)
    if cache is not None and query.raw in cache:
        return cache[query.raw]
    ids = engine.matching_ids(query)
    if cache is not None:
        cache[query.raw] = ids
    return ids


def ids_sql(ids):
    """SQL for a list of ids as one parameter: tens of thousands of ids are one value."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])


@contextmanager
def materialized(query):
    """Inside the block, searches for `query` reuse one match by the engine.

    A results page counts its results, counts six facets and lists a page: several
    queries over the same matches.
    """
    outer = getattr(_matched, "ids", None)
    if outer is None:
        _matched.ids = {}
    try:
        with engine.reading():
            yield
    finally:
        if outer is None:
            _matched.ids = None


def index_bytes():
    """The size of the search index on disk, in bytes."""
    return engine.disk_bytes()


class RankedResults:
    """Search results best match first, for a Paginator: `count()` and slices only.

    The engine ranks every match of the query; the page keeps those `queryset`
    allows (other filters applied), in that order.
    """

    def __init__(self, queryset, query, filters=None):
        """With `filters` (engine.filter_values()), the engine applies them, counts and
        ranks alone, and `queryset` (published documents) only supplies the rows."""
        self.queryset, self.query, self.filters = queryset, _parsed(query), filters
        self._order = self._count = self._first = None

    def count(self):
        if self._count is None:
            if self.filters is not None and self.query.clauses:
                # The first page is ranked with the count, in one pass of the engine.
                self._count, self._first = engine.ranked(self.query, self.filters, 0, FIRST)
            else:
                self._count = self.queryset.count()
        return self._count

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        if stop <= start or self.queryset.query.is_empty():
            return []
        if not self.query.clauses:  # only exclusions: nothing to rank by
            return list(self.queryset.in_reading_order()[start:stop])
        if self.filters is not None:
            first = self._first
            # The first ranked hits cover the slice, or are all there are.
            if first is not None and (stop <= len(first) or len(first) < FIRST):
                scored = first[start:stop]
            else:
                _count, scored = engine.ranked(self.query, self.filters, start, stop - start)
        else:
            if self._order is None:
                allowed = set(self.queryset.order_by().values_list("pk", flat=True))
                _count, ranked = engine.ranked(self.query, {}, 0, _EVERY)
                self._order = [(pk, score) for pk, score in ranked if pk in allowed]
            scored = self._order[start:stop]
        documents = self.queryset.in_bulk([pk for pk, _score in scored])
        page = []
        for pk, score in scored:
            document = documents.get(pk)
            if document is None:  # withdrawn since the index was read: never shown
                continue
            document.search_score = score
            page.append(document)
        return page


_EVERY = 2**31
# Ranked with the count: a first page of results, whatever its size setting.
FIRST = 100
