"""Records of other shapes in Chromium: footnotes and their way back, one text alone, and
the choice of two texts out of three, in place, with the page's behaviour kept."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from archive.importing.batch import import_files

from ..factory import DATA, make_document, make_text

CHINESE = 300001  # tests/data/shapes/chinese-original-with-notes.txt
ENGLISH = 300002  # tests/data/shapes/english-original.txt


@pytest.fixture
def shapes(site):
    paths = sorted((DATA / "shapes").iterdir())
    assert {item.outcome for item in import_files(paths, status="published").files} == {"created"}
    return site


@pytest.fixture
def three_texts(site):
    document = make_document(title="Three texts")
    make_text(document, "ru", passages=[("Первый абзац.", 1), ("Второй абзац.", 2)])
    make_text(document, "en", "translation", passages=[("First.", 1), ("Second.", 2)])
    make_text(document, "de", "translation", passages=[("Erster.", 1), ("Zweiter.", 2)])
    return document


def test_a_footnote_marker_leads_to_its_note_and_the_note_back(page, shapes):
    page.goto(f"/documents/{CHINESE}/")
    page.locator("#en-noteref-1").click()
    page.wait_for_url("**#en-note-1")
    note = page.locator("#en-note-1")
    assert note.is_visible() and note.evaluate("e => e.matches(':target')")
    assert note.evaluate("e => e.closest('[role=doc-endnotes]') !== null")
    note.get_by_role("link", name="Back to the text, at note 1").click()
    page.wait_for_url("**#en-noteref-1")
    in_view = (
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )
    assert page.locator("#en-noteref-1").evaluate(in_view)  # the marker is back in view


def test_footnote_pages_have_no_accessibility_violation(page, shapes):
    for path in (f"/documents/{CHINESE}/", f"/documents/{ENGLISH}/"):
        page.goto(path)
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations] == [], path


def test_one_text_fills_its_column_alone(page, shapes):
    page.goto(f"/documents/{ENGLISH}/")
    assert page.locator(".parallel td").count() == page.locator(".parallel tr").count() - 1
    width = page.locator(".parallel td").first.bounding_box()["width"]
    assert width > 500  # not half a table beside an empty column


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_two_of_three_texts_are_chosen_side_by_side(open_page, three_texts, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(f"/documents/{three_texts.record_id}/")
    page.evaluate("window.__kept = true") if javascript else None
    page.locator("a[data-pair=right]", has_text="German translation").click()
    page.wait_for_url("**left=ru&right=de")
    cells = page.locator(".parallel tbody tr").first.locator("td")
    assert [cells.nth(i).get_attribute("lang") for i in range(2)] == ["ru", "de"]
    assert "Erster." in cells.nth(1).inner_text()
    if javascript:
        # In place: the page was not loaded again, and the new texts behave as the old did.
        assert page.evaluate("window.__kept === true")
        page.locator(".parallel td[lang=ru] .passage").first.hover()
        assert page.locator(".parallel td[lang=de] .passage.is-linked").count() == 1
    page.locator("a[data-pair=left]", has_text="English translation").click()
    page.wait_for_url("**left=en&right=de")
    first = page.locator(".parallel tbody tr").first.locator("td")
    assert [first.nth(i).get_attribute("lang") for i in range(2)] == ["en", "de"]
