"""Passage content to HTML, escaped first and always.

Passages keep the marks of their source: *asterisks* around handwriting on a
typed original, the translator's [square brackets] around editorial insertions,
notes in brackets where they stand ("[Translator's note: …]"), and markers of
numbered notes ("[1]", "¹", "1)", "x/"). Everything else is text; nothing in a
document can inject markup. pieces() reads the marks once, for the page and for
TEI alike.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .sources.models import marker_id
from .sources.notes import INLINE, MARKER, kind_of, label_of

# All marks in one pattern, so that they are found left to right and never interleave.
_MARKS = re.compile(
    r"\*(?=\S)(?P<handwriting>[^*\n]*?\S)\*"
    rf"|(?P<inline_note>{INLINE.pattern})"
    rf"|(?P<marker>{MARKER.pattern})"
    r"|(?P<editorial>\[[^\[\]\n]*\])",
    re.IGNORECASE,
)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
TEXT, HANDWRITING, EDITORIAL, INLINE_NOTE, NOTE_REF = (
    "text", "handwriting", "editorial", "inline_note", "note_ref",
)  # fmt: skip


def pieces(content, notes=()):
    """[(kind, start, end, extra)] covering `content`: text, handwriting (the words inside
    the asterisks), editorial, inline_note (extra: its kind) and note_ref (extra: the
    note's label). A marker is a note_ref only if `notes` holds its label; "[2]" with
    no note 2 is an editorial insertion, and the other markers are text."""
    found, last = [], 0
    for match in _MARKS.finditer(content):
        kind, extra, start, end = None, "", match.start(), match.end()
        if match["handwriting"] is not None:
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


def render_passage(content, highlights=(), notes=None, anchors=None):
    """Safe HTML for a passage: handwriting in <em>, editorial insertions marked, notes in
    brackets shown as notes, markers linked to their notes.

    `highlights` are (start, end) character ranges of `content` to wrap in <mark>, such
    as the words a search matched. `notes` maps a label to the note's fragment id
    ("en-note-1"); `anchors` is a set the ids given to markers are added to, so that a
    second marker of one note gets an id of its own.
    """
    highlights = sorted(highlights)
    notes = notes or {}
    html = []
    for kind, start, end, extra in pieces(content, notes):
        inner = _text(content, start, end, highlights)
        if kind == HANDWRITING:
            html.append(f'<em class="handwriting">{inner}</em>')
        elif kind == EDITORIAL:
            html.append(f'<span class="editorial">{inner}</span>')
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


def _text(content, start, end, highlights):
    """content[start:end], escaped, with the highlighted parts of it in <mark>."""
    pieces, position = [], start
    for low, high in highlights:
        low, high = max(low, position), min(high, end)
        if low >= high:
            continue
        pieces.append(escape(content[position:low]))
        pieces.append(f"<mark>{escape(content[low:high])}</mark>")
        position = high
    pieces.append(escape(content[position:end]))
    return "".join(pieces)


def plain_text(content):
    """The words of a passage without its handwriting marks, for search and snippets."""
    return "".join(content[start:end] for _kind, start, end, _extra in pieces(content))


def split_passages(text):
    """Blocks of pasted text between blank lines, each kept exactly as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block for block in _BLANK_LINES.split(text) if block.strip()]
