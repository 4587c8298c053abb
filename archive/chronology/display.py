"""Dates shown honestly: as precise as known, qualified, and saying where they come from.

A date is shown from its first and last days and its precision, never from the EDTF
string itself, so an interval, a set, a season or a decade ("195X") reads as words:
"29–30 June 1951", "between 29 and 30 June 1951", "March–May 1951", "1950–1959".
"""

import datetime
from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..dates import DatePrecision
from .edtf import is_range, unit_bounds
from .edtf import read as edtf_read
from .reasons import FROM_SOURCE, INFERRED

# The document fields a date line is made from: what a query using only() must load.
DISPLAY_FIELDS = (
    "date_edtf", "date", "date_last", "date_precision", "date_approximate", "date_uncertain",
    "date_reason",
)  # fmt: skip

# From the finest unit to the coarsest.
_UNITS = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]


def document_date(document):
    """The date line of a document's page: "30 June 1951 (from the registration stamp)",
    "c. June 1951", "[not dated; between 29 and 30 June 1951]"; "" when undated."""
    fields = tuple(getattr(document, name) for name in DISPLAY_FIELDS)
    return _date_line(fields, translation.get_language())


# Made from these fields alone, in the language then active: a list of 25 documents shows
# a few hundred distinct dates over and over, and each line is a dozen formatting calls.
@lru_cache(maxsize=20_000)
def _date_line(fields, _language):
    document = SimpleNamespace(**dict(zip(DISPLAY_FIELDS, fields, strict=True)))
    first, last = document.date, document.date_last
    if first is not None and last is None and not document.date_edtf:
        # Written without save() (a bulk load, a document not yet saved): the day, month or
        # year holding the first day. With an EDTF value, no last day is an open end.
        first, last = unit_bounds(first, document.date_precision)
    inferred = document.date_reason in INFERRED
    text = interval_text(document.date_edtf, between=inferred) or date_text(
        first,
        last,
        document.date_precision,
        approximate=document.date_approximate,
        uncertain=document.date_uncertain,
        # A set means one of its days; an inference narrows the day down to a window.
        between=inferred or (document.date_edtf or "").startswith("["),
    )
    if not text:
        return ""
    if inferred:
        # Translators: a date no document gives, inferred by an editor:
        # "[not dated; between 29 and 30 June 1951]". Keep the square brackets.
        return _("[not dated; %(date)s]") % {"date": text}
    if document.date_reason in FROM_SOURCE:
        # Translators: a date and where on the document it was read:
        # "30 June 1951 (from the registration stamp)".
        return _("%(date)s (%(source)s)") % {
            "date": text,
            "source": FROM_SOURCE[document.date_reason],
        }
    return text


def interval_text(value, between=False):
    """An EDTF interval whose two ends are known to different units, each end to its own:
    "1951-06/1951-07-10" is "June 1951 – 10 July 1951", not "1 June – 10 July 1951", which
    would claim the first day is known. "" for anything else (date_text() says it)."""
    if "/" not in (value or ""):
        return ""
    ends = value.split("/", 1)
    if any(end.strip() in ("", "..") for end in ends):
        return ""
    try:
        first, last = (edtf_read(end) for end in ends)
    except ValidationError:
        return ""
    if first.precision == last.precision:
        return ""
    start, end = (
        date_text(d.first, d.last, d.precision, d.approximate, d.uncertain) for d in (first, last)
    )
    if between:
        return _("between %(first)s and %(last)s") % {"first": start, "last": end}
    return _("%(first)s – %(last)s") % {"first": start, "last": end}


def event_date(event):
    """An event's dates in the words a document's date uses: "30 June – 10 July 1951",
    "c. June 1951", "June 1951 – 10 July 1951", "between 29 and 30 June 1951" (one day of
    a set); "" when undated. An interval open at one end is a span whose start or end is
    not known, so it says "from 30 June 1951" or "until 10 July 1951", not "not before"."""
    value = (event.date_edtf or "").strip()
    if not value:
        return ""
    try:
        dating = edtf_read(value)
    except ValidationError:
        return ""
    if "/" in value and (dating.first is None or dating.last is None):
        start, end = (_open_span_end(part) for part in value.split("/", 1))
        if start:
            return _("from %(date)s") % {"date": start}
        return _("until %(date)s") % {"date": end} if end else ""
    return interval_text(value) or dating_text(dating)


def _open_span_end(part):
    """The known end of an event's interval open at its other end, in words; "" if open."""
    part = part.strip()
    if part in ("", ".."):
        return ""
    try:
        return dating_text(edtf_read(part))
    except ValidationError:
        return ""


def dating_text(dating, between=False):
    """An EDTF Dating (archive.chronology.edtf.read()) in words."""
    return date_text(
        dating.first,
        dating.last,
        dating.precision,
        approximate=dating.approximate,
        uncertain=dating.uncertain,
        between=between or dating.one_of,
    )


