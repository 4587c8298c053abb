"""Times and time zones: local readings to UTC by tzdata's 1951 rules, military zone letters,
the document page's "received 11:30 Moscow time (08:30 UTC)", and the importer's reading
of the handling steps from the particulars of a form, in Russian and in English."""

import datetime
import json

import pytest
from django.conf import settings

from archive.chronology.readings import readings
from archive.chronology.zones import (
    MILITARY_ZONES,
    military_reading,
    to_utc,
    w3c,
    zone_label,
)
from archive.importing.handling import steps_from
from archive.models import HandlingStep, Place

from .factory import make_document
from .html import page_text

D = datetime.date
T = datetime.time
SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "wilson-110371.json"


# --- Zones: tzdata's rules as they were in 1951 --------------------------------------------


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("Europe/Moscow", "+03:00"),  # MSK
        ("Asia/Shanghai", "+08:00"),  # Beijing time
        ("Asia/Pyongyang", "+09:00"),
        ("Asia/Tokyo", "+10:00"),  # JDT: occupied Japan kept summer time until 1951
        ("America/New_York", "-04:00"),  # EDT, Washington's clocks
    ],
)
def test_30_june_1951_by_each_zones_rules(zone, offset):
    instant = to_utc(D(1951, 6, 30), T(11, 30), zone)
    local = datetime.datetime(1951, 6, 30, 11, 30, tzinfo=datetime.timezone(_delta(offset)))
    assert instant == local.astimezone(datetime.UTC)
    assert w3c(D(1951, 6, 30), T(11, 30), zone) == f"1951-06-30T11:30:00{offset}"


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("Europe/Moscow", "+03:00"),
        ("Asia/Shanghai", "+08:00"),
        ("Asia/Pyongyang", "+09:00"),
        ("Asia/Tokyo", "+09:00"),  # JST: no summer time in winter
        ("America/New_York", "-05:00"),  # EST
    ],
)
def test_a_january_day_of_1951_where_summer_rules_no_longer_apply(zone, offset):
    assert w3c(D(1951, 1, 15), T(9, 0), zone) == f"1951-01-15T09:00:00{offset}"


def test_the_moscow_receipt_of_the_seed_is_0830_utc():
    assert to_utc(D(1951, 6, 30), T(11, 30), "Europe/Moscow") == datetime.datetime(
        1951, 6, 30, 8, 30, tzinfo=datetime.UTC
    )


def _delta(offset):
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = offset[1:].split(":")
    return sign * datetime.timedelta(hours=int(hours), minutes=int(minutes))


def test_a_reading_without_date_time_or_known_zone_has_no_instant():
    assert to_utc(None, T(11, 30), "Europe/Moscow") is None
    assert to_utc(D(1951, 6, 30), None, "Europe/Moscow") is None
    assert to_utc(D(1951, 6, 30), T(11, 30), "") is None
    assert to_utc(D(1951, 6, 30), T(11, 30), "Mars/Olympus_Mons") is None


def test_w3c_forms_for_tei_and_json_ld():
    assert w3c(D(1951, 6, 30), None, "Europe/Moscow") == "1951-06-30"
    assert w3c(D(1951, 6, 30), T(11, 30), "") == "1951-06-30T11:30:00"  # offset not known
    assert w3c(None, T(11, 30), "Europe/Moscow") == ""
    # Local mean time had offsets in seconds (Shanghai, +08:05:43, until 1901), which XML
    # Schema cannot write: the instant is given in UTC instead.
    assert w3c(D(1900, 1, 1), T(12, 0), "Asia/Shanghai") == "1900-01-01T03:54:17Z"


def test_military_zone_letters():
    assert MILITARY_ZONES["Z"] == "UTC"
    assert MILITARY_ZONES["A"] == "Etc/GMT-1"  # UTC+1: POSIX names have the reverse sign
    assert MILITARY_ZONES["I"] == "Etc/GMT-9"
    assert MILITARY_ZONES["K"] == "Etc/GMT-10"  # J is skipped: it is the local time
    assert MILITARY_ZONES["M"] == "Etc/GMT-12"
    assert MILITARY_ZONES["N"] == "Etc/GMT+1"
    assert MILITARY_ZONES["Y"] == "Etc/GMT+12"
    assert "J" not in MILITARY_ZONES and len(MILITARY_ZONES) == 25
    assert military_reading("0015K") == (T(0, 15), "Etc/GMT-10")
    assert military_reading("1230Z") == (T(12, 30), "UTC")
    assert military_reading("0015J") is None  # the observer's own time: no zone to read
    assert military_reading("2415K") is None
    assert military_reading("0015") is None
    # 00:15 at UTC+10 is 14:15 UTC the day before.
    assert to_utc(D(1951, 10, 18), T(0, 15), "Etc/GMT-10") == datetime.datetime(
        1951, 10, 17, 14, 15, tzinfo=datetime.UTC
    )
    assert w3c(D(1951, 10, 18), T(0, 15), "Etc/GMT-10") == "1951-10-18T00:15:00+10:00"


