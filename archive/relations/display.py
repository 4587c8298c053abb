"""A document's relations as its page lists them: grouped by type, read from its own end.

"Reply to" on the reply's page is "Replied to by" on the first telegram's: one row,
two readings. What reaches here was chosen by the queryset (querysets._fetch_relations):
confirmed relations whose other end is published, so a suggestion or a draft never shows.
"""

import datetime
from typing import NamedTuple

from ..chronology.display import document_date
from ..dates import earliest_first
from ..importing.language_id import guess_language
from .kinds import MEANINGS, Certainty, RelationKind

_EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)


class Item(NamedTuple):
    relation: object  # the DocumentRelation
    other: object  # the document at its other end
    date: str  # the other document's date, as its own page gives it
    evidence_language: str  # the language of the quoted evidence, or "" if not known
    certainty: str  # "probable", "possible"; "" when certain, which goes without saying


class Group(NamedTuple):
    label: str  # "reply to" from the source's end, "replied to by" from the target's
    standard: str  # the standard term, "rico:isReplyTo"
    uri: str
    inverse: bool  # the label reads the standard term backwards (the incoming group)
    items: list


def groups(document):
    """[Group], in the vocabulary's order, each kind's outgoing group before its incoming
    one; within a group, the other documents in the order they were written."""
    outgoing, incoming = {}, {}
    for relation in document.relations_from.all():
        outgoing.setdefault(relation.kind, []).append(_item(relation, relation.target))
    for relation in document.relations_to.all():
        incoming.setdefault(relation.kind, []).append(_item(relation, relation.source))
    found = []
    for kind in RelationKind:
        meaning = MEANINGS[kind]
        standard = meaning.standard, meaning.uri
        if kind in outgoing:
            found.append(Group(kind.label, *standard, False, outgoing[kind]))
        if kind in incoming:
            found.append(Group(meaning.inverse, *standard, True, incoming[kind]))
    for group in found:
        group.items.sort(key=_written_order)
    return found


def _item(relation, other):
    certainty = "" if relation.certainty == Certainty.CERTAIN else relation.get_certainty_display()
    return Item(relation, other, document_date(other), _language(relation), certainty)


def _language(relation):
    """The language of the words quoted as evidence: they are the source document's, in its
    original or in an English translation, and the two are told apart by their letters."""
    if not relation.evidence:
        return ""
    candidates = dict.fromkeys([relation.source.original_language, "en"])
    return guess_language(relation.evidence, candidates) or ""


def _written_order(item):
    other = item.other
    # Undated documents last; documents of one day in the order they were handled.
    return (
        *earliest_first(other.date, other.date_last),
        other.first_instant is None,
        other.first_instant or _EARLIEST,
        other.record_id,
    )
