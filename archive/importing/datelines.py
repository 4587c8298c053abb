"""The dateline a text closes with ("30.6" under the signature), as written in each text.

A record's date comes from its header ("June 30, 1951"); when a text's closing lines
carry the same day in a line of its own, the date is the document's own dateline, and
each text's way of writing it is kept ("30.6", "30/VI 1951 г.").
"""

import re

# A line that is a date and nothing else: 30.6, 30.6.1951, 30/VI, 30.6.51 г.
_DATELINE = re.compile(
    r"^(?P<day>\d{1,2})\s*[./]\s*(?P<month>\d{1,2}|[IVX]{1,4})"
    r"(?:\s*[./]\s*(?P<year>\d{4}|\d{2}))?\s*(?:г\.?)?$"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}  # fmt: skip
# The dateline stands below the signature, among the last few passages.
CLOSING_PASSAGES = 6


def _month(written):
    return _ROMAN.get(written) if not written.isdigit() else int(written)


def _is_the_date(match, date):
    if int(match["day"]) != date.day or _month(match["month"]) != date.month:
        return False
    year = match["year"]
    return year is None or str(date.year).endswith(year)


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
            match = _DATELINE.match(line)
            if match and _is_the_date(match, date):
                found.append({"language": entry["language"], "text": line})
                break
    return found, "dateline" if found else ""
