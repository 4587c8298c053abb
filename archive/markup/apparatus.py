"""The typed spans as HTML: each readable without colour (a bracket, a symbol or a word
shows what it is), named to screen readers, and printed as it is shown.

Marks the reader sees are aria-hidden where a label says the same in words, so that a
screen reader reads "unclear: faded" once, not "question mark" and then the label.
"""

from django.utils.html import escape
from django.utils.translation import get_language, gettext

from . import spans


def render_span(span, content, text, highlights, reading, supplier=spans.SUPPLIERS[0]):
    """Safe HTML for one span; `text(content, start, end, highlights)` escapes a field
    with its highlighted parts in <mark>, so that search matches show inside spans too.
    `supplier` ("editor" or "translator") is who supplies words the span does not say
    were supplied by someone else: the translator, in a translation."""

    def field(index):
        if index >= len(span.fields):
            return ""
        start, end = span.fields[index]
        return text(content, start, end, highlights)

    def words(index):
        return span.field(content, index)

    return _RENDERERS[span.name](field, words, reading, supplier)


def _label(words):
    """Words for screen readers only, in the interface's language."""
    language = escape(get_language() or "en")
    return f'<span class="visually-hidden" lang="{language}">{escape(words)}</span>'


def _mark(symbol, title="", lang=""):
    """A visible mark, read aloud only through its label. `lang`: the mark's own language
    ("la" for the sigla sic and corr.), so that it is not taken for the text's."""
    title = f' title="{escape(title)}"' if title else ""
    lang = f' lang="{escape(lang)}"' if lang else ""
    return f'<span class="apparatus-mark" aria-hidden="true"{lang}{title}>{escape(symbol)}</span>'


def _sic(field, words, reading, _supplier):
    written, corrected = field(0), field(1)
    if not words(1):  # a sic without a correction: only "so written"
        label = _label(gettext(" (sic: so written)"))
        return f'<span class="sic">{written}</span>{_mark(" [sic]", lang="la")}{label}'
    hidden = ' hidden=""'
    said_written = gettext(" (sic: so written; corrected: %(words)s)") % {"words": words(1)}
    as_written = (
        f'<span class="sic" data-reading="written"{hidden if reading == "corrected" else ""}>'
        f"{written}{_mark(' [sic]', lang='la')}"
        f"{_label(said_written)}</span>"
    )
    said_corrected = gettext(" (corrected; written: %(words)s)") % {"words": words(0)}
    as_corrected = (
        f'<span class="corr" data-reading="corrected"{"" if reading == "corrected" else hidden}>'
        f"{corrected}{_mark(' [corr.]', lang='la')}"
        f"{_label(said_corrected)}</span>"
    )
    return f'<span class="choice">{as_written}{as_corrected}</span>'


def _unclear(field, words, _reading, _supplier):
    reason, certainty = words(1), words(2)
    details = ", ".join(
        part
        for part in (
            reason,
            certainty
            and gettext("%(certainty)s certainty") % {"certainty": _CERTAINTY[certainty]()},
        )
        if part
    )
    label = gettext("unclear") + (f": {details}" if details else "")
    # On screen the why and how sure are the mark's tooltip; on paper they print after it.
    printed = f'<span class="print-only">: {escape(details)}</span>' if details else ""
    mark = (
        f'<span class="apparatus-mark" aria-hidden="true" title="{escape(label)}">'
        f" (?{printed})</span>"
    )
    return f'<span class="unclear">{field(0)}{mark}{_label(f" ({label})")}</span>'


_CERTAINTY = {
    "low": lambda: gettext("low"),
    "medium": lambda: gettext("medium"),
    "high": lambda: gettext("high"),
}


def _gap(field, words, _reading, _supplier):
    reason, extent = words(0), words(1)
    shown = spans.gap_shown(reason, extent)
    described = ", ".join(part for part in (reason, extent) if part)
    label = gettext("Gap in the text: %(reason)s") % {"reason": described}
    return f'<span class="gap">{_mark(shown)}{_label(f"[{label}]")}</span>'


def _hand(field, words, _reading, _supplier):
    hand = words(0)
    label = gettext("in the hand of %(hand)s") % {"hand": hand}
    return (
        f'<span class="hand-shift"><em class="handwriting">{field(1)}</em>'
        f"{_mark(f' ✎ {hand}')}{_label(f' ({label})')}</span>"
    )


def _stamp(field, words, _reading, _supplier):
    kind = words(0)
    heading = gettext("Stamp (%(kind)s)") % {"kind": kind}
    # Its number and date, then its words; a number or date its words already show
    # ("Вх. № 2204/ис от 30/VI 1951 г.") is not shown twice (TEI keeps it as a field).
    body = ", ".join(field(index) for index in spans.stamp_fields_shown(words))
    # The heading is the interface's words, in the text's cell: said in their language.
    language = escape(get_language() or "en")
    return (
        f'<span class="stamp"><span class="stamp__kind" lang="{language}">[{escape(heading)}'
        f'{": " if body else ""}</span>{body}<span class="stamp__kind">]</span></span>'
    )


def _supplied(field, words, _reading, supplier):
    reason = words(1)
    label = supplied_label(words(2) or supplier) + (f": {reason}" if reason else "")
    return (
        f'<span class="supplied">{_label(f"({label}) ")}'
        f'<span aria-hidden="true">[</span>{field(0)}<span aria-hidden="true">]</span></span>'
    )


def supplied_label(supplier):
    """ "supplied by the editor" or "… by the translator", in the interface's language."""
    if supplier == "translator":
        return gettext("supplied by the translator")
    return gettext("supplied by the editor")


def supplied_brackets(inner, supplier):
    """A translator's or editor's [brackets], typed as they print: the words stay as they
    are, and a screen reader hears who supplied them."""
    return (
        f'<span class="editorial supplied">{inner}{_label(f" ({supplied_label(supplier)})")}</span>'
    )


NOTE_LABELS = {
    "editor": lambda: gettext("Editor's note"),
    "translator": lambda: gettext("Translator's note"),
    "archive": lambda: gettext("Archive's note"),
}


def _note(field, words, _reading, _supplier):
    author = words(0)
    label = escape(NOTE_LABELS[author]())
    return (
        f'<span class="inline-note inline-note--{author}" role="note" aria-label="{label}">'
        f"[{label}: {field(1)}]</span>"
    )


_RENDERERS = {
    spans.SIC: _sic,
    spans.UNCLEAR: _unclear,
    spans.GAP: _gap,
    spans.HAND: _hand,
    spans.STAMP: _stamp,
    spans.SUPPLIED: _supplied,
    spans.NOTE: _note,
}
