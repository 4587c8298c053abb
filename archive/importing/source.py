"""A record file's bytes into text, and the text into the record's labelled parts.

The format, as the Wilson Center Digital Archive renders a record:

    **June 30, 1951**
    **Ciphered Telegram No. 21336 from Beijing, Mao
    Zedong to Cde. Filippov [Stalin]**

    **Citation:**
    "…", June 30, 1951, Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 339, l. 92.
    <https://…/document/110371>

    **Summary:** …   **Original Language:** …   **Contents:** …

followed by the body: the record's texts, one after another, in the order the
Contents list them (sections.py cuts it). Two spaces at the end of a line are a
Markdown line break, not text.
"""

import codecs
import re
from dataclasses import dataclass, field

from ..fields import CONTROL_CHARACTERS, normalize_text
from ..languages import CYRILLIC

_LABEL = re.compile(r"^\*\*(?P<label>[^*]+):\*\*$")
_BOLD_LINE = re.compile(r"^\*\*(?P<text>.*?)(?P<end>\*\*)?$")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a date line gives a year, and little else
LABELS = ("Citation", "Summary", "Credits", "Original Language", "Contents")


class RecordFileError(ValueError):
    """A record file that cannot be imported: which line, and what is wrong with it."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Line:
    number: int  # 1-based, as an editor shows it
    text: str


@dataclass
class SourceRecord:
    date_as_written: str = ""
    date_line: int = 0
    title: str = ""
    sections: dict = field(default_factory=dict)  # label → list of Line
    body: list = field(default_factory=list)  # Line: the texts, after the Contents
    warnings: list = field(default_factory=list)

    def section_text(self, label):
        return "\n".join(line.text for line in self.sections.get(label, []) if line.text)

    def section_line(self, label):
        lines = self.sections.get(label)
        return lines[0].number if lines else None


def decode(data, encoding=None):
    """(text, encoding name) of a file's bytes; RecordFileError if it is not text we can read.

    Without an explicit encoding: a byte-order mark decides; otherwise UTF-8, and
    failing that Windows-1251, the usual encoding of Russian files from Windows —
    accepted only if what it gives reads as Cyrillic text, not as noise.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise RecordFileError(f"cannot be read as {encoding}: {error}") from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8 with BOM"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[len(bom) :], name), name.replace("-le", "").replace("-be", "")
    if b"\x00" in data:
        raise RecordFileError("this is not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_cyrillic(text):
        return text, "windows-1251"
    line = data[: utf8_error.start].count(b"\n") + 1
    raise RecordFileError(
        "the file is neither UTF-8 nor Windows-1251 text (byte "
        f"0x{data[utf8_error.start]:02x} is not valid UTF-8); save it as UTF-8, or name its "
        "encoding with --encoding",
        line,
    )


def _strict(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RecordFileError(f"invalid {encoding} despite the byte-order mark", line) from None


def _reads_as_cyrillic(text):
    """Whether the non-ASCII letters of a cp1251 decoding are mostly Cyrillic."""
    foreign = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    if not foreign:
        return False
    return sum(1 for ch in foreign if CYRILLIC.match(ch)) / len(foreign) > 0.9


def read_record(data, encoding=None):
    """A SourceRecord from a file's bytes, or RecordFileError naming the line at fault."""
    text, _name = decode(data, encoding)
    lines = []
    for number, raw in enumerate(normalize_text(text).split("\n"), start=1):
        # The model would refuse the text on saving; here the line at fault can be named.
        bad = CONTROL_CHARACTERS.search(raw)
        if bad:
            raise RecordFileError(
                f"invisible control character U+{ord(bad.group()):04X} in the text", number
            )
        # Trailing spaces are Markdown (two make a line break) or nothing; tabs are table cells.
        lines.append(Line(number, raw.rstrip(" ")))
    record = SourceRecord()
    _parse(lines, record)
    return record


def _parse(lines, record):
    position = _skip_blank(lines, 0)
    if position == len(lines):
        raise RecordFileError("the file is empty")
    position = _header(lines, position, record)
    position = _sections(lines, position, record)
    record.body = _trimmed(lines[position:])


def _skip_blank(lines, position):
    while position < len(lines) and not lines[position].text.strip():
        position += 1
    return position


def _header(lines, position, record):
    """The bold date line, then the bold title (which may run over several lines).

    A date line gives a year, as a rule; one that gives none ("**Undated**") is a date line
    still when the title follows it in bold. A record that begins with its title has no
    date line: it is undated (the importer says so), not refused.
    """
    first = lines[position]
    match = _BOLD_LINE.match(first.text)
    if not match or _LABEL.match(first.text):
        raise RecordFileError(
            f"expected the record's date in bold, like **June 30, 1951**, not “{first.text}”",
            first.number,
        )
    following = lines[position + 1].text if position + 1 < len(lines) else ""
    title_follows = following.startswith("**") and not _LABEL.match(following.strip())
    short = match["end"] and len(first.text) <= 44
    if short and (_YEAR.search(first.text) or title_follows):
        record.date_as_written, record.date_line = match["text"].strip(), first.number
        position += 1
    else:  # the title comes first: no date line
        record.date_as_written, record.date_line = "", first.number
    if position >= len(lines) or not lines[position].text.startswith("**"):
        raise RecordFileError(
            "expected the title in bold after the date",
            lines[position].number if position < len(lines) else first.number,
        )
    title, start = [], lines[position].number
    while position < len(lines):
        text = lines[position].text
        if not text.strip():
            break
        title.append(text)
        position += 1
        if text.endswith("**") and (len(title) > 1 or len(text) > 2):
            break
    joined = " ".join(part.strip() for part in title)
    if not (joined.startswith("**") and joined.endswith("**") and len(joined) > 4):
        raise RecordFileError("the title is not closed with **", start)
    record.title = joined[2:-2].strip()
    return position


def _sections(lines, position, record):
    """The labelled sections, up to the end of Contents; the texts follow.

    A record without Contents ends its header with the first paragraph of the last
    section it has (the Original Language's line, as a rule). Sections after the Contents
    ("Associated Places") are sections still, each of one paragraph, not text.
    """
    label, after_contents = None, False
    labels = [m["label"].strip() for line in lines if (m := _LABEL.match(line.text.strip()))]
    known = [label for label in labels if label in LABELS]
    last = "Contents" if "Contents" in known else (known[-1] if known else None)
    while position < len(lines):
        line = lines[position]
        match = _LABEL.match(line.text.strip())
        if match:
            label = _known_label(match["label"].strip(), line, record)
            if label not in LABELS:
                record.warnings.append(
                    f"line {line.number}: the section “{label}” is not one the importer reads "
                    f"({', '.join(LABELS)}); it is kept with the record's particulars"
                )
            if label in record.sections:
                record.warnings.append(
                    f"line {line.number}: the section “{label}” appears twice; its parts are "
                    "read as one"
                )
            record.sections.setdefault(label, [])
            if after_contents:
                last = label
        elif label is None:
            if line.text.strip():
                raise RecordFileError(
                    "expected a section such as **Citation:** after the title", line.number
                )
        elif label == last and not line.text.strip() and record.sections[label]:
            following = _skip_blank(lines, position)
            if following < len(lines) and _LABEL.match(lines[following].text.strip()):
                after_contents, position = True, following  # another section, not text
                continue
            return position + 1  # the blank line after the contents list: the text begins
        elif line.text.strip() or record.sections[label]:
            record.sections[label].append(line)
        position += 1
    return position


def _known_label(label, line, record):
    """A label as the importer knows it: "Sumary" and "original language" are read as
    "Summary" and "Original Language", with a warning; others are returned as they are."""
    for known in LABELS:
        if label != known and _near(label.casefold(), known.casefold()):
            record.warnings.append(f"line {line.number}: “{label}” is read as “{known}”")
            return known
    return label


def _near(a, b):
    """Whether two words differ by at most one letter inserted, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _trimmed(lines):
    """Lines without the blank ones at either end."""
    start, end = 0, len(lines)
    while start < end and not lines[start].text.strip():
        start += 1
    while end > start and not lines[end - 1].text.strip():
        end -= 1
    return lines[start:end]
