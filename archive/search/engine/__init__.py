"""The search engine: a tantivy index beside the database, fed through an outbox.

    searcher()                     → a searcher with every committed change applied
    matching_ids(parsed)           → ids of the published documents a query matches
    ranked(parsed, values, o, n)   → (how many match, [(id, score)] best first, n from o)
    facet_counts(parsed, values)   → {facet: [(value, documents)]}, each over the other filters
    changes_committed()            → apply the outbox now (after a transaction commits)
    catch_up(), rebuild()          → the management commands' work
    disk_bytes()                   → the size of the index in use
    texts_holding(items, ids)      → which texts of a page's documents may hold the words

`values` are the browse filters as plain values (filter_values() makes them from the
browse form): type, collection, repository and person by id, language and role by
code, date_from and date_to as dates, inferred as "exclude" or absent. The index holds
published documents only, and callers read the rows they show through `published()`
all the same.
"""

import heapq
import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.db.models import Model
from tantivy import FieldType, Occur, Order, Query

from . import counts as shared_counts
from . import queries
from .disk import REQUEST_LIMIT, store
from .schema import TEXT_SLOTS, order_parts

logger = logging.getLogger(__name__)
_batch = threading.local()
_reading = threading.local()
COUNTS_KEPT = 500


class _Kept:
    """What recent searches found, by the index's state it was found in: the most recent
    `size` kept, for the threads of this process."""

    def __init__(self, size):
        self.size, self._values, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def clear(self):
        with self._lock:
            self._values.clear()

    def __len__(self):
        return len(self._values)

    def put(self, key, value):
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)


# Facet counts (facet_counts()) and first pages of ranked hits (ranked()) of recent searches.
_counted, _ranked = _Kept(COUNTS_KEPT), _Kept(COUNTS_KEPT)
BATCH_CHANGES = 100

FACETS = ("type", "language", "collection", "repository", "person", "role")
# Fields counted for each facet (person and role as the browse filters read them).
_FIELDS = {"type": "type", "language": "language", "collection": "collections",
           "repository": "repositories", "person": "persons", "role": "roles"}  # fmt: skip
# Equal scores are ordered by date and record number, as the list is. When more hits tie
# than were read, the matches are read in that order, in steps, and the tied ones kept:
# past this many read, the engine's order stands for the rest.
MAX_TIED = 20_000
# Rankings are kept up to this many hits from the first: a results page's hundred, not a
# ranking of every match (RankedResults without filters), which is as large as the archive.
KEEP_RANKED = 1_000
# Relative difference under which two scores are equal: a few units of single precision,
# in which the engine sums a document's scores (the sum of one query scored twice has not
# been seen to differ; this allows for an order of summing that does).
SAME_SCORE = 1e-6
# Values asked for per facet: all there are (the engine refuses more than 65,000 buckets in
# one request, all facets together).
_SIZES = {"type": 2_000, "language": 500, "collection": 5_000, "repository": 5_000,
          "person": 50_000, "role": 100}  # fmt: skip


def current():
    """The index's disk.Reading, brought up to date once per reading() block (once a page)."""
    held = getattr(_reading, "current", None)
    if held is not None:
        return held
    found = store().reading()
    if getattr(_reading, "depth", 0):
        _reading.current = found
    return found


def searcher():
    return current().searcher


def behind():
    """Whether the last search of this block read an index known to lag the database (its
    page must not be cached)."""
    held = getattr(_reading, "current", None)
    return bool(held and held.behind)


@contextmanager
def reading():
    """Within the block, every search reads one state of the index: a results page asks
    the database whether the index is current once, not once per count and facet."""
    _reading.depth = getattr(_reading, "depth", 0) + 1
    if _reading.depth == 1:
        _reading.queries = {}
    try:
        yield
    finally:
        _reading.depth -= 1
        if not _reading.depth:
            _reading.current = _reading.queries = None


def filter_values(cleaned):
    """The browse form's cleaned data as the engine's filter values."""
    values = {}
    for name in (*FACETS, "date_from", "date_to", "inferred"):
        value = cleaned.get(name)
        if value in (None, ""):
            continue
        values[name] = value.pk if isinstance(value, Model) else value
    return values


def matching_ids(parsed):
    found = searcher()
    return _all_ids(found, queries.text_query(_schema(), found, parsed))


def indexed_ids():
    """Ids of every document the index holds."""
    return set(_all_ids(searcher(), Query.all_query()))


def _schema():
    return store().index.schema


def _all_ids(found, query):
    count = found.search(query, limit=1, count=True).count
    if not count:
        return []
    hits = found.search(query, limit=count, count=False).hits
    return found.fast_field_values("id", [address for _score, address in hits])


