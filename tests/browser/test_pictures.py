"""The timeline and the correspondence network as a reader meets them: marks to click or
reach by keyboard, names a screen reader reads, and a person's part of the network."""


def test_a_timeline_mark_opens_its_document(page):
    page.goto("/timeline/")
    mark = page.locator("svg a.picture__link").first
    assert "30 June 1951" in mark.get_attribute("aria-label")
    box = mark.bounding_box()
    assert box["width"] > 4 and box["height"] > 4  # big enough to hit
    mark.click()
    page.wait_for_url("**/documents/110371/**")


def test_the_network_shows_the_relay_and_its_marks_are_links(page):
    page.goto("/correspondence/")
    svg = page.locator("svg.picture__svg")
    names = svg.get_by_role("link").evaluate_all("links => links.map(a => a.ariaLabel || '')")
    assert any(name.startswith("Kim Il Sung") for name in names)
    assert any("relayed" in name for name in names)
    # By keyboard: each mark takes the focus, visibly, and opens on Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if focused.startswith("Joseph Stalin"):
            break
    else:
        raise AssertionError("Stalin's mark is not reached by keyboard")
    ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).stroke")
    assert ring == "rgb(26, 95, 180)"  # the site's focus colour
    page.keyboard.press("Enter")
    page.wait_for_url("**/persons/joseph-stalin/")
    # Stalin's page shows his part: Mao wrote to him, relaying Kim Il Sung.
    own = page.locator("svg.picture__svg").get_by_role("link")
    labels = own.evaluate_all("links => links.map(a => a.ariaLabel || '')")
    assert any(label.startswith("Mao Zedong") for label in labels)
    assert any(label.startswith("Kim Il Sung") for label in labels)


def test_on_a_phone_the_timeline_keeps_its_marks_large_and_scrolls_on_its_own(phone):
    phone.goto("/timeline/")
    mark = phone.locator("svg a.picture__link").first
    box = mark.bounding_box()
    assert box["width"] >= 9 and box["height"] >= 9
    width = phone.viewport_size["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    figure = phone.locator("figure.picture")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")  # it scrolls sideways
    mark.click()
    phone.wait_for_url("**/documents/110371/**")
