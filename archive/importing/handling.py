"""A telegram's handling steps (sent, received, deciphered, typed, registered), read from
the particulars of its form.

The particulars keep each entry verbatim ("получена " II " ч. " 30 " м. " 30 " 6 195 I г.",
"расш. Елезов / 12.00 30.6") with its English; this reads the clock reading in them, in
the original's words or, failing that, in the English, and says where it was taken and
in which IANA zone, so that the archive can give its instant in UTC. What cannot be read
with certainty is left out: a step is returned only with what it surely says.
"""

import datetime
import re
from dataclasses import dataclass, fields, replace

from ..chronology.zones import MILITARY_ZONES, PLACE_ZONES
from ..dates import MONTHS

# Which particular gives which step, and the order of a telegram's life.
STEP_OF = {
    "outgoing_number": "sent",
    "received": "received",
    "deciphered": "deciphered",
    "typed": "typed",
    "incoming_number": "registered",
    "registration": "registered",
}
ORDER = ["sent", "received", "deciphered", "typed", "registered"]

# Places a telegram is sent from, as a form's "Из ПЕКИНА" or a translation's "From Beijing"
# names them: the slug of the archive's place, and the names in both languages (Russian in
# the nominative and in the genitive that follows "из").
PLACE_NAMES = {
    "moscow": ["Москва", "Москвы", "Moscow"],
    "beijing": ["Пекин", "Пекина", "Beijing", "Peking", "Peiping"],
    "shanghai": ["Шанхай", "Шанхая", "Shanghai"],
    "pyongyang": ["Пхеньян", "Пхеньяна", "Pyongyang", "Phenian"],
    "seoul": ["Сеул", "Сеула", "Seoul"],
    "tokyo": ["Токио", "Tokyo"],
    "washington": ["Вашингтон", "Вашингтона", "Washington"],
    "new-york": ["Нью-Йорк", "Нью-Йорка", "New York"],
    "london": ["Лондон", "Лондона", "London"],
    "paris": ["Париж", "Парижа", "Paris"],
    "berlin": ["Берлин", "Берлина", "Berlin"],
}
_PLACES = {name.casefold(): slug for slug, names in PLACE_NAMES.items() for name in names}
_ORIGIN = re.compile(r"^\s*(?:из|from)\s+(?P<place>.+?)\s*$", re.IGNORECASE)

# The Soviet General Staff's cipher telegram form is the copy made in Moscow of a telegram
# received there: "получена" is the hour its cipher office in Moscow took the ciphered text
# in, "расш." (deciphered) and "отп." (отпечатано, typed) are the entries of the Moscow
# clerks who made the clear copy, and the incoming number is the registration of the
# Central Committee's Special Sector, in Moscow too. So these steps are in Moscow, on
# Moscow time, whatever the place the telegram came from.
_SOVIET_FORM = re.compile(
    r"ГЕНШТАБ|Генштаб|General Staff of the Soviet Army|^\s*получена\b|^\s*расш\.|^\s*отп\.\s*\D",
    re.MULTILINE,
)
_IN_MOSCOW = {"received", "deciphered", "typed", "registered"}

MONTH_NAMES = {
    **{name.casefold(): n for n, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): n for n, name in enumerate(MONTHS, start=1)},
    "sept": 9,
    **{
        name: n
        for n, names in enumerate(
            [
                ("января", "январь"), ("февраля", "февраль"), ("марта", "март"),
                ("апреля", "апрель"), ("мая", "май"), ("июня", "июнь"), ("июля", "июль"),
                ("августа", "август"), ("сентября", "сентябрь"), ("октября", "октябрь"),
                ("ноября", "ноябрь"), ("декабря", "декабрь"),
            ],
            start=1,
        )
        for name in names
    },
}  # fmt: skip
_ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Clock:
    """What one clock reading says; None where it says nothing."""

    hour: int | None = None
    minute: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    zone: str | None = None

    def merged(self, other):
        """Self completed by `other`, or None where the two readings disagree."""
        values = {}
        for field in fields(self):
            mine, theirs = getattr(self, field.name), getattr(other, field.name)
            if mine is not None and theirs is not None and mine != theirs:
                return None
            values[field.name] = mine if mine is not None else theirs
        return replace(self, **values)


# --- Reading one clock reading -----------------------------------------------------------

