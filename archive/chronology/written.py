"""Dates as records write them, read into EDTF where the words say exactly what they mean.

"June 25-26, 1950" is the range 1950-06-25/1950-06-26, not "c. June 1950"; "1950-1953"
is 1950/1953; "Summer 1953" is the EDTF season 1953-22. What is read here is exact: the
document's bounds are the written ones. Anything else stays with dates.read_loosely().
"""

import datetime
import re

from ..dates import month_number

_MONTH = r"(?P<{name}>[A-Za-z]{{3,9}})\.?"
_DASH = r"\s*[-–—]\s*"
_PATTERNS = [
    # June 25-26, 1950 · June 25–26 1950
    re.compile(
        rf"^{_MONTH.format(name='m1')}\s+(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}}),?\s+(?P<y>\d{{4}})$"
    ),
    # 25-26 June 1950
    re.compile(
        rf"^(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\s+{_MONTH.format(name='m1')},?\s+(?P<y>\d{{4}})$"
    ),
    # June 29 - July 2, 1951
    re.compile(
        rf"^{_MONTH.format(name='m1')}\s+(?P<d1>\d{{1,2}}){_DASH}{_MONTH.format(name='m2')}\s+"
        rf"(?P<d2>\d{{1,2}}),?\s+(?P<y>\d{{4}})$"
    ),
    # 29 June - 2 July 1951
    re.compile(
        rf"^(?P<d1>\d{{1,2}})\s+{_MONTH.format(name='m1')}{_DASH}(?P<d2>\d{{1,2}})\s+"
        rf"{_MONTH.format(name='m2')},?\s+(?P<y>\d{{4}})$"
    ),
    # June-July 1951
    re.compile(
        rf"^{_MONTH.format(name='m1')}{_DASH}{_MONTH.format(name='m2')},?\s+(?P<y>\d{{4}})$"
    ),
]
_YEARS = re.compile(rf"^(?P<y1>\d{{4}}){_DASH}(?P<y2>\d{{4}})$")
# EDTF level 1 seasons.
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON = re.compile(r"^(?P<season>spring|summer|autumn|fall|winter),?\s+(?P<y>\d{4})$", re.I)


def _day(year, month, day):
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


def edtf_of_written(text):
    """The EDTF value a written date means exactly, or "" when its words are not read so."""
    written = " ".join((text or "").split())
    season = _SEASON.match(written)
    if season:
        return f"{int(season['y']):04d}-{_SEASONS[season['season'].lower()]}"
    years = _YEARS.match(written)
    if years and int(years["y1"]) < int(years["y2"]):
        return f"{years['y1']}/{years['y2']}"
    for pattern in _PATTERNS:
        match = pattern.match(written)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["y"])
        first_month = month_number(parts["m1"])
        last_month = month_number(parts.get("m2")) or first_month
        if first_month is None or last_month is None:
            return ""
        if "d1" not in parts:  # June-July 1951: two months
            if first_month >= last_month:
                return ""
            return f"{year:04d}-{first_month:02d}/{year:04d}-{last_month:02d}"
        first = _day(year, first_month, int(parts["d1"]))
        last = _day(year, last_month, int(parts["d2"]))
        if first is None or last is None or first >= last:
            return ""
        return f"{first.isoformat()}/{last.isoformat()}"
    return ""
