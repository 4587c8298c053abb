"""Search: the whole of it behind a few calls.

    parse(text)                      → ParsedQuery (never raises; says what it tidied up)
    Document.objects.search(q)       → the matching documents (drafts never have an entry)
    RankedResults(documents, q)      → those documents best first, sliced a page at a time
    materialized(q)                  → within the block, match once, not once per count/facet
    explain(documents, q)            → why each matched: names and highlighted snippets
    suggestion(q)                    → "Filippov" for "Flippov", when nothing was found
    Matcher(q).ranges(text)          → where a text matched, for highlighting
    reindex(ids), rebuild()          → keep the index current (archive.changes calls reindex)

On SQLite the index is an FTS5 table; on PostgreSQL a tsvector column; both are
chosen from the database in use and hold the same keys (see text.py).
"""

from contextlib import contextmanager

from . import backends
from .index import rebuild, reindex
from .query import ParsedQuery, parse
from .results import Matcher, explain, person_names
from .suggest import suggestion

__all__ = [
    "Matcher",
    "ParsedQuery",
    "RankedResults",
    "explain",
    "materialized",
    "parse",
    "person_names",
    "rebuild",
    "reindex",
    "search",
    "suggestion",
]


def _parsed(query):
    return query if isinstance(query, ParsedQuery) else parse(query)


def search(queryset, query):
    """`queryset` narrowed to the documents matching `query`; none for an empty query."""
    query = _parsed(query)
    if not query:
        return queryset.none()
    return backends.apply(queryset, query)


@contextmanager
def materialized(query):
    """Inside the block, searches for `query` reuse one full-text match.

    A results page counts its results, counts six facets and ranks a page: eight
    queries over the same matches. The match runs once, into a temporary table of
    this database connection, dropped when the block ends.
    """
    query = _parsed(query)
    release = backends.materialize(query) if query.clauses else (lambda: None)
    try:
        yield
    finally:
        release()


class RankedResults:
    """Search results best match first, for a Paginator: `count()` and slices only.

    Ranking every match in a database query would score each document once per
    row of the ordering; instead each page asks the full-text engine for just its
    slice of ids, within the documents `queryset` allows (search and facets applied).
    """

    def __init__(self, queryset, query):
        self.queryset, self.query = queryset, _parsed(query)

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if (stop is not None and stop <= start) or self.queryset.query.is_empty():
            return []
        if not self.query.clauses:  # only exclusions: nothing to rank by
            return list(self.queryset.in_reading_order()[start:stop])
        scored = backends.ranked_ids(self.queryset, self.query, start, stop - start)
        documents = self.queryset.in_bulk([pk for pk, _score in scored])
        page = []
        for pk, score in scored:
            document = documents[pk]
            document.search_score = score
            page.append(document)
        return page