# The form's blanks filled in by typewriter: 'получена " II " ч. " 30 " м. " 30 " 6 195 I г.'
# (the typewriters had no key for 1: a capital I stands for it), or written plainly,
# "получена 11 ч. 30 м. 30.6.1951".
_RECEIVED_FORM = re.compile(
    r'[Пп]олучена\s*"?\s*(?P<hour>[\dIl]{1,2})\s*"?\s*ч\.?\s*"?\s*(?P<minute>[\dIlОO]{1,2})'
    r'\s*"?\s*м(?:ин)?\.?(?:\s*"?\s*(?P<day>[\dIl]{1,2})\s*"?\s*[./]?\s*'
    r"(?P<month>[IVX]{1,4}|\d{1,2})(?:\s*[./]?\s*(?P<year>[\dI](?:\s?[\dI]){1,3}))?)?"
    r"\s*(?:г\.?)?\s*"
)

_HHMM = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*(?:h|hrs|hours|ч\.?))?"
_HH_COLON_MM = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?:h|hrs|hours))?"
_RU_HOURS = r"(?P<hour>\d{1,2})\s*ч\.?\s*(?P<minute>\d{1,2})\s*м(?:ин)?\.?"
_FOUR_FIGURES = r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?:\s*(?:hrs|hours|h))?"
_LETTERED = r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s?(?P<letter>[A-IK-Z])"
_NUMERIC_DATE = (
    r"(?P<day>\d{1,2})(?P<separator>[./])(?P<month>\d{1,2}|[IVX]{1,4})"
    r"(?:(?:[./]|\s+)(?P<year>\d{4}|\d{2}))?(?:\s*г\.?)?"
)
_DAY_MONTH = r"(?P<day>\d{1,2})\s+(?P<month_name>[^\W\d_]+)\.?(?:,?\s+(?P<year>\d{4}))?(?:\s*г\.?)?"
_MONTH_DAY = r"(?P<month_name>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?"
# A military date-time group: day, hour and minute, zone letter, month, year ("180530Z OCT 51").
_GROUP = (
    r"(?P<day>[0-3]\d)(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s?(?P<letter>[A-IK-Z])"
    r"\s+(?P<month_name>[A-Za-z]{3,9})\.?(?:\s+(?P<year>\d{4}|\d{2}))?"
)
_SEP = r"\s*[,;]?\s*(?:on\s+|at\s+)?"
_DATES = [_NUMERIC_DATE, _DAY_MONTH, _MONTH_DAY]
_FORMS = [re.compile(_GROUP)]
_FORMS += [re.compile(time + _SEP + date) for time in (_HHMM, _RU_HOURS) for date in _DATES]
_FORMS += [re.compile(_FOUR_FIGURES + r"\s+" + date) for date in (_DAY_MONTH, _MONTH_DAY)]
_FORMS += [re.compile(_LETTERED + _SEP + date) for date in _DATES]
_FORMS += [re.compile(date + _SEP + time) for date in _DATES for time in (_HHMM, _RU_HOURS)]
# A time alone only where it cannot be a date or a number: "11:30", "11 ч. 30 м.", "0015K".
_FORMS += [re.compile(form) for form in (_HH_COLON_MM, _RU_HOURS, _LETTERED, *_DATES)]


def _typed_number(text):
    """A number as a typewriter wrote it: "II" is 11, "195 I" is 1951, "3О" is 30."""
    digits = re.sub(r"\s+", "", text).replace("I", "1").replace("l", "1")
    digits = digits.replace("О", "0").replace("O", "0")
    return int(digits) if digits.isdigit() else None


def _roman(text):
    total = 0
    for ch, following in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN[ch]
        total += -value if _ROMAN.get(following, 0) > value else value
    return total


def _typed_month(text):
    """The month slot of the form: Arabic or Roman; "II" could be February in Roman figures
    or November typed with I for 1, and is left unread."""
    if text.isdigit():
        return int(text)
    if text == "II":
        return None
    return _roman(text)


