"""The facsimile: page images in several sizes, regions, and image | original | translation."""

import io

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


def two_page_document(**fields):
    """Two pages, three aligned passages: the first two on page 1, the third on page 2."""
    document = make_document(record_id=5, title="Telegram", **fields)
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
    assert image["srcset"] == ", ".join(
        [f"/documents/5/scans/{first.pk}/{w} {w}w" for w in (300, 600, 1000)]
        + [f"/documents/5/scans/{first.pk}/full 1200w"]
    )
    assert image["src"] == f"/documents/5/scans/{first.pk}/1000" and "l. 92" in image["alt"]


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
    with django_assert_num_queries(6):
        client.get(url)
    # However many pages and passages: document, scans, texts, notes, passages (with texts),
    # and the visitor's session.
    make_scan(document, "l. 94", position=3, name="p3.jpg")
    make_text(document, "zh", kind="translation", passages=["莫斯科", "斯大林"])
    # One more: the page cache asks whether the archive changed, finds it has, and asks
    # for the document's version (archive.caching).
    with django_assert_num_queries(6 + 1):
        client.get(url)
