"""The facsimile view in Chromium: pages beside their passages, regions, zoom, the budget."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from archive.models import Passage
from tests.test_facsimile import two_page_document

from .conftest import PHONE, layout_shift

JS_BUDGET = 20 * 1024  # bytes of script before the reader asks for zoom


@pytest.fixture
def facsimile(settings, tmp_path, site):
    """The address of a two-page document's facsimile, its page images made with Pillow."""
    settings.MEDIA_ROOT = tmp_path
    document, *_ = two_page_document()
    return f"/documents/5/{document.slug}/facsimile/"


@pytest.fixture
def annotated(facsimile):
    """The facsimile with a correction and a term of the seed's glossary (ЦК) on page 1:
    the reading switch, the terms' panel and glossary.js are in the page too."""
    passage = Passage.objects.get(text__document__record_id=5, text__code="ru", position=2)
    passage.content = "Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ} из ЦК"
    passage.save()
    return facsimile


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def linked(page, selector):
    return page.locator(selector).first.evaluate("e => e.classList.contains('is-linked')")


def test_each_pages_passages_stand_beside_its_image(page, facsimile):
    page.goto(facsimile)
    for number, passages in ((1, ("#ru-1", "#en-2")), (2, ("#ru-3", "#en-3"))):
        image = box(page, f"#page-{number} img")
        assert image["height"] > 300  # the image is shown at its proportions
        for passage in passages:
            text = box(page, passage)
            assert image["y"] <= text["y"] < image["y"] + image["height"], (number, passage)
            assert text["x"] > image["x"] + image["width"]  # beside it, to its right
    # The original beside the translation.
    assert box(page, "#ru-3")["y"] == box(page, "#en-3")["y"]
    assert box(page, "#ru-3")["x"] < box(page, "#en-3")["x"]


def test_a_passage_and_its_region_mark_each_other(page, facsimile):
    page.goto(facsimile)
    region, passage = 'a.facsimile__region[data-passage="ru-2"]', "#ru-2"
    assert not linked(page, region)
    page.hover(passage)
    assert linked(page, region) and not linked(page, 'a[data-passage="en-2"]')
    page.mouse.move(0, 0)
    assert not linked(page, region)
    # Both texts' second passages stand on one region: the translation's is drawn on top.
    page.hover('a.facsimile__region[data-passage="en-2"]')
    assert linked(page, "#en-2") and not linked(page, "#en-1")
    page.mouse.move(0, 0)
    assert not linked(page, "#en-2")
    # The same from the keyboard: the region is a link, the passage has its ¶ link.
    page.focus(region)
    assert linked(page, passage)
    page.focus("#en-1 .passage__anchor")
    assert not linked(page, passage) and not linked(page, region)
    page.focus("#en-2 .passage__anchor")
    assert linked(page, 'a.facsimile__region[data-passage="en-2"]')
    # The region box lies where the region is: 100,200,800,300 of a 1200×1800 image.
    image, rect = box(page, "#page-1 img"), box(page, f"{region} rect")
    assert rect["x"] - image["x"] == pytest.approx(image["width"] * 100 / 1200, abs=3)
    assert rect["height"] == pytest.approx(image["height"] * 300 / 1800, abs=4)  # and its stroke


def test_the_regions_lead_to_their_passages_without_javascript(browser, site, facsimile):
    context = browser.new_context(java_script_enabled=False, base_url=site)
    page = context.new_page()
    page.goto(facsimile)
    assert page.locator("#page-1 img").is_visible() and page.locator("#ru-2").is_visible()
    page.locator('a.facsimile__region[data-passage="en-2"]').click()
    assert page.url.endswith("#en-2")
    assert not page.locator("button.facsimile__zoom").first.is_visible()
    context.close()


def transform(page):
    return page.locator("#page-1 .facsimile__stage").evaluate("e => getComputedStyle(e).transform")


