"""The document page for records of every shape: one text, two translations, three texts,
footnotes, credits, publications and provenance, in any language."""

import pytest
from django.core.management import call_command

from archive.importing.batch import import_files
from archive.models import Document

from .factory import make_document, make_text
from .html import page_text, parallel_rows, start_tags

pytestmark = pytest.mark.django_db


def page(client, document, **query):
    response = client.get(document.get_absolute_url(), query)
    assert response.status_code == 200
    return response.content.decode()


def cells(row):
    return [cell.text.strip().lstrip("¶") for cell in row]  # without the passage's ¶ link


def tags(html, name, **attributes):
    return [
        attrs
        for tag, attrs in start_tags(html)
        if tag == name and all(attrs.get(k) == v for k, v in attributes.items())
    ]


def test_one_text_reads_as_one_column(client, shapes):
    html = page(client, shapes["english-original"])
    rows = parallel_rows(html)
    assert rows and all(len(row) == 1 for row in rows)
    assert "parallel__cell--empty" not in html and "No counterpart" not in html
    assert all((cell.attrs["lang"], cell.attrs["dir"]) == ("en", "ltr") for (cell,) in rows)
    text = page_text(html)
    assert "Original (English)" in text and "English original, passage by passage" in text
    assert not tags(html, "nav", **{"class": "text-switch"})  # nothing to switch between


def test_a_lost_original_shows_its_two_translations_side_by_side(client, shapes):
    html = page(client, shapes["lost-korean-original"])
    rows = parallel_rows(html)
    assert cells(rows[0]) == [
        "Дорогой товарищ Сталин!",
        "Dear Comrade Stalin!",
    ]
    assert all(len(row) == 2 and row[0].text.strip() and row[1].text.strip() for row in rows)
    assert [row[0].attrs["lang"] for row in rows] == ["ru"] * len(rows)
    text = page_text(html)
    assert "Translation (Russian)" in text and "Translation (English)" in text
    assert "Russian translation only" in text and "English translation only" in text
    alone = parallel_rows(page(client, shapes["lost-korean-original"], show="translation"))
    assert [cell.attrs["lang"] for row in alone for cell in row] == ["en"] * len(rows)


def test_any_two_of_three_texts_are_chosen_side_by_side_without_javascript(client, db):
    document = make_document()
    make_text(document, "ru", passages=[("Абзац", 1), ("Подпись", 2)])
    make_text(document, "en", "translation", passages=[("Paragraph", 1), ("Signature", 2)])
    make_text(document, "de", "translation", passages=[("Absatz", 1), ("Unterschrift", 2)])
    html = page(client, document)
    choices = [(a["data-pair"], a["href"]) for a in tags(html, "a") if "data-pair" in a]
    assert ("left", "?left=en&right=ru") in choices  # choosing the right's text swaps them
    assert ("right", "?left=ru&right=de") in choices
    assert [a["href"] for a in tags(html, "a", **{"aria-current": "true"}) if "data-pair" in a] == [
        "?left=ru&right=en",
        "?left=ru&right=en",
    ]
    assert tags(html, "script", src="/static/js/pairs.js")  # the same choice, in place
    pair = page(client, document, left="en", right="de")
    assert [cells(row) for row in parallel_rows(pair)] == [
        ["Paragraph", "Absatz"],
        ["Signature", "Unterschrift"],
    ]
    assert "English translation and German translation, passage beside passage" in page_text(pair)


def test_every_text_cell_carries_its_language_and_direction(client, db):
    document = make_document()
    make_text(document, "ar", passages=["نص"])
    make_text(document, "ko", "translation", passages=["본문"])
    rows = parallel_rows(page(client, document))
    assert [(c.attrs["lang"], c.attrs["dir"]) for c in rows[0]] == [("ar", "rtl"), ("ko", "ltr")]


