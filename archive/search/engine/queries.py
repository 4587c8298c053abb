"""A parsed query and the browse filters, as the engine's queries.

The same keys as the index (archive.search.text): a word matches any field in
its form or its stem; a phrase, the positions of one stream; a prefix, the
words of the index that begin with it.
"""

import re

from tantivy import FieldType, Occur, Query

from ...apparatus.glossary import search_glossary
from ...models.versions import PerVersion
from ..query import Phrase, expand
from .schema import BOOSTS, KEY_FIELDS

# What every search expands to, read once per version of the archive.
_GLOSSARY = PerVersion(lambda _keys: {None: search_glossary()}, by_language=False)

# A prefix that begins more words than this is matched by a pattern, all alike, rather
# than word by word with each word's weight.
MAX_PREFIX_WORDS = 256


def text_query(index_schema, searcher, parsed):
    """The query's words, phrases and exclusions; everything for a query of exclusions only.

    Glossary terms named in the query join the clauses that name them (query.expand()):
    "General Staff" finds ГЕНШТАБА. Read once per parsed query, on its first match.
    """
    expanded(parsed)
    must = [_any(index_schema, searcher, clause) for clause in parsed.clauses] or [
        Query.all_query()
    ]
    clauses = [(Occur.Must, query) for query in must]
    clauses += [(Occur.MustNot, _any(index_schema, searcher, (item,))) for item in parsed.excluded]
    return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)


def expanded(parsed):
    """`parsed`, its clauses joined by the glossary's forms of the terms they name (once)."""
    if parsed.clauses and not parsed.expanded:
        expand(parsed, _GLOSSARY.get())
    return parsed


def _any(index_schema, searcher, items):
    alternatives = []
    for item in items:
        alternatives += _item(index_schema, searcher, item)
    if not alternatives:
        return Query.empty_query()
    return Query.boolean_query([(Occur.Should, query) for query in alternatives])


def in_text(index_schema, searcher, items, slot):
    """Any of `items` (terms and phrases) in the text field `slot` (schema.TEXT_SLOTS).

    A phrase is asked for as its words, all of them, in any order: what may hold it. The
    field keeps no positions, and the caller reads the text anyway.
    """
    alternatives = []
    for item in items:
        if isinstance(item, Phrase):
            alternatives += [
                Query.boolean_query(
                    [(Occur.Must, Query.term_query(index_schema, slot, key)) for key in set(keys)]
                )
                for _kind, keys in item.variants
            ]
        elif item.prefixes:
            for prefix in item.prefixes:
                alternatives += _prefix(index_schema, searcher, slot, prefix)
        else:
            alternatives += [Query.term_query(index_schema, slot, key) for key in item.keys]
    if not alternatives:
        return Query.empty_query()
    return Query.boolean_query([(Occur.Should, query) for query in alternatives])


def _item(index_schema, searcher, item):
    if isinstance(item, Phrase):
        return [
            _boosted(_phrase(index_schema, field, keys), field)
            for kind, keys in item.variants
            for field in KEY_FIELDS[kind]
        ]
    if item.prefixes:
        return [
            _boosted(query, field)
            for prefix in item.prefixes
            for field in BOOSTS
            for query in _prefix(index_schema, searcher, field, prefix)
        ]
    return [
        _boosted(Query.term_query(index_schema, field, key), field)
        for field in BOOSTS
        for key in item.keys
    ]


def _phrase(index_schema, field, keys):
    # A reading may keep one word of a phrase ("Li o" read as Russian drops "o"); the
    # engine wants two or more for a phrase.
    if len(keys) == 1:
        return Query.term_query(index_schema, field, keys[0])
    return Query.phrase_query(index_schema, field, list(keys))


def _prefix(index_schema, searcher, field, prefix):
    words = searcher.terms_with_prefix(field, prefix, limit=MAX_PREFIX_WORDS + 1)
    if len(words) > MAX_PREFIX_WORDS:
        pattern = re.escape(prefix) + ".*"
        return [Query.regex_query(index_schema, field, pattern)]
    return [Query.term_query(index_schema, field, word) for word, _n in words]


def _boosted(query, field):
    return Query.boost_query(query, BOOSTS[field])


# -- the browse filters --------------------------------------------------------------------


def filter_clauses(index_schema, values):
    """[(Occur.Must, query)] for the browse filters in `values` (engine.filter_values())."""
    queries = []
    if values.get("type") is not None:
        queries.append(Query.term_query(index_schema, "type", values["type"]))
    if values.get("language"):
        queries.append(Query.term_query(index_schema, "language", values["language"]))
    for facet, field in (("collection", "collections"), ("repository", "repositories")):
        if values.get(facet) is not None:
            queries.append(Query.term_query(index_schema, field, values[facet]))
    person, role = values.get("person"), values.get("role")
    if person is not None and role:
        # Together they narrow one role: "Stalin as recipient".
        queries.append(Query.term_query(index_schema, "person_roles", f"{person}:{role}"))
    elif person is not None:
        queries.append(Query.term_query(index_schema, "persons", person))
    elif role:
        queries.append(Query.term_query(index_schema, "roles", role))
    if values.get("date_from"):
        day = values["date_from"].toordinal()
        queries.append(_range(index_schema, "last_day", day, None))
    if values.get("date_to"):
        day = values["date_to"].toordinal()
        queries.append(_range(index_schema, "first_day", None, day))
    if values.get("inferred"):  # "exclude inferred dates": those dated on the document only
        queries.append(Query.term_query(index_schema, "inferred", 0))
    # Filters choose; they never add to a document's score.
    return [(Occur.Must, Query.const_score_query(query, 0.0)) for query in queries]


def _range(index_schema, field, low, high):
    return Query.range_query(index_schema, field, FieldType.Integer, low, high)


def narrowed(index_schema, text, values):
    """The text query within the filters."""
    clauses = filter_clauses(index_schema, values)
    if not clauses:
        return text
    return Query.boolean_query([(Occur.Must, text), *clauses])
