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


class _FormFields(HTMLParser):
    """The fields a browser would send with the form whose id is given, as (name, value)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                default = "on" if kind in ("checkbox", "radio") else ""
                self.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            # A browser drops the newline that directly follows <textarea>.
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html, form_id):
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.fields


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(html):
    """[(tag, {attribute: value})] of every start tag of a page, in order."""
    parser = _StartTags()
    parser.feed(html)
    return parser.tags


@dataclass
class Piece:
    """A text a reader meets on a page, and the language the page says it is in."""

    text: str
    language: str  # inherited from the nearest lang attribute; "" means unknown
    in_main: bool
    in_svg: bool
    is_attribute: bool  # aria-label, title, placeholder or alt


class _Readable(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
    READ_ALOUD = ("aria-label", "title", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.stack = [], []  # stack: (language, in_main, in_svg, skipped)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language, in_main, in_svg, skipped = (
            self.stack[-1] if self.stack else ("", False, False, False)
        )
        language = attrs.get("lang", language)
        in_main, in_svg = in_main or tag == "main", in_svg or tag == "svg"
        skipped = skipped or tag in ("script", "style")
        if not skipped:
            for name in self.READ_ALOUD:
                if attrs.get(name):
                    self.pieces.append(Piece(attrs[name], language, in_main, in_svg, True))
        if tag not in self.VOID:
            self.stack.append((language, in_main, in_svg, skipped))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and self.stack and not self.stack[-1][3]:
            language, in_main, in_svg, _skipped = self.stack[-1]
            self.pieces.append(Piece(data.strip(), language, in_main, in_svg, False))


def readable_text(html):
    """[Piece] of every text and read-aloud attribute of a page, with its language."""
    parser = _Readable()
    parser.feed(html)
    return parser.pieces
