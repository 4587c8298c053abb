"""Page images: what is accepted, and what is read from them (size, thumbnail).

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
    """Set the scan's size and media type from its image, and make its thumbnail.

    A photograph taken sideways says so in its EXIF data: the size is the upright one.
    """
    scan.image.seek(0)
    with Image.open(scan.image) as image:
        scan.media_type = ACCEPTED.get(image.format, "application/octet-stream")
        upright = ImageOps.exif_transpose(image)
        scan.width, scan.height = upright.size
        upright.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        upright.convert("RGB").save(buffer, "JPEG", quality=85)
    scan.image.seek(0)
    name = PurePath(scan.image.name).stem + ".jpg"
    scan.thumbnail.save(name, ContentFile(buffer.getvalue()), save=False)
