"""An event's page in Chromium: the exchange round Ridgway's offer on one timeline in UTC
order, the drawing of who wrote to whom, no layout shift, no axe violation; and all of it
without JavaScript too."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from archive.models import Document

from ..test_events import compose_exchange
from .conftest import layout_shift

EVENT = "/events/ridgways-offer-to-negotiate/"
# The composed exchange (tests/test_events.py) in the order of its instants in UTC; the
# local clocks would put the seed before Kim Il Sung's telegram.
IN_UTC_ORDER = [
    "General Ridgway's broadcast offer of armistice talks",
    "Kim Il Sung to Mao Zedong on how to answer Ridgway",
    "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
    "Stalin's reply to Mao Zedong on the talks",
]

axe = Axe()


@pytest.fixture
def exchange(site):
    return compose_exchange(Document.objects.get(record_id=110371))


def _titles(page):
    return [
        t.strip() for t in page.locator(".event-timeline .document-item__title").all_inner_texts()
    ]


def _violations(page):
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in found
    ]


def test_the_timeline_is_drawn_in_utc_order_with_each_moment_beside_its_document(page, exchange):
    page.goto(EVENT)
    assert _titles(page) == IN_UTC_ORDER
    items = page.locator(".event-timeline__item")
    tops = [items.nth(i).bounding_box()["y"] for i in range(items.count())]
    assert tops == sorted(tops)  # one under another, in the list's order
    first = items.nth(0)
    when, body = first.locator(".event-timeline__when"), first.locator(".event-timeline__body")
    assert when.inner_text().strip() == "29 June 1951, 22:00 UTC"
    # On a wide screen the moment stands to the left of its document, level with it.
    assert when.bounding_box()["x"] + when.bounding_box()["width"] <= body.bounding_box()["x"]
    assert abs(when.bounding_box()["y"] - body.bounding_box()["y"]) <= 8
    assert "received 11:30 Moscow time (08:30 UTC)" in page.locator(".event-timeline").inner_text()
    # Who wrote to whom, drawn; its marks lead to the persons and documents.
    svg = page.locator("svg.picture__svg")
    labels = svg.get_by_role("link").evaluate_all("links => links.map(a => a.ariaLabel || '')")
    assert any(label.startswith("Joseph Stalin wrote to Mao Zedong") for label in labels)
    assert any("relayed through" in label for label in labels)
    assert page.locator(".event-relations li").count() == 2
    assert "Unsent draft" not in page.content()


@pytest.mark.parametrize("device", ["page", "phone"])
def test_nothing_moves_while_the_event_page_loads(request, exchange, device):
    page = request.getfixturevalue(device)
    page.goto(EVENT)
    page.wait_for_load_state("networkidle")
    assert layout_shift(page) == 0
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_on_a_phone_the_moment_stands_above_its_document(phone, exchange):
    phone.goto(EVENT)
    item = phone.locator(".event-timeline__item").nth(1)
    when = item.locator(".event-timeline__when").bounding_box()
    body = item.locator(".event-timeline__body").bounding_box()
    assert body["y"] >= when["y"] + when["height"] - 1


@pytest.mark.parametrize("path", [EVENT, "/events/", "/ru" + EVENT])
def test_axe_finds_no_violation_on_the_event_pages(page, exchange, path):
    page.goto(path)
    assert _violations(page) == []


def test_axe_finds_no_violation_on_the_event_page_on_a_phone(phone, exchange):
    phone.goto(EVENT)
    assert _violations(phone) == []


def test_the_event_page_needs_no_javascript(open_page, exchange):
    page = open_page(java_script_enabled=False)
    page.goto(EVENT)
    assert _titles(page) == IN_UTC_ORDER
    assert page.locator("svg.picture__svg").is_visible()
    page.locator(".event-timeline .document-item__title").nth(2).click()
    page.wait_for_url("**/documents/110371/**")
