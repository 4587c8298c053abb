"""Documents into the engine's index: their search keys and the values of their facets."""

import tantivy
from django.db import DEFAULT_DB_ALIAS

from ...chronology.reasons import INFERRED
from ..index import entry_for, indexable
from .schema import OPEN_END, OPEN_START, moment_key, order_key


def documents(ids):
    """[index.Indexable] of the published documents among `ids`, in a fixed set of queries."""
    # Always the primary's: a replica may not hold the change being applied yet.
    return indexable(ids, using=DEFAULT_DB_ALIAS)


def entry(item):
    """The engine's document for an index.Indexable."""
    document = item.document
    entry = tantivy.Document()
    entry.add_unsigned("id", document.pk)
    entry.add_unsigned("order", order_key(document.date, document.date_last, document.record_id))
    entry.add_integer("moment", moment_key(document.first_instant))
    # Every document says whether its date is inferred, so the switch is a term to match.
    entry.add_unsigned("inferred", int(document.date_reason in INFERRED))
    for field, keys in entry_for(item).items():
        entry.add_text(field, keys)
    if document.document_type_id:
        entry.add_unsigned("type", document.document_type_id)
    entry.add_text("language", document.original_language)
    # One value per document and facet value: the engine counts values, we count documents.
    # (Sorted: a set's order would depend on the order its values were read in.)
    for collection in sorted(item.collections):
        entry.add_unsigned("collections", collection)
    for repository in sorted(item.repositories):
        entry.add_unsigned("repositories", repository)
    for person in sorted({person for person, _role in item.roles}):
        entry.add_unsigned("persons", person)
    for kind in sorted({kind for _person, kind in item.roles}):
        entry.add_text("roles", kind)
    for person, kind in sorted(item.roles):
        entry.add_text("person_roles", f"{person}:{kind}")
    first, last = days(document.date, document.date_last)
    if first is not None:
        entry.add_integer("first_day", first)
        entry.add_integer("last_day", last)
    return entry


def days(first, last):
    """(first, last) day number of a document's date, its "not before" and "not after", as
    the browse filters read them (archive.dates.overlapping): an open end reaches past
    every day, an undated document has neither.
    """
    if first is None and last is None:
        return None, None
    return (
        first.toordinal() if first is not None else OPEN_START,
        last.toordinal() if last is not None else OPEN_END,
    )
