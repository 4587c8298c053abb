"""Page images: what is accepted, and what is read from them (size, thumbnail, smaller copies).

Only real images are accepted — the file must open as JPEG, PNG or WebP,
whatever its name says — and none larger than settings.ARCHIVE_MAX_SCAN_BYTES.
Files go through Django's storage API, so an object store can hold them.
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# What browsers and IIIF viewers can show. TIFF masters are refused: convert them first.
ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMBNAIL_SIZE = (320, 480)
# The widths of the smaller copies made at upload: the sizes a IIIF Image API level-0 service
# lists, from which a browser picks (srcset) the one the screen needs. Never wider than the scan.
DERIVATIVE_WIDTHS = (1600, 1000, 600, 300)
DERIVATIVES_FOLDER = "scans/sizes"
FULL = "full"
_ORIENTATION = 0x0112  # the EXIF tag of a photograph taken sideways


def validate_scan(upload):
    """Refuse what is not an accepted image, or is too large, with a message that says so."""
    limit = settings.ARCHIVE_MAX_SCAN_BYTES
    if upload.size > limit:
        size, most = upload.size / 2**20, limit / 2**20
        raise ValidationError(f"The file is {size:.1f} MB; scans may be at most {most:.0f} MB.")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("The file is not an image that can be read.") from error
    finally:
        upload.seek(0)
    if kind not in ACCEPTED:
        raise ValidationError(
            f"{kind} images are not accepted: browsers cannot show them. Use JPEG, PNG or WebP."
        )


def describe_scan(scan):
    """Set the scan's size and media type from its image, and make its thumbnail and its
    smaller copies (scan.derivatives: their widths, widest first), and a full-size JPEG
    where the image itself cannot be served as one (full_jpeg_name).

    A photograph taken sideways says so in its EXIF data: the size is the upright one.
    """
    if not scan.image._committed:
        # Stored first, under the name the storage gives it: the copies are named after it.
        upload = scan.image
        upload.save(PurePath(upload.name).name, upload.file, save=False)
    upright, kind, as_is = _upright(scan)
    scan.media_type = ACCEPTED.get(kind, "application/octet-stream")
    scan.width, scan.height = upright.size
    scan.derivatives = [
        width for width in DERIVATIVE_WIDTHS if width < scan.width and _height(scan, width)
    ]
    storage = scan.image.storage
    for width in scan.derivatives:
        copy = upright.resize((width, _height(scan, width)), Image.Resampling.LANCZOS)
        name = derivative_name(scan, width)
        # The name is the copy's address: a copy made again replaces the old one under it.
        storage.delete(name)
        storage.save(name, ContentFile(_jpeg(copy)))
    if as_is:
        storage.delete(derivative_name(scan, FULL))  # a copy left by an earlier image
    else:
        _save_full_copy(scan, upright)
    upright.thumbnail(THUMBNAIL_SIZE)
    name = PurePath(scan.image.name).stem + ".jpg"
    scan.thumbnail.save(name, ContentFile(_jpeg(upright)), save=False)


def _upright(scan):
    """(the image upright in RGB, its format, whether the stored file is that as a JPEG)."""
    scan.image.open("rb")
    try:
        with Image.open(scan.image) as image:
            kind = image.format
            # A JPEG that needs no turning is served whole as the IIIF full size; a PNG, a
            # WebP, a sideways photograph or a CMYK scan gets a copy that any client reads.
            as_is = (
                image.format == "JPEG"
                and image.mode in ("RGB", "L")
                and image.getexif().get(_ORIENTATION, 1) == 1
            )
            upright = ImageOps.exif_transpose(image).convert("RGB")
    finally:
        scan.image.close()
    return upright, kind, as_is


def _save_full_copy(scan, upright):
    name = derivative_name(scan, FULL)
    storage = scan.image.storage
    storage.delete(name)
    return storage.save(name, ContentFile(_jpeg(upright)))


def _height(scan, width):
    return round(scan.height * width / scan.width)


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def derivative_name(scan, width):
    """Where the copy `width` pixels wide of the scan's image is stored (FULL: its full-size
    JPEG, made only where the image is not one).

    Made from the image's own name, which the storage keeps unique ("page.jpg" and
    "page.png" are two names), so that no other scan's copy can stand there.
    """
    image = PurePath(scan.image.name)
    return f"{DERIVATIVES_FOLDER}/{image.stem}-{image.suffix.lstrip('.')}-{width}.jpg"


def derivative_size(scan, width):
    """(width, height) of a smaller copy, or of the full image for width None."""
    if width is None:
        return scan.width, scan.height
    return width, _height(scan, width)


def full_jpeg_name(scan):
    """The stored name of the scan's full image as an upright JPEG, which a IIIF service
    serves at its full size: the image itself, if it is one, else its full-size copy.

    A scan stored before such copies were made gets its copy now, once: a JPEG of
    that time is served as it is.
    """
    name = derivative_name(scan, FULL)
    storage = scan.image.storage
    if storage.exists(name):
        return name
    if scan.media_type == ACCEPTED["JPEG"]:
        return scan.image.name
    # Two requests may make it at once: the storage gives the second another name, which
    # is removed, and both serve the one copy; neither removes a file the other reads.
    saved = storage.save(name, ContentFile(_jpeg(_upright(scan)[0])))
    if saved != name:
        storage.delete(saved)
    return name
