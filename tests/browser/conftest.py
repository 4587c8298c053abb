"""Real-browser tests: Playwright driving Debian's Chromium against the live server.

Run alone with `bash make.sh test PYTEST_ARGS="-m browser"`. Every test here is marked
`browser`. Chromium comes from Debian (.ci/debian-packages), never from `playwright install`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from archive.changes import deferred

# Playwright's sync API runs an event loop in the test's thread, which Django takes for
# async code; the tests' own database work there is ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# Where the tests save screenshots; `make screenshots` copies a set into docs/screenshots/.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", settings.BASE_DIR / "build" / "screenshots"))


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the seed record loaded; its address."""
    with deferred():
        call_command("loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=0)
    return live_server.url


@pytest.fixture
def open_page(browser, site):
    """open_page(viewport, **context options): a page on the live server, in a context of its
    own, closed after the test; the test fails on any script error in any of them."""
    contexts, errors = [], []

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="en-GB", base_url=site, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"script errors: {errors}"


@pytest.fixture
def page(open_page):
    """A desktop-width page on the live server."""
    return open_page()


@pytest.fixture
def phone(open_page):
    """A phone-sized page on the live server, with touch."""
    return open_page(PHONE, is_mobile=True, has_touch=True)


def rows_of(page):
    """[(original passage top, translation passage top)] per alignment key, in page order."""
    return page.evaluate(
        """() => {
          const tops = {};
          document.querySelectorAll('.parallel .passage[data-align]').forEach(p => {
            const key = p.dataset.align, lang = p.closest('td').lang;
            tops[key] = tops[key] || {};
            if (!(lang in tops[key])) tops[key][lang] = p.getBoundingClientRect().top;
          });
          return Object.entries(tops).map(([key, t]) => [key, t.ru, t.en]);
        }"""
    )


def layout_shift(page):
    """The page's cumulative layout shift so far, as Chromium measures it (0: nothing moved)."""
    return page.evaluate(
        """() => new Promise(resolve => {
          let total = 0;
          new PerformanceObserver(list => {
            for (const entry of list.getEntries()) total += entry.value;
          }).observe({type: 'layout-shift', buffered: true});
          setTimeout(() => resolve(total), 300);
        })"""
    )
