"""Reading rendered pages in tests: the side-by-side table as rows of cells, and text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    attrs: dict
    text: str = ""
    ids: list = field(default_factory=list)


class _ParallelTable(HTMLParser):
    """Collects the rows of <table class="parallel ..."> with each cell's text and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.in_table, self.cell = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "parallel" in attrs.get("class", "").split():
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag == "td":
            self.cell = Cell(attrs)
            self.rows[-1].append(self.cell)
        elif self.cell is not None and "id" in attrs:
            self.cell.ids.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data


def parallel_rows(html):
    """The body rows of the side-by-side table: a list of lists of Cell."""
    parser = _ParallelTable()
    parser.feed(html)
    return [row for row in parser.rows if row]


def row_containing(html, needle):
    """The row of the side-by-side table one of whose cells contains `needle`."""
    for row in parallel_rows(html):
        if any(needle in cell.text for cell in row):
            return row
    raise AssertionError(f"no row contains {needle!r}")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(html):
    """The visible text of a page, whitespace collapsed, entities decoded."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