def _text_query(found, parsed):
    """The query's own part, made once per reading() block (prefixes look up the index)."""
    cache = getattr(_reading, "queries", None)
    if cache is not None and parsed.raw in cache:
        return cache[parsed.raw]
    query = queries.text_query(_schema(), found, parsed)
    if cache is not None:
        cache[parsed.raw] = query
    return query


def ranked(parsed, values, offset, limit):
    """(count, [(id, score)]): the documents matching the query and filters, best first.

    Equal scores are ordered as the list by date is: by the first day (undated last), the
    first moment known within it (none last), then record number. What is found is kept
    for the index's state it was found in, as facet counts are: the next page of a search
    is ranked with the first (RankedResults ranks a hundred), and is not ranked again.
    """
    reading_now = current()
    found = reading_now.searcher
    queries.expanded(parsed)  # the key names the glossary's forms of its terms

    def rank():
        text = _text_query(found, parsed)  # only when ranking: prefixes look up the index
        return _ranked_now(found, queries.narrowed(_schema(), text, values), offset, limit)

    if offset + limit > KEEP_RANKED:
        return rank()
    search = repr(("ranked", parsed.clauses, parsed.excluded, sorted(values.items()),
                   offset, limit))  # fmt: skip
    # Only first pages are shared: a crawler paging through every search would otherwise
    # leave a file per page until the index changes.
    count, rows = _recalled(
        _ranked, reading_now, search, rank,
        from_json=lambda stored: (stored[0], [tuple(row) for row in stored[1]]),
        share=not offset,
    )  # fmt: skip
    return count, list(rows)


def _recalled(kept, reading_now, search, find, from_json, share=True):
    """What `find()` gives for `search` in the index's state being read: kept by this
    process, else by another process of the server (the counts' files, if `share`),
    else found now and kept for both."""
    key = (reading_now.key, search)
    value = kept.get(key)
    if value is not None:
        return value
    state = reading_now.key[1:]
    stored = shared_counts.load(store().base, state, search) if share else None
    if stored is not None:
        value = from_json(stored)
    else:
        value = find()
        if share:
            shared_counts.save(store().base, state, search, value)
    kept.put(key, value)
    return value


def _ranked_now(found, query, offset, limit):
    """ranked(), asked of the engine."""
    fetch = max(2 * (offset + limit), 64)
    if fetch > MAX_TIED:  # the engine sets memory aside for every hit asked for: ask for no more
        fetch = max(min(fetch, found.search(query, limit=1, count=True).count), 1)
    result = found.search(query, limit=fetch, count=True)
    count, hits = result.count, result.hits
    wanted = min(offset + limit, count)
    if wanted <= offset:
        return count, []
    if len(hits) < count and hits[-1][0] == hits[wanted - 1][0]:
        # The last one wanted ties with hits not read: an alias in most documents scores
        # the same in all of them.
        rows = _tied_in_order(found, query, hits, wanted)
        if rows is None:
            rows = _in_order(found, _read_on(found, query, hits, count, wanted), wanted)
    else:
        rows = _in_order(found, hits, wanted)
    return count, [(pk, score) for score, _order, pk in rows[offset:]]


def _read_on(found, query, hits, count, wanted):
    """More hits, by score, while the last one read ties with the last one wanted (up to
    MAX_TIED): where reading by date found too few of the tied ones."""
    fetch = len(hits)
    while len(hits) < count and hits[-1][0] == hits[wanted - 1][0] and fetch < MAX_TIED:
        fetch = min(count, fetch * 4, MAX_TIED)
        hits = found.search(query, limit=fetch, count=False).hits
    return hits


def _in_order(found, hits, wanted):
    """The first `wanted` of `hits` (best first, as the engine gives them) in the list's
    order: by score, equal scores by day, moment and record number.

    Thousands of hits may tie with the last one wanted (an alias in most documents scores
    the same everywhere): of those, only the ones of the earliest days are read in full.
    """
    boundary, above, need = _tie(hits, wanted)
    tied_end = next((n for n, (score, _a) in enumerate(hits) if score < boundary), len(hits))
    tied = [address for _score, address in hits[above:tied_end]]
    if need < len(tied):
        orders = found.fast_field_values("order", tied)
        # The order key is (day, record number): those of a day later than the day of the
        # need-th smallest cannot be wanted; those of that very day go by their moment.
        last_day = heapq.nsmallest(need, orders)[-1] >> 32
        limit = (last_day + 1) << 32
        tied = [address for address, order in zip(tied, orders, strict=True) if order < limit]
    return _page(found, hits, wanted, tied)


