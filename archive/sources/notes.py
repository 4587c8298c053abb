"""Notes of a text: numbered footnotes and their markers, and notes inside the text.

Translations and transcriptions carry notes in three ways:

* a numbered marker in the text — "[1]", "1)" after a word, "x/" (the typist's
  cross of Soviet copies), a superscript "¹" — and the note itself, usually
  at the end of the text, beginning with the same marker;
* a note kept where it stands, in brackets: "[Translator's note: …]",
  "[trans. note--…]", "[Ed. note: …]";
* a heading ("Notes", "Примечания") over the notes at the end.

split_notes() takes the notes out of a text's blocks, so that they are stored as
notes of the text and not as passages; markers stay in the passages, exactly as
written, and are linked to their notes when shown (archive.markup). Notes in
brackets stay in the passage too; markup shows them as notes of their kind.
"""

import re
from dataclasses import dataclass

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_DIGITS = str.maketrans(SUPERSCRIPTS, "1234567890")
_CROSSES = str.maketrans("хХX", "xxx")

# A marker in running text. The groups hold the label; the whole match is the marker.
MARKER = re.compile(
    r"\[(?P<bracket>\d{1,3})\]"
    r"|(?P<superscript>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})"
    r"|(?<=[^\s\d(\[\-–])(?P<paren>\d{1,2})\)"
    r"|(?<![\w/])(?P<cross>[xхXХ]{1,3})/(?![\w/])"
)
# A note where it is written: a line that begins with its marker.
NOTE_START = re.compile(
    r"^\s*(?:\[(?P<bracket>\d{1,3})\]|(?P<superscript>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})|"
    r"(?P<paren>\d{1,2})\)|(?P<cross>[xхXХ]{1,3})/)\s*(?=\S)"
)
_HEADING = re.compile(
    r"^\s*(?:#+\s*)?\**(?:notes?|footnotes?|endnotes?|translator'?s\s+notes?|editor'?s\s+notes?|"
    r"примечания|примечание|сноски)\s*:?\**\s*$",
    re.IGNORECASE,
)
# The kind of a note, from the words it begins with.
_TRANSLATOR = (
    r"translator'?s?\.?\s*note|trans(?:l)?\.\s*note|tr\.\s*note|"
    r"примечание переводчика|прим\.\s*пер(?:ев)?\."
)
_EDITOR = r"editor'?s?\.?\s*note|ed\.\s*note|eds?\.\s*note|примечание редактора|прим\.\s*ред\."
_KIND = re.compile(rf"^\s*(?:(?P<translator>{_TRANSLATOR})|(?P<editor>{_EDITOR}))", re.I)
# A note in brackets where it stands: "[Translator's note: …]", "[trans. note--…]".
INLINE = re.compile(
    rf"\[(?P<label>{_TRANSLATOR}|{_EDITOR}|note)\s*(?::|--|—|–|-)\s*(?P<content>[^\[\]]*)\]",
    re.IGNORECASE,
)


@dataclass
class FoundNote:
    label: str  # "1", "x": what names the note in links
    marker: str  # as written: "[1]", "1)", "x/", "¹"
    kind: str  # "note", "translator" or "editor"
    content: str  # the note's text, as written, without its marker


def label_of(match):
    """The label a MARKER or NOTE_START match names: "1" for "[1]", "¹" and "1)"; "x" for "х/"."""
    if match["bracket"] or match["paren"]:
        return match["bracket"] or match["paren"]
    if match["superscript"]:
        return match["superscript"].translate(_DIGITS)
    return match["cross"].translate(_CROSSES).lower()


def kind_of(content):
    """ "translator", "editor" or "note", from the words a note begins with."""
    match = _KIND.match(content)
    if match is None:
        return "note"
    return "translator" if match["translator"] else "editor"


def markers_in(text):
    """The labels of the markers in a text."""
    return {label_of(match) for match in MARKER.finditer(text)}


def split_notes(contents):
    """(indices of the blocks that stay passages, [FoundNote]) for a text's blocks' contents.

    The notes are the blocks at the end of the text that begin with a marker (and a
    "Notes" heading over them), and, anywhere after the first block, a block beginning
    with a bracketed, superscript or cross marker that the text before it uses. A note
    numbered "1)" is one only if its marker is in the text: "1) …" may begin a list.
    """
    end = len(contents)
    while end > 1 and NOTE_START.match(contents[end - 1]):
        end -= 1
    used = set().union(*(markers_in(content) for content in contents[:end]))
    while end < len(contents) and not _is_note(contents[end], used):
        end += 1  # "1) …" with no "1)" in the text: a list, and what precedes it stays
    if end < len(contents) and end > 1 and _HEADING.match(contents[end - 1]):
        end -= 1
    notes, taken, used = [], set(), set()
    for index, content in enumerate(contents):
        start = NOTE_START.match(content)
        within = start is not None and index > 0 and not start["paren"] and label_of(start) in used
        if index >= end or within:
            taken.add(index)
            if not _HEADING.match(content):
                notes.extend(_notes_in(content))
        else:
            used |= markers_in(content)
    return [i for i in range(len(contents)) if i not in taken], _unique(notes)


def _is_note(content, used):
    start = NOTE_START.match(content)
    return start is not None and (not start["paren"] or label_of(start) in used)


def _notes_in(block):
    """The notes of one block: each line that begins with a marker begins a note."""
    notes = []
    for line in block.split("\n"):
        start = NOTE_START.match(line)
        if start is not None:
            content = line[start.end() :]
            marker = line[start.start() : start.end()].strip()
            notes.append(FoundNote(label_of(start), marker, kind_of(content), content))
        elif notes:
            notes[-1].content += "\n" + line
        elif line.strip():
            notes.append(FoundNote("", "", kind_of(line), line))
    return notes


def _unique(notes):
    """Labels made unique in the text ("1", then "1-2"), so each note has its own address."""
    seen = {}
    for number, note in enumerate(notes, start=1):
        base = note.label or str(number)
        label, count = base, 1
        while label in seen:
            count += 1
            label = f"{base}-{count}"
        seen[label] = note
        note.label = label
    return notes
