"""The glossary in Chromium: a term's popover from the keyboard, the plain link without
JavaScript, and no accessibility violation on the glossary's pages or a page with terms."""

from axe_playwright_python.sync_playwright import Axe

SEED = "/documents/110371/"
FOCUSED_TERM = "() => document.activeElement.matches('a.term')"


def tab_to_first_term(page):
    """Tab through the page, as a keyboard user does, until a term has the focus."""
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_TERM):
            # The element itself: once the popover takes the focus, "a.term:focus" is no one.
            return page.evaluate_handle("() => document.activeElement").as_element()
    raise AssertionError("no term is reachable with Tab")


def test_a_term_opens_and_closes_its_explanation_from_the_keyboard(page):
    page.goto(SEED)
    term = tab_to_first_term(page)
    assert term.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    popover = page.get_by_role("dialog")
    assert popover.is_visible()
    assert term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("aria-controls") == popover.get_attribute("id")
    assert "General Staff" in popover.inner_text()  # the heading's ГЕНШТАБА, explained
    assert page.evaluate("location.pathname").startswith("/documents/")  # not followed
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations] == []
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate(FOCUSED_TERM)  # the focus is back on the term
    assert term.get_attribute("aria-expanded") == "false"


def test_leaving_the_popover_with_tab_closes_it(page):
    page.goto(SEED)
    tab_to_first_term(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # to the entry's link inside the popover
    assert page.evaluate("() => document.activeElement.closest('[role=dialog]') !== null")
    page.keyboard.press("Tab")  # and out of it
    assert page.get_by_role("dialog").count() == 0


def test_without_javascript_a_term_is_a_link_to_its_entry(open_page):
    page = open_page(java_script_enabled=False)
    page.goto(SEED)
    page.locator("a.term").first.click()
    page.wait_for_url("**/glossary/genshtab/")
    assert "Second Main Administration" in page.content()  # the entry page lists the seed's
    assert page.get_by_role("heading", level=1).inner_text() == "Генштаб"


def test_the_glossary_and_a_document_with_terms_have_no_accessibility_violation(page):
    for path in ("/glossary/", "/glossary/tsk/", "/ru/glossary/genshtab/", SEED):
        page.goto(path)
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations] == [], path
