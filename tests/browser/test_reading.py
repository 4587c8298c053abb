"""Reading the seed document in Chromium: level passages, switches, counterparts, citation,
and a search from the header that lands on the document with its terms highlighted."""

import pytest
from PIL import Image

from .conftest import DESKTOP, PHONE, SCREENSHOTS, rows_of

DOCUMENT = "/documents/110371/"


def test_each_passage_starts_level_with_its_counterpart(page):
    page.goto(DOCUMENT)
    rows = rows_of(page)
    aligned = [(key, ru, en) for key, ru, en in rows if ru is not None and en is not None]
    assert len(aligned) >= 16  # every aligned group of the seed telegram
    for key, ru, en in aligned:
        assert abs(ru - en) <= 2, f"passage group {key}: Russian at {ru}px, English at {en}px"
    # And the groups follow each other down the page.
    tops = [ru for _key, ru, _en in aligned]
    assert tops == sorted(tops)


def _visible_cells(page, language):
    return page.locator(f".parallel td[lang={language}]:visible").count()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_original_translation_and_both_switches(open_page, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(DOCUMENT)
    assert _visible_cells(page, "ru") > 0 and _visible_cells(page, "en") > 0

    page.get_by_role("link", name="Original only").click()
    page.wait_for_url("**show=original")
    assert _visible_cells(page, "en") == 0 and _visible_cells(page, "ru") > 0
    assert page.get_by_role("link", name="Original only").get_attribute("aria-current")

    page.get_by_role("link", name="Translation only").click()
    page.wait_for_url("**show=translation")
    assert _visible_cells(page, "ru") == 0 and _visible_cells(page, "en") > 0

    page.get_by_role("link", name="Both").click()
    page.wait_for_url("**show=both")
    assert _visible_cells(page, "ru") > 0 and _visible_cells(page, "en") > 0
    # The address says what is shown: reloading it shows the same.
    page.reload()
    assert _visible_cells(page, "ru") > 0 and _visible_cells(page, "en") > 0


def _background(page, language, key):
    passage = page.locator(f'td[lang={language}] .passage[data-align="{key}"]').first
    return passage.evaluate("p => getComputedStyle(p).backgroundColor")


HIGHLIGHT = "rgb(255, 241, 184)"  # --highlight in archive.css


def test_pointing_at_focusing_or_clicking_a_passage_highlights_its_counterpart(page):
    page.goto(DOCUMENT)
    plain = _background(page, "en", "11")
    assert plain != HIGHLIGHT
    page.locator('td[lang=ru] .passage[data-align="11"]').hover()
    assert _background(page, "en", "11") == HIGHLIGHT
    page.mouse.move(0, 0)
    assert _background(page, "en", "11") == plain

    # By keyboard: the passage's own link takes the focus.
    page.locator('td[lang=en] .passage[data-align="12"] .passage__anchor').focus()
    assert _background(page, "ru", "12") == HIGHLIGHT
    assert _background(page, "ru", "11") == plain
    page.locator("#site-search-q").focus()

    # A click keeps the pair marked after the pointer has gone, until the next click.
    page.locator('td[lang=ru] .passage[data-align="9"] .passage__text').click()
    page.mouse.move(0, 0)
    assert _background(page, "en", "9") == HIGHLIGHT
    page.locator('td[lang=en] .passage[data-align="10"] .passage__text').click()
    page.mouse.move(0, 0)
    assert _background(page, "ru", "10") == HIGHLIGHT
    assert _background(page, "en", "9") == plain


def test_arriving_at_a_passage_by_its_address_marks_its_counterpart(page):
    page.goto(DOCUMENT + "#ru-12")
    english = page.locator("td[lang=en] .passage[data-align]").evaluate_all(
        "ps => ps.filter(p => getComputedStyle(p).backgroundColor === '"
        + HIGHLIGHT
        + "').map(p => p.dataset.align)"
    )
    key = page.locator("#ru-12").get_attribute("data-align")
    assert english == [key]


def test_copy_button_puts_the_citation_on_the_clipboard(open_page):
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(DOCUMENT)
    citation = page.locator("#citation-note").inner_text().strip()
    assert "Mao Zedong" in citation and "APRF" in citation
    button = page.locator('[data-copy-target="citation-note"]')
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert button.inner_text() == "Copied"  # said on the button, then put back
    assert button.get_attribute("aria-live") == "polite"  # and read out


def test_search_from_the_header_lands_on_the_document_with_terms_highlighted(page):
    page.goto("/persons/")
    page.get_by_role("searchbox", name="Search the documents").fill("Ridgway")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/?q=Ridgway")
    page.locator("a.document-item__title").first.click()
    page.wait_for_url("**/documents/110371/**q=Ridgway**")
    english = page.locator("td[lang=en] mark")
    russian = page.locator("td[lang=ru] mark")
    assert english.count() >= 2 and russian.count() >= 2
    # The word, and the other names of the person it names (Matthew Ridgway).
    assert "ridgway" in {text.lower() for text in english.all_inner_texts()}
    assert any(text.startswith("Риджуэ") for text in russian.all_inner_texts())
    assert page.get_by_role("status").inner_text().startswith("Words matching “Ridgway”")


PAGES = {
    "home": "/",
    "browse": "/documents/",
    "document": DOCUMENT,
    "person": "/persons/mao-zedong/",
    "timeline": "/timeline/",
    "network": "/correspondence/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_screenshots_of_each_page_type(open_page, name, viewport):
    page = open_page(viewport)
    page.goto(PAGES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{viewport['width']}.png"
    page.screenshot(path=path, full_page=True)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.width == viewport["width"]  # the page fits the screen: no sideways scroll
        assert image.height >= viewport["height"]
