"""A IIIF Image API 3.0 service at level 0 for each page image, so that any IIIF viewer
(Mirador, the Universal Viewer, OpenSeadragon) can show and zoom it.

    /documents/<record id>/iiif/<scan id>/info.json             what the service offers
    /documents/<record id>/iiif/<scan id>/full/<size>/0/default.jpg    the image

Level 0 serves only files that exist: the copies made at upload (archive.scans) and the
full image, whole, unrotated, as JPEG. Its sizes are asked for as "max", "w,h", "w," or
",h"; nothing is cut or resized on request. Anything else is answered as the
specification says (§7): 400 for what is not Image API syntax, 404 for what this service
does not offer, each with a message that says which.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from ..scans import derivative_size

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
MAX = "max"

# The syntax of each parameter (Image API 3.0, §4), to tell a request this service does
# not offer (404) from one that is no IIIF request at all (400).
_NUMBER = r"\d+(?:\.\d+)?"
_REGION = re.compile(rf"full|square|\d+,\d+,\d+,\d+|pct:{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}")
_SIZE = re.compile(rf"\^?(?:max|(?P<w>\d+)?,(?P<h>\d+)?|!\d+,\d+|pct:{_NUMBER})")
_ROTATION = re.compile(rf"!?(?P<degrees>{_NUMBER})")
_QUALITY = re.compile(r"(?P<quality>color|gray|bitonal|default)\.(?P<format>[a-z0-9]+)")


class ImageRequestError(Exception):
    """A request this service cannot answer: its HTTP status and why, for the client."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def sizes(scan):
    """[(width, height)] the service offers, smallest first: the copies made at upload,
    then the full image."""
    widths = [*sorted(scan.derivatives), None]
    return [derivative_size(scan, width) for width in widths]


def service_path(record_id, scan_id):
    """The service's address (its "id", without the host). Images have no language: the
    same address from every interface language, so that a browser keeps one copy."""
    with override(settings.LANGUAGE_CODE):
        return reverse("archive:iiif_service", args=[record_id, scan_id])


def image_path(record_id, scan_id, size=MAX):
    """The address of the image at `size`: MAX, or (width, height) from sizes()."""
    size = size if size == MAX else "{},{}".format(*size)
    return f"{service_path(record_id, scan_id)}/full/{size}/0/default.jpg"


def info(scan, service_id):
    """The image information (info.json) of a scan's service at `service_id`, absolute."""
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": "level0",
        "width": scan.width,
        "height": scan.height,
        # Exactly the files there are: a viewer asks for these and for nothing else.
        "sizes": [{"width": width, "height": height} for width, height in sizes(scan)],
    }


def requested_width(scan, region, size, rotation, quality):
    """The width of the copy a request asks for, None for the full image; raises
    ImageRequestError for any request but full/<a listed size>/0/default.jpg.

    `quality` is the last part of the address, the quality and format: "default.jpg".
    """
    parsed_size = _SIZE.fullmatch(size)
    parsed_rotation = _ROTATION.fullmatch(rotation)
    parsed_quality = _QUALITY.fullmatch(quality)
    if not _REGION.fullmatch(region):
        _bad(f"“{region}” is not a region: full, square, x,y,w,h or pct:x,y,w,h.")
    if not parsed_size or size.lstrip("^") == ",":
        _bad(f"“{size}” is not a size: max, w,h, w, ,h, !w,h or pct:n.")
    if not parsed_rotation or float(parsed_rotation["degrees"]) > 360:
        _bad(f"“{rotation}” is not a rotation: degrees from 0 to 360, ! before to mirror.")
    if not parsed_quality:
        _bad(f"“{quality}” is not a quality and format, such as default.jpg.")
    if region != "full":
        _not_offered(f"This level 0 service gives the full image only, not the region {region}.")
    if rotation != "0":
        _not_offered(f"This level 0 service does not rotate or mirror images ({rotation}).")
    if parsed_quality["quality"] != "default" or parsed_quality["format"] != "jpg":
        _not_offered(f"This level 0 service gives default.jpg only, not {quality}.")
    return _width_of(scan, size, parsed_size)


def _width_of(scan, size, parsed):
    if size == MAX:
        return None
    listed = ", ".join(f"{w},{h}" for w, h in sizes(scan))
    if size.startswith("^") or not (parsed["w"] or parsed["h"]):
        _not_offered(f"This level 0 service gives only max and its listed sizes: {listed}.")
    width, height = (_pixels(n) for n in (parsed["w"], parsed["h"]))
    if width == 0 or height == 0:
        _bad("An image has no size of zero pixels.")
    if (width or 0) > scan.width or (height or 0) > scan.height:
        _bad(f"{size} is larger than the image, {scan.width}×{scan.height}, without ^.")
    for listed_width, listed_height in sizes(scan):
        if width in (None, listed_width) and height in (None, listed_height):
            return None if listed_width == scan.width else listed_width
    _not_offered(f"This level 0 service has no copy {size}; it has {listed}.")


def _pixels(digits):
    # Ten digits are more pixels than any image has, and far more would not even convert.
    return None if digits is None else int(digits) if len(digits) < 10 else 10**10


def _bad(message):
    raise ImageRequestError(400, message)


def _not_offered(message):
    raise ImageRequestError(404, message)
