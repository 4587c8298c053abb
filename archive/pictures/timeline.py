"""Published documents along a time axis: a mark for each, or bars when there are too many.

Each mark is placed at the middle of what its date can mean (a "June 1951" document in
mid-June) and drawn hollow when the date is partial or approximate. A document dated by
a range ("29 June – 2 July 1951", "between 1950 and 1959") is drawn as a span from its
first day to its last, not as a point: a point would claim a day no one knows. Bars
count documents per year, or per month over a short span, a range in each period it
reaches, and link to the browse page for that range, which finds them by overlap.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode

from ..chronology.display import DISPLAY_FIELDS
from ..chronology.edtf import is_range, unit_bounds
from ..dates import DatePrecision, next_month, previous_month
from .svg import Labelled, TimeScale, count_ticks, month_starts, num, year_ticks

MAX_MARKS = 200  # more documents than this are counted in bars
MAX_STACK = 24  # so are documents piling up higher than this on a few days
MAX_MONTHS = 36  # a span of at most this many months has a bar per month, not per year

WIDTH = 960
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 36  # margins round the plot
MARK_RADIUS = 5
MARK_STEP = 12  # from one stacked mark to the next
BARS_HEIGHT = 200


@dataclass
class Mark:
    document: object
    exact: bool  # dated to the day, not approximately: drawn filled
    x: str = ""
    y: str = ""
    # A range is drawn as a span from its first day to its last: a rectangle from x0.
    span: bool = False
    x0: str = ""
    top: str = ""
    width: str = ""


@dataclass
class Bar:
    label: str  # "1951", "June 1951"
    count: int
    url: str  # the browse page, for the same range and filters
    x: str = ""
    y: str = ""
    width: str = ""
    height: str = ""


@dataclass
class Tick:
    label: str  # empty for a tick without a name
    x: str
    y: str  # of the label
    label_x: str = ""


@dataclass
class Timeline(Labelled):
    """Everything templates/archive/timeline.html draws; no queries left."""

    dated: int = 0
    undated: int = 0
    marks: list = field(default_factory=list)
    bars: list = field(default_factory=list)
    per: str = ""  # "year" or "month" for bars
    first_year: int = 0
    last_year: int = 0
    year_ticks: list = field(default_factory=list)
    month_ticks: list = field(default_factory=list)  # x of each month's start, when they fit
    count_ticks: list = field(default_factory=list)
    # Month bars count a document dated only to its year, or by a range, in each month it
    # reaches, as the browse page finds it in each month's range.
    spread_years: bool = False
    spans: bool = False  # some marks are spans (documents dated by a range)
    id: str = "timeline"
    width: str = num(WIDTH)
    height: str = "0"
    axis_y: str = "0"
    tick_end: str = "0"  # where the year ticks below the axis end
    month_tick_end: str = "0"
    left: str = num(LEFT)
    right: str = num(WIDTH - RIGHT)


def timeline(documents, filters=None):
    """`documents` (published, filtered) along a time axis, in two queries.

    `filters`, the browse page's parameters they were chosen by ({"person": "joseph-stalin"}),
    go into the bars' links.
    """
    periods = list(
        documents.order_by()
        .values_list(TruncMonth("date"), TruncMonth("date_last"))
        .annotate(n=Count("pk", distinct=True))
    )
    dated = [(first, last, n) for first, last, n in periods if first or last]
    found = Timeline(dated=sum(n for _f, _l, n in dated), undated=_undated(periods))
    if not dated:
        return found
    if found.dated <= MAX_MARKS:
        rows = (
            documents.exclude(date__isnull=True, date_last__isnull=True)
            .only("record_id", "title", *DISPLAY_FIELDS)
            # A date open at its start ("../1951") first, on every database.
            .order_by(F("date").asc(nulls_first=True), "date_last", "title", "record_id")
        )
        if _draw_marks(found, list(rows)):
            return found
    _draw_bars(found, dated, filters or {})
    return found


def _undated(periods):
    return sum(n for first, last, n in periods if first is None and last is None)


def _draw_marks(found, documents):
    """One mark per document, piled up where they crowd; False if they pile up too high."""
    first, after_last = _marks_domain(documents)
    scale = TimeScale.between(first, after_last, LEFT, WIDTH - RIGHT)
    extents = {d.pk: _extent(d, scale, first, after_last) for d in documents}
    placed = sorted(
        documents,
        key=lambda d: (extents[d.pk][0], d.date or first, d.title, d.record_id),
    )
    piles = []  # for each height, the right edge of the last mark placed at it
    levels = {}
    for document in placed:
        x0, x1, _spans = extents[document.pk]
        left, right = x0 - MARK_RADIUS, x1 + MARK_RADIUS
        level = next((i for i, edge in enumerate(piles) if left - edge >= 1), len(piles))
        if level == len(piles):
            piles.append(right)
        piles[level] = right
        levels[document.pk] = level
    if len(piles) > MAX_STACK:
        return False
    plot_height = max(len(piles), 5) * MARK_STEP + 8
    axis_y = TOP + plot_height
    for document in documents:  # the marks in date order, as the table lists them
        x0, x1, spans = extents[document.pk]
        y = axis_y - 4 - MARK_RADIUS - levels[document.pk] * MARK_STEP
        exact = (
            document.date_precision == DatePrecision.DAY
            and not document.date_approximate
            and not document.date_uncertain
        )
        mark = Mark(document, exact, num((x0 + x1) / 2), num(y))
        if spans:
            # A range of a few days is drawn no narrower than a mark, about its middle.
            width = max(x1 - x0, 2 * MARK_RADIUS)
            mark.span, mark.x0, mark.width = True, num((x0 + x1 - width) / 2), num(width)
            mark.top = num(y - MARK_RADIUS)
            found.spans = True
        found.marks.append(mark)
    found.first_year, found.last_year = first_known(documents).year, last_known(documents).year
    _frame(found, first, after_last, scale, axis_y)
    return True


def _bounds(document):
    """(first day, last day) the document's date can mean; None at an open end."""
    first, last = document.date, document.date_last
    if first is not None and last is None and not document.date_edtf:
        first, last = unit_bounds(first, document.date_precision)  # written without save()
    return first, last


