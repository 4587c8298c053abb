"""Passage content to HTML, escaped first and always.

Passages keep the marks of their source: *asterisks* around handwriting on a
typed original, the translator's [square brackets] around editorial insertions,
notes in brackets where they stand ("[Translator's note: …]"), and markers of
numbered notes ("[1]", "¹", "1)", "x/"). Everything else is text; nothing in a
document can inject markup. pieces() reads the marks once, for the page and for
TEI alike. The editor's typed spans in braces ({sic …}, {gap …}, …) are read by
spans.py; render_passage() shows them, and TEI writes them as elements.
"""

import functools
import re
from html import escape as escape_text

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..models.texts import Text
from ..sources.models import marker_id
from ..sources.notes import INLINE, MARKER, SUPERSCRIPTS, kind_of, label_of
from . import spans
from .apparatus import render_span, supplied_brackets

# All marks in one pattern, so that they are found left to right and never interleave.
_MARKS = re.compile(
    rf"{spans.PATTERN}"
    r"|\*(?=\S)(?P<handwriting>[^*\n]*?\S)\*"
    rf"|(?P<inline_note>{INLINE.pattern})"
    rf"|(?P<marker>{MARKER.pattern})"
    r"|(?P<editorial>\[[^\[\]{}\n]*\])",
    re.IGNORECASE,
)
# Every mark holds one of these (a new kind of mark must too): a passage with none of them
# is all text. Scanning for a class of characters takes a twentieth of the time of scanning
# for every mark's pattern (2 against 50 µs for a snippet's 240 characters), and most
# passages have no marks.
_MARK_CHARACTERS = re.compile(rf"[{{*\[)/{SUPERSCRIPTS}]")
# The marks whose words plain_text() does not keep as written: a span's braces and
# fields, handwriting's asterisks. A passage with neither is its own plain text.
_REWRITTEN = ("{", "*")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
TEXT, HANDWRITING, EDITORIAL, INLINE_NOTE, NOTE_REF, SPAN = (
    "text", "handwriting", "editorial", "inline_note", "note_ref", "span",
)  # fmt: skip
WRITTEN, CORRECTED = "written", "corrected"  # the two readings of a text with corrections
EDITOR, TRANSLATOR = spans.SUPPLIERS  # who supplies words a text puts in brackets


def supplier_of(kind):
    """Who supplied the bracketed words of a text of this Text.Kind: the editor in an
    original (Text.is_original: a transcription), else its translator."""
    return EDITOR if kind == Text.Kind.TRANSCRIPTION else TRANSLATOR


def pieces(content, notes=()):
    """[(kind, start, end, extra)] covering `content`: text, handwriting (the words inside
    the asterisks), editorial, inline_note (extra: its kind) and note_ref (extra: the
    note's label), and span (extra: a spans.Span; start and end enclose its braces).
    A marker is a note_ref only if `notes` holds its label; "[2]" with
    no note 2 is an editorial insertion, and the other markers are text."""
    if not _MARK_CHARACTERS.search(content):
        return [(TEXT, 0, len(content), "")]
    found, last = [], 0
    for match in _MARKS.finditer(content):
        kind, extra, start, end = None, "", match.start(), match.end()
        if match["span"] is not None:
            kind, extra = SPAN, spans.read(match)
            if extra is None:  # not a span after all: text, kept as typed
                continue
        elif match["handwriting"] is not None:
            kind, start, end = HANDWRITING, start + 1, end - 1
        elif match["inline_note"] is not None:
            kind, extra = INLINE_NOTE, kind_of(match["label"]) if match["label"] else "note"
        elif match["marker"] is not None:
            label = label_of(match)
            if label in notes:
                kind, extra = NOTE_REF, label
            elif match["bracket"]:
                kind = EDITORIAL
        else:
            kind = EDITORIAL
        if kind is None:
            continue
        if match.start() > last:
            found.append((TEXT, last, match.start(), ""))
        found.append((kind, start, end, extra))
        last = match.end()
    if last < len(content) or not found:
        found.append((TEXT, last, len(content), ""))
    return found


