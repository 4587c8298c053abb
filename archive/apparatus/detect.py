"""The discrepancies an import can see for itself, flagged as open notes for an archivist.

Three are read from what the importer has just written: the telegram's number in the
title against the number the text prints ("Ciphered Telegram No. 2950" over
"ШИФРТЕЛЕГРАММА № 3950"); the day in the title, or the document's day, against the
dateline the text closes with; and the person who signs against the author. A flag is
only a question: it is public once an archivist confirms it, and a dismissed one is
never raised again, however often the record is re-imported.
"""

import re

from django.db.models import Prefetch

from ..dates import MONTHS, DatePrecision, parse_written_date
from ..importing.datelines import CLOSING_PASSAGES, dateline
from ..models import Document, Passage, Role
from ..names import NameIndex
from ..persons import index_person
from .models import Discrepancy

IMPORTER = "importer"
Field = Discrepancy.Field

# "Ciphered Telegram No. 21336 from Beijing…", "Cable No. 4829 from…".
_TITLE_NUMBER = re.compile(
    r"\b(?:telegram|cable|cipher)\b[^,;]*?\b(?P<reading>No\.?\s*(?P<number>\d+))", re.I
)
# The number printed at the head of the text: "ШИФРТЕЛЕГРАММА № 21336", "CIPHERED TELEGRAM
# No. 21336". At the start of a line, so "your telegram No. 3261" in a sentence is no match.
_TEXT_NUMBER = re.compile(
    r"^\s*(?:ciphered\s+|cipher\s+)?(?:шифр)?(?:телеграмма|telegram|cable)\s*"
    r"(?P<reading>(?:№|No\.?)\s*(?P<number>\d+))",
    re.I | re.M,
)
# A date within a title: "June 30, 1951", "30 June 1951".
_TITLE_DATE = re.compile(
    r"\b(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})\b"
)
# Where the number stands: the head of the form, never the body of the message.
_HEAD_KINDS = (Passage.Kind.HEADING, Passage.Kind.MARKING, Passage.Kind.NOTE)
# Roles whose holders sign as the office does ("Проверил: … Макаров"), not as the author.
_OFFICE_ROLES = (Role.Kind.DECIPHERER, Role.Kind.TYPIST, Role.Kind.CHECKER)


def read_with():
    """What flag() reads of a document: a caller that fetched it so saves the queries."""
    return [
        "texts",
        Prefetch("texts__passages", queryset=Passage.objects.select_related("text")),
        Prefetch("roles", queryset=Role.objects.select_related("person")),
        "roles__person__aliases",
    ]


def flag(document, directory=None):
    """Flag, as open notes, the discrepancies the document shows; return the notes made.

    Call it after an import has written the document. `directory`: the import's
    persons.PersonDirectory, to recognise a signatory with no role in the document;
    without it, only the document's own persons are recognised. A discrepancy already
    noted (open, confirmed or dismissed) is not noted again.
    """
    if not {"texts", "roles"} <= set(getattr(document, "_prefetched_objects_cache", {})):
        document = Document.objects.prefetch_related(*read_with()).get(pk=document.pk)
    texts = sorted(document.texts.all(), key=lambda text: not text.is_original)
    found = [
        *_numbers(document, texts),
        *_dates(document, texts),
        *_signatories(document, texts, directory),
    ]
    known = {_key(note): note for note in document.discrepancies.all()}
    made = []
    for note in found:
        existing = known.get(_key(note))
        if existing is not None:
            _reattach(existing, note)
            continue
        note.document = document
        note.status = Discrepancy.Status.OPEN
        note.flagged_by = IMPORTER
        note.save()
        known[_key(note)] = note
        made.append(note)
    return made


def _key(note):
    # The places and the words quoted, not the passage row: a re-import writes the
    # passages anew, and the same words in the same places are the same discrepancy.
    return (note.first_place, note.first_reading, note.second_place, note.second_reading)


def _reattach(existing, found):
    """A noted discrepancy whose passage a re-import replaced points at the new one."""
    changed = []
    for name in ("first_passage", "second_passage"):
        if getattr(existing, f"{name}_id") is None and getattr(found, f"{name}_id"):
            setattr(existing, name, getattr(found, name))
            changed.append(name)
    if changed:
        existing.save(update_fields=changed)


def _own_passages(text, kinds=None):
    """The passages in the document's own voice (not a message it quotes)."""
    return [
        passage
        for passage in text.passages.all()
        if passage.quote_depth == 0 and (kinds is None or passage.kind in kinds)
    ]


