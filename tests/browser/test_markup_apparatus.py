"""The editor's typed spans in Chromium: the reader's switch with and without JavaScript,
the marks in print, and axe on a document with every span."""

from axe_playwright_python.sync_playwright import Axe

from ..factory import make_document, make_text
from ..test_markup_apparatus import EVERY_SPAN

SEED = "/documents/110371/"


def _shown(page, selector):
    return page.locator(selector).first.is_visible()


def test_the_reading_switch_turns_in_place_with_javascript(page):
    page.goto(SEED)
    assert _shown(page, ".sic") and not _shown(page, ".corr")
    page.get_by_role("button", name="as corrected").first.click()
    assert _shown(page, ".corr") and not _shown(page, ".sic")
    assert (
        page.get_by_role("button", name="as corrected").first.get_attribute("aria-pressed")
        == "true"
    )
    assert "reading=corrected" in page.url  # the address says which reading is shown
    page.get_by_role("button", name="as written").first.click()
    assert _shown(page, ".sic") and not _shown(page, ".corr")


def test_the_reading_switch_works_without_javascript(open_page):
    page = open_page(java_script_enabled=False)
    page.goto(SEED)
    page.get_by_role("button", name="as corrected").first.click()
    page.wait_for_url("**reading=corrected**")
    assert _shown(page, ".corr") and not _shown(page, ".sic")
    assert "ФИЛИППОВУ [corr.]" in page.locator(".choice").first.inner_text()


def test_print_shows_the_marks_and_not_the_switch(page, site):
    make_text(make_document(record_id=12), passages=[EVERY_SPAN])
    page.goto("/documents/12/")
    page.emulate_media(media="print")
    text = page.locator(".parallel").inner_text()
    for mark in (
        "ФИЛИПОВУ [sic]",
        "Елезова (?: faded, low certainty)",  # on screen a tooltip; on paper in words
        "[illegible, ~2 words]",
        "[…]",
        "✎ Stalin",
        "[Stamp (registration): Вх. № 2204/ис, 30.6.1951, Секретариат]",
        "[Ким Ир Сен]",
        "[Editor's note: Шифр <не> ясен]",
        "[Translator's note: перевод]",
        "[Archive's note: лист 92]",
    ):
        assert mark in text, mark
    # The reading chosen, alone (the other is said only to screen readers).
    assert _shown(page, ".sic") and not _shown(page, ".corr")
    assert not page.locator(".reading-switch").first.is_visible()
    # The reading chosen is the one printed.
    page.emulate_media(media="screen")
    page.goto("/documents/12/?reading=corrected")
    page.emulate_media(media="print")
    assert "ФИЛИППОВУ [corr.]" in page.locator(".parallel").inner_text()
    assert _shown(page, ".corr") and not _shown(page, ".sic")


def test_axe_finds_no_violation_on_every_span(page, site):
    make_text(make_document(record_id=13), passages=[EVERY_SPAN])
    page.goto("/documents/13/")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