def test_zone_labels():
    assert zone_label("Europe/Moscow") == "Moscow time"
    assert zone_label("America/New_York", "Washington") == "Washington time"
    assert zone_label("Asia/Shanghai") == "Beijing time"  # China's one zone, by its capital
    assert zone_label("Etc/GMT-10") == "UTC+10"
    assert zone_label("Etc/GMT+5") == "UTC−5"
    assert zone_label("UTC") == "UTC"
    assert zone_label("") == ""


# --- The page ------------------------------------------------------------------------------


def _times(html):
    """The visible text of the page's "Times" entry."""
    text = page_text(html)
    start = text.index("Times ") + len("Times ")
    return text[start : text.index(" Type ", start)]


def test_the_seed_page_says_when_the_telegram_was_received(client, seed):
    response = client.get(seed.get_absolute_url())
    html = response.content.decode()
    times = _times(html)
    assert "received 11:30 Moscow time (08:30 UTC)" in times
    # The instant is machine-readable; the reading is kept as the form has it, in Russian.
    assert '(<time datetime="1951-06-30T08:30Z">08:30 UTC</time>)' in html
    assert (
        '<q lang="ru">получена &quot; II &quot; ч. &quot; 30 &quot; м. &quot; 30 &quot; '
        "6 195 I г.</q>" in html
    )
    assert '(08:30 UTC) — получена " II " ч. " 30 " м. " 30 " 6 195 I г.' in times
    # A step known to the day says the day, and its place; the steps of the document's
    # own day leave the day out.
    assert "sent 30 June 1951 in Beijing" in times
    assert '<time datetime="1951-06-30">30 June 1951</time> in Beijing' in html
    assert "deciphered 12:00 Moscow time (09:00 UTC)" in times
    assert "typed 12:15 Moscow time (09:15 UTC)" in times
    assert "registered 30 June 1951 in Moscow" in times
    # The sending has no hour: no time in transit can be said.
    assert "in transit" not in times


@pytest.fixture
def places(db):
    return {
        slug: Place.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [
            ("beijing", "Beijing"),
            ("moscow", "Moscow"),
            ("tokyo", "Tokyo"),
            ("pyongyang", "Pyongyang"),
        ]
    }


def _step(document, kind, place, local_date, local_time, zone, **fields):
    return HandlingStep.objects.create(
        document=document,
        kind=kind,
        place=place,
        local_date=local_date,
        local_time=local_time,
        zone=zone,
        position=HandlingStep.objects.filter(document=document).count() + 1,
        **fields,
    )


def test_sending_and_receipt_both_timed_give_the_time_in_transit(client, places):
    document = make_document(date=D(1951, 6, 30))
    # 13:20 in Beijing is 05:20 UTC; 11:30 in Moscow 08:30 UTC.
    _step(document, "sent", places["beijing"], D(1951, 6, 30), T(13, 20), "Asia/Shanghai")
    _step(document, "received", places["moscow"], D(1951, 6, 30), T(11, 30), "Europe/Moscow")
    times = _times(client.get(document.get_absolute_url()).content.decode())
    assert "sent 13:20 Beijing time (05:20 UTC)" in times
    assert "received 11:30 Moscow time (08:30 UTC); in transit 3 h 10 min" in times


def test_a_receipt_before_its_sending_says_no_transit(places):
    document = make_document(date=D(1951, 6, 30))
    _step(document, "sent", places["beijing"], D(1951, 6, 30), T(18, 0), "Asia/Shanghai")
    _step(document, "received", places["moscow"], D(1951, 6, 30), T(11, 30), "Europe/Moscow")
    assert [reading.transit for reading in readings(document.handling_steps.all())] == ["", ""]


def test_other_days_zones_and_clocks_are_said_in_full(client, places):
    document = make_document(date=D(1951, 10, 17))
    # Another day than the document's, and in UTC another day than the local one.
    _step(document, "received", places["tokyo"], D(1951, 10, 18), T(5, 30), "Asia/Tokyo")
    # A military zone letter names no place: the place is said.
    _step(document, "deciphered", places["tokyo"], D(1951, 10, 18), T(0, 15), "Etc/GMT-10")
    # No zone known: the clock is local, with no instant.
    _step(document, "typed", places["moscow"], D(1951, 10, 17), T(12, 0), "")
    html = client.get(document.get_absolute_url()).content.decode()
    times = _times(html)
    assert "received 18 October 1951, 05:30 Tokyo time (20:30 UTC, 17 October 1951)" in times
    assert '<time datetime="1951-10-17T20:30Z">20:30 UTC, 17 October 1951</time>' in html
    assert "deciphered 18 October 1951, 00:15 UTC+10 (14:15 UTC, 17 October 1951) in Tokyo" in (
        times
    )
    assert "typed 12:00 local time in Moscow" in times


