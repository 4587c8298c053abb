"""Template helpers: passage markup and links that change one query parameter."""

from django import template

from ..languages import text_direction
from ..markup import render_passage

register = template.Library()


@register.filter
def passage_html(content):
    """Escaped passage text with handwriting and editorial insertions marked."""
    return render_passage(content)


@register.filter
def direction(language_code):
    return text_direction(language_code)
