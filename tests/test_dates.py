"""Dates as records write them."""

import datetime

import pytest

from archive.dates import (
    DatePrecision,
    ImpossibleDate,
    next_month,
    parse_written_date,
    previous_month,
    read_loosely,
    span,
)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("June 30, 1951", (datetime.date(1951, 6, 30), "day", False)),
        ("30 June 1951", (datetime.date(1951, 6, 30), "day", False)),
        ("Sept. 3, 1950", (datetime.date(1950, 9, 3), "day", False)),
        ("1951-06-30", (datetime.date(1951, 6, 30), "day", False)),
        ("June 1951", (datetime.date(1951, 6, 1), "month", False)),
        ("1951-06", (datetime.date(1951, 6, 1), "month", False)),
        ("1951", (datetime.date(1951, 1, 1), "year", False)),
        ("c. 1951", (datetime.date(1951, 1, 1), "year", True)),
        ("circa June 1951", (datetime.date(1951, 6, 1), "month", True)),
        ("  June   30,  1951 ", (datetime.date(1951, 6, 30), "day", False)),
        ("30.06.1951", (datetime.date(1951, 6, 30), "day", False)),
    ],
)
def test_written_dates_are_read_to_their_precision(written, expected):
    assert parse_written_date(written) == expected


@pytest.mark.parametrize(
    "written, message",
    [
        ("June 31, 1951", "not a date in the calendar"),
        ("Smarch 1, 1951", "“Smarch” is not the name of a month"),
        ("the summer of 1951", "not a date in a form the importer reads"),
        ("", "not a date in a form"),
    ],
)
def test_unread_dates_are_refused_with_the_reason(written, message):
    with pytest.raises(ValueError, match=message):
        parse_written_date(written)


def test_only_a_day_the_calendar_lacks_is_an_impossible_date():
    with pytest.raises(ImpossibleDate):
        parse_written_date("31.02.1951")
    with pytest.raises(ValueError) as unfamiliar:
        parse_written_date("the summer of 1951")
    assert not isinstance(unfamiliar.value, ImpossibleDate)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("June 25-26, 1950", (datetime.date(1950, 6, 1), "month")),
        ("Late June 1950", (datetime.date(1950, 6, 1), "month")),
        ("1950-1953", (datetime.date(1950, 1, 1), "year")),
        ("the summer of 1951", (datetime.date(1951, 1, 1), "year")),
        ("Between May and June 1953", (datetime.date(1953, 5, 1), "month")),
        ("June 30, 1951 [approximately]", (datetime.date(1951, 6, 30), "day")),
        ("1951?", (datetime.date(1951, 1, 1), "year")),
        ("Undated", None),
        ("n.d.", None),
    ],
)
def test_a_looser_notation_is_dated_as_near_as_its_words_allow(written, expected):
    assert read_loosely(written) == expected


def test_the_span_of_a_partial_date():
    june = datetime.date(1951, 6, 1)
    assert span(datetime.date(1951, 6, 30), DatePrecision.DAY) == (
        datetime.date(1951, 6, 30),
        datetime.date(1951, 7, 1),
    )
    assert span(june, DatePrecision.MONTH) == (june, datetime.date(1951, 7, 1))
    assert span(june, DatePrecision.YEAR) == (datetime.date(1951, 1, 1), datetime.date(1952, 1, 1))


def test_months_either_side_cross_the_year():
    assert next_month(datetime.date(1951, 12, 31)) == datetime.date(1952, 1, 1)
    assert previous_month(datetime.date(1952, 1, 15)) == datetime.date(1951, 12, 1)
    assert next_month(datetime.date(1951, 6, 30)) == datetime.date(1951, 7, 1)
