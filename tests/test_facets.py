"""The facet lists beside a list of documents (archive.templatetags.facets)."""

from django.template import Context, Template
from django.utils import translation

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