def _received_form(text):
    match = _RECEIVED_FORM.fullmatch(text.strip())
    if not match:
        return None
    parts = match.groupdict()
    month = parts["month"]
    clock = Clock(
        hour=_typed_number(parts["hour"]),
        minute=_typed_number(parts["minute"]),
        day=_typed_number(parts["day"]) if parts["day"] else None,
        month=_typed_month(month) if month else None,
        year=_typed_number(parts["year"]) if parts["year"] else None,
    )
    if clock.hour is None or clock.minute is None or clock.hour > 23 or clock.minute > 59:
        return None
    if clock.day is not None and (
        clock.month is None or _date_or_none(clock.year or 1952, clock.month, clock.day) is None
    ):
        # A day whose month cannot be told, or a day the calendar lacks: the date is left
        # out, the time kept.
        clock = replace(clock, day=None, month=None, year=None)
    return clock


def _clock(text, language):
    """The Clock of a reading, with only what it says one way; None if it is not one.

    Numbers with dots are day and month ("30.6.1951"). With slashes, a Russian writer put
    the day first ("30/VI 1951"); in English either may be first, so "6/7" is left unread.
    """
    text = text.strip().strip(",;").strip()
    if not text:
        return None
    found = set()
    for form in _FORMS:
        match = form.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        orders = [False]
        if parts.get("separator") == "/" and language != "ru" and parts["month"].isdigit():
            orders = [False, True]  # day/month, or month/day
        for swapped in orders:
            clock = _valid(parts, swapped)
            if clock is not None:
                found.add(clock)
    return _common(found)


def _common(readings):
    """What every way of reading a text agrees on: "6/7/1951 11:30" is 11:30 on a day that
    may be 6 July or 7 June, so only the time is kept. None if they agree on nothing."""
    if not readings:
        return None
    first, *others = readings
    values = {}
    for group in (("hour", "minute", "zone"), ("day", "month", "year")):
        agreed = all(
            getattr(other, name) == getattr(first, name) for other in others for name in group
        )
        values.update({name: getattr(first, name) if agreed else None for name in group})
    clock = Clock(**values)
    return None if clock == Clock() else clock


def _valid(parts, swapped=False):
    """The Clock of a match if every number in it can be what it says."""
    hour = int(parts["hour"]) if parts.get("hour") else None
    minute = int(parts["minute"]) if parts.get("minute") else None
    if (hour is not None and hour > 23) or (minute is not None and minute > 59):
        return None
    day = month = year = None
    if parts.get("day"):
        day = int(parts["day"])
        if parts.get("month_name"):
            month = MONTH_NAMES.get(parts["month_name"].casefold())
        elif parts["month"].isdigit():
            month = int(parts["month"])
        else:
            month = _roman(parts["month"])
        if swapped:
            day, month = month, day
        if month is None or not 1 <= month <= 12:
            return None
        if parts.get("year"):
            year = int(parts["year"])
        try:  # a leap year, where the year is not given, lets 29 February be
            datetime.date(year if year and year >= 100 else 1952, month, day)
        except ValueError:
            return None
    zone = MILITARY_ZONES[parts["letter"]] if parts.get("letter") else None
    return Clock(hour, minute, day, month, year, zone)


# --- Where a reading is in a particular --------------------------------------------------

