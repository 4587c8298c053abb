"""Local clock readings to UTC instants, by tzdata's historical rules.

A reading is kept with the IANA zone of the place it was taken in, never with a fixed
offset: a zone's offset changed with its summer time and its laws (Asia/Tokyo kept summer
time from 1948 to 1951, UTC+10 in June; America/New_York was on EDT, UTC−4, in summer and
EST, UTC−5, in winter), and tzdata knows each change. Military messages give the zone as
a letter after the time ("0015K"): each letter is a fixed offset, kept as an Etc/GMT zone.
"""

import datetime
import re
import zoneinfo

from django.utils.translation import gettext as _

# The zone of each place in the vocabulary that messages were sent from or received in.
# China kept one time, "Beijing time", which tzdata names after Shanghai; Washington
# keeps New York's rules.
PLACE_ZONES = {
    "moscow": "Europe/Moscow",
    "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "pyongyang": "Asia/Pyongyang",
    "seoul": "Asia/Seoul",
    "tokyo": "Asia/Tokyo",
    "washington": "America/New_York",
    "new-york": "America/New_York",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
}

# How a page names a zone when the place is not known: by what it was called then.
_ZONE_NAMES = {
    "Asia/Shanghai": "Beijing",
    "America/New_York": "Washington",
}


def _military_zones():
    """Letter → Etc zone. A–I are UTC+1 to +9 and K–M +10 to +12 (J, "juliet", is the
    observer's own local time and names no zone); N–Y are UTC−1 to −12; Z is UTC.
    The Etc/GMT names have the POSIX sign, the reverse of ISO's: Etc/GMT-10 is UTC+10."""
    zones = {"Z": "UTC"}
    for hours, letter in enumerate("ABCDEFGHIKLM", start=1):
        zones[letter] = f"Etc/GMT-{hours}"
    for hours, letter in enumerate("NOPQRSTUVWXY", start=1):
        zones[letter] = f"Etc/GMT+{hours}"
    return zones


MILITARY_ZONES = _military_zones()

# "0015K", "1230Z", "0530 K": four figures of a 24-hour clock and a zone letter.
_MILITARY = re.compile(r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s?(?P<letter>[A-IK-Z])")


def military_reading(text):
    """(time, zone) of a military clock reading ("0015K" → 00:15, Etc/GMT-10), or None."""
    match = _MILITARY.fullmatch(text.strip())
    if not match:
        return None
    time = datetime.time(int(match["hour"]), int(match["minute"]))
    return time, MILITARY_ZONES[match["letter"]]


def known_zone(zone):
    """The ZoneInfo of an IANA name, or None if the name is empty or unknown."""
    if not zone:
        return None
    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def localized(local_date, local_time, zone):
    """The aware local moment of a reading, or None when the date, time or zone is missing.

    A reading in the hour summer time skipped or repeated is taken as the clock showed it
    before the change (fold 0), as a clerk's entry would have been.
    """
    tz = known_zone(zone)
    if local_date is None or local_time is None or tz is None:
        return None
    return datetime.datetime.combine(local_date, local_time).replace(tzinfo=tz)


def to_utc(local_date, local_time, zone):
    """The UTC instant of a local reading, or None when the date, time or zone is missing.

    tzdata knows each zone's rules as they were: Europe/Moscow was UTC+3 in 1951,
    Asia/Tokyo kept summer time (UTC+10), America/New_York was on EDT (UTC−4).
    """
    local = localized(local_date, local_time, zone)
    return local.astimezone(datetime.UTC) if local else None


def w3c(local_date, local_time, zone):
    """A reading as a W3C date or date-time for TEI @when and JSON-LD, with its offset.

    "1951-06-30T11:30:00+03:00" with a zone; "1951-06-30T11:30:00" (local, offset not
    known) without; "1951-06-30" for a date alone; "" with no date. An offset of local mean
    time, in seconds (before a zone kept standard time), cannot be written in XML Schema's
    form: the instant is then given in UTC.
    """
    if local_date is None:
        return ""
    if local_time is None:
        return local_date.isoformat()
    local = localized(local_date, local_time, zone)
    if local is None:
        return datetime.datetime.combine(local_date, local_time).isoformat(timespec="seconds")
    if local.utcoffset().seconds % 60:
        return local.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return local.isoformat(timespec="seconds")


def _offset_label(zone):
    """ "UTC+10" for Etc/GMT-10, "UTC−5" for Etc/GMT+5; None for other zones."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", zone or "")
    if not match:
        return None
    sign = "−" if match[1] == "+" else "+"  # POSIX signs are reversed
    return f"UTC{sign}{int(match[2])}"


def names_a_place(zone):
    """Whether the zone's label names a place ("Moscow time"), not an offset ("UTC+10")."""
    return bool(zone) and not is_utc(zone) and _offset_label(zone) is None


def is_utc(zone):
    return (zone or "").upper() in ("UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ETC/GMT-0")


def zone_label(zone, place=""):
    """How a page names a zone: "Moscow time"; by the place where the place is known
    ("Washington time" for America/New_York in Washington); "UTC+10" for a fixed offset;
    "" when the zone is not known."""
    if not zone:
        return ""
    if is_utc(zone):
        return "UTC"
    offset = _offset_label(zone)
    if offset:
        return offset
    city = place or _ZONE_NAMES.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")
    # Translators: a zone named by its city, "Moscow time".
    return _("%(city)s time") % {"city": city}
