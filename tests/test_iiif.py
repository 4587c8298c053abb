"""Page images: uploads checked, thumbnails and sizes read, served privately, and IIIF."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from iiif_prezi3 import Manifest
from PIL import Image

from archive.models import Document, Scan

from .admin_forms import admin_url, management_data
from .factory import make_document, make_text

pytestmark = pytest.mark.django_db

# Every kind of mark a passage may hold (markup.spans), and a line break and markup to escape.
EVERY_MARK = (
    "Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ}, от {unclear Елезова|faded|low} {gap illegible|~2 words} "
    "и {gap omitted} *рукой* {hand Stalin, blue pencil|тов. Молотову} "
    "{stamp registration|Вх. № 2204/ис|30.6.1951|Секретариат} {supplied Ким Ир Сен} "
    "{note editor|Шифр <не> ясен} {note translator|перевод} {note archive|лист 92} "
    "{sic Молотофу|Молотову} {gap omitted|2 lines} [Stalin]\nЦК *ВКП(б)* <b>"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_file(name="page.jpg", size=(1200, 1800), kind="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(staff_client, document, *files):
    url = admin_url(Document, "change", document.pk)
    data = management_data(
        staff_client.get(url),
        scans=[{"position": str(n), "label": f"l. {91 + n}"} for n in range(1, len(files) + 1)],
    )
    for n, file in enumerate(files):
        data[f"scans-{n}-image"] = file
    data.update(
        record_id=document.record_id, title=document.title, document_type=document.document_type_id,
        status=document.status, date="1951-06-30", date_precision="day", original_language="ru",
    )  # fmt: skip
    return staff_client.post(url, data)


def test_an_archivist_uploads_page_images(staff_client, db, media):
    document = make_document(record_id=5)
    response = upload(staff_client, document, image_file(), image_file("p2.png", (800, 600), "PNG"))
    assert response.status_code == 302, response.context["errors"]
    first, second = document.scans.order_by("position")
    assert (first.width, first.height, second.width, second.height) == (1200, 1800, 800, 600)
    assert first.thumbnail and (media / first.thumbnail.name).exists()
    assert first.thumbnail_size == (320, 480)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("page.jpg", b"%PDF-1.4 not an image"), "not an image that can be read"),
        (image_file("page.gif", kind="GIF"), "GIF images are not accepted"),
        (image_file("page.tif", kind="TIFF"), "TIFF images are not accepted"),
    ],
)
def test_what_is_not_a_page_image_is_refused(staff_client, db, file, message):
    response = upload(staff_client, make_document(record_id=5), file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Scan.objects.exists()


def test_too_large_a_file_is_refused(staff_client, db, settings):
    settings.ARCHIVE_MAX_SCAN_BYTES = 1000
    response = upload(staff_client, make_document(record_id=5), image_file())
    assert "scans may be at most" in response.content.decode()
    assert not Scan.objects.exists()


def test_the_manifest_loads_in_iiif_prezi3(staff_client, db):
    document = make_document(record_id=5, title="Шифртелеграмма 毛泽东")
    upload(staff_client, document, image_file(), image_file("p2.jpg", (1000, 1500)))
    response = Client().get("/documents/5/manifest.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    manifest = Manifest(**data)
    assert manifest.label == {"en": ["Шифртелеграмма 毛泽东"]}
    canvases = manifest.items
    assert [(canvas.width, canvas.height) for canvas in canvases] == [(1200, 1800), (1000, 1500)]
    body = data["items"][0]["items"][0]["items"][0]["body"]
    assert body["format"] == "image/jpeg" and body["width"] == 1200
    image = Client().get(body["id"].removeprefix("http://testserver"))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (1200, 1800)


def test_the_document_page_shows_the_images_with_their_sizes(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file())
    html = Client().get(document.get_absolute_url()).content.decode()
    scan = document.scans.get()
    assert (
        f'src="/documents/5/scans/{scan.pk}/thumbnail" alt="l. 92" width="320" height="480"' in html
    )
    assert 'href="/documents/5/manifest.json"' in html


def test_a_drafts_images_are_as_private_as_its_text(staff_client, db):
    document = make_document(record_id=5, status="draft")
    upload(staff_client, document, image_file())
    scan = document.scans.get()
    public = Client()
    for url in (
        f"/documents/5/scans/{scan.pk}/full",
        f"/documents/5/scans/{scan.pk}/thumbnail",
        "/documents/5/manifest.json",
    ):
        assert public.get(url).status_code == 404, url
        assert staff_client.get(url).status_code == 200, url


def test_no_images_no_manifest(client, seed):
    assert client.get("/documents/110371/manifest.json").status_code == 404
    assert client.get("/documents/110371/scans/1/full").status_code == 404


def test_a_replaced_image_is_measured_again(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file())
    scan = document.scans.get()
    old_thumbnail = scan.thumbnail.name
    scan.image = image_file("new.png", (600, 400), "PNG")
    scan.save()
    scan.refresh_from_db()
    assert (scan.width, scan.height, scan.media_type) == (600, 400, "image/png")
    assert scan.thumbnail.name != old_thumbnail


def test_a_photograph_taken_sideways_is_measured_upright(db):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotated 90°
    Image.new("RGB", (1800, 1200), "white").save(buffer, "JPEG", exif=exif)
    scan = Scan(document=make_document(record_id=5), label="l. 1")
    scan.image = SimpleUploadedFile("side.jpg", buffer.getvalue())
    scan.save()
    assert (scan.width, scan.height) == (1200, 1800)


def test_non_ascii_labels_survive_the_manifest(staff_client, db):
    document = make_document(record_id=5, title="Письмо 김일성")
    upload(staff_client, document, image_file())
    data = json.loads(Client().get("/documents/5/manifest.json").content)
    assert data["label"] == {"en": ["Письмо 김일성"]}


def test_the_manifest_carries_both_texts_as_supplementing_annotations(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file(), image_file("p2.jpg", (1000, 1500)))
    first, second = document.scans.order_by("position")
    ru = make_text(document, "ru", passages=["Товарищу *Сталину*", "Мао Цзэдун"])
    en = make_text(document, "en", kind="translation", passages=["To Stalin", "Mao <Zedong>"])
    for text in (ru, en):
        one, two = text.passages.order_by("position")
        one.scan, one.region = first, "100,200,800,300"
        two.scan = second
        one.save()
        two.save()
    data = json.loads(Client().get("/documents/5/manifest.json").content)
    Manifest(**data)  # still a valid Presentation 3 manifest
    pages = [canvas["annotations"] for canvas in data["items"]]
    assert [len(page) for page in pages] == [1, 1]
    assert pages[0][0]["type"] == "AnnotationPage"
    one, other = pages[0][0]["items"], pages[1][0]["items"]
    canvas = data["items"][0]["id"]
    assert [a["motivation"] for a in one + other] == ["supplementing"] * 4
    assert [(a["body"]["language"], a["target"]) for a in one] == [
        ("ru", f"{canvas}#xywh=100,200,800,300"),
        ("en", f"{canvas}#xywh=100,200,800,300"),
    ]
    body = one[0]["body"]
    assert body["type"] == "TextualBody" and body["format"] == "text/html"
    assert body["value"] == "Товарищу <i>Сталину</i>"  # handwriting marked, as printed
    assert other[1]["target"] == data["items"][1]["id"]  # no region: the whole page
    assert "&lt;Zedong&gt;" in other[1]["body"]["value"]  # the text escaped, never markup


def test_each_image_names_its_level_0_service_and_is_served_by_it(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file(), image_file("p2.png", (800, 600), "PNG"))
    data = json.loads(Client().get("/documents/5/manifest.json").content)
    Manifest(**data)
    for canvas, scan in zip(data["items"], document.scans.order_by("position"), strict=True):
        body = canvas["items"][0]["items"][0]["body"]
        service = f"http://testserver/documents/5/iiif/{scan.pk}"
        assert body["service"] == [{"id": service, "type": "ImageService3", "profile": "level0"}]
        # The full size from the service, as JPEG whatever was uploaded (a PNG here).
        assert body["id"] == f"{service}/full/max/0/default.jpg"
        assert body["format"] == "image/jpeg"
        image = Client().get(body["id"].removeprefix("http://testserver"))
        assert image["Content-Type"] == "image/jpeg"
        info = json.loads(Client().get(f"/documents/5/iiif/{scan.pk}/info.json").content)
        assert (info["id"], info["width"], info["height"]) == (
            service, body["width"], body["height"],
        )  # fmt: skip
        # The thumbnails with a size are the service's sizes, at its addresses.
        sized = [t for t in canvas["thumbnail"] if "width" in t]
        assert [(t["width"], t["height"]) for t in sized] == [
            (s["width"], s["height"]) for s in info["sizes"][:-1]
        ]
        assert all(t["id"].startswith(f"{service}/full/") for t in sized)


def test_the_annotations_are_printed_text_not_the_pages_html(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file())
    text = make_text(document, "ru", passages=[EVERY_MARK])
    text.passages.update(scan=document.scans.get())
    data = json.loads(Client().get("/documents/5/manifest.json").content)
    (annotation,) = data["items"][0]["annotations"][0]["items"]
    value = annotation["body"]["value"]
    assert annotation["body"]["format"] == "text/html"
    # One reading, the correction beside it; the editor's marks in brackets; nothing hidden,
    # nothing for screen readers alone, no classes that need the site's stylesheet.
    assert value == (
        "Товарищу ФИЛИПОВУ [sic: ФИЛИППОВУ], от Елезова [?] [illegible, ~2 words] "
        "и […] <i>рукой</i> <i>тов. Молотову</i> [in the hand of Stalin, blue pencil] "
        "[Stamp (registration): Вх. № 2204/ис, 30.6.1951, Секретариат] [Ким Ир Сен] "
        "[Editor&#x27;s note: Шифр &lt;не&gt; ясен] [Translator&#x27;s note: перевод] "
        "[Archive&#x27;s note: лист 92] Молотофу [sic: Молотову] [… 2 lines] "
        "[Stalin]<br>ЦК <i>ВКП(б)</i> &lt;b&gt;"
    )
    for hidden in ("hidden", "visually-hidden", "aria-", "class=", "corrected:", "<span"):
        assert hidden not in value


def test_the_manifest_lists_the_smaller_copies_with_their_sizes(staff_client, db):
    document = make_document(record_id=5)
    upload(staff_client, document, image_file(size=(1200, 1800)))
    data = json.loads(Client().get("/documents/5/manifest.json").content)
    thumbnails = data["items"][0]["thumbnail"]
    sized = [(t["width"], t["height"]) for t in thumbnails if "width" in t]
    assert sized == [(300, 450), (600, 900), (1000, 1500)]
    for thumbnail in thumbnails:
        image = Client().get(thumbnail["id"].removeprefix("http://testserver"))
        size = Image.open(io.BytesIO(b"".join(image.streaming_content))).size
        assert size == (thumbnail.get("width", 320), thumbnail.get("height", 480))
    assert "annotations" not in data["items"][0]  # no passage is linked to the page