def _tie(hits, wanted):
    """(the score of the last hit wanted, how many hits score above it, how many of those
    tying with it are wanted)."""
    boundary = hits[wanted - 1][0]
    above = next(n for n, (score, _a) in enumerate(hits) if score <= boundary)
    return boundary, above, wanted - above


def _page(found, hits, wanted, tied):
    """The rows of the first `wanted`: the hits above the tie, then the earliest of the
    `tied` addresses in the list's order."""
    boundary, above, need = _tie(hits, wanted)
    return _rows(found, hits[:above]) + _rows(found, [(boundary, a) for a in tied])[:need]


def _tied_in_order(found, query, hits, wanted):
    """As _in_order(), when more documents may tie with the last one wanted than `hits`
    holds: the matches are read by date (the order key), a step at a time, and those
    scoring as the last one wanted are kept, until the earliest of them are known.

    Reading them by score instead would mean reading every tied hit, tens of thousands
    for a name in half the archive, to keep the first 25 by date. None if MAX_TIED
    matches read by date did not hold them all (the tied ones are dated late: undated).
    """
    boundary, above, need = _tie(hits, wanted)
    tolerance = SAME_SCORE * abs(boundary)
    higher = {(a.segment_ord, a.doc) for _score, a in hits[:above]}
    tied, read, last_day = [], 0, None  # tied: [(order key, address)], by order key
    step = max(16 * need, 1024)
    while True:
        if read >= MAX_TIED:
            return None
        page = found.search(query, limit=min(step, MAX_TIED - read), offset=read, count=False,
                            order_by_field="order", order=Order.Asc).hits  # fmt: skip
        if not page:  # every match read
            break
        read += len(page)
        scores = _scores(found, query, page)
        for key, address in page:
            place = (address.segment_ord, address.doc)
            score = scores.get(place)
            if score is not None and abs(score - boundary) <= tolerance and place not in higher:
                tied.append((key, address))
        if len(tied) >= need:
            # Those of the need-th one's day go by their moment: read past that day.
            last_day = tied[need - 1][0] >> 32
            if page[-1][0] >> 32 > last_day:
                break
        step *= 4
    if len(tied) < need:  # the scores disagree with the first search's: never seen
        return None
    return _page(found, hits, wanted, [address for key, address in tied if key >> 32 <= last_day])


def _scores(found, query, page):
    """{(segment, doc): score of `query`} for the hits of `page`, read by order key: the
    documents whose key lies between its first and last are exactly those of the page."""
    within = Query.range_query(_schema(), "order", FieldType.Unsigned, page[0][0], page[-1][0])
    only = Query.boolean_query(
        [(Occur.Must, query), (Occur.Must, Query.const_score_query(within, 0.0))]
    )
    scored = found.search(only, limit=len(page), count=False).hits
    return {(address.segment_ord, address.doc): score for score, address in scored}


def _rows(found, hits):
    """[(score, (day, moment, record number), id)] of `hits`, in the list's order."""
    addresses = [address for _score, address in hits]
    order = map(order_parts, found.fast_field_values("order", addresses),
                found.fast_field_values("moment", addresses))  # fmt: skip
    ids = found.fast_field_values("id", addresses)
    rows = zip((score for score, _a in hits), order, ids, strict=True)
    return sorted(rows, key=_by_list_order)


def _by_list_order(row):
    return -row[0], row[1]


def texts_holding(items, ids):
    """{document id: {slot}}: of the documents `ids`, those whose texts' passages may hold
    any of the query's `items` (terms and phrases), with the fields of TEXT_SLOTS that do
    (a text's field: schema.slot_of() its ordinal), or all of them while the index is
    known to lag the database. A result's snippet is looked for in those texts alone.

    One search for all the fields: each field that matches adds its own power of two to
    a document's score (exact in a float), which says which fields did.
    """
    held = {}
    if not ids or not items:
        return held
    reading_now = current()
    if reading_now.behind:
        # An index known to lag may number a document's texts as they were: every text
        # may hold the words.
        return {pk: set(TEXT_SLOTS) for pk in ids}
    found = reading_now.searcher
    index_schema = _schema()
    fields = [
        Query.const_score_query(queries.in_text(index_schema, found, items, slot), 2.0**bit)
        for bit, slot in enumerate(TEXT_SLOTS)
    ]
    in_texts = Query.boolean_query([(Occur.Should, field) for field in fields])
    page = Query.const_score_query(_any_of(index_schema, "id", list(ids)), 0.0)
    query = Query.boolean_query([(Occur.Must, page), (Occur.Must, in_texts)])
    hits = found.search(query, limit=len(ids), count=False).hits
    addresses = [address for _score, address in hits]
    for (score, _address), pk in zip(hits, found.fast_field_values("id", addresses), strict=True):
        bits = round(score)
        held[pk] = {slot for bit, slot in enumerate(TEXT_SLOTS) if bits >> bit & 1}
    return held