def render_passage(
    content, highlights=(), notes=None, anchors=None, reading=WRITTEN, terms=(), supplier=EDITOR
):
    """Safe HTML for a passage: handwriting in <em>, editorial insertions marked, notes in
    brackets shown as notes, markers linked to their notes, the typed spans with marks
    that read without colour and labels for screen readers (markup.apparatus).

    `highlights` are (start, end) character ranges of `content` to wrap in <mark>, such
    as the words a search matched. `notes` maps a label to the note's fragment id
    ("en-note-1"); `anchors` is a set the ids given to markers are added to, so that a
    second marker of one note gets an id of its own. `reading` shows each sic as
    WRITTEN or CORRECTED; the other reading is in the page too, hidden, for the switch.
    `terms` are (start, end, href, title) spans of glossary terms (apparatus.glossary),
    each a link to its entry, with its sense as the title. `supplier` is who adds the
    words in [brackets] and in {supplied …} spans that name no one: TRANSLATOR for a
    translation (supplier_of(text)), else the EDITOR.
    """
    highlights = sorted(highlights)
    notes = notes or {}
    text = functools.partial(_linked_text, terms=sorted(terms)) if terms else _text
    html = []
    for kind, start, end, extra in pieces(content, notes):
        if kind == SPAN:
            html.append(render_span(extra, content, text, highlights, reading, supplier))
            continue
        inner = text(content, start, end, highlights)
        if kind == HANDWRITING:
            html.append(f'<em class="handwriting">{inner}</em>')
        elif kind == EDITORIAL:
            # The translator's brackets are what TEI calls supplied: shown as typed.
            html.append(supplied_brackets(inner, supplier))
        elif kind == INLINE_NOTE:
            label = escape(_INLINE_LABELS.get(extra, _INLINE_LABELS["note"])())
            html.append(
                f'<span class="inline-note inline-note--{extra}" role="note" '
                f'aria-label="{label}">{inner}</span>'
            )
        elif kind == NOTE_REF:
            html.append(_note_ref(notes[extra], extra, inner, anchors))
        else:
            html.append(inner)
    return mark_safe("".join(html))


_INLINE_LABELS = {
    "translator": lambda: gettext("Translator's note"),
    "editor": lambda: gettext("Editor's note"),
    "note": lambda: gettext("Note"),
}


def _note_ref(anchor, label, inner, anchors):
    ref, occurrence = marker_id(anchor), 1
    if anchors is not None:
        while ref in anchors:  # a note marked twice: the second marker has its own id
            occurrence += 1
            ref = marker_id(anchor, occurrence)
        anchors.add(ref)
    description = escape(gettext("Note %(label)s") % {"label": label})
    # The anchor is made of a text's code and a note's label, which archivists type.
    return (
        f'<a class="note-ref" href="#{escape(anchor)}" id="{escape(ref)}" role="doc-noteref" '
        f'aria-label="{description}">{inner}</a>'
    )


def _linked_text(content, start, end, highlights, terms=()):
    """_text(), with the glossary's terms inside [start, end) as links to their entries."""
    pieces, position = [], start
    for low, high, href, title in terms:
        if low < position or high > end or low >= high:
            continue  # a term across a mark's edge stays plain text
        pieces.append(_text(content, position, low, highlights))
        pieces.append(
            f'<a class="term" href="{escape(href)}" title="{escape(title)}">'
            f"{_text(content, low, high, highlights)}</a>"
        )
        position = high
    pieces.append(_text(content, position, end, highlights))
    return "".join(pieces)


def _text(content, start, end, highlights):
    """content[start:end], escaped, with the highlighted parts of it in <mark>.

    Escaped as Django's escape() does, by the standard library's: without its wrapper for
    lazy text, which a passage never is, and which took a third of the time (a results
    page escapes some 200 pieces)."""
    pieces, position = [], start
    for low, high in highlights:
        low, high = max(low, position), min(high, end)
        if low >= high:
            continue
        pieces.append(escape_text(content[position:low]))
        pieces.append(f"<mark>{escape_text(content[low:high])}</mark>")
        position = high
    pieces.append(escape_text(content[position:end]))
    return "".join(pieces)


