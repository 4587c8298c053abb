"""Dates known to a day, a month or a year, as archival dates are.

A partial date is stored as its first day plus a precision: "June 1951" is
1951-06-01 with month precision; beside it a document keeps its last day (see
archive.chronology.edtf), so that a range query asks whether any day the date can
mean falls inside the range: whether the two ranges overlap.
"""

import datetime
import re

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ImpossibleDate(ValueError):
    """A date that names a day the calendar does not have ("February 31, 1951")."""


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def format_partial_date(date, precision, approximate=False):
    """Format to the precision known, in the active language: "30 June 1951", "June 1951"."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        text = str(date.year)
    elif precision == DatePrecision.MONTH:
        text = date_format(date, "YEAR_MONTH_FORMAT")
    else:
        text = date_format(date, "DATE_FORMAT")
    # Translators: an approximate date, "c. 1951".
    return gettext("c. %(date)s") % {"date": text} if approximate else text


def next_month(day):
    """The first day of the month after `day`'s."""
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def previous_month(day):
    """The first day of the month before `day`'s."""
    return datetime.date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def span(date, precision):
    """(first day, day after the last) of what a partial date can mean: June 1951 is
    (1951-06-01, 1951-07-01)."""
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year, 1, 1), datetime.date(date.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return date.replace(day=1), next_month(date)
    return date, date + datetime.timedelta(days=1)


def not_ending_before(day):
    """Q for documents whose date can mean `day` or later: their range, from the first
    day ("not before") to the last ("not after"), overlaps [day, …).

    A date open at its end ("1951/..") has no last day and is kept; an undated document
    never is. "June 1951" ends on 30 June, so it is kept for a range from 20 June.
    """
    return models.Q(date_last__gte=day) | models.Q(date_last__isnull=True, date__isnull=False)


def not_beginning_after(day):
    """Q for documents whose date can mean `day` or earlier: a range that overlaps (…, day].
    A date open at its start ("../1951") has no first day and is kept."""
    return models.Q(date__lte=day) | models.Q(date__isnull=True, date_last__isnull=False)


def overlapping(start=None, end=None):
    """Q for documents whose date can mean a day from `start` to `end` (either may be None):
    the two ranges overlap, as a historian asking for "June 1951" wants "29–30 June" and
    "1951" too."""
    found = models.Q()
    if start is not None:
        found &= not_ending_before(start)
    if end is not None:
        found &= not_beginning_after(end)
    return found


MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
# A month as records write it: in full or abbreviated ("Jun.", "Sept.").
_MONTH_NUMBERS = {
    written.lower(): number
    for number, name in enumerate(MONTHS, start=1)
    for written in (name, name[:3])
} | {"sept": 9}


def earliest_first(first, last):
    """A sort key for a date whose first day is `first` and last day `last` (None for an
    open or unknown end), earliest first as lists order them: a range open at its start
    ("../1951") before every dated one, by its last day; then by the first day; the
    undated last. The database orders the same way (querysets.by_start)."""
    if first is not None:
        return (1, first)
    if last is not None:
        return (0, last)
    return (2, datetime.date.max)


def month_number(word):
    """1–12 for a month's name as records write it ("June", "Jun.", "Sept"), or None."""
    return _MONTH_NUMBERS.get((word or "").lower().rstrip("."))


_APPROXIMATE = re.compile(r"^(?:c\.|ca\.|circa|about)\s*", re.IGNORECASE)
_WRITTEN_FORMS = [
    (
        re.compile(r"^(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2}),? (?P<year>\d{4})$"),
        DatePrecision.DAY,
    ),
    (
        re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Za-z]+)\.?,? (?P<year>\d{4})$"),
        DatePrecision.DAY,
    ),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"), DatePrecision.DAY),
    # The Russian and European way, "30.06.1951".
    (re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$"), DatePrecision.DAY),
    (re.compile(r"^(?P<month>[A-Za-z]+)\.?,? (?P<year>\d{4})$"), DatePrecision.MONTH),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$"), DatePrecision.MONTH),
    (re.compile(r"^(?P<year>\d{4})$"), DatePrecision.YEAR),
]


def parse_written_date(text):
    """(date, precision, approximate) for a date as a record writes it, or ValueError.

    "June 30, 1951", "30 June 1951", "1951-06-30", "June 1951", "1951", "c. 1951".
    """
    written = " ".join(text.split())
    approximate = bool(_APPROXIMATE.match(written))
    written = _APPROXIMATE.sub("", written)
    for pattern, precision in _WRITTEN_FORMS:
        match = pattern.match(written)
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("month", "1")
        month = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.lower())
        if month is None:
            raise ValueError(f"“{parts['month']}” is not the name of a month")
        try:
            date = datetime.date(int(parts["year"]), month, int(parts.get("day", 1)))
        except ValueError as error:
            raise ImpossibleDate(f"“{text}” is not a date in the calendar ({error})") from None
        return date, precision, approximate
    raise ValueError(
        f"“{text}” is not a date in a form the importer reads "
        "(“June 30, 1951”, “30 June 1951”, “June 1951”, “1951”, “c. 1951”)"
    )


# A year, and a month named in words, anywhere in a looser notation.
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_MONTH_WORD = re.compile(r"[A-Za-z]+")
# A note or a doubt beside a date: "[approximately]", "(est.)", "?".
_ASIDE = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))|\?")


def read_loosely(text):
    """(date, precision) for a date written in a notation parse_written_date() does not
    read, as near as its words allow, or None: "June 25-26, 1950" and "Late June 1950"
    are June 1950, "1950-1953" and "Summer 1953" a year (the first one named).

    Such a date is approximate; its notation is kept as written beside it.
    """
    bare = _ASIDE.sub("", text or "").strip()
    if bare != (text or "").strip():
        try:  # "June 30, 1951 [approximately]", "1951?"
            day, precision, _approximate = parse_written_date(bare)
            return day, precision
        except ValueError:
            pass
    year = _YEAR.search(text or "")
    if year is None:
        return None
    before = text[: year.start()]
    months = [
        _MONTH_NUMBERS[word.lower()]
        for word in _MONTH_WORD.findall(before)
        if word.lower() in _MONTH_NUMBERS
    ]
    if months:
        return datetime.date(int(year[1]), months[0], 1), DatePrecision.MONTH
    return datetime.date(int(year[1]), 1, 1), DatePrecision.YEAR
