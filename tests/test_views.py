from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from archive.changes import deferred
from archive.models import Collection, DocumentRelation, Subject

from .factory import (
    make_document,
    make_person,
    make_reference,
    make_repository,
    make_role,
    make_text,
)
from .html import page_text, parallel_rows, row_containing, start_tags

pytestmark = pytest.mark.django_db

DOCUMENT = (
    "/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/"
)


def text_of(response):
    return page_text(response.content.decode())


# --- Every page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Latest documents"),
        ("/documents/", "Ciphered Telegram No. 21336"),
        (
            DOCUMENT,
            "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
        ),
        ("/persons/", "Kim Il Sung"),
        ("/persons/joseph-stalin/", "ФИЛИПОВУ"),
        ("/repositories/", "Archive of the President of the Russian Federation"),
        ("/repositories/avp-rf/", "Foreign Policy Archive of the Russian Federation"),
        ("/collections/", "Korean War Armistice"),
        ("/collections/korean-war/", "Ciphered Telegram No. 21336"),
    ],
)
def test_every_page_answers_with_its_content(client, seed, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in text_of(response)


def test_home_says_what_the_archive_holds(client, seed):
    text = text_of(client.get("/"))
    assert "The archive holds 1 document naming 8 persons" in text
    assert "Korean War" in text
    html = client.get("/").content.decode()
    assert 'name="q"' in html
    assert 'href="/collections/korean-war/"' in html
    assert (
        'href="/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/"'
        in html
    )


# --- The document page ----------------------------------------------------------------


def test_maliks_speech_stands_level_with_its_translation(client, seed):
    html = client.get(DOCUMENT).content.decode()
    row = row_containing(html, "Выступление Малика по радио 23.6.с.г.")
    assert [cell.attrs["lang"] for cell in row] == ["ru", "en"]
    assert "Выступление Малика по радио 23.6.с.г." in row[0].text
    assert "Malik's speech on the radio on June 23" in row[1].text


def test_every_passage_is_shown_in_its_language_column(client, seed):
    rows = parallel_rows(client.get(DOCUMENT).content.decode())
    ru_ids = [i for row in rows for i in row[0].ids if i.startswith("ru-")]
    en_ids = [i for row in rows for i in row[1].ids if i.startswith("en-")]
    assert ru_ids == [f"ru-{n}" for n in range(1, 26)]
    assert en_ids == [f"en-{n}" for n in range(1, 18)]
    assert all(row[0].attrs["lang"] == "ru" and row[1].attrs["lang"] == "en" for row in rows)


def test_a_passage_without_counterpart_has_a_row_of_its_own(client, seed):
    html = client.get(DOCUMENT).content.decode()
    row = row_containing(html, "Для заметок")
    assert "parallel__cell--empty" in row[1].attrs["class"]
    assert row[1].text.strip() == "No counterpart in this text."


def test_the_quoted_report_stands_beside_its_translation_as_a_quotation(client, seed):
    html = client.get(DOCUMENT).content.decode()
    row = row_containing(html, "У американских генералов")
    assert (
        row[1]
        .text.strip()
        .endswith(
            "a cessation of military actions in Korea grows with every day. "
            # The brackets' screen-reader label is part of a cell's text.
            "[U.S. Commander Matthew] (supplied by the translator) Ridgway constantly maintains "
            "contact with the chief of the "
            "American General Staff on the question of the possibility of a cessation of military "
            "actions."
        )
    )
    assert (
        '<div class="passage passage--paragraph passage--quote passage--quote-2" id="en-10"' in html
    )


def test_several_passages_can_share_a_row(client, seed):
    row = row_containing(client.get(DOCUMENT).content.decode(), "№ 3261")
    assert row[1].ids == ["en-16", "en-17"]


def test_original_only_and_translation_only(client, seed):
    original = parallel_rows(client.get(DOCUMENT, {"show": "original"}).content.decode())
    assert {cell.attrs["lang"] for row in original for cell in row} == {"ru"}
    assert len(original) == 25  # every Russian passage has a row, none is lost
    translation = parallel_rows(client.get(DOCUMENT, {"show": "translation"}).content.decode())
    assert {cell.attrs["lang"] for row in translation for cell in row} == {"en"}
    assert len(translation) == 16  # "No. 3261" and "30.6" share a row


def test_an_unknown_show_value_falls_back_to_both(client, seed):
    rows = parallel_rows(client.get(DOCUMENT, {"show": "<script>"}).content.decode())
    assert len(rows[0]) == 2


def test_the_switch_links_keep_other_parameters(client, seed):
    html = client.get(DOCUMENT, {"translation": "en"}).content.decode()
    assert 'href="?translation=en&amp;show=original"' in html


def test_handwriting_and_editorial_insertions_are_marked(client, seed):
    html = client.get(DOCUMENT).content.decode()
    assert '<em class="handwriting">тов. Сталину</em>' in html
    # The translator's brackets, and who supplied their words, said to screen readers.
    said = '<span class="visually-hidden" lang="en"> (supplied by the translator)</span></span>'
    assert '<span class="editorial supplied">[Stalin]' + said in html
    assert '<span class="editorial supplied">[U.S. Commander Matthew]' + said in html


def test_persons_are_grouped_by_role_and_linked(client, seed):
    response = client.get(DOCUMENT)
    html, text = response.content.decode(), text_of(response)
    for heading in ("Author", "Recipient", "Author of relayed message", "Mentioned"):
        assert heading in text
    assert 'href="/persons/kim-il-sung/"' in html
    assert "Joseph Stalin as “ФИЛИПОВУ”" in text


def test_references_citation_and_details_are_shown(client, seed):
    response = client.get(DOCUMENT)
    text, html = text_of(response), response.content.decode()
    for reference in (
        "APRF, f. 45, op. 1, d. 339, l. 92",
        "AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11",
        "RGASPI, f. 558, op. 11, d. 339, ll. 0092",
    ):
        assert reference in text
    assert '<p class="citation" id="citation" lang="en">&quot;Ciphered Telegram No. 21336' in html
    assert 'data-copy-target="citation"' in html
    assert "Document details" in text
    assert "расш. Елезов 12.00 30.6" in text
    assert "Совершенно секретно / Top secret" in text
    assert "168 · IV н. · 92" in text


def test_document_text_is_escaped(client, db):
    document = make_document(title="<b>Bold</b> title")
    make_text(document, passages=["<script>alert('x')</script> & [note]"])
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; " in html
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in html


def test_unknown_document_is_a_404_page(client, db):
    response = client.get("/documents/424242/")
    assert response.status_code == 404


def test_a_document_without_texts_still_shows(client, db):
    document = make_document()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "No text of this document has been entered yet." in text_of(response)


def test_related_documents_are_shown_both_ways(client, db):
    relay, relayed = make_document(title="The relay"), make_document(title="The message")
    DocumentRelation.objects.create(source=relay, target=relayed, kind="forwards")
    assert "Forwards (tei:correspAction[@type=forwarded]) The message" in text_of(
        client.get(relay.get_absolute_url())
    )
    assert "Forwarded in (inverse of tei:correspAction[@type=forwarded]) The relay" in text_of(
        client.get(relayed.get_absolute_url())
    )


# --- Drafts -----------------------------------------------------------------------------


def test_a_draft_is_a_404_to_the_public_and_visible_to_staff(staff_client, db):
    draft = make_document(status="draft", title="Unpublished telegram")
    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: visible to staff only" in text_of(response)


def test_drafts_appear_in_no_public_list(client, db):
    """Not in lists, counts, facets, filters, related links or search."""
    published = make_document(title="Published telegram")
    draft = make_document(status="draft", title="Secret draft")
    person = make_person("Draft Only Person", slug="draft-only")
    make_role(draft, person)
    make_reference(draft, make_repository("RGANI"), fond="5")
    make_role(published, make_person("Public Person", slug="public-person"))
    DocumentRelation.objects.create(source=published, target=draft, kind="references")
    korea = Collection.objects.create(name="Korea", slug="korea")
    draft.collections.add(korea)
    pages = ["/", "/documents/", "/persons/", "/repositories/rgani/", "/repositories/"]
    pages += ["/collections/", "/collections/korea/", "/documents/?q=Secret"]
    pages.append(published.get_absolute_url())
    for url in pages:
        text = text_of(client.get(url))
        assert "Secret draft" not in text, url
        assert "Draft Only Person" not in text, url
    assert client.get("/persons/draft-only/").status_code == 404
    assert "1 document" in text_of(client.get("/documents/"))
    assert "No document matches" in text_of(client.get("/documents/?q=Secret"))
    # The person filter does not accept a person known only from drafts, nor name them.
    response = client.get("/documents/?person=draft-only")
    assert response.status_code == 400
    assert "Draft Only Person" not in text_of(response)
    # Facet counts leave the draft out.
    assert "RGANI" not in text_of(client.get("/documents/"))
    assert "Korea 0" in text_of(client.get("/collections/"))


# --- Persons, repositories, collections ----------------------------------------------------


def test_person_page_shows_names_aliases_documents_and_correspondents(client, seed):
    text = text_of(client.get("/persons/mao-zedong/"))
    assert "Мао Цзе-дун · 毛泽东" in text
    assert "Mao Tse-tung" in text
    assert "Author Ciphered Telegram No. 21336" in text
    assert "Recipient of relayed message Ciphered Telegram No. 21336" in text
    assert "Joseph Stalin: wrote to them 1 time" in text
    assert "Kim Il Sung: received from them 1 time" in text


def test_person_page_links_to_their_documents_in_the_browse_page(client, seed):
    html = client.get("/persons/joseph-stalin/").content.decode()
    assert 'href="/documents/?person=joseph-stalin"' in html


def test_stalin_is_listed_with_his_codename(client, seed):
    html = client.get("/persons/joseph-stalin/").content.decode()
    assert '<td lang="en">Filippov</td><td>codename</td>' in html
    assert (
        '<td lang="ru">ФИЛИПОВУ</td><td>codename</td><td lang="en">One-П spelling, in the dative'
        in html
    )


def test_repository_page_lists_fonds_with_the_documents_cited(client, seed):
    text = text_of(client.get("/repositories/rgaspi/"))
    assert "Fond 558" in text
    assert "f. 558, op. 11, d. 339, ll. 0092 — Ciphered Telegram No. 21336" in text


@pytest.mark.parametrize("written", ["AVP RF", "АВП РФ", "avprf"])
def test_repository_abbreviation_urls_redirect_permanently(client, seed, written):
    response = client.get(f"/repositories/{written}/")
    assert response.status_code == 301
    assert response["Location"] == "/repositories/avp-rf/"


def test_unknown_repository_is_404(client, seed):
    assert client.get("/repositories/nowhere/").status_code == 404


def test_unknown_person_and_collection_are_404(client, db):
    assert client.get("/persons/nobody/").status_code == 404
    assert client.get("/collections/nothing/").status_code == 404


# --- Queries stay flat as documents grow ------------------------------------------------------


@deferred()
def build_document(size):
    """A published document with `size` persons, passages per text and references."""
    document = make_document()
    for n in range(size):
        make_role(document, make_person(), role="author" if n % 2 else "mentioned")
        make_reference(document, fond=str(n))
    make_text(document, "ru", "transcription", [f"Абзац {n}" for n in range(size)])
    make_text(document, "en", "translation", [f"Paragraph {n}" for n in range(size)])
    return document


# Before any page is rendered for a visitor, the page cache reads the public version
# (archive/caching.py): one query, the price of never serving a stale page.
CACHE_CHECK = 1
# The document and its type; its indexing terms (one UNION of the four vocabularies); its
# texts with their passages; their notes; its relations both ways; scans; roles with
# persons; sources with repositories; credits with persons; particulars with persons; its
# dates as written; inferred datings; handling steps with places; events; its confirmed
# discrepancy notes; the glossary entries in its scope with their forms and senses.
DOCUMENT_PAGE_QUERIES = CACHE_CHECK + 16
# The search index's currency check (one query, archive.search.engine); the page of
# documents with their parts; the facet options' names. Counts come from the index.
BROWSE_PAGE_QUERIES = CACHE_CHECK + 7
# The same, and the persons, names and passages that say why each result matched (the
# roles, read with the rows, are not read again). The glossary's forms, for the query's
# expansion, are read once per version of the archive (archive.models.versions.PerVersion):
# by the search before, not again.
SEARCH_PAGE_QUERIES = CACHE_CHECK + 10
PERSON_PAGE_QUERIES = CACHE_CHECK + 5  # person, aliases, roles, events, letters


@pytest.mark.parametrize("size", [3, 30])
def test_document_page_queries_do_not_grow(client, db, django_assert_num_queries, size):
    document = build_document(size)
    with django_assert_num_queries(DOCUMENT_PAGE_QUERIES):
        response = client.get(document.get_absolute_url())
    assert len(parallel_rows(response.content.decode())) == size


def test_a_document_with_everything_still_takes_the_same_queries(
    client, db, django_assert_num_queries
):
    document = build_document(3)
    other = make_document(title="The answer")
    DocumentRelation.objects.create(source=other, target=document, kind="reply_to")
    DocumentRelation.objects.create(source=document, target=other, kind="references")
    for name in ("Armistice", "Press"):
        document.subjects.add(Subject.objects.create(name=name, slug=name.lower()))
    document.collections.add(Collection.objects.create(name="Korea", slug="korea"))
    with django_assert_num_queries(DOCUMENT_PAGE_QUERIES):
        response = client.get(document.get_absolute_url())
    text, html = text_of(response), response.content.decode()
    assert "Replied to by (inverse of rico:isReplyTo) The answer" in text
    assert "References (dcterms:references) The answer" in text
    assert '<li lang="en">Armistice</li><li lang="en">Press</li>' in html
    assert 'href="/collections/korea/"' in html


def test_a_text_without_passages_is_still_offered(client, db):
    document = make_document()
    make_text(document, "ru", passages=["Текст"])
    make_text(document, "en", "translation", passages=["Text"])
    make_text(document, "de", "translation")
    html = client.get(document.get_absolute_url()).content.decode()
    assert 'href="?left=ru&amp;right=de" data-pair="right">German translation</a>' in html
    empty = client.get(document.get_absolute_url(), {"right": "de"}).content.decode()
    assert [cell.attrs["lang"] for cell in row_containing(empty, "Текст")] == ["ru", "de"]


@pytest.mark.parametrize("size", [3, 30])
def test_browse_page_queries_do_not_grow(client, db, django_assert_num_queries, size):
    for _ in range(size):
        build_document(size)
    client.get(reverse("archive:document_list"), {"q": "warm"})  # the index, built once
    with django_assert_num_queries(BROWSE_PAGE_QUERIES):
        response = client.get(reverse("archive:document_list"))
    assert f"{size} documents" in text_of(response)


@pytest.mark.parametrize("size", [3, 30])
def test_search_results_page_queries_do_not_grow(client, db, django_assert_num_queries, size):
    for _ in range(size):
        build_document(size)
    client.get(reverse("archive:document_list"), {"q": "warm"})  # the index, built once
    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get(reverse("archive:document_list"), {"q": "Paragraph"})
    assert f"{size} documents" in text_of(response)


@pytest.mark.parametrize("size", [3, 30])
def test_person_page_queries_do_not_grow(client, db, django_assert_num_queries, size):
    person = make_person()
    for _ in range(size):
        make_role(build_document(1), person, role="recipient")
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_the_404_page_is_in_the_sites_style(client, db):
    response = client.get("/documents/424242/")
    assert response.status_code == 404
    assert "There is no public page at this address." in text_of(response)
    assert 'href="/documents/"' in response.content.decode()


def test_a_translation_is_chosen_by_its_code(client, db):
    document = make_document()
    make_text(document, "ru", passages=["Текст"])
    make_text(document, "en", "translation", passages=["Text"])
    make_text(document, "en", "translation", passages=["Another text"], credit="Second translator")
    # ?translation= is kept working: links made before ?left= and ?right= still lead there.
    html = client.get(document.get_absolute_url(), {"translation": "en-2"}).content.decode()
    assert row_containing(html, "Текст")[1].text.strip().endswith("Another text")
    assert 'href="?left=ru&amp;right=en" data-pair="right">' in html
    assert 'href="?left=ru&amp;right=en-2" data-pair="right" aria-current="true">' in html
    assert 'id="en-2-1"' in html
    default = client.get(document.get_absolute_url()).content.decode()
    assert row_containing(default, "Текст")[1].text.strip().endswith("Text")


def test_static_files_are_served(client):
    response = client.get("/static/css/archive.css")
    assert response.status_code == 200
    assert b".parallel" in b"".join(response.streaming_content)


@pytest.mark.parametrize("query", ["x" * 50_000, " ".join(["слово"] * 600)])
def test_very_long_queries_are_answered(client, seed, query):
    assert client.get("/documents/", {"q": query}).status_code in (200, 400)


# --- Page weight -----------------------------------------------------------------------------

# Bytes: the HTML with every stylesheet and script it loads. It was 60,000 before the
# scholar's apparatus (issue 16): the seed's page now also carries both readings of its
# correction, links and a panel for its six glossary terms with their definitions in two
# languages, the apparatus stylesheet and the glossary's popover script. What would bring it
# back: the popover script loaded on a reader's first use of a term, the definitions read
# from the entry pages instead of the panel.
PAGE_WEIGHT_LIMIT = 80_000


def linked_assets(html):
    """The local stylesheets and scripts a page loads, as paths under STATIC_URL."""
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    paths = [
        attrs["href"] if tag == "link" else attrs["src"]
        for tag, attrs in start_tags(html)
        if (tag == "link" and attrs.get("rel") == "stylesheet")
        or (tag == "script" and attrs.get("src"))
    ]
    return [path.removeprefix(static_url) for path in paths]


def test_all_javascript_weighs_at_most_20_kb():
    # Our own scripts. A vendored library (static/vendor/: the facsimile's zoom) is loaded
    # only when a reader asks for it; the facsimile's browser test measures what a page
    # loads before that.
    static = Path(settings.BASE_DIR) / "static"
    scripts = [path for path in static.rglob("*.js") if "vendor" not in path.parts]
    assert scripts
    assert sum(path.stat().st_size for path in scripts) <= 20 * 1024


def test_the_document_page_weighs_at_most_80_kb(client, seed):
    html = client.get(DOCUMENT).content
    assets = linked_assets(html.decode())
    assert {"css/archive.css", "js/archive.js"} <= set(assets)
    sizes = {}
    for asset in assets:
        found = finders.find(asset)
        assert found, f"{asset} is linked but not among the static files"
        with open(found, "rb") as file:
            sizes[asset] = len(file.read())
    weight = len(html) + sum(sizes.values())
    assert weight <= PAGE_WEIGHT_LIMIT, f"HTML {len(html)} bytes + {sizes} = {weight} bytes"
