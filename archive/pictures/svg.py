"""Geometry shared by the pictures: scales, ticks, points on a circle, arrows between nodes.

Coordinates reach the templates as strings made here ("12.5"), never as numbers: a number
in a template is localised, and "12,5" in Russian would be no coordinate at all.
"""

import datetime
import math
from dataclasses import dataclass

from ..dates import next_month


def num(value):
    """A coordinate as SVG writes it: at most one decimal, no trailing zeros, no "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Labelled:
    """A drawing's <title> and <desc> ids, made from its `id`, which is unique on its page."""

    @property
    def title_id(self):
        return f"{self.id}-title"

    @property
    def desc_id(self):
        return f"{self.id}-desc"


@dataclass(frozen=True)
class Scale:
    """A linear map from [low, high] onto [start, end] (drawing units)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value):
        if self.high == self.low:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


class TimeScale(Scale):
    """Dates onto drawing units, by days since `low`."""

    def __call__(self, date):
        return super().__call__(date.toordinal())

    @classmethod
    def between(cls, first, after_last, start, end):
        return cls(first.toordinal(), after_last.toordinal(), start, end)


def nice_step(largest, most_ticks=5):
    """A round step (1, 2 or 5 times a power of ten) giving at most `most_ticks` ticks."""
    if largest <= 0:
        return 1
    rough = largest / most_ticks
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    for factor in (1, 2, 5, 10):
        if power * factor >= rough:
            return max(1, int(power * factor))
    return int(power * 10)


def count_ticks(largest, most_ticks=5):
    """0, step, 2·step… up to the first tick at or above `largest`."""
    step = nice_step(largest, most_ticks)
    top = step * math.ceil(max(largest, 1) / step)
    return list(range(0, top + 1, step))


def year_ticks(first, after_last, scale, min_gap=44):
    """[(year, tick x, label x or None)] for the years in [first, after_last).

    A tick stands at each 1 January (and at `first`). When there is room to name every year,
    each name is centred in its year; otherwise every 2nd, 5th, 10th… year is named at its
    tick, so that names stand at least `min_gap` units apart.
    """
    year_width = scale(datetime.date(2001, 1, 1)) - scale(datetime.date(2000, 1, 1))
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50) if year_width * s >= min_gap), 100)
    ticks = []
    for year in range(first.year, after_last.year + 1):
        start = max(datetime.date(year, 1, 1), first)
        if start >= after_last:
            break
        x = scale(start)
        if step == 1:
            end = scale(min(datetime.date(year + 1, 1, 1), after_last))
            # A year the range only grazes (a month or so of it) goes unnamed.
            wide = end - x >= max(min_gap * 0.75, year_width / 6)
            label_x = (x + end) / 2 if wide else None
        else:
            label_x = x if year % step == 0 else None
        ticks.append((year, x, label_x))
    return ticks


def month_starts(first, after_last):
    """The first day of each month in (first, after_last)."""
    months, day = [], first
    while True:
        day = next_month(day)
        if day >= after_last:
            return months
        months.append(day)


def on_circle(count, centre, radius, start_angle=-math.pi / 2):
    """`count` points evenly round a circle, clockwise from the top: [(x, y, angle)]."""
    cx, cy = centre
    points = []
    for index in range(count):
        angle = start_angle + 2 * math.pi * index / max(count, 1)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    return points


@dataclass(frozen=True)
class Curve:
    """A path from one node's rim to another's, straight or bent, and where to label it."""

    d: str
    label_x: str  # beside the middle of the path, on its outer side
    label_y: str
    label_anchor: str  # text-anchor, so that the label runs away from the path


def connector(start, end, start_gap, end_gap, bend=0.0):
    """A path from `start` to `end` (x, y), stopping `start_gap` and `end_gap` short of them.

    `bend` curves it to the left of its direction by that many units at its middle, so that
    two edges between the same persons do not lie on one another.
    """
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    # The unit normal to the left of the direction (y grows downwards).
    nx, ny = (y2 - y1) / length, -(x2 - x1) / length
    # The control point of a quadratic curve lies twice as far out as the curve's middle.
    cx, cy = (x1 + x2) / 2 + nx * bend * 2, (y1 + y2) / 2 + ny * bend * 2
    ax, ay = _towards((x1, y1), (cx, cy), start_gap)
    bx, by = _towards((x2, y2), (cx, cy), end_gap)
    if bend:
        d = f"M{num(ax)} {num(ay)} Q{num(cx)} {num(cy)} {num(bx)} {num(by)}"
    else:
        d = f"M{num(ax)} {num(ay)} L{num(bx)} {num(by)}"
    mid_x = 0.25 * ax + 0.5 * cx + 0.25 * bx
    mid_y = 0.25 * ay + 0.5 * cy + 0.25 * by
    # The label goes on the side the path bends to, away from any path it was bent from.
    side = -1 if bend < 0 else 1
    ox, oy = nx * side, ny * side
    anchor = "start" if ox > 0.4 else "end" if ox < -0.4 else "middle"
    label_x = mid_x + ox * 6
    label_y = mid_y + oy * 6 + (4 if anchor != "middle" else 12 if oy > 0 else -4)
    return Curve(d, num(label_x), num(label_y), anchor)


def _towards(point, target, distance):
    (x, y), (tx, ty) = point, target
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance
