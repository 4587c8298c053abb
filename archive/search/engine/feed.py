"""Documents into the engine's index: their search keys and the values of their facets."""

import tantivy
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Prefetch

from ...dates import DatePrecision, span
from ...models import Collection
from ..index import documents_to_index, entry_for
from .schema import order_key


def documents():
    """Published documents with everything an index entry is made of, in a fixed set of queries."""
    # Sources, roles and the rest are fetched for the entry already.
    # Always the primary's: a replica may not hold the change being applied yet.
    return (
        documents_to_index()
        .using(DEFAULT_DB_ALIAS)
        .prefetch_related(Prefetch("collections", queryset=Collection.objects.only("pk")))
    )


def entry(document):
    """The engine's document for a Document fetched by documents()."""
    entry = tantivy.Document()
    entry.add_unsigned("id", document.pk)
    entry.add_unsigned("order", order_key(document.date, document.record_id))
    for field, keys in entry_for(document).items():
        entry.add_text(field, keys)
    if document.document_type_id:
        entry.add_unsigned("type", document.document_type_id)
    entry.add_text("language", document.original_language)
    # One value per document and facet value: the engine counts values, we count documents.
    for collection in {c.pk for c in document.collections.all()}:
        entry.add_unsigned("collections", collection)
    for repository in {s.repository_id for s in document.sources.all()} - {None}:
        entry.add_unsigned("repositories", repository)
    roles = {(role.person_id, role.role) for role in document.roles.all()}
    for person in {person for person, _role in roles}:
        entry.add_unsigned("persons", person)
    for kind in {kind for _person, kind in roles}:
        entry.add_text("roles", kind)
    for person, kind in roles:
        entry.add_text("person_roles", f"{person}:{kind}")
    first, last = days(document.date, document.date_precision)
    if first is not None:
        entry.add_integer("first_day", first)
    if last is not None:
        entry.add_integer("last_day", last)
    return entry


def days(date, precision):
    """(first, last) day number a date can mean, as the browse filters read dates
    (archive.dates.span): a document dated "June 1951" may be of any day of June, so it
    is kept for date_from=1951-06-20; date_to compares the date as stored. A date of no
    known precision has no last day (could_end_on_or_after() never keeps it).
    """
    if date is None:
        return None, None
    if precision not in DatePrecision.values:
        return date.toordinal(), None
    _first, after = span(date, precision)
    return date.toordinal(), after.toordinal() - 1