# --- The telegram's number ---------------------------------------------------------------


def _numbers(document, texts):
    title = _TITLE_NUMBER.search(document.title)
    if title is None:
        return []
    found, seen = [], {title["number"].lstrip("0")}
    for text in texts:
        for passage in _own_passages(text, _HEAD_KINDS):
            printed = _TEXT_NUMBER.search(passage.content)
            if printed is None:
                continue
            number = printed["number"].lstrip("0")
            if number not in seen:  # a number the title and the other texts do not give
                seen.add(number)
                found.append(
                    Discrepancy(
                        first_place=Field.TITLE,
                        first_reading=title["reading"],
                        second_place=Field.PASSAGE,
                        second_passage=passage,
                        second_reading=printed.group().strip(),
                        note=f"The title gives the telegram's number as {title['number']}; "
                        f"the text prints {printed['number']}.",
                    )
                )
            break  # the first number a text prints is its own
    return found


# --- The date and the dateline -----------------------------------------------------------


def _dates(document, texts):
    place, reading, day = _stated_day(document)
    if day is None:
        return []
    found, seen = [], set()
    for text in texts:
        line, passage = _dateline(text)
        if line is None or line in seen:
            continue
        seen.add(line)
        if not dateline(line).means(day):
            found.append(
                Discrepancy(
                    first_place=place,
                    first_reading=reading,
                    second_place=Field.PASSAGE,
                    second_passage=passage,
                    second_reading=line,
                    note=f"The {'title' if place == Field.TITLE else 'date'} gives "
                    f"{day.day} {MONTHS[day.month - 1]} {day.year}; the dateline of the text "
                    f"reads {line}.",
                )
            )
    return found


def _stated_day(document):
    """(field, words, day): the day the title names, or else the document's own day."""
    for match in _TITLE_DATE.finditer(document.title):
        try:
            day, precision, _approximate = parse_written_date(match.group())
        except ValueError:
            continue
        if precision == DatePrecision.DAY:
            return Field.TITLE, match.group(), day
    one_day = document.date is not None and document.date_last in (None, document.date)
    if one_day and document.date_precision == DatePrecision.DAY:
        reading = document.date_as_written or document.date.isoformat()
        return Field.DATE, reading, document.date
    return None, "", None


def _dateline(text):
    """(line, passage) of the dateline the text closes with, or (None, None)."""
    for passage in reversed(_own_passages(text)[-CLOSING_PASSAGES:]):
        for line in reversed(passage.content.splitlines()):
            # dateline() takes "12.15" for a time, not the 12th of a fifteenth month.
            if dateline(line) is not None:
                return line.strip(), passage
    return None, None


# --- The signatory and the author --------------------------------------------------------


def _signatories(document, texts, directory):
    roles = list(document.roles.all())
    authors = {role.person_id: role for role in roles if role.role == Role.Kind.AUTHOR}
    if not authors:
        return []
    office = {role.person_id for role in roles if role.role in _OFFICE_ROLES}
    index = NameIndex()
    for role in roles:
        index_person(index, role.person, role.name_as_written)
    others = []  # (passage, person) for each signature naming someone else
    for text in texts:
        for passage in _own_passages(text, (Passage.Kind.SIGNATURE,)):
            signers = [person for person, _start, _end in index.scan(passage.content)]
            if not signers and directory is not None:
                signers = [person for person, _start, _end in directory.index.scan(passage.content)]
            if any(person.pk in authors for person in signers):
                return []  # the author signs: whatever else is signed, nothing disagrees
            others += [
                (passage, person)
                for person in signers
                if person.pk not in office and not _is_relayed(person, roles)
            ]
    found, seen = [], set()
    author = next(iter(authors.values()))
    for passage, person in others:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        found.append(
            Discrepancy(
                first_place=Field.AUTHOR,
                first_reading=author.name_as_written or author.person.name,
                second_place=Field.PASSAGE,
                second_passage=passage,
                second_reading=passage.content.strip(),
                note=f"The author is given as {author.person.name}; the text is signed by "
                f"{person.name}.",
            )
        )
    return found


def _is_relayed(person, roles):
    # The author of a message the document passes on may sign it in the document's voice.
    return any(
        role.person_id == person.pk and role.role == Role.Kind.RELAYED_AUTHOR for role in roles
    )
