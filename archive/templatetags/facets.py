"""The facet lists beside a list of documents: each facet's options, with their counts.

Written in Python, as a result row is (rows.py) and for the same reason: a results page
has about fifty options, and the template language took 2 ms to write them on the
benchmark's machine, a sixth of the page's rendering. Every value is escaped as a
template escapes it (rows.escaped).
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe

from .rows import escaped

register = template.Library()


@register.simple_tag
def facet_lists(facets):
    """A <section> for each facet with options (filters.facet_counts()): a link to choose
    each option (or, when it is chosen, to un-choose it), and how many documents it has."""
    sections = []
    for facet in facets:
        if not facet["options"]:
            continue
        options = "".join(_option(option) for option in facet["options"])
        sections.append(
            f'<section class="facet"><h2>{escaped(facet["heading"])}</h2>'
            f"<ul>{options}</ul></section>"
        )
    return mark_safe("".join(sections))


def _option(option):
    chosen = ' class="active"' if option["active"] else ""
    current = ' aria-current="true"' if option["active"] else ""
    lang = f' lang="{escaped(option["lang"])}"' if option["lang"] else ""
    return (
        f'<li{chosen}><a href="{escaped(option["query"])}"{lang}{current}>'
        f"{escaped(option['label'])}</a> "
        f'<span class="count">{escaped(intcomma(option["count"]))}</span></li>'
    )