# Up to this many values, one term query each: a term set reads every value of the field
# (0.9 ms for a page's 25 ids at 100,000 documents, against 0.1 ms for 25 terms).
TERMS_NOT_SET = 200


def _any_of(index_schema, field, values):
    if len(values) > TERMS_NOT_SET:
        return Query.term_set_query(index_schema, field, values)
    return Query.boolean_query(
        [(Occur.Should, Query.term_query(index_schema, field, value)) for value in values]
    )


def count(parsed, values):
    found = searcher()
    query = queries.narrowed(_schema(), _text_query(found, parsed), values)
    return found.search(query, limit=1, count=True).count


def facet_counts(parsed, values, persons=None):
    """{facet: [(value, documents)]}: each facet counted within every *other* filter chosen.

    A facet whose filter is not in use is counted within all of them; those share one
    pass of the engine. Person is counted by id (only the `persons` in most documents,
    ties by id, if given); role for the chosen person, if any. The counts are kept for
    the index's state they were made at: asked again before the index changes (a
    popular search, the next page of results), they are not made again.
    """
    reading_now = current()
    found = reading_now.searcher
    # What is counted is the query as searched: with the glossary's forms of the terms it
    # names (an edit to the glossary changes them, not the index), within the filters.
    queries.expanded(parsed)
    search = repr((parsed.clauses, parsed.excluded, sorted(values.items()), persons))

    def count():
        counts = _facet_counts(found, parsed, values)
        if persons is not None:
            counts["person"] = sorted(counts["person"], key=lambda pair: (-pair[1], pair[0]))[
                :persons
            ]
        return counts

    return _recalled(
        _counted, reading_now, search, count,
        from_json=lambda stored: {facet: [tuple(pair) for pair in pairs]
                                  for facet, pairs in stored.items()},
    )  # fmt: skip


def _facet_counts(found, parsed, values):
    index_schema = _schema()
    text = _text_query(found, parsed)
    person = values.get("person")
    passes = {}
    for name in FACETS:
        key = name if values.get(name) not in (None, "") else None
        passes.setdefault(key, []).append(name)
    counts = {}
    for left_out, names in passes.items():
        within = {k: v for k, v in values.items() if k != left_out}
        query = queries.narrowed(index_schema, text, within)
        request = {name: {"terms": {"field": _FIELDS[name], "size": _SIZES[name]}}
                   for name in names}  # fmt: skip
        result = found.aggregate(query, request)
        for name in names:
            counts[name] = [(b["key"], b["doc_count"]) for b in result[name]["buckets"]]
        if "role" in names and person is not None:
            # The chosen person's roles: each role found counted with the person in it.
            counts["role"] = [
                (
                    role,
                    _count(
                        found,
                        queries.narrowed(index_schema, query, {"role": role, "person": person}),
                    ),
                )
                for role, _n in counts["role"]
            ]
            counts["role"] = [(role, n) for role, n in counts["role"] if n]
    return counts


def _count(found, query):
    return found.search(query, limit=1, count=True).count


def changes_committed():
    """Apply the outbox now: the server that made a change shows it at once.

    Within batched(), once per BATCH_CHANGES commits instead: a commit of the index
    costs about as much as importing a record.
    """
    if getattr(_batch, "commits", None) is not None:
        _batch.commits += 1
        if _batch.commits % BATCH_CHANGES:
            return
    try:
        store().catch_up(limit=REQUEST_LIMIT)
    except Exception:  # the change is committed; the next search applies it instead
        logger.exception("The search index could not apply committed changes")


@contextmanager
def batched():
    """Many transactions in a row (an import): the index catches up every BATCH_CHANGES
    of them and at the end, not after each. Searches meanwhile apply what is pending."""
    if getattr(_batch, "commits", None) is not None:
        yield
        return
    _batch.commits = 0
    try:
        yield
    finally:
        committed, _batch.commits = _batch.commits, None
        if committed:
            changes_committed()


def catch_up(progress=None):
    return store().catch_up(progress=progress)


def rebuild(batch_size=500, progress=None):
    return store().rebuild(batch_size=batch_size, progress=progress)


def disk_bytes():
    return store().disk_bytes()