def _extent(document, scale, first, after_last):
    """(x0, x1, drawn as a span): a point in the middle of a single day, month or year; a
    span over a range, to the edge of the plot where the range is open."""
    start, end = _bounds(document)
    if not is_range(start, end, document.date_precision):
        x = scale(start + (end + datetime.timedelta(days=1) - start) / 2)
        return x, x, False
    x0 = scale(start) if start is not None else scale(first)
    x1 = scale(end + datetime.timedelta(days=1)) if end is not None else scale(after_last)
    return x0, x1, True


def first_known(documents):
    return min(day for d in documents for day in _bounds(d) if day is not None)


def last_known(documents):
    return max(day for d in documents for day in _bounds(d) if day is not None)


def _marks_domain(documents):
    """Whole years; or, for a span under two years, its months and a few more round them,
    so that documents of a few weeks are not squeezed into the middle of a year."""
    first = first_known(documents).replace(day=1)
    last = last_known(documents).replace(day=1)
    after_last = next_month(last)
    months = (after_last.year - first.year) * 12 + after_last.month - first.month
    if months >= 24:
        return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)
    for _ in range((13 - months) // 2):  # at least a year in all, half of the rest each side
        first = previous_month(first)
        after_last = next_month(after_last)
    return first, after_last


def _draw_bars(found, periods, filters):
    """Bars per year, or per month when the span is short, from (first month, last month,
    count): a document is counted in each period its date reaches, as the browse page's
    overlap finds it there; an open end reaches to the edge of the picture."""
    first = min(month for start, end, _n in periods for month in (start, end) if month)
    last = max(month for start, end, _n in periods for month in (start, end) if month)
    spans = [(start or first, end or last, n) for start, end, n in periods]
    by_month = (last.year - first.year) * 12 + last.month - first.month < MAX_MONTHS
    counts = {}
    for start, end, n in spans:
        if not by_month:
            for year in range(start.year, end.year + 1):
                counts[year] = counts.get(year, 0) + n
            continue
        month = start
        while month <= end:
            counts[month] = counts.get(month, 0) + n
            month = next_month(month)
        found.spread_years |= start != end

    if by_month:
        domain = (first, next_month(last))
        ranges = {month: (month, next_month(month)) for month in counts}
    else:
        domain = (datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1))
        ranges = {
            year: (datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)) for year in counts
        }
    scale = TimeScale.between(*domain, LEFT, WIDTH - RIGHT)
    axis_y = TOP + BARS_HEIGHT
    ticks = count_ticks(max(counts.values()))
    top = ticks[-1]
    browse = reverse("archive:document_list")
    for period in sorted(counts):
        start, end = ranges[period]
        x0, x1 = scale(start), scale(end)
        gap = 1 if x1 - x0 > 3 else 0
        height = max(counts[period] / top * BARS_HEIGHT, 2)
        query = {
            "date_from": start.isoformat(),
            "date_to": (end - datetime.timedelta(1)).isoformat(),
        }
        found.bars.append(
            Bar(
                label=date_format(start, "YEAR_MONTH_FORMAT") if by_month else str(period),
                count=counts[period],
                url=f"{browse}?{urlencode(query | filters)}",
                x=num(x0 + gap / 2),
                y=num(axis_y - height),
                width=num(max(x1 - x0 - gap, 1)),
                height=num(height),
            )
        )
    found.per = "month" if by_month else "year"
    found.count_ticks = [
        Tick(str(n), num(LEFT - 8), num(axis_y - n / top * BARS_HEIGHT), num(LEFT - 8))
        for n in ticks
    ]
    found.first_year, found.last_year = first.year, last.year
    _frame(found, *domain, scale, axis_y)


def _frame(found, first, after_last, scale, axis_y):
    found.axis_y, found.height = num(axis_y), num(axis_y + BOTTOM)
    found.tick_end, found.month_tick_end = num(axis_y + 6), num(axis_y + 3)
    found.year_ticks = [
        Tick(
            str(year) if label_x is not None else "",
            num(x),
            num(axis_y + 20),
            num(x if label_x is None else label_x),
        )
        for year, x, label_x in year_ticks(first, after_last, scale)
    ] + [Tick("", num(scale(after_last)), "0")]  # where the axis ends
    months = month_starts(first, after_last)
    if len(months) < MAX_MONTHS:
        found.month_ticks = [num(scale(month)) for month in months if month.month != 1]
