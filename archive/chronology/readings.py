"""A telegram's handling steps as a page reads them: "received 11:30 Moscow time (08:30 UTC)".

Each step is said in the local time of the place it happened in, named after that place,
with the instant in UTC beside it, so that steps in Beijing and in Moscow can be compared.
Its date is said when it is not the document's own; a step known only to the day says
the day. Where the sending and the receipt are both known to the minute, the receipt
says how long the telegram was in transit.
"""

from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..dates import DatePrecision
from .zones import names_a_place, to_utc, zone_label


class Reading(NamedTuple):
    step: object
    text: str  # "received 11:30 Moscow time (08:30 UTC)"
    html: str  # the same, with its date and instant as <time> elements
    transit: str = ""  # on the receipt, when the sending is timed too: "in transit 3 h 10 min"


def readings(steps, document=None):
    """One Reading per handling step, in the order the document gives them.

    `document` (whose date a step's date is compared with) defaults to the steps' own,
    which a prefetch or a related manager has already set on each step.
    """
    steps = list(steps)
    if not steps:
        return []
    document = document or steps[0].document
    transit = _transit(steps)
    found = []
    for step in steps:
        text, html = (_sentence(step, document, as_html) for as_html in (False, True))
        found.append(Reading(step, text, html, transit.get(id(step), "")))
    return found


def _fill(pattern, as_html, **values):
    """A translated pattern filled in: as text, or as HTML with the pattern and every value
    escaped except the fragments already made safe (<time> elements)."""
    if not as_html:
        return pattern % values
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(conditional_escape(pattern) % escaped)


def _time_element(iso, text, as_html):
    return format_html('<time datetime="{}">{}</time>', iso, text) if as_html else text


def _place_name(place):
    """The place in the reader's language, as far as the vocabulary has it."""
    if place is None:
        return ""
    if (get_language() or "").startswith("ru") and place.name_ru:
        return place.name_ru
    return place.name


def _shows_date(step, document):
    """A step's date is said unless it is the document's own day."""
    if step.local_date is None:
        return False
    if step.local_time is None:
        return True  # the date is all that is known of the step
    return not (
        document is not None
        and document.date_precision == DatePrecision.DAY
        and document.date == step.local_date
        and document.date_last in (None, document.date)
    )


def _sentence(step, document, as_html):
    place = _place_name(getattr(step, "place", None))
    when = _when(step, place, _shows_date(step, document), as_html)
    reading = str(step.get_kind_display())
    if when:
        reading = _fill(_("%(step)s %(when)s"), as_html, step=reading, when=when)
    # The place is said unless the zone's label already names it ("Moscow time").
    if place and not (step.local_time is not None and names_a_place(step.zone)):
        reading = _fill(_("%(reading)s in %(place)s"), as_html, reading=reading, place=place)
    return reading if as_html else str(reading)


def moment(step):
    """When a step happened, in full: "30 June 1951, 11:30 Moscow time (08:30 UTC)",
    "30 June 1951"; "" if neither its date nor its time is known."""
    place = _place_name(getattr(step, "place", None))
    return str(_when(step, place, step.local_date is not None, as_html=False))


def _when(step, place, with_date, as_html):
    date = ""
    if with_date:
        date = _time_element(
            step.local_date.isoformat(), date_format(step.local_date, "DATE_FORMAT"), as_html
        )
    if step.local_time is None:
        return date
    zone = zone_label(step.zone, place if names_a_place(step.zone) else "")
    when = _fill(
        _("%(time)s %(zone)s"),
        as_html,
        time=f"{step.local_time:%H:%M}",
        zone=zone or _("local time"),
    )
    if date:
        when = _fill(_("%(date)s, %(clock)s"), as_html, date=date, clock=when)
    instant = to_utc(step.local_date, step.local_time, step.zone)
    if instant is not None:
        when = _fill(_("%(when)s (%(utc)s)"), as_html, when=when, utc=_utc(step, instant, as_html))
    return when


def _utc(step, instant, as_html):
    """ "08:30 UTC", with the day too when the UTC day is not the local one."""
    time = f"{instant:%H:%M}"
    if instant.date() == step.local_date:
        text = _("%(time)s UTC") % {"time": time}
    else:
        # Translators: an instant in UTC on another day than the local reading's.
        text = _("%(time)s UTC, %(date)s") % {
            "time": time,
            "date": date_format(instant.date(), "DATE_FORMAT"),
        }
    return _time_element(f"{instant:%Y-%m-%dT%H:%M}Z", text, as_html)


def _transit(steps):
    """{id() of the receipt: "in transit 3 h 10 min"} when the first timed sending and the
    first timed receipt are both known; a receipt before the sending (an error in the
    readings) says nothing."""
    first = {}
    for step in steps:
        if step.kind in ("sent", "received") and step.kind not in first:
            instant = to_utc(step.local_date, step.local_time, step.zone)
            if instant is not None:
                first[step.kind] = (step, instant)
    if len(first) < 2:
        return {}
    (_sent, left), (received, arrived) = first["sent"], first["received"]
    if arrived < left:
        return {}
    hours, minutes = divmod(round((arrived - left).total_seconds() / 60), 60)
    if hours and minutes:
        duration = _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    elif hours:
        duration = _("%(hours)s h") % {"hours": hours}
    else:
        duration = _("%(minutes)s min") % {"minutes": minutes}
    return {id(received): _("in transit %(duration)s") % {"duration": duration}}
