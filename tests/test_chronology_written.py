"""Written dates read exactly into EDTF: ranges, spans of years, seasons; the rest left alone."""

import pytest

from archive.chronology.edtf import read
from archive.chronology.written import edtf_of_written


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("June 25-26, 1950", "1950-06-25/1950-06-26"),
        ("25-26 June 1950", "1950-06-25/1950-06-26"),
        ("Sept. 1-3, 1951", "1951-09-01/1951-09-03"),
        ("June 29 - July 2, 1951", "1951-06-29/1951-07-02"),
        ("29 June – 2 July 1951", "1951-06-29/1951-07-02"),
        ("June-July 1951", "1951-06/1951-07"),
        ("1950-1953", "1950/1953"),
        ("Summer 1953", "1953-22"),
        ("winter, 1951", "1951-24"),
    ],
)
def test_a_written_range_reads_as_the_edtf_it_means(written, expected):
    assert edtf_of_written(written) == expected
    read(expected)  # and the EDTF package takes it


@pytest.mark.parametrize(
    "written",
    [
        "June 30, 1951",  # one day: the ordinary reader's
        "Undated",
        "Feb 30-31, 1951",  # days the calendar does not have
        "June 26-25, 1950",  # ends before it begins
        "1953-1950",
        "July-June 1951",
        "Midsummer 1951",
        "",
    ],
)
def test_what_is_not_exactly_a_range_is_left_to_the_other_readers(written):
    assert edtf_of_written(written) == ""
