"""The dateline a text closes with ("30.6" under the signature), as written in each text.

A record's date comes from its header ("June 30, 1951"); when a text's closing lines
carry the same day in a line of its own, the date is the document's own dateline, and
each text's way of writing it is kept ("30.6", "30/VI 1951 г.").
"""

import re
from typing import NamedTuple

# A line that is a date and nothing else: 30.6, 30.6.1951, 30/VI, 30.6.51 г.
_DATELINE = re.compile(
    r"^(?P<day>\d{1,2})\s*[./]\s*(?P<month>\d{1,2}|[IVX]{1,4})"
    r"(?:\s*[./]\s*(?P<year>\d{4}|\d{2}))?\s*(?:г\.?)?$"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}  # fmt: skip
# The dateline stands below the signature, among the last few passages.
CLOSING_PASSAGES = 6


class Dateline(NamedTuple):
    """A line that dates its text: the day and month, and the year as far as it is written."""

    day: int
    month: int
    year: str | None  # "1951", "51" or None

    def means(self, date):
        """Whether the line can be the date `date`: "30.6" is 30 June of any year."""
        if (self.day, self.month) != (date.day, date.month):
            return False
        return self.year is None or str(date.year).endswith(self.year)


def dateline(line):
    """The Dateline a line is, or None: "12.15" (a time) or "40.2" is no date."""
    match = _DATELINE.match(line.strip())
    if match is None:
        return None
    written = match["month"]
    month = int(written) if written.isdigit() else _ROMAN.get(written)
    day = int(match["day"])
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Dateline(day, month, match["year"])


def read_datelines(entries, date, precision):
    """([{"language", "text"}] for each text whose closing lines date it `date`, reason).

    The reason is "dateline" when any text does, else "" (not said: the header's date
    may be an editor's). Only a date known to the day can be matched.
    """
    if date is None or precision != "day":
        return [], ""
    found = []
    for entry in entries:
        lines = [
            line.strip()
            for passage in entry["passages"][-CLOSING_PASSAGES:]
            for line in passage["content"].splitlines()
        ]
        for line in reversed(lines):
            found_line = dateline(line)
            if found_line is not None and found_line.means(date):
                found.append({"language": entry["language"], "text": line})
                break
    return found, "dateline" if found else ""