def test_the_steps_words_are_escaped(client, places):
    document = make_document(date=D(1951, 6, 30))
    place = Place.objects.create(name="<b>Kaesong</b>", slug="kaesong")
    _step(
        document, "received", place, D(1951, 6, 30), None, "", as_written="<i>x</i>",
        note="<script>alert(1)</script>",
    )  # fmt: skip
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<b>Kaesong" not in html and "<i>x" not in html and "<script>alert" not in html
    assert "in &lt;b&gt;Kaesong&lt;/b&gt;" in html
    assert '<q lang="ru">&lt;i&gt;x&lt;/i&gt;</q>' in html


def test_the_event_timeline_reads_the_same_sentences(places):
    document = make_document(date=D(1951, 6, 30))
    _step(document, "received", places["moscow"], D(1951, 6, 30), T(11, 30), "Europe/Moscow")
    (reading,) = readings(document.handling_steps.all())
    assert reading.text == "received 11:30 Moscow time (08:30 UTC)"
    assert "<time" not in reading.text and "<time" in reading.html


# --- The importer: steps read from the particulars -----------------------------------------


def _seed_particulars():
    objects = json.loads(SEED_FIXTURE.read_text(encoding="utf-8"))
    return [o["fields"] for o in objects if o["model"] == "archive.particular"]


def _seed_steps():
    objects = json.loads(SEED_FIXTURE.read_text(encoding="utf-8"))
    return [o["fields"] for o in objects if o["model"] == "archive.handlingstep"]


def _essentials(step):
    time = step["local_time"][:5] if step["local_time"] else None
    place = step["place"] if isinstance(step["place"], str) else step["place"][0]
    return step["kind"], place, step["local_date"], time, step["zone"]


def test_the_seed_steps_are_read_from_its_russian_particulars():
    steps = steps_from(_seed_particulars(), "ru", D(1951, 6, 30))
    # The archivist's own steps in the fixture, read again from the form.
    assert [_essentials(s) for s in steps] == [_essentials(s) for s in _seed_steps()]
    assert [s["as_written"] for s in steps] == [s["as_written"] for s in _seed_steps()]
    received = steps[1]
    assert received == {
        "kind": "received",
        "as_written": 'получена " II " ч. " 30 " м. " 30 " 6 195 I г.',
        "place": "moscow",
        "local_date": "1951-06-30",
        "local_time": "11:30",
        "zone": "Europe/Moscow",
        "note": "The form's blanks are filled in by typewriter: hour, minute, day, month, year.",
    }
    assert steps[2]["note"] == "Deciphered by Elezov."


def test_the_seed_steps_are_read_from_the_english_alone():
    # The translation's words in place of the original's: the same steps.
    english = [dict(p, value=p["value_en"]) for p in _seed_particulars()]
    steps = steps_from(english, "en", "1951-06-30")
    assert [_essentials(s) for s in steps] == [_essentials(s) for s in _seed_steps()]
    assert steps[2]["as_written"] == "12:00, 30 June"


def test_the_english_is_read_where_the_original_cannot_be():
    particulars = [
        {"kind": "received", "value": "получена (неразборчиво)", "value_en": "Received 11:30 30.6.1951"}
    ]  # fmt: skip
    (step,) = steps_from(particulars, "ru", D(1951, 6, 30))
    assert (step["local_date"], step["local_time"]) == ("1951-06-30", "11:30")
    assert step["as_written"] == "получена (неразборчиво)"  # the original's words, still


SEED_DAY = D(1951, 6, 30)


def _received(value, value_en="", language="ru", document_date=SEED_DAY):
    particulars = [{"kind": "received", "value": value, "value_en": value_en}]
    return steps_from(particulars, language, document_date)


@pytest.mark.parametrize(
    ("value", "language", "date", "time"),
    [
        ("получена 11 ч. 30 м. 30.6.1951", "ru", "1951-06-30", "11:30"),
        ('получена " II " ч. " 30 " м. " 30 " 6 195 I г.', "ru", "1951-06-30", "11:30"),
        ('получена " I " ч. " 05 " м. " 3I " XII 195 I г.', "ru", "1951-12-31", "01:05"),
        ("Received 11:30 30.6.1951", "en", "1951-06-30", "11:30"),
        ("Received 11:30, 30 June 1951", "en", "1951-06-30", "11:30"),
        ("0530 18 October", "en", "1951-10-18", "05:30"),
        ("Received June 30, 1951, 11:30", "en", "1951-06-30", "11:30"),
        ("Received 6/30/1951 11:30", "en", "1951-06-30", "11:30"),  # only one order is a day
    ],
)
def test_clock_readings_in_both_languages(value, language, date, time):
    (step,) = _received(value, language=language, document_date=D(1951, 10, 1))
    assert (step["local_date"], step["local_time"]) == (date, time)
    assert step["as_written"] == value


