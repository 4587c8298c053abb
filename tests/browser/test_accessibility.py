"""Accessibility in Chromium: axe-core on every page type, the reading flow by keyboard
alone, `lang` on every text, and the side-by-side table as a screen reader meets it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_TYPES = {
    "home": "/",
    "browse": "/documents/",
    "search results": "/documents/?q=Ridgway",
    "browse with an invalid filter": "/documents/?date_from=not-a-date",
    "document": "/documents/110371/",
    "document, search highlighted": "/documents/110371/?q=Ridgway",
    "document, original only": "/documents/110371/?show=original",
    "persons": "/persons/",
    "person": "/persons/mao-zedong/",
    "repositories": "/repositories/",
    "repository": "/repositories/aprf/",
    "collections": "/collections/",
    "events": "/events/",
    "event": "/events/ridgways-offer-to-negotiate/",
    "timeline": "/timeline/",
    "correspondence network": "/correspondence/",
    "not found": "/documents/999999/",
    "document, Russian interface": "/ru/documents/110371/",
    "persons, Russian interface": "/ru/persons/",
    "timeline, Russian interface": "/ru/timeline/",
    "network, Russian interface": "/ru/correspondence/",
    "person, Russian interface": "/ru/persons/joseph-stalin/",
    "event, Russian interface": "/ru/events/ridgways-offer-to-negotiate/",
}

axe = Axe()


def _violations(page):
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in found
    ]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_violation(page, path):
    page.goto(path)
    assert _violations(page) == []


@pytest.mark.parametrize(
    "path", ["/", "/documents/110371/", "/timeline/", "/events/ridgways-offer-to-negotiate/"]
)
def test_axe_finds_no_violation_on_a_phone(phone, path):
    phone.goto(path)
    assert _violations(phone) == []


def test_collection_page_has_no_violation(page):
    page.goto("/collections/")
    first = page.locator("main a[href^='/collections/']").first
    first.click()
    assert _violations(page) == []


def _focused(page):
    return page.evaluate(
        """() => {
          const e = document.activeElement, s = getComputedStyle(e);
          return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(),
                  href: e.getAttribute('href'), cls: e.className,
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
        }"""
    )


def _tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["outline"], f"focus is not visible on {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("not reached by keyboard")


def test_the_reading_flow_by_keyboard_alone(page):
    page.goto("/")
    # First stop: the skip link, shown when focused; it moves the focus to the content.
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["text"] == "Skip to content" and skip["outline"]
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"

    # Search from the header, starting again from the top of the page.
    page.goto("/")
    _tab_until(page, lambda f: f["id"] == "site-search-q")
    page.keyboard.type("Ridgway")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/?q=Ridgway")
    page.wait_for_load_state("load")

    # To the result, and into it.
    _tab_until(page, lambda f: "document-item__title" in f["cls"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/110371/**")
    page.wait_for_load_state("load")

    # The links to the parts of the page, the switch between the texts, then the passages,
    # each lighting its counterpart, and after the text the citation's copy buttons: in the
    # order they stand on the page, the text first.
    _tab_until(page, lambda f: f["href"] == "#cite-heading")
    _tab_until(page, lambda f: f["text"] == "Original only")
    _tab_until(page, lambda f: "passage__anchor" in f["cls"])
    linked = page.locator(".passage.is-linked")
    assert linked.count() >= 2
    assert {cell for cell in linked.evaluate_all("ps => ps.map(p => p.closest('td').lang)")} == {
        "ru",
        "en",
    }
    _tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Copy", limit=200)


def test_nothing_jumps_the_tab_order(page):
    for path in ["/", "/documents/110371/", "/persons/mao-zedong/"]:
        page.goto(path)
        assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0


def test_every_text_pane_carries_its_language(page):
    page.goto("/documents/110371/")
    assert page.locator("html").get_attribute("lang") == "en"
    cells = page.locator(".parallel td")
    languages = cells.evaluate_all("cs => cs.map(c => c.lang)")
    assert set(languages) == {"ru", "en"}
    assert languages[0::2] == ["ru"] * (len(languages) // 2)
    # The interface language changes; the texts' do not.
    page.goto("/ru/documents/110371/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".parallel td").evaluate_all("cs => cs.map(c => c.lang)") == languages


def test_the_side_by_side_table_is_announced_as_a_table_of_two_texts(page):
    page.goto("/documents/110371/")
    table = page.get_by_role(
        "table", name="Russian original and English translation, passage beside passage"
    )
    assert table.count() == 1
    headers = table.get_by_role("columnheader").all_text_contents()
    assert [h.strip() for h in headers] == ["Original (Russian)", "Translation (English)"]
    # Each row is one group of passages: a cell for each text, under its column's header.
    first_row = table.get_by_role("row").nth(1)
    assert first_row.get_by_role("cell").count() == 2


def test_on_a_phone_the_table_is_still_a_table_of_two_texts(phone):
    phone.goto("/documents/110371/")
    assert phone.locator(".parallel td[lang=ru]:visible").count() > 0
    assert phone.locator(".parallel td[lang=en]:visible").count() > 0
    # The headers are out of sight, but a screen reader still names each cell's column.
    table = phone.get_by_role("table")
    headers = table.get_by_role("columnheader").all_text_contents()
    assert [h.strip() for h in headers] == ["Original (Russian)", "Translation (English)"]
