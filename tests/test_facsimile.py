"""The facsimile: page images in several sizes, regions, and image | original | translation."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from archive.facsimile.regions import parse_region, region_box, validate_region
from archive.models import Scan
from archive.scans import derivative_name

from .factory import make_document, make_text
from .test_glossary import make_entry

pytestmark = pytest.mark.django_db


def parse(content):
    return BeautifulSoup(content, "html.parser")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_scan(document, label="l. 92", size=(1200, 1800), position=1, name="page.jpg"):
    """A page image made here with Pillow: we have no real scans."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "JPEG")
    scan = Scan(document=document, label=label, position=position)
    scan.image = SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
    scan.save()
    return scan


def two_page_document(record_id=5, **fields):
    """Two pages, three aligned passages: the first two on page 1, the third on page 2."""
    fields.setdefault("title", "Telegram")
    document = make_document(record_id=record_id, **fields)
    first, second = make_scan(document), make_scan(document, "l. 93", position=2, name="p2.jpg")
    ru = make_text(document, "ru", passages=["Москва", "Товарищу Сталину", "Мао Цзэдун"])
    en = make_text(document, "en", kind="translation", passages=["Moscow", "To Stalin", "Mao"])
    for text in (ru, en):
        one, two, three = text.passages.order_by("position")
        one.scan = two.scan = first
        three.scan = second
        two.region = "100,200,800,300"
        for passage in (one, two, three):
            passage.save()
    return document, first, second


def test_an_upload_makes_the_smaller_copies_it_can(media):
    scan = make_scan(make_document(record_id=5), size=(1200, 1800))
    assert scan.derivatives == [1000, 600, 300]  # never wider than the scan itself
    for width in scan.derivatives:
        with Image.open(media / derivative_name(scan, width)) as copy:
            assert copy.size == (width, round(1800 * width / 1200))


def test_the_copies_are_served_at_stable_addresses_as_privately_as_the_scan(staff_client):
    document = make_document(record_id=5, status="draft")
    scan = make_scan(document, size=(700, 500))
    assert scan.derivatives == [600, 300]
    url = f"/documents/5/scans/{scan.pk}/300"
    assert Client().get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (300, 214)
    # Only the widths made: no upscaling, no resizing on request.
    for size in ("1000", "301", "0300", "-300", "²"):
        assert staff_client.get(f"/documents/5/scans/{scan.pk}/{size}").status_code == 404, size


def test_a_replaced_image_gets_new_copies(media):
    scan = make_scan(make_document(record_id=5), size=(1200, 1800))
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(buffer, "PNG")
    scan.image = SimpleUploadedFile("page.png", buffer.getvalue())
    scan.save()
    assert scan.derivatives == [600, 300]
    with Image.open(media / derivative_name(scan, 600)) as copy:
        assert copy.size == (600, 450)


@pytest.mark.parametrize("value", ["1,2,3", "a,b,c,d", "1,2,3,4,5", "-1,2,3,4", "10,10,0,5"])
def test_a_region_must_be_x_y_width_height(value):
    assert parse_region(value) is None
    with pytest.raises(ValidationError, match="x,y,width,height"):
        validate_region(value, Scan(width=1200, height=1800))


def test_a_region_must_lie_within_its_page():
    page = Scan(width=1200, height=1800)
    validate_region("100, 200, 1100, 1600", page)
    validate_region("", None)  # the whole page
    with pytest.raises(ValidationError, match="1200×1800"):
        validate_region("200,200,1100,100", page)
    with pytest.raises(ValidationError, match="needs the page image"):
        validate_region("1,1,10,10", None)
    assert region_box("300,450,600,900", page) == (25.0, 25.0, 50.0, 50.0)


def test_the_facsimile_shows_each_page_beside_its_passages(client):
    document, first, _ = two_page_document()
    response = client.get(f"/documents/5/{document.slug}/facsimile/")
    assert response.status_code == 200
    html = parse(response.content)
    pages = html.select("section.facsimile__page")
    assert [page.h2.get_text() for page in pages] == ["l. 92", "l. 93"]
    one, two = ([p.get_text() for p in page.select(".passage__text")] for page in pages)
    assert one == ["Москва", "Moscow", "Товарищу Сталину", "To Stalin"]
    assert two == ["Мао Цзэдун", "Mao"]
    image = pages[0].img
    # Sized before it loads (no layout shift), in every copy made, and described.
    assert (image["width"], image["height"]) == ("1200", "1800")
    # The sizes the scan's IIIF service lists in its info.json, at its addresses.
    service = f"/documents/5/iiif/{first.pk}"
    sizes = json.loads(client.get(f"{service}/info.json").content)["sizes"]
    assert image["srcset"] == ", ".join(
        f"{service}/full/{s['width']},{s['height']}/0/default.jpg {s['width']}w" for s in sizes
    )
    assert [s["width"] for s in sizes] == [300, 600, 1000, 1200]
    assert image["src"] == f"{service}/full/1000,1500/0/default.jpg" and "l. 92" in image["alt"]


def test_regions_are_links_to_their_passages_in_both_texts(client):
    document, *_ = two_page_document()
    html = parse(client.get(f"/documents/5/{document.slug}/facsimile/").content)
    regions = html.select("section#page-1 a.facsimile__region")
    assert [region["href"] for region in regions] == ["#ru-2", "#en-2"]
    box = regions[0].rect
    assert (box["x"], box["y"], box["width"], box["height"]) == (
        "8.333%", "11.111%", "66.667%", "16.667%",
    )  # fmt: skip
    assert html.select_one("#ru-2") and html.select_one("#en-2")
    assert not html.select("section#page-2 a.facsimile__region")


