"""Discrepancy notes as readers see them: numbered, each linking to the two places it
joins, and each place showing a marker that links back to the note.

Only confirmed notes are public. The importer's flags (detect.py) wait, open, for an
archivist; a dismissed flag stays in the database so that it is not raised again.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from ..querysets import PUBLISHED, by_start
from .models import Discrepancy

PASSAGE = Discrepancy.Field.PASSAGE
# The fields the archive writes in English; the others quote the original as often as not.
FIELD_LANGUAGES = {Discrepancy.Field.TITLE: "en", Discrepancy.Field.SUMMARY: "en"}


def field_anchor(name):
    """The id of the element showing a field on the document page: "field-title"."""
    return f"field-{name}"


@dataclass(frozen=True)
class Place:
    """One of the two places a note joins, as a reader is pointed to it."""

    field: str  # a Discrepancy.Field value
    label: str  # "title", "Russian original, passage ru-2"
    anchor: str  # the fragment id on the document page; "" if the passage is gone
    reading: str  # the words quoted from it
    language: str = ""  # the reading's language, where the place says it


@dataclass
class EditorialNote:
    """A public discrepancy note, numbered in the order of the document's notes."""

    number: int
    discrepancy: Discrepancy
    first: Place
    second: Place

    @property
    def id(self):
        return f"discrepancy-{self.number}"

    @property
    def note(self):
        return self.discrepancy.note

    @property
    def places(self):
        return (self.first, self.second)


@dataclass
class PageNotes:
    """What a document page needs: the notes in order, and which show beside which place."""

    notes: list = field(default_factory=list)
    by_field: dict = field(default_factory=dict)  # field name → [EditorialNote]
    by_passage: dict = field(default_factory=dict)  # passage pk → [EditorialNote]

    def __bool__(self):
        return bool(self.notes)


def public(queryset=None):
    """Confirmed notes only: an open flag or a dismissed one is never shown."""
    queryset = Discrepancy.objects.all() if queryset is None else queryset
    return queryset.filter(status=Discrepancy.Status.CONFIRMED)


def for_page(document):
    """The public notes of a document, numbered, with the places they show at.

    Passages are looked up among the document's texts as already fetched (for_detail()
    prefetches them), and each passage a note names is given `discrepancy_notes`, which
    the passage cell shows as markers. One query: the notes themselves.
    """
    passages = {
        passage.pk: passage for text in document.texts.all() for passage in text.passages.all()
    }
    page = PageNotes()
    for discrepancy in public(document.discrepancies.all()):
        note = _numbered(len(page.notes) + 1, discrepancy, passages)
        page.notes.append(note)
        for place, passage_id in (
            (note.first, discrepancy.first_passage_id),
            (note.second, discrepancy.second_passage_id),
        ):
            if place.field != PASSAGE:
                _add_once(page.by_field.setdefault(place.field, []), note)
            elif place.anchor:
                _add_once(page.by_passage.setdefault(passage_id, []), note)
    for pk, notes in page.by_passage.items():
        passages[pk].discrepancy_notes = notes
    return page


def on_published():
    """The public notes of published documents: those a public page may show."""
    return public().filter(document__status=PUBLISHED)


def of_collection(collection):
    """The public notes of the collection's published documents."""
    return on_published().filter(document__collections=collection)


def for_collection(collection):
    """[(document, [EditorialNote])] of the collection's published documents that have
    public notes, in reading order; numbered as on each document's page."""
    discrepancies = (
        of_collection(collection)
        .select_related("document", "first_passage__text", "second_passage__text")
        .order_by(*by_start("document__"), "document__title", "document__pk", "position", "pk")
    )
    grouped = {}
    for discrepancy in discrepancies:
        document = discrepancy.document
        notes = grouped.setdefault(document.pk, (document, []))[1]
        passages = {
            passage.pk: passage
            for passage in (discrepancy.first_passage, discrepancy.second_passage)
            # A passage of another document (a slip in the admin) is no place of this one.
            if passage is not None and passage.text.document_id == document.pk
        }
        notes.append(_numbered(len(notes) + 1, discrepancy, passages))
    return list(grouped.values())


def _numbered(number, discrepancy, passages):
    return EditorialNote(
        number=number,
        discrepancy=discrepancy,
        first=_place(
            discrepancy.first_place,
            passages.get(discrepancy.first_passage_id),
            discrepancy.first_reading,
        ),
        second=_place(
            discrepancy.second_place,
            passages.get(discrepancy.second_passage_id),
            discrepancy.second_reading,
        ),
    )


def _place(name, passage, reading):
    if name != PASSAGE:
        label = Discrepancy.Field(name).label if name in Discrepancy.Field.values else name
        return Place(name, str(label), field_anchor(name), reading, FIELD_LANGUAGES.get(name, ""))
    if passage is None:
        # Its passage was deleted (a text re-imported): the words quoted still say it.
        return Place(name, gettext("a passage no longer in the text"), "", reading)
    label = gettext("%(text)s, passage %(anchor)s") % {
        "text": passage.text.title,
        "anchor": passage.anchor,
    }
    return Place(name, label, passage.anchor, reading, passage.text.language)


def _add_once(notes, note):
    # A note joining two passages of one text, or the title to itself, marks once.
    if not any(known is note for known in notes):
        notes.append(note)