def date_text(first, last, precision, approximate=False, uncertain=False, between=False):
    """Words for the days from `first` to `last` (either None where open), to `precision`.

    `between` says the date is one unknown day of the range ("between 29 and 30 June
    1951"), not the range itself ("29–30 June 1951").
    """
    if first is None and last is None:
        return ""
    if first is None:
        # Translators: a date open at its start, "../1951" in EDTF: 1951 or earlier.
        text = _("not after %(date)s") % {"date": _single(last, _unit_of(last, precision, 1))}
    elif last is None:
        # Translators: a date open at its end, "1951/.." in EDTF: 1951 or later.
        text = _("not before %(date)s") % {"date": _single(first, _unit_of(first, precision, 0))}
    else:
        unit = _unit(first, last, precision)
        if not is_range(first, last, unit):
            text = _single(first, unit)
        else:
            start, end = _range_ends(first, last, unit)
            if between:
                # Translators: one unknown day (month, year) within a range:
                # "between 29 and 30 June 1951", "between 1950 and 1959".
                text = _("between %(first)s and %(last)s") % {"first": start, "last": end}
            elif " " in start:
                # Translators: a range whose first end has several words, "29 June – 2 July
                # 1951": the dash with spaces.
                text = _("%(first)s – %(last)s") % {"first": start, "last": end}
            else:
                # Translators: a range whose first end is one word, "29–30 June 1951",
                # "1950–1959": the dash without spaces.
                text = _("%(first)s–%(last)s") % {"first": start, "last": end}
    if uncertain:
        # Translators: an uncertain date, "June 1951?".
        text = _("%(date)s?") % {"date": text}
    if approximate:
        # Translators: an approximate date, "c. 1951".
        text = _("c. %(date)s") % {"date": text}
    return text


def _finest(*units):
    return min(units, key=_UNITS.index)


def _known(precision):
    return precision if precision in _UNITS else DatePrecision.DAY


def _unit(first, last, precision):
    """The unit a range is told in: the coarsest its ends fall on whole, but never coarser
    than its precision ("1951-06-01/1951-06-30" stays "1–30 June 1951"; the spring of
    1951, to the year in precision, is "March–May 1951")."""
    aligned = DatePrecision.DAY
    if first.day == 1 and unit_bounds(last, DatePrecision.MONTH)[1] == last:
        aligned = DatePrecision.MONTH
        if first.month == 1 and last.month == 12:
            aligned = DatePrecision.YEAR
    return _finest(_known(precision), aligned)


def _unit_of(day, precision, edge):
    """The unit an open range's known end is told in: its precision, if the day is the
    first (edge 0) or last (edge 1) day of that unit, else a finer one."""
    unit = _known(precision)
    while unit != DatePrecision.DAY and unit_bounds(day, unit)[edge] != day:
        unit = _UNITS[_UNITS.index(unit) - 1]
    return unit


def _single(day, unit):
    if unit == DatePrecision.YEAR:
        return str(day.year)
    if unit == DatePrecision.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


def _range_ends(first, last, unit):
    """The two ends in words, the first shortened by what it shares with the last."""
    end = _single(last, unit)
    if unit == DatePrecision.YEAR or first.year != last.year:
        return _single(first, unit), end
    if unit == DatePrecision.MONTH:
        # Translators: a date format (Django's date filter letters) for the first month of
        # a range within one year, "March" of "March–May 1951".
        return date_format(first, pgettext("date format: first month of a range", "F")), end
    if first.month == last.month:
        return date_format(first, "j"), end
    # Translators: a date format (Django's date filter letters) for the first day of a
    # range within one year, "29 June" of "29 June – 2 July 1951" ("j E" declines in Russian).
    return date_format(first, pgettext("date format: first day of a range", "j F")), end


class End(NamedTuple):
    """One end of a date as it is known: its day (the first day of its unit for a start,
    the last for an end) and that unit; June 1951 starts at 1 June, to the month."""

    day: datetime.date
    unit: str

    @property
    def parts(self):
        """[year, month, day], cut to what is known: [1951, 6] for June 1951."""
        parts = [self.day.year, self.day.month, self.day.day]
        return parts[: _UNITS[::-1].index(self.unit) + 1]


def date_ends(document):
    """(start, end) of a document's date, each an End known to its own unit, None where the
    date is open ("../1951" has no start); (None, None) when undated. A date of one day,
    month or year starts and ends in it: both ends have the same parts.

    What every export reads instead of the first day alone, so that "29–30 June 1951" is
    never written as 29 June. An interval whose ends are known to different units keeps
    each to its own, as interval_text() does: "1951-06/1951-07-10" starts in June.
    """
    value = document.date_edtf or ""
    if "/" in value:
        try:
            ends = [None if e.strip() in ("", "..") else edtf_read(e) for e in value.split("/", 1)]
        except ValidationError:
            ends = None
        if ends:
            start, end = ends
            return (
                start and End(start.first, _unit_of(start.first, start.precision, 0)),
                end and End(end.last, _unit_of(end.last, end.precision, 1)),
            )
    first, last = document.date, document.date_last
    if first is not None and last is None and not value:
        first, last = unit_bounds(first, document.date_precision)  # written without save()
    precision = document.date_precision
    if first is None or last is None:
        return (
            first and End(first, _unit_of(first, precision, 0)),
            last and End(last, _unit_of(last, precision, 1)),
        )
    unit = _unit(first, last, precision)
    return End(first, unit), End(last, unit)


def machine_date(document):
    """The date as an HTML <time datetime> value: "1951-06-30", "1951-06", "1951"; "" for a
    range, an open end or no date, which no single value of that attribute can say."""
    first, last = document.date, document.date_last
    if first is not None and last is None and not document.date_edtf:
        first, last = unit_bounds(first, document.date_precision)
    if first is None or last is None:
        return ""
    unit = _unit(first, last, document.date_precision)
    if is_range(first, last, unit):
        return ""
    if unit == DatePrecision.YEAR:
        return f"{first.year:04d}"
    if unit == DatePrecision.MONTH:
        return f"{first.year:04d}-{first.month:02d}"
    return first.isoformat()
