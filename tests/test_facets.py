"""The facet lists beside a list of documents (archive.templatetags.facets)."""

import re

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from archive.templatetags.facets import facet_lists


def _option(label, count, query, active=False, lang=None):
    return {"value": label, "label": label, "count": count, "query": query,
            "active": active, "lang": lang}  # fmt: skip


def test_each_option_links_to_its_choice_with_its_count():
    facets = [
        {"name": "type", "heading": "Document type", "options": [
            _option("Ciphered telegram", 1234, "?q=Filippov&type=telegram", lang="en"),
            _option("Letter", 7, "?q=Filippov&type=letter"),
        ]},
    ]  # fmt: skip
    with translation.override("en"):
        html = facet_lists(facets)
    assert html == (
        '<section class="facet"><h2>Document type</h2><ul>'
        '<li><a href="?q=Filippov&amp;type=telegram" lang="en">Ciphered telegram</a> '
        '<span class="count">1,234</span></li>'
        '<li><a href="?q=Filippov&amp;type=letter">Letter</a> <span class="count">7</span></li>'
        "</ul></section>"
    )


def test_the_chosen_option_is_marked_and_links_to_unchoosing_it():
    facets = [{"name": "language", "heading": "Original language",
               "options": [_option("Russian", 3, "?q=Filippov", active=True)]}]  # fmt: skip
    html = facet_lists(facets)
    assert '<li class="active"><a href="?q=Filippov" aria-current="true">Russian</a>' in html


def test_a_facet_without_options_is_left_out():
    facets = [
        {"name": "collection", "heading": "Collection", "options": []},
        {"name": "person", "heading": "Person", "options": [_option("Mao", 1, "?person=mao")]},
    ]
    html = facet_lists(facets)
    assert "Collection" not in html
    assert html.count("<section") == 1


def test_every_value_is_escaped_as_a_template_would():
    hostile = '<script>alert("x")</script>'
    facets = [{"name": "person", "heading": hostile,
               "options": [_option(hostile, 1, '?person="><script>')]}]  # fmt: skip
    html = facet_lists(facets)
    assert "<script>" not in html
    rendered = Template("{{ value }}").render(Context({"value": hostile}))
    assert html.count(rendered) == 2  # the heading and the label, as a template writes them
    assert 'href="?person=&quot;&gt;&lt;script&gt;"' in html


def test_counts_are_grouped_as_the_interface_language_writes_numbers():
    facets = [{"name": "type", "heading": "Тип", "options": [_option("Письмо", 12345, "?t=1")]}]
    with translation.override("ru"):
        html = facet_lists(facets)
    assert '<span class="count">12\xa0345</span>' in html


# The template loop facet_lists() replaced (templates/archive/document_list.html).
TEMPLATE_LOOP = """{% load humanize %}{% for facet in facets %}{% if facet.options %}
<section class="facet"><h2>{{ facet.heading }}</h2><ul>{% for option in facet.options %}
<li{% if option.active %} class="active"{% endif %}>
<a href="{{ option.query }}"{% if option.lang %} lang="{{ option.lang }}"{% endif %}{% if option.active %} aria-current="true"{% endif %}>{{ option.label }}</a>
<span class="count">{{ option.count|intcomma }}</span></li>{% endfor %}</ul></section>
{% endif %}{% endfor %}"""


def _collapsed(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def test_the_lists_are_the_html_the_template_gave():
    facets = [
        {"name": "type", "heading": gettext_lazy("Document type"), "options": [
            _option(gettext_lazy("Letter"), 1234567, "?q=a&b=%22c%22", active=True, lang="en"),
            _option(mark_safe("<em>Safe</em>"), 3, "?q=it's"),
            _option("O'Brien & <Sons>", 0, '?q="x"', lang=""),
        ]},
        {"name": "collection", "heading": "Empty", "options": []},
    ]  # fmt: skip
    for language in ("en", "ru"):
        with translation.override(language):
            expected = Template(TEMPLATE_LOOP).render(Context({"facets": facets}))
            assert _collapsed(facet_lists(facets)) == _collapsed(expected), language
