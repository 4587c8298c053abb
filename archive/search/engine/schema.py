"""The fields of the search engine's index: the keys of archive.search.text, and the facets.

Nothing is stored: the index answers which documents match, how well and how many
per facet; the rows are read from the database, through `published()`.
"""

import tantivy

# Raised whenever the fields or what goes into them change: an index of another
# version is rebuilt, never read. (3: a date open at its start orders before the dated;
# 4: each text's words in a field of its own, TEXT_SLOTS.)
VERSION = 4

# Weighted as the database indexes were: the title and names above the text.
TEXT_FIELDS = {"title": 10.0, "names": 6.0, "body": 1.0, "meta": 2.0}
# Each text field holds the words' form keys, and in `<field>_stems`, position for
# position, their stem keys (see archive.search.text.index_keys).
KEY_FIELDS = {
    kind: [name if kind == "form" else f"{name}_stems" for name in TEXT_FIELDS]
    for kind in ("form", "stem")
}
BOOSTS = {field: TEXT_FIELDS[field.removesuffix("_stems")] for fields in KEY_FIELDS.values()
          for field in fields}  # fmt: skip

# Which of a document's texts hold a word, for a results page's snippets: the keys (forms
# and stems, without positions) of the passages of its first text, of its second..., and
# of all the others together in the last field. Never scored: they only say which texts
# are worth reading. Most documents have one or two texts, few more than four.
TEXT_SLOTS = ("text_0", "text_1", "text_2", "text_3")


def slot_of(ordinal):
    """The field of TEXT_SLOTS holding the words of a document's text at `ordinal`: its
    place among the document's texts that have passages, from 0, in the order of
    Text.Meta.ordering."""
    return TEXT_SLOTS[min(ordinal, len(TEXT_SLOTS) - 1)]


# Undated documents sort after every date: a day number beyond any ordinal (and beyond
# any dated document's order key, below).
UNDATED = 10_000_000
# The day numbers of a date's open ends ("../1951", "1951/.."): before and after every day.
OPEN_START, OPEN_END = 0, UNDATED
# Documents of one day without a known moment come after those with one.
NO_MOMENT = 2**62


def build():
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    # (date, record number) in one number: the tie-break of equal scores, as the list's order.
    builder.add_unsigned_field("order", fast=True)
    # Within one day, the first moment known (Document.first_instant), in UTC seconds.
    builder.add_integer_field("moment", fast=True)
    for field in BOOSTS:
        # Keys are already folded and stemmed: split at spaces, nothing else done to them.
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="position")
    for field in TEXT_SLOTS:
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="basic")
    builder.add_unsigned_field("type", indexed=True, fast=True)
    builder.add_text_field("language", tokenizer_name="raw", fast=True, index_option="basic")
    for facet in ("collections", "repositories", "persons"):
        builder.add_unsigned_field(facet, indexed=True, fast=True)
    # A role as "author"; a person in a role as "12:author" (person and role narrow one row).
    for facet in ("roles", "person_roles"):
        builder.add_text_field(facet, tokenizer_name="raw", fast=True, index_option="basic")
    # Day numbers (proleptic Gregorian ordinals): the first and the last day a date can mean.
    builder.add_integer_field("first_day", indexed=True, fast=True)
    builder.add_integer_field("last_day", indexed=True, fast=True)
    # 1 for a document whose date is inferred (archive.chronology.reasons.INFERRED), else 0.
    builder.add_unsigned_field("inferred", indexed=True, fast=True)
    return builder.build()


# Where the dated documents' days begin in the order key: past every ordinal (9999-12-31
# is 3,652,059), so that a date open at its start, keyed by its last day, comes first.
_DATED = 4_000_000


def order_key(first, last, record_id):
    """(day, record number) in one number, as the list earliest first orders them
    (DocumentQuerySet.in_reading_order): by the first day; a date open at its start
    ("../1951") before every dated document, by its last day; the undated last."""
    if first is not None:
        day = _DATED + first.toordinal()
    elif last is not None:
        day = last.toordinal()
    else:
        day = UNDATED
    return (day << 32) | record_id


def order_parts(key, moment):
    """What equal scores are ordered by: the day, the moment within it, the record number."""
    return key >> 32, moment, key & 0xFFFFFFFF


def moment_key(instant):
    return int(instant.timestamp()) if instant is not None else NO_MOMENT
