"""The text first, on every screen: a reader on a phone or a tablet reaches the document's text
without scrolling past its metadata, and jumps to each part of the page from its top."""

import pytest

from .conftest import DESKTOP, PHONE

DOCUMENT = "/documents/110371/"
TABLET = {"width": 768, "height": 1024}


def _top(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top")


def _on_screen(page, selector):
    # Scrolled to, a box may stand a fraction of a pixel above the top.
    return -1 < _top(page, selector) < page.evaluate("innerHeight")


def _comes_before(page, first, second):
    """Whether `first` comes before `second` in the document: the order a screen reader
    reads and the keyboard follows."""
    return page.evaluate(
        """([a, b]) => Boolean(document.querySelector(a).compareDocumentPosition(
             document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)""",
        [first, second],
    )


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_first_passage_starts_on_the_first_screen(open_page, viewport):
    page = open_page(viewport)
    page.goto(DOCUMENT)
    height = page.evaluate("innerHeight")
    assert 0 < _top(page, ".parallel .passage") < height
    # Title, date and summary above it; what the archive says about the document after it.
    assert _top(page, "h1") < _top(page, ".lead") < _top(page, ".parallel .passage")
    assert page.locator(".document__kicker time").is_visible()
    assert _top(page, "#about-heading") > _top(page, ".parallel .passage")
    # And nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_the_text_comes_before_the_metadata_for_screen_readers_and_keyboards(page):
    page.goto(DOCUMENT)
    for later in ["#about-heading", "#persons-heading", "#references-heading", "#cite-heading"]:
        assert _comes_before(page, "#texts-heading", later), later


def test_on_a_wide_screen_the_metadata_stands_beside_the_text(open_page):
    page = open_page(DESKTOP)
    page.goto(DOCUMENT)
    meta = page.locator(".document__meta").bounding_box()
    texts = page.locator(".texts").bounding_box()
    assert meta["x"] + meta["width"] <= texts["x"]  # a column at the left of the text
    assert abs(meta["y"] - texts["y"]) <= 40  # both start at the top of the layout
    assert _top(page, ".parallel .passage") < DESKTOP["height"]
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("part", ["Text", "About", "Persons", "References", "Cite"])
def test_a_keyboard_user_jumps_to_each_part_of_the_page(phone, part):
    phone.goto(DOCUMENT)
    jumps = phone.get_by_role("navigation", name="Parts of this page")
    link = jumps.get_by_role("link", name=part, exact=True)
    target = link.get_attribute("href")
    assert target.startswith("#")
    # Reached by Tab from the top of the page, followed with Enter.
    for _ in range(40):
        phone.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail(f"the “{part}” link is not reached by Tab")
    phone.keyboard.press("Enter")
    phone.wait_for_function("hash => location.hash === hash", arg=target)
    heading = phone.locator(target)
    assert heading.evaluate("h => /^H[1-6]$/.test(h.tagName)")  # a part's heading, not a mere box
    assert _on_screen(phone, target)


@pytest.mark.parametrize("field", ["title", "date", "summary", "author", "recipient"])
def test_a_note_can_point_at_each_field_of_the_record(phone, field):
    # A discrepancy note says where the record disagrees with itself: its link leads there.
    phone.goto(f"{DOCUMENT}#field-{field}")
    target = phone.locator(f"#field-{field}")
    assert target.count() == 1
    assert target.inner_text().strip()
    assert _on_screen(phone, f"#field-{field}")


def test_on_paper_the_metadata_still_comes_before_the_texts(page):
    page.goto(DOCUMENT)
    page.emulate_media(media="print")
    assert not page.locator(".jump-links").is_visible()
    assert _top(page, "#about-heading") < _top(page, ".parallel")
    assert _top(page, "#cite-heading") < _top(page, ".parallel")