def plain_text(content, reading=WRITTEN):
    """The words of a passage in one `reading`, without its marks, for snippets: a sic as
    written (or its correction, CORRECTED), an unclear word, the words of a stamp, a
    supplied word in brackets."""
    if not any(mark in content for mark in _REWRITTEN):
        return content
    found = []
    for kind, start, end, extra in pieces(content):
        if kind != SPAN:
            found.append(content[start:end])
        elif extra.name == spans.SUPPLIED:
            found.append(f"[{extra.field(content, 0)}]")
        else:
            ranges = spans.words(extra, content)
            if extra.name == spans.SIC:
                # The correction where there is one and it is asked for; else as written.
                ranges = ranges[1:] if reading == CORRECTED and len(ranges) > 1 else ranges[:1]
            found.append(" ".join(content[low:high] for low, high in ranges if low < high))
    return "".join(found)


def search_text(content):
    """The words of a passage for its search keys: plain_text(), but a sic gives both its
    readings, so that the misspelling and the correction each find it."""
    found = []
    for kind, start, end, extra in pieces(content):
        if kind == SPAN:
            found.append(" ".join(content[low:high] for low, high in spans.words(extra, content)))
        else:
            found.append(content[start:end])
    return "".join(found)


_LOOKS_LIKE_SPAN = re.compile(spans.LOOKS_LIKE)


def unread_spans(content):
    """What looks like a typed span in `content` but is not one as typed ("{sic a|b|c}",
    "{unclear word|faded|sure}", a brace left open): kept as text, to be reported."""
    read = [(start, end) for kind, start, end, _extra in pieces(content) if kind == SPAN]
    return [
        match.group()
        for match in _LOOKS_LIKE_SPAN.finditer(content)
        if not any(start <= match.start() < end for start, end in read)
    ]


def has_corrections(content):
    """Whether a passage has a sic with its correction: its text has two readings."""
    return any(
        kind == SPAN and extra.name == spans.SIC and len(extra.fields) > 1
        for kind, _start, _end, extra in pieces(content)
    )


def corrections_of(content):
    """The (start, end) ranges of a passage's corrections: the words only the corrected
    reading shows."""
    return [
        extra.fields[1]
        for kind, _start, _end, extra in pieces(content)
        if kind == SPAN and extra.name == spans.SIC and len(extra.fields) > 1
    ]


def reading_shown(found):
    """The reading in which a search's matches are seen: CORRECTED when every match of
    `found`, [(content, ranges)], is in a correction (ФИЛИППОВУ for ФИЛИПОВУ), else WRITTEN,
    the reading a page opens in."""
    in_corrections = False
    for content, ranges in found:
        corrections = corrections_of(content) if ranges else ()
        for low, high in ranges:
            if any(start <= low and high <= end for start, end in corrections):
                in_corrections = True
            else:
                return WRITTEN
    return CORRECTED if in_corrections else WRITTEN


def as_written(content):
    """The passage with each span that stands for the source's own words back to those
    words, the rest as typed: what the source itself says, for comparing a curated text
    with its source. A {sic written|corrected} gives its written words, an {unclear …} its
    words, a {stamp …} with its words as stamped those words."""

    def undo(match):
        span = spans.read(match) if match["span"] is not None else None
        if span and span.name in (spans.SIC, spans.UNCLEAR):
            return span.field(content, 0)
        if span and span.name == spans.STAMP and span.field(content, 3):
            return span.field(content, 3)
        return match.group()

    return _MARKS.sub(undo, content)


def split_passages(text):
    """Blocks of pasted text between blank lines, each kept exactly as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block for block in _BLANK_LINES.split(text) if block.strip()]
