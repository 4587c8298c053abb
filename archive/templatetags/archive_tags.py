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
def query_with(context, name, value, toggle=False):
    """The current query string with `name` set to `value` and the page reset.

    With toggle, a parameter already set to `value` is removed instead, so a
    facet link switches its filter on and off.
    """
    query = context["request"].GET.copy()
    query.pop("page", None)
    if toggle and query.get(name) == str(value):
        query.pop(name)
    else:
        query[name] = value
    return "?" + query.urlencode()
