"""Switching the interface to Russian in the browser, and reading on in it."""

# The documents' own words, without the labels screen readers hear in the interface's
# language ("sic: so written…") and the stamps' headings ("Stamp (registration):"), which
# belong to the interface.
_OWN_WORDS = """passages => passages.map(passage => {
    const copy = passage.cloneNode(true);
    copy.querySelectorAll(".visually-hidden, .stamp__kind[lang]").forEach(label => label.remove());
    return copy.textContent;
})"""


def _texts(page):
    return page.locator(".passage__text").evaluate_all(_OWN_WORDS)


def test_the_switch_turns_the_interface_russian_and_the_texts_stay(page):
    page.goto("/documents/110371/")
    english_texts = _texts(page)
    assert any("ФИЛИПОВУ" in text for text in english_texts)
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/documents/110371/**")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("link", name="Только оригинал").count() == 1
    assert "30 июня 1951 г." in page.locator(".document__kicker").inner_text()  # not in capitals
    assert _texts(page) == english_texts

    # Links within the Russian interface stay in it: a search from the header, a person.
    page.get_by_role("searchbox").fill("Риджуэй")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ru/documents/?q=*")
    page.locator("a.document-item__title").first.click()
    page.wait_for_url("**/ru/documents/110371/**")
    assert page.locator("td[lang=ru] mark").count() >= 2

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/documents/110371/**")
    assert "/ru/" not in page.url
    assert page.locator("html").get_attribute("lang") == "en"