_LABEL = re.compile(r"^\s*(?:[Пп]олучена|[Rr]eceived|[Ss]ent)\b\.?\s*(?:at\s+)?")
_NUMBER = re.compile(
    r"^\s*(?:[Вв]х\.\s*|[Ии]сх\.\s*|Incoming\s+|Outgoing\s+)?(?:№|No\.?)\s*[^\s,]+"
)
_REGISTERED_ON = re.compile(r"\s(?:от|of|dated)\s+")
_FIRST_READING = re.compile(
    r"\d|\b(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def _reading_in(kind, text):
    """The part of a particular that is its clock reading, or "" where there is none."""
    text = re.sub(r"\s*\n\s*", " ", text).strip()
    if kind == "received":
        return _LABEL.sub("", text, count=1) if not _RECEIVED_FORM.fullmatch(text) else text
    if kind in ("outgoing_number", "incoming_number", "registration"):
        on = _REGISTERED_ON.search(text)
        if on:
            return text[on.end() :]
        number = _NUMBER.match(text)
        return text[number.end() :] if number else _LABEL.sub("", text, count=1)
    # A clerk's entry: the name, then the time ("расш. Елезов 12.00 30.6",
    # "Deciphered by Elezov, 12:00, 30 June").
    first = _FIRST_READING.search(text)
    return text[first.start() :] if first else ""


def _read(kind, text, language):
    """(Clock, the reading as written) of one particular's text, or (None, "")."""
    if not text:
        return None, ""
    part = _reading_in(kind, text)
    if not part:
        return None, ""
    clock = _received_form(part) if kind == "received" else None
    return clock or _clock(part, language), part


# --- Steps --------------------------------------------------------------------------------


def _place(particulars):
    """The slug of the place the telegram was sent from, from "Из ПЕКИНА" / "From Beijing"."""
    for particular in particulars:
        if particular.get("kind") != "origin":
            continue
        for text in (particular.get("value", ""), particular.get("value_en", "")):
            match = _ORIGIN.match(text or "")
            if match and (slug := _PLACES.get(match["place"].casefold())):
                return slug
    return ""


def _is_soviet_form(particulars):
    return any(
        _SOVIET_FORM.search(particular.get("value") or "")
        or _SOVIET_FORM.search(particular.get("value_en") or "")
        for particular in particulars
        if particular.get("kind") in ("issuing_office", "received", "deciphered", "typed")
    )


def _as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _local_date(clock, document_date):
    """The day of a reading; a year it does not give is the one that puts it nearest the
    document's date (a telegram of 1 January may be deciphered on 31 December)."""
    if clock.day is None or clock.month is None:
        return None
    year = clock.year
    if year is not None and year < 100:
        century = document_date.year // 100 * 100 if document_date else 1900
        year += century
    if year is not None:
        return _date_or_none(year, clock.month, clock.day)
    if document_date is None:
        return None
    candidates = [
        day
        for y in (document_date.year - 1, document_date.year, document_date.year + 1)
        if (day := _date_or_none(y, clock.month, clock.day))
    ]
    return min(candidates, key=lambda day: abs(day - document_date), default=None)


def _date_or_none(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_CLERK = re.compile(r"^\s*((?:Deciphered|Typed) by [^,\d]+?)\s*,")


def _note(particular, kind):
    if particular.get("note"):
        return particular["note"]
    clerk = (
        _CLERK.match(particular.get("value_en") or "") if kind in ("deciphered", "typed") else None
    )
    return f"{clerk[1]}." if clerk else ""


def steps_from(particulars, language_of_original="ru", document_date=None):
    """The handling steps the particulars tell, in the order of a telegram's life.

    `particulars`: dicts as the importer makes them (kind, value, value_en, person, note).
    `document_date`: a date or ISO string; gives the year a reading leaves out.
    Each step is {"kind": sent|received|deciphered|typed|registered, "as_written": the
    reading as the original writes it, "place": a place slug or "", "local_date": ISO or
    None, "local_time": "HH:MM" or None, "zone": an IANA name or "", "note": ""}.
    A step is returned only when it gives a date or a time; a reading whose original and
    English disagree is left out, as is any part that cannot be read one way only.
    """
    document_date = _as_date(document_date)
    soviet = _is_soviet_form(particulars)
    origin = _place(particulars)
    steps = []
    for position, particular in enumerate(particulars):
        kind = STEP_OF.get(particular.get("kind"))
        if kind is None:
            continue
        value = particular.get("value") or ""
        original, written = _read(particular["kind"], value, language_of_original)
        english, _written_en = _read(particular["kind"], particular.get("value_en") or "", "en")
        if original and english:
            clock = original.merged(english)
            if clock is None:
                continue  # the original and its translation disagree: neither is taken
        else:
            clock = original or english
        if clock is None:
            continue
        local_date = _local_date(clock, document_date)
        local_time = None
        if clock.hour is not None and clock.minute is not None:
            local_time = f"{clock.hour:02d}:{clock.minute:02d}"
        if local_date is None and local_time is None:
            continue
        place = origin if kind == "sent" else ("moscow" if soviet and kind in _IN_MOSCOW else "")
        zone = clock.zone or PLACE_ZONES.get(place, "")
        steps.append(
            (
                ORDER.index(kind),
                position,
                {
                    "kind": kind,
                    # The clerk's entry is its time; other entries are kept whole.
                    "as_written": written
                    if kind in ("deciphered", "typed") and original
                    else re.sub(r"\s*\n\s*", " ", value).strip(),
                    "place": place,
                    "local_date": local_date.isoformat() if local_date else None,
                    "local_time": local_time,
                    "zone": zone,
                    "note": _note(particular, kind),
                },
            )
        )
    return [step for _order, _position, step in sorted(steps, key=lambda s: s[:2])]
