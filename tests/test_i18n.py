"""The interface in English and Russian: complete, compiled catalogues, every page type in
Russian, dates and numbers in the reader's language, and the documents' texts untouched."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from archive.dates import DatePrecision, format_partial_date

from .html import readable_text, start_tags
from .promises import CANONICAL


def _tags(html, name):
    return [attrs for tag, attrs in start_tags(html) if tag == name]


ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_every_interface_word_is_translated(catalogue):
    assert len(catalogue) > 250
    assert catalogue.metadata["Language"] == "ru"
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    for entry in catalogue:
        for translated in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert _placeholders(translated) == _placeholders(entry.msgid), entry.msgid


def _placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sd]|<[^>]+>", text))


def test_the_compiled_catalogue_matches_the_source(catalogue):
    with open(CATALOGUE.with_suffix(".mo"), "rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in catalogue:
        if entry.msgid_plural:
            for n, form in [(1, "0"), (3, "1"), (5, "2")]:
                found = translations.ngettext(entry.msgid, entry.msgid_plural, n)
                assert found == entry.msgstr_plural[int(form)], entry.msgid
        else:
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            assert translations.gettext(key) == entry.msgstr, entry.msgid


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (.ci/debian-packages)")
def test_the_catalogue_holds_every_word_the_code_and_templates_use(tmp_path, catalogue):
    # makemessages on a copy of the project: nothing new may turn up.
    for part in ["archive", "templates", "config", "locale", "manage.py"]:
        source = ROOT / part
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / part)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    assert {e.msgid for e in fresh} == {e.msgid for e in catalogue}


RUSSIAN_PAGES = [
    "/ru/",
    "/ru/documents/",
    "/ru/documents/?q=Риджуэй",
    "/ru/documents/?q=Moscow",  # matched by a detail (a place), not by the text
    "/ru/documents/?date_from=not-a-date",
    "/ru" + CANONICAL,
    "/ru/persons/",
    "/ru/persons/mao-zedong/",
    "/ru/repositories/",
    "/ru/repositories/aprf/",
    "/ru/collections/",
    "/ru/collections/korean-war/",
    "/ru/timeline/",
    "/ru/correspondence/",
    "/ru/events/",
    "/ru/events/ridgways-offer-to-negotiate/",
    "/ru/glossary/",
    "/ru/glossary/genshtab/",  # a term the seed document uses
    "/ru/collections/korean-war/notes/",
]


@pytest.mark.parametrize("path", RUSSIAN_PAGES)
def test_every_page_type_speaks_russian(client, seed, catalogue, path):
    response = client.get(path)
    # An impossible filter is a bad request, explained on the page.
    assert response.status_code == (400 if "not-a-date" in path else 200)
    html = response.content.decode()
    assert _tags(html, "html")[0]["lang"] == "ru"
    english = {e.msgid for e in catalogue if e.msgstr and e.msgstr != e.msgid and len(e.msgid) > 2}
    untranslated = [p.text for p in readable_text(html) if p.language == "ru" and p.text in english]
    assert untranslated == []
    assert "Архив холодной войны" in html


def test_the_language_switch_links_the_same_page_in_the_other_language(client, seed):
    response = client.get("/documents/110371/?q=Ridgway&show=original")
    # (the permanent address answers with a redirect to the titled one, query kept)
    page = client.get(response["Location"]).content.decode()
    links = {link["hreflang"]: link for link in _tags(page, "a") if "hreflang" in link}
    assert links["ru"]["href"].startswith("/ru/documents/110371/ciphered-telegram")
    assert links["ru"]["href"].endswith("?q=Ridgway&show=original")
    assert links["en"]["aria-current"] == "true"
    alternates = [t for t in _tags(page, "link") if t.get("hreflang")]
    assert {t["hreflang"] for t in alternates} == {"en", "ru"}

    russian = client.get(links["ru"]["href"]).content.decode()
    back = {link["hreflang"]: link for link in _tags(russian, "a") if "hreflang" in link}
    assert back["en"]["href"] == response["Location"]
    assert back["ru"]["aria-current"] == "true"


# The glossary's links and the screen readers' labels are the interface's, not the text's.
_INTERFACE = re.compile(
    r'<a class="term"[^>]*>(.*?)</a>|<span class="visually-hidden" lang="[^"]*">[^<]*</span>'
    r'|<span class="stamp__kind" lang="[^"]*">[^<]*</span>',
    re.S,
)


def _passages(html):
    found = re.findall(r'<div class="passage__text">(.*?)</div>', html, re.S)
    return [_INTERFACE.sub(r"\1", passage) for passage in found]


def test_the_documents_texts_do_not_change_with_the_interface(client, seed):
    address = seed.get_absolute_url()
    english = client.get(address).content.decode()
    russian = client.get("/ru" + address).content.decode()
    assert len(_passages(english)) > 30
    assert _passages(russian) == _passages(english)
    assert seed.title in russian
    # Both are cached, each in its own language: asked for again, in either order, each
    # address gives its own language.
    again_english = client.get(address).content.decode()
    again_russian = client.get("/ru" + address).content.decode()
    assert _tags(again_english, "html")[0]["lang"] == "en" and "Skip to content" in again_english
    assert _tags(again_russian, "html")[0]["lang"] == "ru" and "Перейти к" in again_russian
    assert (again_english, again_russian) == (english, russian)


def test_dates_in_the_readers_language():
    import datetime

    day = datetime.date(1951, 6, 30)
    with translation.override("en"):
        assert format_partial_date(day, DatePrecision.DAY) == "30 June 1951"
        assert format_partial_date(day, DatePrecision.MONTH) == "June 1951"
        assert format_partial_date(day, DatePrecision.YEAR, approximate=True) == "c. 1951"
    with translation.override("ru"):
        assert format_partial_date(day, DatePrecision.DAY) == "30 июня 1951 г."
        assert format_partial_date(day, DatePrecision.MONTH) == "Июнь 1951 г."
        assert format_partial_date(day, DatePrecision.YEAR, approximate=True) == "ок. 1951"


def test_numbers_in_the_readers_language(rf):
    page = Paginator(range(30_000), 10).page(1_200)
    context = {"page": page}
    with translation.override("en"):
        html = render_to_string("archive/includes/pagination.html", context, rf.get("/"))
        assert "Page 1,200 of 3,000" in html
    with translation.override("ru"):
        html = render_to_string("archive/includes/pagination.html", context, rf.get("/ru/"))
        assert "1\xa0200" in html and "3\xa0000" in html


def test_citations_name_the_permanent_address_in_every_interface(client, seed):
    address = seed.get_absolute_url()
    russian = client.get("/ru" + address).content.decode()
    note = re.search(r'id="citation-note" lang="en">(.*?)</p>', russian, re.S).group(1)
    assert note.endswith(f"http://testserver{address}.")
    canonical = [t for t in _tags(russian, "link") if t.get("rel") == "canonical"]
    assert canonical[0]["href"] == f"http://testserver/ru{address}"  # each language its own page
    citations = [t for t in _tags(russian, "meta") if t.get("name") == "citation_public_url"]
    assert citations[0]["content"] == f"http://testserver{address}"


def test_the_sitemap_lists_each_page_in_both_languages(client, seed):
    xml = client.get("/sitemap.xml").content.decode()
    address = seed.get_absolute_url()
    assert f"<loc>http://testserver{address}</loc>" in xml
    assert f"<loc>http://testserver/ru{address}</loc>" in xml
    assert f'hreflang="ru" href="http://testserver/ru{address}"' in xml
    assert "<loc>http://testserver/ru/timeline/</loc>" in xml


# Names of formats and standards, the same in every language.
_FORMATS = re.compile(r"^(?:BibTeX|RIS|CSL-JSON|TEI XML|CSV|Turtle|JSON-LD|IIIF.*|Wikidata Q\d+)$")


@pytest.mark.parametrize("path", RUSSIAN_PAGES)
def test_english_words_on_russian_pages_are_marked_as_english(client, seed, path):
    # A screen reader reads text in the page's language unless told otherwise: an English
    # title read with Russian rules is gibberish. Roman numerals and Latin abbreviations occur in Russian text; a run of Latin words
    # with no Cyrillic at all is English. (The SVG drawings are checked on their own.)
    found = [
        p.text
        for p in readable_text(client.get(path).content.decode())
        if p.in_main and not p.in_svg and not p.is_attribute and p.language == "ru"
        and re.search(r"[A-Za-z]{2,}", p.text) and not re.search(r"[А-яЁё]", p.text)
        and not _FORMATS.match(p.text)
    ]  # fmt: skip
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("path", ["/documents/", "/ru/documents/"])
def test_public_pages_do_not_vary_by_the_browsers_language(client, seed, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    language = "ru" if path.startswith("/ru/") else "en"  # the address decides, not the header
    assert _tags(response.content.decode(), "html")[0]["lang"] == language
    assert "accept-language" not in response["Vary"].lower()
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("path", ["/admin/login/", "/oai/?verb=Identify", "/ru/oai/?verb=Identify"])
def test_nor_do_the_pages_the_page_cache_leaves_alone(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert "accept-language" not in response.get("Vary", "").lower()


def test_harvested_metadata_is_the_same_in_either_interface(client, seed):
    from archive.sources.models import Source

    Source.objects.create(
        document=seed,
        kind=Source.Kind.PUBLISHED,
        relation=Source.Relation.REPRINTED_IN,
        title="Cold War International History Project Bulletin",
        issue="6/7",
        year="1995",
    )
    metas = {}
    for prefix in ("", "/ru"):
        html = client.get(f"{prefix}/documents/110371/", follow=True).content.decode()
        metas[prefix] = [(m["name"], m["content"]) for m in _tags(html, "meta") if "name" in m]
    sources = [content for name, content in metas[""] if name == "DC.source"]
    assert [s for s in sources if s.startswith("Reprinted in: Cold War International")]
    assert metas["/ru"] == metas[""]