def test_the_image_zooms_from_the_keyboard(page, facsimile):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(facsimile)
    page.wait_for_load_state("networkidle")
    assert not any("panzoom" in url for url in requested)
    button = page.locator("#page-1 button.facsimile__zoom")
    button.focus()
    page.keyboard.press("Enter")
    stage = page.locator("#page-1 .facsimile__stage")
    page.wait_for_function("() => document.activeElement.matches('#page-1 .facsimile__stage')")
    assert [url for url in requested if "panzoom" in url]  # loaded now, from this site
    assert button.get_attribute("aria-pressed") == "true"
    before = box(page, "#page-1 img")["width"]
    page.keyboard.press("+")
    page.keyboard.press("+")
    # Zooming is animated: wait until it has grown.
    width = "document.querySelector('#page-1 img').getBoundingClientRect().width"
    page.wait_for_function(f"least => {width} > least", arg=before * 1.3)
    moved = transform(page)
    page.keyboard.press("ArrowLeft")
    # Panning is animated too: wait until the stage has moved.
    page.wait_for_function(
        "moved => getComputedStyle(document.querySelector('#page-1 .facsimile__stage'))"
        ".transform !== moved",
        arg=moved,
    )
    # Deep zoom on demand: a wider copy than the one first shown is asked for.
    page.wait_for_function(
        """() => {
          const image = document.querySelector('#page-1 img');
          return /[/]full[/](1000,1500|1200,1800)[/]0[/]default[.]jpg$/.test(image.currentSrc)
            && image.sizes.endsWith('px');
        }"""
    )
    page.keyboard.press("0")
    # Back to scale 1 at its place: no transform left on the stage (the column's own width
    # may have changed meanwhile, by a scroll bar, so the image is measured against it).
    page.wait_for_function(
        """() => {
          const stage = document.querySelector('#page-1 .facsimile__stage');
          const m = new DOMMatrix(getComputedStyle(stage).transform);
          const image = document.querySelector('#page-1 img');
          return Math.abs(m.a - 1) < 0.01 && Math.abs(m.d - 1) < 0.01
            && Math.abs(m.e) < 1 && Math.abs(m.f) < 1
            && Math.abs(image.getBoundingClientRect().width - image.offsetWidth) < 1;
        }"""
    )
    assert stage.get_attribute("role") == "group" and stage.get_attribute("aria-label")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert stage.get_attribute("tabindex") is None


@pytest.mark.parametrize("size", [None, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violation(open_page, annotated, size):
    page = open_page(size) if size else open_page()
    page.goto(annotated)
    page.wait_for_load_state("networkidle")
    found = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found] == []
    # And with zoom on: the stage is a focusable, named group.
    page.locator("#page-1 button.facsimile__zoom").click()
    page.wait_for_function("() => document.activeElement.matches('.facsimile__stage')")
    found = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found] == []


@pytest.mark.parametrize("size", [None, PHONE], ids=["desktop", "phone"])
def test_nothing_moves_as_the_images_load(open_page, facsimile, size):
    page = open_page(size) if size else open_page()
    page.goto(facsimile)
    page.wait_for_load_state("networkidle")
    shift = layout_shift(page)
    assert shift == 0
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")


def test_the_reading_switch_turns_the_texts_in_place(page, annotated):
    page.goto(annotated)
    written, corrected = "#ru-2 .sic", "#ru-2 .corr"
    assert page.locator(written).is_visible() and not page.locator(corrected).is_visible()
    page.locator(".reading-switch button[value=corrected]").click()
    assert page.locator(corrected).is_visible() and not page.locator(written).is_visible()
    assert page.url.endswith("?reading=corrected")


@pytest.mark.parametrize("kind", ["facsimile", "annotated"])
def test_the_page_keeps_to_its_script_budget_until_zoom_is_asked_for(page, request, kind, site):
    page.goto(request.getfixturevalue(kind))
    page.wait_for_load_state("networkidle")
    scripts = page.evaluate(
        """() => performance.getEntriesByType('resource')
              .filter(e => e.initiatorType === 'script')
              .map(e => [e.name, e.transferSize || e.encodedBodySize])"""
    )
    assert scripts and all(size > 0 for _, size in scripts)
    assert all(name.startswith(site + "/") for name, _ in scripts)  # nothing from a CDN
    assert sum(size for _, size in scripts) <= JS_BUDGET, scripts
    assert not any("panzoom" in name for name, _ in scripts)
    # With a term in the text, its popovers' script too, within the same budget.
    assert any("glossary" in name for name, _ in scripts) == (kind == "annotated")
