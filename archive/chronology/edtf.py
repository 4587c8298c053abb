"""EDTF (Library of Congress Extended Date/Time Format, levels 0–2) as the archive keeps it.

The `edtf` package validates a value and gives its bounds; the value itself is stored as
the string an archivist wrote, beside our own first and last days, precision and
qualifiers, so nothing depends on the package's pickled objects and every database can
filter and sort on plain dates.
"""

import datetime
import functools
import math
import re
from typing import NamedTuple

import edtf
from django.core.exceptions import ValidationError

from ..dates import DatePrecision, span


class Dating(NamedTuple):
    """What an EDTF value says: its first and last possible days (None where open)."""

    edtf: str
    first: datetime.date | None
    last: datetime.date | None
    precision: str
    approximate: bool
    uncertain: bool

    @property
    def is_range(self):
        """True when the value spans more than one day, month or year of its precision:
        "29–30 June 1951", a season (March to May), a decade ("195X"), an open end."""
        return is_range(self.first, self.last, self.precision)

    @property
    def one_of(self):
        """True for "one of a set" ([1951-06-29..1951-06-30]): one day among them, not all."""
        return self.edtf.startswith("[")

    @property
    def window(self):
        """The dating as a page shows an inference: "between 29 and 30 June 1951"."""
        from .display import dating_text

        return dating_text(self, between=True)


def unit_bounds(day, precision):
    """The first and last days of the day, month or year (as `precision` says) holding `day`."""
    first, after = span(day, precision if precision in DatePrecision.values else "day")
    return first, after - datetime.timedelta(days=1)


def is_range(first, last, precision):
    """True unless `first` and `last` are the bounds of one unit of `precision`."""
    if first is None or last is None:
        return True
    return (first, last) != unit_bounds(first, precision)


def _day(struct):
    """A date from the package's struct_time bound; None for an open (infinite) end."""
    if struct is None:
        return None
    if isinstance(struct, float) and math.isinf(struct):
        return None
    try:
        return datetime.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    except (AttributeError, ValueError, OverflowError):
        return None


class _NoBounds(Exception):
    """The package parsed the value but cannot work out its days (1951-06-3X)."""


def _bound(method):
    try:
        found = method()
    except (TypeError, ValueError, OverflowError, AttributeError):
        raise _NoBounds from None
    return _day(found)


def _precision(value):
    """The finest unit the value's dates are given to."""
    body = value.split("T", 1)[0]
    # Each endpoint of an interval or member of a set: its own precision; the finest wins.
    parts = [p for p in body.replace("[", " ").replace("]", " ").replace("{", " ")
             .replace("}", " ").replace("/", " ").replace(",", " ").replace("..", " ").split()
             if p]  # fmt: skip
    best = DatePrecision.YEAR
    order = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]
    for part in parts:
        bare = part.strip("~?%").lstrip("-")
        # Unspecified digits at the end say nothing finer is known: 1951-06-XX is a month.
        pieces = bare.split("-")
        while len(pieces) > 1 and not pieces[-1].strip("~?%X"):
            pieces.pop()
        if len(pieces) >= 3:
            found = DatePrecision.DAY
        elif (
            len(pieces) == 2
            and pieces[1].strip("~?%X").isdigit()
            and int(pieces[1].strip("~?%")) <= 12
        ):
            found = DatePrecision.MONTH
        else:  # a year, or a season (21–41), which is coarser than a month
            found = DatePrecision.YEAR
        if order.index(found) > order.index(best):
            best = found
    return best


# The commonest values, a plain day, month or year with at most one qualifier, read without
# the package: its parser takes about 10 ms a value, most of an import's time per record.
_PLAIN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%]?)$")


def _plain(value):
    """The Dating of a plain "1951", "1951-06", "1951-06-30~", or None for anything else."""
    match = _PLAIN.match(value)
    if match is None:
        return None
    year, month, day = int(match["year"]), match["month"], match["day"]
    try:
        if day is not None:
            first = last = datetime.date(year, int(month), int(day))
            precision = DatePrecision.DAY
        elif month is not None:
            first = datetime.date(year, int(month), 1)
            last = span(first, DatePrecision.MONTH)[1] - datetime.timedelta(days=1)
            precision = DatePrecision.MONTH
        else:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            precision = DatePrecision.YEAR
    except ValueError:
        return None  # "1951-02-31", "1951-13": the package says what is wrong
    qualifier = match["q"]
    return Dating(value, first, last, precision, qualifier in "~%" and qualifier != "",
                  qualifier in "?%" and qualifier != "")  # fmt: skip


def read(value):
    """The Dating an EDTF string gives, or ValidationError saying what is wrong with it."""
    value = (value or "").strip()
    if not value:
        raise ValidationError("An EDTF date is empty.", code="edtf_empty")
    plain = _plain(value)
    if plain is not None:
        return plain
    return _parsed(value)