def test_footnote_markers_link_to_their_notes_and_back(client, shapes):
    html = page(client, shapes["chinese-original-with-notes"])
    (marker,) = tags(html, "a", id="en-noteref-1")
    assert (marker["href"], marker["role"], marker["class"]) == (
        "#en-note-1", "doc-noteref", "note-ref",
    )  # fmt: skip
    assert tags(html, "a", id="zh-noteref-1")[0]["href"] == "#zh-note-1"
    assert tags(html, "li", id="en-note-1")
    assert tags(html, "a", href="#en-noteref-1", role="doc-backlink")
    sections = tags(html, "section", role="doc-endnotes")
    assert [s["aria-labelledby"] for s in sections] == ["notes-zh", "notes-en"]
    text = page_text(html)
    assert "Notes to the English translation [1] Referring to the Panmunjom negotiations." in text
    # The notes are not passages: no row of the table holds them.
    assert not any("Referring to" in c.text for row in parallel_rows(html) for c in row)
    assert tags(html, "link", href="/static/css/apparatus.css")


def test_a_note_kept_where_it_stands_is_shown_as_a_note_of_its_kind(client, shapes):
    html = page(client, shapes["chinese-original-with-notes"])
    (inline,) = tags(html, "span", role="note")
    assert inline["aria-label"] == "Translator's note"
    assert "inline-note--translator" in inline["class"]


def test_credits_sources_and_provenance_are_shown(client, shapes):
    chinese = page_text(page(client, shapes["chinese-original-with-notes"]))
    assert "Credits Translated by Caixia Lu" in chinese
    # Another system's reference, as written, and the repository it names.
    assert (
        "PRC FMA 106-00719-04, 39-40 (Archive of the Ministry of Foreign Affairs of the "
        "People's Republic of China)" in chinese
    )
    cable = page_text(page(client, shapes["english-only-cable"]))
    assert "Published in: Mao wengao, vol. 5, p. 90" in cable
    assert "Translated by Chen Jian (for CWIHP)" in cable
    provenance = page_text(page(client, shapes["provenance-note"]))
    assert "The document was found in the personal papers of the ambassador" in provenance
    assert "Made possible with support from the Leon Levy Foundation" in provenance
    korean = page(client, shapes["lost-korean-original"])
    heads = [c for c in start_tags(korean) if c[0] == "span" and c[1].get("class") == "credit"]
    assert heads  # the translator's credit over the English column
    assert "Translated by Sergey Radchenko for NKIDP" in page_text(korean)


def test_the_seed_page_is_the_same_from_its_fixture_and_from_its_source_file(client, tmp_path):
    """The seed shows the same, byte for byte, loaded from its fixture or imported again."""
    from .factory import SEED_SOURCE_COPY

    call_command("loaddata", "vocabulary", "persons", "wilson-110371", verbosity=0)
    seed = Document.objects.get(record_id=110371)
    before = page(client, seed)
    path = tmp_path / "wilson-110371.txt"
    path.write_bytes(SEED_SOURCE_COPY.read_bytes())
    (item,) = import_files([path], status="published").files
    assert item.outcome == "unchanged"
    assert page(client, seed) == before


# --- Search -------------------------------------------------------------------------------


def test_a_translators_name_finds_what_they_translated(client, shapes):
    response = client.get("/documents/", {"q": "Radchenko"})
    titles = [d.title for d in response.context["documents"]]
    assert titles == [shapes["lost-korean-original"].title]
    assert "Translated by" in page_text(response.content.decode())  # why it matched


def test_a_footnote_is_searched_with_its_text(client, shapes):
    response = client.get("/documents/", {"q": "Panmunjom"})
    assert [d.record_id for d in response.context["documents"]] == [
        shapes["chinese-original-with-notes"].record_id
    ]


def test_a_source_in_another_system_is_searched(client, shapes):
    response = client.get("/documents/", {"q": "Yonsei OR NARA"})
    assert [d.record_id for d in response.context["documents"]] == [
        shapes["english-original"].record_id
    ]


def test_a_repository_lists_references_in_its_own_system_and_its_names(client, shapes):
    response = client.get("/repositories/prc-fma/")
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert "References in the archive's own system PRC FMA 106-00719-04, 39-40" in text
    assert "Fond" not in text
    assert "Also cited as: " in text and "Chinese Foreign Ministry Archive" in text
