"""Passage content to HTML, escaped first and always.

Passages keep two marks of their source: *asterisks* around handwriting on a
typed original, and the translator's [square brackets] around editorial
insertions. Everything else is text; nothing in a document can inject markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Both marks in one pattern, so that they are found left to right and never interleave.
_MARKS = re.compile(r"\*(?=\S)(?P<handwriting>[^*\n]*?\S)\*|(?P<editorial>\[[^\[\]\n]*\])")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def render_passage(content, highlights=()):
    """Safe HTML for a passage: handwriting in <em>, editorial insertions marked.

    `highlights` are (start, end) character ranges of `content` to wrap in <mark>,
    such as the words a search matched.
    """
    highlights = sorted(highlights)
    html, last = [], 0
    for match in _MARKS.finditer(content):
        html.append(_text(content, last, match.start(), highlights))
        if match["handwriting"] is not None:
            inner = _text(content, match.start() + 1, match.end() - 1, highlights)
            html.append(f'<em class="handwriting">{inner}</em>')
        else:
            inner = _text(content, match.start(), match.end(), highlights)
            html.append(f'<span class="editorial">{inner}</span>')
        last = match.end()
    html.append(_text(content, last, len(content), highlights))
    return mark_safe("".join(html))


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
    return _MARKS.sub(lambda m: m["handwriting"] if m["handwriting"] is not None else m[0], content)


def split_passages(text):
    """Blocks of pasted text between blank lines, each kept exactly as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block for block in _BLANK_LINES.split(text) if block.strip()]