def test_passages_on_no_page_have_their_own_heading(client):
    document, *_ = two_page_document()
    make_text(document, "zh", kind="translation", passages=[])
    ru = document.texts.get(code="ru")
    ru.passages.filter(position=3).update(scan=None)
    document.texts.get(code="en").passages.filter(position=3).update(scan=None)
    html = parse(client.get(f"/documents/5/{document.slug}/facsimile/").content)
    unlinked = html.select_one("section#no-page")
    assert "not linked to a page image" in unlinked.h2.get_text()
    assert [p.get_text() for p in unlinked.select(".passage__text")] == ["Мао Цзэдун", "Mao"]
    assert "No passage has been linked" in html.select_one("section#page-2").get_text()


def test_the_zoom_library_is_not_loaded_with_the_page(client):
    document, *_ = two_page_document()
    html = parse(client.get(f"/documents/5/{document.slug}/facsimile/").content)
    scripts = [script["src"] for script in html.select("script[src]")]
    assert not any("panzoom" in src for src in scripts)
    assert any(src.endswith("js/facsimile.js") for src in scripts)
    assert html.select_one("button.facsimile__zoom")["data-zoom-script"].endswith(
        "vendor/panzoom/panzoom.min.js"
    )
    assert all(link["href"].startswith("/") for link in html.select("link[rel=stylesheet]"))


def test_a_drafts_facsimile_is_for_staff_only(staff_client):
    document, *_ = two_page_document(status="draft")
    url = f"/documents/5/{document.slug}/facsimile/"
    assert Client().get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_an_old_slug_redirects_and_no_images_no_facsimile(client, seed):
    document, *_ = two_page_document()
    response = client.get("/documents/5/old-title/facsimile/")
    assert response.status_code == 302
    assert response["Location"] == f"/documents/5/{document.slug}/facsimile/"
    # The seed's scan is known but not held: it has no image, so there is no facsimile.
    assert seed.scans.exists() and not seed.scans.exclude(image="").exists()
    assert client.get(f"/documents/110371/{seed.slug}/facsimile/").status_code == 404


def test_the_facsimile_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    document, *_ = two_page_document()
    url = f"/documents/5/{document.slug}/facsimile/"
    with django_assert_num_queries(7):
        client.get(url)
    # However many pages and passages: document, scans, texts, notes, passages (with texts),
    # the glossary's entries (none here) and the visitor's session.
    make_scan(document, "l. 94", position=3, name="p3.jpg")
    make_text(document, "zh", kind="translation", passages=["莫斯科", "斯大林"])
    make_entry("tsk", "ЦК", ["ЦК"])
    # Three more: the page cache asks whether the archive changed, finds it has, and asks
    # for the document's version (archive.caching); the entries' forms and senses.
    with django_assert_num_queries(7 + 3):
        client.get(url)


def corrected_document():
    document, *_ = two_page_document()
    passage = document.texts.get(code="ru").passages.get(position=2)
    passage.content = "Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ} из ЦК"
    passage.save()
    return document


def shown(html, selector):
    """The words of the passages a reader sees: nothing hidden, no words for screen readers."""
    for hidden in html.select("[hidden], .visually-hidden"):
        hidden.decompose()
    return [" ".join(p.get_text().split()) for p in html.select(selector)]


def test_the_facsimile_shows_the_reading_the_reader_chose(client):
    document = corrected_document()
    url = f"/documents/5/{document.slug}/facsimile/"
    html = parse(client.get(url).content)
    assert shown(html, "#ru-2 .passage__text") == ["Товарищу ФИЛИПОВУ [sic] из ЦК"]
    # The document page's switch, a plain form: it works without JavaScript.
    switch = html.select_one("form.reading-switch")
    assert switch["method"] == "get" and not switch.get("action")
    pressed = {b["value"]: b["aria-pressed"] for b in switch.select("button[name=reading]")}
    assert pressed == {"written": "true", "corrected": "false"}
    html = parse(client.get(url, {"reading": "corrected", "left": "ru"}).content)
    assert shown(html, "#ru-2 .passage__text") == ["Товарищу ФИЛИППОВУ [corr.] из ЦК"]
    switch = html.select_one("form.reading-switch")
    assert switch.select_one("button[value=corrected]")["aria-pressed"] == "true"
    # The texts chosen stay chosen when the reading is switched.
    assert switch.select_one("input[type=hidden][name=left]")["value"] == "ru"
    # Its styles come with it; and a document without corrections has no switch.
    assert any("apparatus.css" in link["href"] for link in html.select("link[rel=stylesheet]"))
    other, *_ = two_page_document(record_id=6, title="Plain")
    html = parse(client.get(f"/documents/6/{other.slug}/facsimile/").content)
    assert not html.select("form.reading-switch")


def test_the_facsimile_links_glossary_terms_as_the_document_page_does(client):
    make_entry("tsk", "ЦК", ["ЦК"], senses=[("Central Committee", "Of the party.")])
    document = corrected_document()
    document.texts.get(code="ru").passages.filter(position=3).update(content="ЦК и ЦК")
    url = f"/documents/5/{document.slug}/facsimile/"
    html = parse(client.get(url).content)
    terms = html.select("a.term")
    # The first use in the text only: ru-2, not ru-3, which says it twice.
    assert [(t.find_parent(class_="passage")["id"], t.get_text()) for t in terms] == [
        ("ru-2", "ЦК")
    ]
    assert terms[0]["href"] == "/glossary/tsk/" and "Central Committee" in terms[0]["title"]
    page = parse(client.get(document.get_absolute_url()).content)
    assert [str(t) for t in page.select("a.term")] == [str(t) for t in terms]
    # The explanations the popovers show, and the script that opens them.
    assert html.select_one("#glossary-terms #term-tsk")
    assert any(s["src"].endswith("js/glossary.js") for s in html.select("script[src]"))
