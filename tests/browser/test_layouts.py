"""Phone and print layouts, and what the page costs to load: assets, script, layout shift."""

import pytest

from .conftest import layout_shift, rows_of

DOCUMENT = "/documents/110371/"


def _box(locator):
    return locator.bounding_box()


def test_on_a_phone_the_two_columns_become_one(phone):
    phone.goto(DOCUMENT)
    width = phone.viewport_size["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    # In each passage group the translation follows the original, under it, full width.
    row = phone.locator(".parallel__row").filter(has=phone.locator('[data-align="11"]')).first
    russian, english = _box(row.locator("td[lang=ru]")), _box(row.locator("td[lang=en]"))
    assert english["y"] >= russian["y"] + russian["height"] - 1
    assert abs(english["x"] - russian["x"]) <= 1
    assert russian["width"] > width * 0.8


@pytest.mark.parametrize("choice, hidden", [("Translation only", "ru"), ("Original only", "en")])
def test_the_phone_switch_keeps_the_passage_being_read_where_it_was(phone, choice, hidden):
    phone.goto(DOCUMENT)
    # Without the browser's own scroll anchoring, which would hide a switch that does not
    # keep the row in place itself.
    phone.evaluate("document.documentElement.style.overflowAnchor = 'none'")
    row = phone.locator(".parallel__row").filter(has=phone.locator('[data-align="12"]')).first
    row.evaluate("r => window.scrollTo(0, r.getBoundingClientRect().top + window.scrollY - 80)")
    before = _box(row)["y"]
    phone.get_by_role("link", name=choice).click()
    assert phone.locator(f".parallel td[lang={hidden}]:visible").count() == 0
    # No row is left standing empty where only the other text had a passage.
    assert (
        phone.locator(".parallel tbody tr:visible").evaluate_all(
            "rows => rows.filter(r => !r.querySelector('.passage:not([hidden])') ||"
            " ![...r.querySelectorAll('.passage')].some(p => p.offsetParent)).length"
        )
        == 0
    )
    assert abs(_box(row)["y"] - before) <= 2
    # The switch stays within reach while reading (it sticks to the top of the screen).
    assert 0 <= _box(phone.locator(".text-switch"))["y"] <= 2
    assert "show=" in phone.url  # and the address says what is shown


def test_on_a_phone_a_passage_reached_by_its_address_is_not_under_the_switch(phone):
    phone.goto(DOCUMENT + "#en-10")
    switch = _box(phone.locator(".text-switch"))
    passage = _box(phone.locator("#en-10"))
    assert passage["y"] >= switch["y"] + switch["height"] - 1


def test_print_shows_metadata_citation_and_both_texts_side_by_side(page):
    page.goto(DOCUMENT)
    page.emulate_media(media="print")
    hidden_in_print = [".site-header", ".site-footer", ".skip-link", ".breadcrumbs", ".text-switch",
                       ".downloads", ".copy-button >> nth=0"]  # fmt: skip
    for hidden in hidden_in_print:
        assert not page.locator(hidden).is_visible(), hidden
    for shown in ["#about-heading", "#citation-note", "#references-heading", ".parallel"]:
        assert page.locator(shown).is_visible(), shown
    for key, ru, en in rows_of(page):
        if ru is not None and en is not None:
            assert abs(ru - en) <= 2, f"passage group {key} not level in print"
    row = page.locator(".parallel__row").nth(0)
    russian, english = _box(row.locator("td[lang=ru]")), _box(row.locator("td[lang=en]"))
    assert russian["x"] + russian["width"] <= english["x"] + 1  # side by side
    # And a real PDF comes out of it.
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def test_print_shows_both_texts_even_after_the_switch_hid_one(page):
    page.goto(DOCUMENT + "#ru-12")  # a passage pair marked on screen
    page.get_by_role("link", name="Original only").click()
    page.emulate_media(media="print")
    assert page.locator(".parallel td[lang=en]:visible").count() > 0
    # Nothing marked on screen is printed marked.
    marks = page.locator(".passage").evaluate_all(
        "ps => ps.filter(p => getComputedStyle(p).backgroundColor !== 'rgba(0, 0, 0, 0)'"
        " || getComputedStyle(p).boxShadow !== 'none').length"
    )
    assert marks == 0


@pytest.mark.parametrize(
    "path", ["/", "/documents/", DOCUMENT, "/persons/mao-zedong/", "/timeline/", "/correspondence/"]
)
def test_every_asset_comes_from_the_site_itself(page, site, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(site + "/") for url in requested), requested


@pytest.mark.parametrize("device", ["page", "phone"])
@pytest.mark.parametrize(
    # At the citation: what the script shows is on the screen, where a shift would count.
    "path",
    [DOCUMENT + "#citation-note", "/timeline/", "/correspondence/"],
)
def test_nothing_moves_when_the_script_loads(request, device, path):
    page = request.getfixturevalue(device)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    shift = layout_shift(page)
    assert shift == 0
    # The script did run, and what it shows is on the screen.
    assert page.evaluate("document.documentElement.classList.contains('has-js')")
    if "#citation-note" in path:
        assert page.locator('[data-copy-target="citation-note"]').is_visible()
