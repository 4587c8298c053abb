"""Regions of a page image, as IIIF writes them: "x,y,w,h" in pixels of the full image."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REGION = re.compile(r"^\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*$")


def parse_region(value):
    """(x, y, w, h) of a region written "x,y,w,h", or None for an empty or malformed one."""
    match = REGION.match(value or "")
    if not match:
        return None
    x, y, w, h = (int(number) for number in match.groups())
    return (x, y, w, h) if w and h else None


def validate_region(value, scan=None):
    """Refuse a region that is not "x,y,w,h", or that does not lie within the scan's image.

    For the passage form's clean(): an empty region (the whole page) is always right, and
    a region needs a page to lie on.
    """
    if not value:
        return
    region = parse_region(value)
    if region is None:
        raise ValidationError(
            _("Write the region as x,y,width,height in pixels, such as 120,340,1800,260."),
            code="region_syntax",
        )
    if scan is None:
        raise ValidationError(_("A region needs the page image it lies on."), code="region_page")
    x, y, w, h = region
    if scan.width and scan.height and (x + w > scan.width or y + h > scan.height):
        raise ValidationError(
            _("The region goes beyond the page image, which is %(width)s×%(height)s pixels.")
            % {"width": scan.width, "height": scan.height},
            code="region_outside",
        )


def region_box(value, scan):
    """The region as percentages of the image (left, top, width, height), for an overlay
    that follows the image at whatever size it is shown; None if there is none to draw."""
    region = parse_region(value)
    if region is None or not (scan.width and scan.height):
        return None
    x, y, w, h = region
    # Clipped to the page: a region typed before the image was replaced still shows in it.
    x, y = min(x, scan.width), min(y, scan.height)
    w, h = min(w, scan.width - x), min(h, scan.height - y)
    if not (w and h):
        return None
    sizes = (scan.width, scan.height, scan.width, scan.height)
    return tuple(round(100 * n / size, 3) for n, size in zip((x, y, w, h), sizes, strict=True))
