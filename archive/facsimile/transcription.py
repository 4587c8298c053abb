"""A passage as a printed edition gives it, for IIIF viewers (Mirador, the Universal
Viewer) that show the texts beside the image without the site's stylesheet.

The page's HTML (markup.render_passage) holds both readings of a correction and words for
screen readers, hidden by that stylesheet: a viewer would show them all. Here nothing is
hidden: the words as written, the editor's marks in brackets in the line, as in print:
"ФИЛИПОВУ [sic: ФИЛИППОВУ]", "[illegible, ~2 words]", "[Ким Ир Сен]".
"""

from django.utils.html import escape
from django.utils.translation import gettext

from ..markup import HANDWRITING, SPAN, pieces, spans
from ..markup.apparatus import NOTE_LABELS


def printed(content):
    """Minimal HTML of a passage: its text escaped, handwriting in <i>, the editor's marks
    as bracketed words, line breaks as <br>. The translator's own [brackets] and notes
    stay as typed; they are already words in brackets."""
    html = []
    for kind, start, end, extra in pieces(content):
        if kind == SPAN:
            html.append(_span(extra, content))
        elif kind == HANDWRITING:  # the words inside the *asterisks*
            html.append(f"<i>{escape(content[start:end])}</i>")
        else:
            html.append(escape(content[start:end]))
    return "<br>".join("".join(html).split("\n"))


def _span(span, content):
    def words(index):
        return escape(span.field(content, index))

    if span.name == spans.SIC:
        correction = f"[sic: {words(1)}]" if words(1) else "[sic]"
        return f"{words(0)} {correction}"
    if span.name == spans.UNCLEAR:
        return f"{words(0)} [?]"
    if span.name == spans.GAP:
        return spans.gap_shown(words(0), words(1))
    if span.name == spans.HAND:
        hand = escape(gettext("in the hand of %(hand)s") % {"hand": span.field(content, 0)})
        return f"<i>{words(1)}</i> [{hand}]"
    if span.name == spans.STAMP:
        heading = escape(gettext("Stamp (%(kind)s)") % {"kind": span.field(content, 0)})
        shown = spans.stamp_fields_shown(lambda index: span.field(content, index))
        parts = [words(index) for index in shown]
        return f"[{heading}: {', '.join(parts)}]" if parts else f"[{heading}]"
    if span.name == spans.SUPPLIED:
        return f"[{words(0)}]"
    if span.name == spans.NOTE:
        label = escape(NOTE_LABELS[span.field(content, 0)]())
        return f"[{label}: {words(1)}]"
    return words(0)  # a span this module does not know yet: its words
