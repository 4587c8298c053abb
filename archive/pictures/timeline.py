"""Published documents along a time axis: a mark for each, or bars when there are too many.

Each mark is placed at the middle of what its date can mean (a "June 1951" document in
mid-June) and drawn hollow when the date is partial or approximate. Bars count documents
per year, or per month over a short span, and link to the browse page for that range.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode

from ..dates import DatePrecision, next_month, previous_month, span
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
    # Month bars count a document dated only to its year in each month of that year,
    # as the browse page finds it in each month's range.
    spread_years: bool = False
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
        .annotate(month=TruncMonth("date"))
        .values_list("month", "date_precision")
        .annotate(n=Count("pk", distinct=True))
    )
    undated = sum(n for month, _precision, n in periods if month is None)
    dated = [(month, precision, n) for month, precision, n in periods if month is not None]
    found = Timeline(dated=sum(n for _m, _p, n in dated), undated=undated)
    if not dated:
        return found
    if found.dated <= MAX_MARKS:
        rows = (
            documents.filter(date__isnull=False)
            .only("record_id", "title", "date", "date_precision", "date_approximate")
            .order_by("date", "title", "record_id")
        )
        if _draw_marks(found, list(rows)):
            return found
    _draw_bars(found, dated, filters or {})
    return found


def _draw_marks(found, documents):
    """One mark per document, piled up where they crowd; False if they pile up too high."""
    first, after_last = _marks_domain(documents)
    scale = TimeScale.between(first, after_last, LEFT, WIDTH - RIGHT)
    placed = sorted(
        ((scale(_middle(d)), d) for d in documents),
        key=lambda pair: (pair[0], pair[1].date, pair[1].title, pair[1].record_id),
    )
    piles = []  # for each height, the x of the last mark placed at it
    levels = {}
    for x, document in placed:
        level = next(
            (i for i, last in enumerate(piles) if x - last >= 2 * MARK_RADIUS + 1), len(piles)
        )
        if level == len(piles):
            piles.append(x)
        piles[level] = x
        levels[document.pk] = (x, level)
    if len(piles) > MAX_STACK:
        return False
    plot_height = max(len(piles), 5) * MARK_STEP + 8
    axis_y = TOP + plot_height
    for document in documents:  # the marks in date order, as the table lists them
        x, level = levels[document.pk]
        exact = document.date_precision == DatePrecision.DAY and not document.date_approximate
        y = axis_y - 4 - MARK_RADIUS - level * MARK_STEP
        found.marks.append(Mark(document, exact, num(x), num(y)))
    found.first_year, found.last_year = documents[0].date.year, documents[-1].date.year
    _frame(found, first, after_last, scale, axis_y)
    return True


def _marks_domain(documents):
    """Whole years; or, for a span under two years, its months and a few more round them,
    so that documents of a few weeks are not squeezed into the middle of a year."""
    first = documents[0].date.replace(day=1)
    last = max(_period_end(d) for d in documents)
    after_last = next_month(last)
    months = (after_last.year - first.year) * 12 + after_last.month - first.month
    if months >= 24:
        return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)
    for _ in range((13 - months) // 2):  # at least a year in all, half of the rest each side
        first = previous_month(first)
        after_last = next_month(after_last)
    return first, after_last


def _period_end(document):
    """The first day of the last month the document's date can mean."""
    _first, after_last = span(document.date, document.date_precision)
    return previous_month(after_last)


def _middle(document):
    """The middle of what the document's date can mean: mid-June for "June 1951"."""
    first, after_last = span(document.date, document.date_precision)
    return first + (after_last - first) / 2  # a day's own date: half a day is no day


def _draw_bars(found, periods, filters):
    """Bars per year, or per month when the span is short, from (month, precision, count)."""
    spans = []  # (first month, last month, count)
    for month, precision, n in periods:
        if precision == DatePrecision.YEAR:
            spans.append((month.replace(month=1), month.replace(month=12), n))
        else:
            spans.append((month, month, n))
    first = min(start for start, _end, _n in spans)
    last = max(end for _start, end, _n in spans)
    by_month = (last.year - first.year) * 12 + last.month - first.month < MAX_MONTHS
    counts = {}
    for start, end, n in spans:
        if not by_month:
            counts[start.year] = counts.get(start.year, 0) + n
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
