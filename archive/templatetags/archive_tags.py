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


@register.simple_tag(takes_context=True)
def query_with(context, name, value):
    """The current query string with `name` set to `value` (and the page reset, unless it
    is the page being set); an empty value removes `name`."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value in ("", None):
        query.pop(name, None)
    else:
        query[name] = value
    return "?" + query.urlencode()
