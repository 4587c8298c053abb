"""Search: the whole of it behind a few calls.

    parse(text)                      → ParsedQuery (never raises; says what it tidied up)
    Document.objects.search(q)       → the matching documents (drafts never have an entry)
    Document.objects.ranked(q)       → the same, best first, with `search_score`
    explain(documents, q)            → why each matched: names and highlighted snippets
    Matcher(q).ranges(text)          → where a text matched, for highlighting
    reindex(ids), rebuild()          → keep the index current (signals do it on every change)
    deferred_indexing()              → reindex once at the end of bulk work

On SQLite the index is an FTS5 table; on PostgreSQL a tsvector column; both are
chosen from the database in use and hold the same keys (see text.py).
"""

from . import backends
from .index import deferred_indexing, rebuild, reindex
from .query import ParsedQuery, parse
from .results import Matcher, explain

__all__ = [
    "Matcher",
    "ParsedQuery",
    "deferred_indexing",
    "explain",
    "parse",
    "rank",
    "rebuild",
    "reindex",
    "search",
]


def _parsed(query):
    return query if isinstance(query, ParsedQuery) else parse(query)


def search(queryset, query):
    """`queryset` narrowed to the documents matching `query`; none for an empty query."""
    query = _parsed(query)
    if not query:
        return queryset.none()
    return backends.apply(queryset, query)


def rank(queryset, query):
    """`queryset` ordered best match first, each with `search_score`."""
    return backends.rank(queryset, _parsed(query))
