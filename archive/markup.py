"""Passage content to HTML, escaped first and always.

Passages keep two marks of their source: *asterisks* around handwriting on a
typed original, and the translator's [square brackets] around editorial
insertions. Everything else is text; nothing in a document can inject markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

_EDITORIAL = re.compile(r"\[[^\[\]\n]*\]")
_HANDWRITING = re.compile(r"\*(?=\S)([^*\n]*?\S)\*")


def render_passage(content):
    """Safe HTML for a passage: handwriting in <em>, editorial insertions marked."""
    html = escape(content)
    html = _EDITORIAL.sub(lambda m: f'<span class="editorial">{m.group(0)}</span>', html)
    html = _HANDWRITING.sub(r'<em class="handwriting">\1</em>', html)
    return mark_safe(html)


def plain_text(content):
    """The words of a passage without its marks, for search and snippets."""
    return _HANDWRITING.sub(r"\1", content)


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def split_passages(text):
    """Blocks of pasted text between blank lines, each kept exactly as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block for block in _BLANK_LINES.split(text) if block.strip()]
