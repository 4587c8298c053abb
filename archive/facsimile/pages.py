"""The facsimile's pages: each page image with the rows of passages that stand on it."""

from dataclasses import dataclass, field

from . import image_api
from .regions import region_box

# How wide the image column is, for the browser to choose a copy before the stylesheet
# loads; facsimile.css gives the column these widths.
IMAGE_SIZES = "(min-width: 72rem) 26rem, (min-width: 60rem) 36vw, 100vw"
# The copy shown where srcset is not understood: wide enough for a phone held upright.
DEFAULT_WIDTH = 1000


@dataclass
class Region:
    passage: object
    left: float
    top: float
    width: float
    height: float


@dataclass
class Page:
    """One page image (None: the passages linked to no page) and what stands on it."""

    scan: object = None
    number: int = 0
    rows: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    src: str = ""
    srcset: str = ""

    @property
    def anchor(self):
        return f"page-{self.number}" if self.scan else "no-page"


def image_sources(scan, record_id):
    """(src, srcset) of a scan: the sizes its IIIF service lists (image_api.sizes), by
    width, at the service's addresses, which viewers of the manifest load too."""
    widths = [
        (width, image_api.image_path(record_id, scan.pk, (width, height)))
        for width, height in image_api.sizes(scan)
    ]
    fitting = [address for width, address in widths if width <= DEFAULT_WIDTH]
    src = fitting[-1] if fitting else widths[0][1]
    return src, ", ".join(f"{address} {width}w" for width, address in widths)


def paginate(rows, scans, texts, record_id):
    """[Page] in the order of the scans, then a page of the rows that stand on none.

    A row stands on the page of its original passages or, failing them, of its translation.
    Regions are drawn from the passages of every text, on the page each passage names.
    """
    pages = {}
    for number, scan in enumerate(scans, start=1):
        page = Page(scan=scan, number=number)
        page.src, page.srcset = image_sources(scan, record_id)
        pages[scan.pk] = page
    unlinked = Page()
    for row in rows:
        on = next((p.scan_id for p in row.original + row.translation if p.scan_id in pages), None)
        (pages[on] if on else unlinked).rows.append(row)
    for text in texts:
        for passage in text.passages.all():
            page = pages.get(passage.scan_id)
            box = page and region_box(passage.region, page.scan)
            if box:
                page.regions.append(Region(passage, *box))
    result = list(pages.values())
    return [*result, unlinked] if unlinked.rows else result
