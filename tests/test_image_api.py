"""Each scan's IIIF Image API 3.0 service, level 0 (archive.facsimile.image_api): its
info.json, the sizes it lists and no other, as privately as the scan, and cached right."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from archive.models import Scan
from archive.scans import FULL, derivative_name

from .factory import make_document
from .test_facsimile import make_scan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def service(scan):
    return f"/documents/5/iiif/{scan.pk}"


def image_of(response):
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_each_scan_describes_its_service_in_info_json():
    scan = make_scan(make_document(record_id=5), size=(1200, 1800))
    response = Client().get(f"{service(scan)}/info.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": f"http://testserver{service(scan)}",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": 1200,
        "height": 1800,
        # The copies made at upload, then the full size; no tiles, since there are none.
        "sizes": [
            {"width": 300, "height": 450},
            {"width": 600, "height": 900},
            {"width": 1000, "height": 1500},
            {"width": 1200, "height": 1800},
        ],
    }


def test_the_service_address_leads_to_its_info():
    scan = make_scan(make_document(record_id=5))
    response = Client().get(service(scan))
    assert response.status_code == 303
    assert response["Location"] == f"{service(scan)}/info.json"
    # The same service from the Russian interface: images have no language.
    info = json.loads(Client().get(f"/ru{service(scan)}/info.json").content)
    assert info["id"] == f"http://testserver{service(scan)}"


def test_every_listed_size_is_served_in_each_form_level_0_requires(media):
    scan = make_scan(make_document(record_id=5), size=(1200, 1800))
    info = json.loads(Client().get(f"{service(scan)}/info.json").content)
    for listed in info["sizes"]:
        width, height = listed["width"], listed["height"]
        for size in (f"{width},{height}", f"{width},", f",{height}"):
            response = Client().get(f"{service(scan)}/full/{size}/0/default.jpg")
            assert response.status_code == 200, size
            assert response["Content-Type"] == "image/jpeg"
            assert response["Access-Control-Allow-Origin"] == "*"
            assert image_of(response).size == (width, height), size
    # max is the full size; a copy is the very file the scan's own address serves.
    full = Client().get(f"{service(scan)}/full/max/0/default.jpg")
    assert image_of(full).size == (1200, 1800)
    copy = b"".join(Client().get(f"{service(scan)}/full/600,900/0/default.jpg").streaming_content)
    assert copy == (media / derivative_name(scan, 600)).read_bytes()
    assert copy == b"".join(Client().get(f"/documents/5/scans/{scan.pk}/600").streaming_content)


def test_images_are_cached_long_by_browsers_and_revalidated_cheaply():
    scan = make_scan(make_document(record_id=5))
    url = f"{service(scan)}/full/300,450/0/default.jpg"
    response = Client().get(url)
    assert response["Cache-Control"] == "public, max-age=86400, s-maxage=600"
    again = Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["ETag"] == response["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"
    # Another image in the scan's place is another ETag.
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 1800), "black").save(buffer, "JPEG")
    scan.image = SimpleUploadedFile("page.jpg", buffer.getvalue())
    scan.save()
    assert Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


@pytest.mark.parametrize(
    ("request_path", "status", "message"),
    [
        # Not Image API syntax: 400.
        ("full/max/0/default", 400, "not a quality and format"),
        ("all/max/0/default.jpg", 400, "not a region"),
        ("full/big/0/default.jpg", 400, "not a size"),
        ("full/,/0/default.jpg", 400, "not a size"),
        ("full/max/400/default.jpg", 400, "not a rotation"),
        ("full/0,/0/default.jpg", 400, "no size of zero"),
        ("full/2400,/0/default.jpg", 400, "larger than the image"),
        ("full/99999999999999999999,/0/default.jpg", 400, "larger than the image"),
        # Image API syntax, but not what a level 0 service offers: 404.
        ("0,0,600,900/max/0/default.jpg", 404, "full image only"),
        ("square/max/0/default.jpg", 404, "full image only"),
        ("full/max/90/default.jpg", 404, "does not rotate"),
        ("full/max/!0/default.jpg", 404, "does not rotate"),
        ("full/max/0/gray.jpg", 404, "default.jpg only"),
        ("full/max/0/default.png", 404, "default.jpg only"),
        ("full/pct:50/0/default.jpg", 404, "only max and its listed sizes: 300,450, 600,900"),
        ("full/!600,600/0/default.jpg", 404, "only max and its listed sizes"),
        ("full/^max/0/default.jpg", 404, "only max and its listed sizes"),
        ("full/500,/0/default.jpg", 404, "has no copy 500,"),
        ("full/600,901/0/default.jpg", 404, "has no copy 600,901"),
    ],
)
def test_anything_else_is_refused_as_the_specification_says(request_path, status, message):
    scan = make_scan(make_document(record_id=5), size=(1200, 1800))
    response = Client().get(f"{service(scan)}/{request_path}")
    assert response.status_code == status
    assert message in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"  # a viewer may read why


def test_a_png_or_a_sideways_photograph_is_served_upright_as_jpeg(media):
    document = make_document(record_id=5)
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, "PNG")
    png = Scan(document=document, label="l. 1")
    png.image = SimpleUploadedFile("page.png", buffer.getvalue())
    png.save()
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotated 90°
    Image.new("RGB", (1800, 1200), "white").save(buffer, "JPEG", exif=exif)
    sideways = Scan(document=document, label="l. 2", position=2)
    sideways.image = SimpleUploadedFile("side.jpg", buffer.getvalue())
    sideways.save()
    for scan, size in ((png, (800, 600)), (sideways, (1200, 1800))):
        response = Client().get(f"{service(scan)}/full/max/0/default.jpg")
        assert response["Content-Type"] == "image/jpeg"
        image = image_of(response)
        assert (image.format, image.size) == ("JPEG", size)
    # The scan's own address still gives the file as it was uploaded.
    assert Client().get(f"/documents/5/scans/{png.pk}/full")["Content-Type"] == "image/png"
    # A JPEG that needs no turning is served as it is: no copy is made of it.
    plain = make_scan(document, position=3, name="plain.jpg")
    assert not (media / derivative_name(plain, FULL)).exists()
    served = Client().get(f"{service(plain)}/full/max/0/default.jpg").streaming_content
    assert b"".join(served) == (media / plain.image.name).read_bytes()


def test_a_scan_stored_before_full_copies_were_made_gets_one_when_asked(media):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, "PNG")
    scan = Scan(document=make_document(record_id=5), label="l. 1")
    scan.image = SimpleUploadedFile("page.png", buffer.getvalue())
    scan.save()
    (media / derivative_name(scan, FULL)).unlink()
    response = Client().get(f"{service(scan)}/full/800,600/0/default.jpg")
    assert image_of(response).format == "JPEG"
    assert (media / derivative_name(scan, FULL)).exists()
    # Two requests at once: the second finds no copy, but the first has made it by the
    # time the second saves. The first's copy stays, the second's goes, both serve one.
    from unittest import mock

    from archive.scans import full_jpeg_name

    copy = media / derivative_name(scan, FULL)
    copies = sorted(path.name for path in copy.parent.iterdir())
    copy.write_bytes(b"made meanwhile by another request")
    storage = scan.image.storage
    exists, asked = storage.exists, []

    def not_yet(name):
        asked.append(name)
        return False if len(asked) == 1 else exists(name)

    with mock.patch.object(storage, "exists", not_yet):
        assert full_jpeg_name(scan) == derivative_name(scan, FULL)
    assert copy.read_bytes() == b"made meanwhile by another request"
    assert sorted(path.name for path in copy.parent.iterdir()) == copies


def test_a_drafts_image_service_is_as_private_as_its_text(staff_client):
    document = make_document(record_id=5, status="draft")
    scan = make_scan(document, size=(700, 500))
    for path in ("", "/info.json", "/full/max/0/default.jpg", "/full/300,214/0/default.jpg"):
        refused = Client().get(service(scan) + path)
        assert refused.status_code == 404, path
        # A viewer on another site may read that it is not found, and nothing more.
        assert refused["Access-Control-Allow-Origin"] == "*", path
        assert refused.content == b"No such image.", path
        assert staff_client.get(service(scan) + path).status_code in (200, 303), path
    # Not even the syntax is checked for the public: nothing says the scan exists.
    assert Client().get(f"{service(scan)}/all/max/0/default.jpg").status_code == 404
    image = staff_client.get(f"{service(scan)}/full/max/0/default.jpg")
    assert image["Cache-Control"] == "private"


def test_a_scan_belongs_to_its_document_and_needs_an_image(seed):
    other = make_document(record_id=6)
    scan = make_scan(make_document(record_id=5))
    assert Client().get(f"/documents/6/iiif/{scan.pk}/info.json").status_code == 404
    assert other.pk  # a published document, but not the scan's
    held_not = seed.scans.get()  # known to exist, not held: no image
    assert Client().get(f"/documents/110371/iiif/{held_not.pk}/info.json").status_code == 404


def test_info_json_is_cached_as_the_manifest_is_and_a_withdrawal_reaches_it(
    settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "archive.example.org"]
    settings.ARCHIVE_BASE_URL = "https://archive.example.org"
    document = make_document(record_id=5)
    scan = make_scan(document)
    public = Client(HTTP_HOST="archive.example.org")
    first = public.get(f"{service(scan)}/info.json", secure=True)
    assert first.page_store == "written"  # kept on disk, as the manifest is
    with django_assert_num_queries(1):  # the document's version, nothing else
        again = public.get(f"{service(scan)}/info.json", secure=True)
    assert again.content == first.content
    assert again["Access-Control-Allow-Origin"] == "*"
    # The images are files, streamed: never kept in the page cache or the store.
    image = public.get(f"{service(scan)}/full/max/0/default.jpg", secure=True)
    assert getattr(image, "page_store", None) is None
    document.status = "draft"
    document.save()
    for path in ("/info.json", "/full/max/0/default.jpg"):
        assert public.get(service(scan) + path, secure=True).status_code == 404, path
