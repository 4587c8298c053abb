"""A document's row in a list (results, a collection, the home page, a glossary entry).

Written in Python rather than as an included template: a results page has 25 rows, and
the template language took about half a millisecond a row, a third of the page's
rendering at 100,000 documents (bench/results/search-notes.md). format_html() cost
nearly as much, so the row is put together from escaped() values: every value is
escaped as a template escapes it, unless it is already safe HTML (a snippet, which the
search escaped and marked: search.results).
"""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from ..languages import CATALOGUE_LANGUAGE
from ..models import Role

register = template.Library()


def escaped(value):
    """conditional_escape(), without its checks for lazy arguments (a row makes dozens)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.simple_tag(takes_context=True)
def document_row(context, document):
    """<li> of a document: title, date, type, who wrote to whom, and, in search results,
    why it matched and its snippets (else its summary). `result_query` in the context
    (the search, URL-encoded) is carried to the document, to highlight it there."""
    url = document.get_absolute_url()
    query = context.get("result_query") or ""
    explanation = getattr(document, "explanation", None)
    snippets = explanation.snippets if explanation else []
    parts = [
        '<li class="document-item"><a class="document-item__title" ',
        f'lang="{CATALOGUE_LANGUAGE}" href="',
        escaped(f"{url}?{query}" if query else url),
        f'">{escaped(document.title)}</a><p class="document-item__meta">{_meta(document)}</p>',
    ]
    if explanation and explanation.reasons:
        reasons = "; ".join(f"<span>{escaped(reason)}</span>" for reason in explanation.reasons)
        matched = escaped(gettext("Matched"))  # outside the f-string, where xgettext reads
        parts.append(f'<p class="match-reasons">{matched}: {reasons}</p>')
    parts += [_snippet(snippet, url, query) for snippet in snippets]
    if not snippets and document.summary:
        summary = escaped(document.summary)
        parts.append(f'<p class="document-item__summary" lang="{CATALOGUE_LANGUAGE}">{summary}</p>')
    parts.append("</li>")
    return mark_safe("".join(parts))


def _meta(document):
    """ "30 June 1951 · Ciphered telegram · Mao Zedong to Filippov"."""
    shown_date, parts = document.display_date, []
    if shown_date:
        machine = document.machine_date
        shown = escaped(shown_date)
        if machine:
            shown = f'<time datetime="{escaped(machine)}">{shown}</time>'
        parts.append(f"{shown} · ")
    parts.append(f'<span lang="{CATALOGUE_LANGUAGE}">{escaped(document.document_type)}</span>')
    roles = getattr(document, "principal_roles", None)
    if roles:
        to = escaped(gettext("to"))
        to = f'<span class="to" lang="{escaped(get_language() or "en")}">{to}</span>'
        authors = "".join(
            f"<span>{escaped(role.person_name)}</span>"
            for role in roles
            if role.role == Role.Kind.AUTHOR
        )
        recipients = "".join(
            f"{to} <span>{escaped(role.person_name)}</span>"
            for role in roles
            if role.role == Role.Kind.RECIPIENT
        )
        parts.append(
            f' · <span class="document-item__people" lang="{CATALOGUE_LANGUAGE}">'
            f"{authors} {recipients}</span>"
        )
    return "".join(parts)


def _snippet(snippet, url, query):
    language = f' lang="{escaped(snippet.language)}"' if snippet.language else ""
    words = escaped(snippet.html)
    if snippet.anchor:
        reading = f"&reading={snippet.reading}" if snippet.reading else ""
        link = escaped(f"{url}?{query}{reading}#{snippet.anchor}")
        words = f'<a href="{link}"{language}>{words}</a>'
    else:
        words = f"<span{language}>{words}</span>"
    label = escaped(snippet.label)
    return f'<p class="snippet"><span class="snippet__label">{label}:</span> {words}</p>'
