"""A document's row in lists and results (archive.templatetags.rows)."""

import datetime
import re

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from archive.models import Document
from archive.search.results import Explanation, Snippet
from archive.templatetags.rows import document_row

from .factory import make_document, make_person, make_role


def _row(document, **context):
    return document_row(Context(context), document)


def _listed(pk):
    return Document.objects.for_list().get(pk=pk)


def test_a_row_shows_title_date_type_and_who_wrote_to_whom(db):
    document = make_document(record_id=110371, title="Telegram to Filippov",
                             date=datetime.date(1951, 6, 30), summary="Kim asks")  # fmt: skip
    make_role(document, make_person("Mao Zedong"), "author")
    make_role(document, make_person("Filippov"), "recipient")
    make_role(document, make_person("Kim Il Sung"), "mentioned")
    html = _row(_listed(document.pk))
    assert f'href="{document.get_absolute_url()}"' in html
    assert ">Telegram to Filippov</a>" in html
    assert '<time datetime="1951-06-30">30 June 1951</time> · ' in html
    assert '<span lang="en">Telegram</span>' in html
    people = re.search(r'<span class="document-item__people" lang="en">(.*?)</span></p>', html)
    assert people[1] == (
        '<span>Mao Zedong</span> <span class="to" lang="en">to</span> <span>Filippov</span>'
    )
    assert "Kim Il Sung" not in html  # only the principal roles
    assert '<p class="document-item__summary" lang="en">Kim asks</p>' in html
    assert html.startswith('<li class="document-item">') and html.endswith("</li>")


def test_a_rows_words_are_escaped(db):
    document = make_document(title="<script>x</script>", summary='"quoted" & <b>')
    make_role(document, make_person("<i>Name</i>"), "author")
    html = _row(_listed(document.pk))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&quot;quoted&quot; &amp; &lt;b&gt;" in html
    assert "<span>&lt;i&gt;Name&lt;/i&gt;</span>" in html


def test_a_result_row_says_why_it_matched_and_links_its_snippets_with_the_search(db):
    document = _listed(make_document(summary="Not shown: the snippets stand for it").pk)
    url = document.get_absolute_url()
    document.explanation = Explanation(
        reasons=["Filippov (codename of Joseph Stalin)", "<b>"],
        snippets=[
            Snippet("Translation, English", "en", mark_safe("to <mark>Stalin</mark>"), "en-1"),
            Snippet("Original, Russian", "ru", "ФИЛИППОВУ", "ru-2", reading="corrected"),
            Snippet("Title", "", "a <detail>"),
        ],
    )
    html = _row(document, result_query="q=Filippov&x=1")
    assert f'href="{url}?q=Filippov&amp;x=1"' in html  # the title carries the search
    assert (
        '<p class="match-reasons">Matched: <span>Filippov (codename of Joseph Stalin)</span>; '
        "<span>&lt;b&gt;</span></p>" in html
    )
    # The snippet's HTML is the search's, already escaped: kept as it is.
    assert f'<a href="{url}?q=Filippov&amp;x=1#en-1" lang="en">to <mark>Stalin</mark></a>' in html
    assert f'href="{url}?q=Filippov&amp;x=1&amp;reading=corrected#ru-2" lang="ru"' in html
    # A value not marked safe is escaped all the same.
    assert '<span class="snippet__label">Title:</span> <span>a &lt;detail&gt;</span>' in html
    assert "Not shown" not in html


def test_a_row_is_translated_with_the_interface(db):
    document = make_document(date=datetime.date(1951, 6, 30))
    make_role(document, make_person("A"), "author")
    make_role(document, make_person("B"), "recipient")
    with translation.override("ru"):
        html = _row(_listed(document.pk))
    assert '<span>A</span> <span class="to" lang="ru">—</span> <span>B</span>' in html
    assert "30 июня 1951" in html


def test_the_tag_reads_the_search_from_the_page(db):
    document = _listed(make_document().pk)
    html = Template("{% load rows %}{% document_row document %}").render(
        Context({"document": document, "result_query": "q=a"})
    )
    assert f'href="{document.get_absolute_url()}?q=a"' in html