def test_a_military_zone_letter_gives_the_zone():
    (step,) = _received("0015K", language="en")
    assert (step["local_date"], step["local_time"], step["zone"]) == (None, "00:15", "Etc/GMT-10")
    (step,) = _received("180530Z OCT 51", language="en")
    assert (step["local_date"], step["local_time"], step["zone"]) == ("1951-10-18", "05:30", "UTC")


def test_a_year_left_out_is_the_one_nearest_the_documents_date():
    particulars = [{"kind": "deciphered", "value": "расш. Елезов\n23.50 31.12", "value_en": ""}]
    (step,) = steps_from(particulars, "ru", D(1952, 1, 1))
    assert step["local_date"] == "1951-12-31"
    (step,) = steps_from(particulars, "ru", "1951-12-30")
    assert step["local_date"] == "1951-12-31"
    # Without the document's date the day cannot be told: the time alone is kept.
    (step,) = steps_from(particulars, "ru", None)
    assert (step["local_date"], step["local_time"]) == (None, "23:50")


def test_what_cannot_be_read_one_way_is_left_out():
    # "II" in the month's blank: February in Roman figures, or November typed with I for 1.
    (step,) = _received('получена " II " ч. " 30 " м. " 30 " II 195 I г.')
    assert (step["local_date"], step["local_time"]) == (None, "11:30")
    # Day and month in either order: the time alone.
    (step,) = _received("Received 6/7/1951 11:30", language="en")
    assert (step["local_date"], step["local_time"]) == (None, "11:30")
    # Nothing to read, or a time no clock shows: no step at all.
    assert _received("получена") == []
    assert _received("получена 25 ч. 30 м. 30.6.1951") == []
    assert steps_from([{"kind": "registration", "value": "№ 1402", "value_en": "No. 1402"}]) == []


def test_an_original_and_a_translation_that_disagree_give_no_step():
    assert _received("получена 11 ч. 30 м. 30.6.1951", "Received 12:30, 30 June 1951") == []
    # Agreeing, the English may complete the original: here with the year.
    particulars = [
        {"kind": "typed", "value": "отп. Корнюшина\n12.15 30.6", "value_en": "Typed by Korniushina, 12:15, 30 June 1951"}
    ]  # fmt: skip
    (step,) = steps_from(particulars, "ru", None)
    assert (step["local_date"], step["local_time"]) == ("1951-06-30", "12:15")


def test_places_and_zones_come_from_the_form_and_the_origin():
    origin = {"kind": "origin", "value": "Из ПХЕНЬЯНА", "value_en": "From Pyongyang"}
    outgoing = {"kind": "outgoing_number", "value": "№ 118\n29.6", "value_en": "No. 118, 29 June"}
    steps = steps_from(
        [origin, {"kind": "received", "value": "получена 11 ч. 30 м. 30.6.1951"}, outgoing],
        "ru",
        D(1951, 6, 30),
    )
    # In a telegram's order, whatever the particulars' order.
    assert [(s["kind"], s["place"], s["zone"], s["local_date"]) for s in steps] == [
        ("sent", "pyongyang", "Asia/Pyongyang", "1951-06-29"),
        ("received", "moscow", "Europe/Moscow", "1951-06-30"),
    ]
    # A place no one knows, and a form that is not the Soviet one: no place, no zone.
    steps = steps_from(
        [
            {"kind": "origin", "value": "From Kaesong"},
            {"kind": "outgoing_number", "value": "No. 7, 10 July 1951"},
            {"kind": "received", "value": "Received 0530 18 October"},
        ],
        "en",
        D(1951, 7, 10),
    )
    assert [(s["kind"], s["place"], s["zone"]) for s in steps] == [
        ("sent", "", ""),
        ("received", "", ""),
    ]


def test_times_and_relations_cost_the_page_no_query_of_their_own(client, places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.models import DocumentRelation

    def queries(document):
        with CaptureQueriesContext(connection) as captured:
            client.get(document.get_absolute_url())
        return len(captured)

    bare = make_document(date=D(1951, 6, 30))
    timed = make_document(date=D(1951, 6, 30))
    for kind, time in [("sent", T(8, 0)), ("received", T(11, 30)), ("typed", T(12, 15))]:
        _step(timed, kind, places["moscow"], D(1951, 6, 30), time, "Europe/Moscow")
    for other in (make_document(), make_document()):
        DocumentRelation.objects.create(source=other, target=timed, kind="reply_to")
        DocumentRelation.objects.create(source=timed, target=other, kind="references")
    assert queries(timed) == queries(bare)