@functools.lru_cache(maxsize=2048)
def _parsed(value):
    """read() of anything but a plain value, through the package; kept, as values recur."""
    try:
        parsed = edtf.parse_edtf(value)
    except Exception as error:  # the package raises its own and pyparsing's errors
        raise ValidationError(
            "“%(value)s” is not an EDTF date (%(error)s). Write it as 1951-06-30, 1951-06, "
            "1951~ (approximate), 1951-06? (uncertain), 1951-06-29/1951-06-30 (a range).",
            code="edtf_invalid",
            params={"value": value, "error": str(error).splitlines()[0][:120] or "unreadable"},
        ) from None
    try:
        first, last = _bound(parsed.lower_strict), _bound(parsed.upper_strict)
    except _NoBounds:
        raise ValidationError(
            "The first and last days of “%(value)s” cannot be worked out; write the days it "
            "can mean as an interval instead, such as 1951-06-20/1951-06-30.",
            code="edtf_no_bounds",
            params={"value": value},
        ) from None
    # An unknown end ("/1951", "1951/") is as unbounded as an open one ("../1951"): the
    # package would guess ten years, which no historian has said.
    if "/" in value:
        start, end = value.split("/", 1)
        first = None if not start.strip() else first
        last = None if not end.strip() else last
    if first is None and last is None:
        raise ValidationError(
            "“%(value)s” names no day the archive can store (years 1 to 9999, at least one "
            "end known).",
            code="edtf_unbounded",
            params={"value": value},
        )
    if first and last and first > last:
        raise ValidationError(
            "“%(value)s” ends before it begins.", code="edtf_reversed", params={"value": value}
        )
    return Dating(
        edtf=value,
        first=first,
        last=last,
        precision=_precision(value),
        approximate="~" in value or "%" in value,
        uncertain="?" in value or "%" in value,
    )


def validate_edtf(value):
    """Field validator: an empty value is allowed (undated), anything else must parse."""
    if value:
        read(value)


def from_partial(date, precision, approximate=False, uncertain=False):
    """The EDTF string for a date kept as first day + precision: 1951-06~ for "c. June 1951"."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        text = f"{date.year:04d}"
    elif precision == DatePrecision.MONTH:
        text = f"{date.year:04d}-{date.month:02d}"
    else:
        text = date.isoformat()
    if approximate and uncertain:
        return text + "%"
    return text + ("~" if approximate else "?" if uncertain else "")


PARTIAL_FIELDS = ("date", "date_precision", "date_approximate", "date_uncertain")


def loaded(document):
    """Remember the date as read from the database, so apply() can tell what was edited.

    Only when every date field was read: a document fetched with only() or defer() has no
    such memory, and apply() asks the database instead.
    """
    names = ("date_edtf", *PARTIAL_FIELDS)
    if all(name in document.__dict__ for name in names):
        document._loaded_dating = tuple(document.__dict__[name] for name in names)
    else:
        document.__dict__.pop("_loaded_dating", None)


def _stored(document):
    """The date fields as the database holds them now, or None for a document not saved."""
    if document.pk is None:
        return None
    return (
        type(document)
        ._base_manager.filter(pk=document.pk)
        .values_list("date_edtf", *PARTIAL_FIELDS)
        .first()
    )


def apply(document):
    """Make a document's date fields agree, from whichever side was edited.

    A value written in EDTF sets the first and last days, the precision and the
    qualifiers. Writers that set only the first day and precision (old exports, the
    corpus generator, code that moves a date) get the EDTF value made for them, so an
    edit to either side is never overwritten by the other's stale copy.
    """
    before = getattr(document, "_loaded_dating", None)
    if before is None and not document._state.adding:
        before = _stored(document)  # fetched partly (only(), defer()): what is there now
    partial = tuple(getattr(document, name) for name in PARTIAL_FIELDS)
    edtf_edited = before is None or document.date_edtf != before[0]
    partial_edited = before is not None and partial != before[1:]
    if document.date_edtf and (edtf_edited or not partial_edited):
        dating = read(document.date_edtf)
        document.date = dating.first
        document.date_last = dating.last
        document.date_precision = dating.precision
        document.date_approximate = dating.approximate
        document.date_uncertain = dating.uncertain
    elif before and before[0] and not partial_edited:  # the EDTF value was cleared: undated
        document.date = document.date_last = None
        document.date_approximate = document.date_uncertain = False
    elif document.date is not None:
        document.date_edtf = from_partial(
            document.date,
            document.date_precision,
            document.date_approximate,
            getattr(document, "date_uncertain", False),
        )
        # "June 1951" is kept from its first day, whichever day of June was given.
        document.date, document.date_last = unit_bounds(document.date, document.date_precision)
    else:
        document.date_edtf = ""
        document.date_last = None
    loaded(document)
    return document
