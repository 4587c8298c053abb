"""Dates as written, as known and as inferred: EDTF values and their bounds, the date
fields kept in step from whichever side was edited, the words a page shows, filters
that match ranges by overlap, the "exclude inferred dates" switch, sorting by a range's
start or end, documents of one day by their first moment, and the importer's month-
and year-only dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from archive.chronology import edtf
from archive.chronology.display import date_text, document_date, machine_date
from archive.chronology.models import HandlingStep, InferredDating, WrittenDate
from archive.filters import DocumentFilter
from archive.importing.batch import import_files
from archive.models import Document
from archive.search import rebuild

from .factory import make_document, make_text
from .html import page_text
from .records import record

pytestmark = pytest.mark.django_db

D = datetime.date


# --- EDTF: what a value means ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last", "precision", "approximate", "uncertain"),
    [
        # Level 0: a day, a month, a year, an interval.
        ("1951-06-30", D(1951, 6, 30), D(1951, 6, 30), "day", False, False),
        ("1951-06", D(1951, 6, 1), D(1951, 6, 30), "month", False, False),
        ("1951", D(1951, 1, 1), D(1951, 12, 31), "year", False, False),
        ("1951-06-29/1951-06-30", D(1951, 6, 29), D(1951, 6, 30), "day", False, False),
        ("1951-06-30T11:30:00+03:00", D(1951, 6, 30), D(1951, 6, 30), "day", False, False),
        # Level 1: qualifiers, open and unknown ends, seasons, unspecified digits.
        ("1951~", D(1951, 1, 1), D(1951, 12, 31), "year", True, False),
        ("1951-06?", D(1951, 6, 1), D(1951, 6, 30), "month", False, True),
        ("1951-06-30%", D(1951, 6, 30), D(1951, 6, 30), "day", True, True),
        ("../1951", None, D(1951, 12, 31), "year", False, False),
        ("1951-06-29/..", D(1951, 6, 29), None, "day", False, False),
        ("/1951", None, D(1951, 12, 31), "year", False, False),
        ("1951/", D(1951, 1, 1), None, "year", False, False),
        ("1951-21", D(1951, 3, 1), D(1951, 5, 31), "year", False, False),  # spring
        ("195X", D(1950, 1, 1), D(1959, 12, 31), "year", False, False),
        ("1951-XX", D(1951, 1, 1), D(1951, 12, 31), "year", False, False),
        ("1951-06-XX", D(1951, 6, 1), D(1951, 6, 30), "month", False, False),
        # Level 2: sets, qualified parts.
        ("[1951-06-29..1951-06-30]", D(1951, 6, 29), D(1951, 6, 30), "day", False, False),
        ("[..1951-06-30]", None, D(1951, 6, 30), "day", False, False),
        ("{1951-06-29,1951-07-02}", D(1951, 6, 29), D(1951, 7, 2), "day", False, False),
        ("1951-?06-30", D(1951, 6, 30), D(1951, 6, 30), "day", False, True),
        ("[1951-06..1951-07]", D(1951, 6, 1), D(1951, 7, 31), "month", False, False),
    ],
)
def test_an_edtf_value_gives_its_bounds_precision_and_qualifiers(
    value, first, last, precision, approximate, uncertain
):
    dating = edtf.read(value)
    assert (dating.first, dating.last, dating.precision) == (first, last, precision)
    assert (dating.approximate, dating.uncertain) == (approximate, uncertain)
    assert dating.edtf == value


@pytest.mark.parametrize(
    ("value", "is_range"),
    [
        ("1951-06-30", False),
        ("1951-06", False),
        ("1951", False),
        ("1951-06-XX", False),
        ("1951-06-29/1951-06-30", True),
        ("1951-21", True),  # a season is three months, not "1951"
        ("195X", True),  # a decade
        ("[1951-06-29..1951-06-30]", True),
        ("1951/..", True),
    ],
)
def test_a_range_is_more_than_one_day_month_or_year(value, is_range):
    assert edtf.read(value).is_range is is_range


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("1951-06-31", "edtf_invalid", "“1951-06-31” is not an EDTF date"),
        ("1951-13", "edtf_invalid", "is not an EDTF date"),
        ("June 1951", "edtf_invalid", "Write it as 1951-06-30"),
        ("1951-06-3X", "edtf_no_bounds", "cannot be worked out; write the days"),
        ("1952/1951", "edtf_reversed", "ends before it begins"),
        ("-0044", "edtf_unbounded", "names no day the archive can store"),
        ("../..", "edtf_unbounded", "names no day"),
        ("  ", "edtf_empty", "empty"),
    ],
)
def test_an_invalid_value_is_refused_saying_why(value, code, message):
    with pytest.raises(ValidationError) as refused:
        edtf.read(value)
    assert refused.value.code == code
    assert message in refused.value.messages[0]


def test_the_documents_form_refuses_an_invalid_value_on_its_field():
    document = make_document()
    document.date_edtf = "1951-02-30"
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "“1951-02-30” is not an EDTF date" in refused.value.message_dict["date_edtf"][0]


# --- apply(): the side that was edited wins ---------------------------------------------------


def test_a_new_document_written_in_edtf_takes_its_bounds():
    document = make_document(date=None, date_edtf="1951-06-29/1951-06-30")
    document.refresh_from_db()
    assert (document.date, document.date_last) == (D(1951, 6, 29), D(1951, 6, 30))
    assert document.date_precision == "day"


def test_a_new_document_written_as_a_first_day_gets_its_edtf_value():
    document = make_document(date=D(1951, 6, 1), date_precision="month", date_approximate=True)
    document.refresh_from_db()
    assert document.date_edtf == "1951-06~"
    assert document.date_last == D(1951, 6, 30)


def test_editing_the_edtf_value_moves_the_date_fields():
    document = Document.objects.get(pk=make_document(date=D(1951, 6, 30)).pk)
    document.date_edtf = "1951-07?"
    document.save()
    document = Document.objects.get(pk=document.pk)
    assert (document.date, document.date_last) == (D(1951, 7, 1), D(1951, 7, 31))
    assert (document.date_precision, document.date_uncertain) == ("month", True)


def test_editing_the_date_fields_rewrites_the_edtf_value():
    document = Document.objects.get(pk=make_document(date=D(1951, 6, 30)).pk)
    assert document.date_edtf == "1951-06-30"
    document.date, document.date_precision = D(1951, 7, 1), "month"
    document.save()
    document = Document.objects.get(pk=document.pk)
    assert (document.date_edtf, document.date_last) == ("1951-07", D(1951, 7, 31))


def test_a_save_that_edits_neither_side_keeps_a_range():
    document = Document.objects.get(
        pk=make_document(date=None, date_edtf="1951-06-29/1951-06-30").pk
    )
    document.title = "Retitled"
    document.save()
    document = Document.objects.get(pk=document.pk)
    assert document.date_edtf == "1951-06-29/1951-06-30"
    assert (document.date, document.date_last) == (D(1951, 6, 29), D(1951, 6, 30))


def test_clearing_the_edtf_value_undates_the_document():
    document = Document.objects.get(pk=make_document(date=None, date_edtf="1951-06").pk)
    document.date_edtf = ""
    document.save()
    document = Document.objects.get(pk=document.pk)
    assert (document.date, document.date_last, document.date_edtf) == (None, None, "")
    assert document.display_date == ""


def test_a_month_given_by_any_of_its_days_is_kept_from_its_first():
    document = make_document(date=D(1951, 6, 30), date_precision="month")
    document.refresh_from_db()
    assert (document.date, document.date_last, document.date_edtf) == (
        D(1951, 6, 1),
        D(1951, 6, 30),
        "1951-06",
    )
    assert document.display_date == "June 1951"
    assert titles(date_from="1951-06-02", date_to="1951-06-03") == [document.title]


# --- The words a page shows ---------------------------------------------------------------


def dated(value, reason=""):
    """An unsaved document with its date written in EDTF, its fields read from it."""
    return edtf.apply(Document(title="Telegram", date_edtf=value, date_reason=reason))


@pytest.mark.parametrize(
    ("value", "reason", "shown"),
    [
        ("1951-06-30", "dateline", "30 June 1951"),
        ("1951-06", "", "June 1951"),
        ("1951", "", "1951"),
        ("1951-06~", "", "c. June 1951"),
        ("1951-06?", "", "June 1951?"),
        ("1951-06-30%", "", "c. 30 June 1951?"),
        ("1951-06-29/1951-06-30", "dateline", "29–30 June 1951"),
        ("1951-06-29/1951-07-02", "", "29 June – 2 July 1951"),
        ("1950-12-30/1951-01-02", "", "30 December 1950 – 2 January 1951"),
        ("1951-03/1951-05", "", "March–May 1951"),
        ("1951-21", "", "March–May 1951"),
        ("195X", "", "1950–1959"),
        ("1951-06-XX", "", "June 1951"),
        ("1951-06-01/1951-06-30", "", "1–30 June 1951"),  # written to the day, shown so
        ("[1951-06-29..1951-06-30]", "", "between 29 and 30 June 1951"),
        ("../1951", "", "not after 1951"),
        ("1951-06/..", "", "not before June 1951"),
        ("[..1951-06-30]", "", "not after 30 June 1951"),
        ("1951-06-29/1951-06-30", "inferred_related", "[not dated; between 29 and 30 June 1951]"),
        ("1951-06~", "inferred_content", "[not dated; c. June 1951]"),
        ("1951-06-30", "editor", "[not dated; 30 June 1951]"),
        ("1951-06-30", "registration_stamp", "30 June 1951 (from the registration stamp)"),
        ("1951-06-30", "received_time", "30 June 1951 (from the time received)"),
    ],
)
def test_a_date_is_shown_as_precisely_and_honestly_as_it_is_known(value, reason, shown):
    assert document_date(dated(value, reason)) == shown
    assert dated(value, reason).display_date == shown


@pytest.mark.parametrize(
    ("value", "machine"),
    [
        ("1951-06-30", "1951-06-30"),
        ("1951-06~", "1951-06"),
        ("1951", "1951"),
        ("1951-06-XX", "1951-06"),
        ("1951-06-29/1951-06-30", ""),  # no one value of <time datetime> says a range
        ("1951/..", ""),
    ],
)
def test_a_date_for_machines_is_given_only_where_one_value_says_it(value, machine):
    assert machine_date(dated(value)) == machine


def test_an_undated_document_shows_no_date():
    assert document_date(Document(title="Undated")) == ""
    assert date_text(None, None, "day") == ""


def test_a_date_written_without_save_is_shown_to_its_precision():
    # A bulk load sets the first day and precision only: no EDTF value, no last day.
    document = Document(title="Bulk", date=D(1951, 6, 1), date_precision="month")
    assert document_date(document) == "June 1951"


def test_dates_are_shown_in_the_readers_language():
    with translation.override("ru"):
        assert document_date(dated("1951-06-30")) == "30 июня 1951 г."
        assert document_date(dated("1951-06-29/1951-06-30")) == "29–30 июня 1951 г."


def test_a_date_line_kept_in_one_language_is_not_shown_in_another():
    # Date lines are kept by their fields (display._date_line): and by the language.
    document = dated("1951-06-30")
    with translation.override("en"):
        assert document_date(document) == "30 June 1951"
    with translation.override("ru"):
        assert document_date(document) == "30 июня 1951 г."
    with translation.override("en"):
        assert document_date(document) == "30 June 1951"
    document.date_approximate = True  # an edit: the line follows the fields, not the object
    with translation.override("en"):
        assert document_date(document) == "c. 30 June 1951"


def test_the_document_page_shows_the_date_its_sources_and_other_datings(client):
    document = make_document(date=None, date_edtf="1951-06-30", date_reason="registration_stamp")
    WrittenDate.objects.create(document=document, language="ru", text="30.6", position=1)
    WrittenDate.objects.create(document=document, language="en", text="June 30", position=2)
    InferredDating.objects.create(
        document=document,
        date_edtf="1951-06-29/1951-06-30",
        reason="inferred_related",
        made_by="The editors",
        note="Kim's telegram of 29 June is relayed in it.",
    )
    html = client.get(document.get_absolute_url()).content.decode()
    text = page_text(html)
    assert "30 June 1951 (from the registration stamp)" in text
    assert '<span lang="ru">30.6</span> (Russian)' in html
    assert '<span lang="en">June 30</span> (English)' in html
    assert (
        "between 29 and 30 June 1951 (inferred from related documents; The editors)"
        " — Kim's telegram of 29 June is relayed in it." in text
    )


def test_a_page_of_an_inferred_date_says_the_document_is_not_dated(client):
    document = make_document(date=None, date_edtf="1951-06~", date_reason="inferred_content")
    text = page_text(client.get(document.get_absolute_url()).content.decode())
    assert "[not dated; c. June 1951]" in text


def test_the_seed_shows_its_dates_as_written_in_each_language(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "30 June 1951" in page_text(html)
    assert '<span lang="ru">30.6</span> (Russian)' in html
    assert '<span lang="en">30.6</span> (English)' in html


def test_every_list_shows_a_date_open_at_its_start(client):
    from .factory import make_person, make_reference, make_repository, make_role

    document = make_document(title="Letter", date=None, date_edtf="../1951")
    author, recipient = make_person("Kim Il Sung"), make_person("Mao Zedong")
    make_role(document, author, "author")
    make_role(document, recipient, "recipient")
    repository = make_repository("APRF")
    make_reference(document, repository, opis="1", delo="339")
    shown = {
        author.get_absolute_url(): "Letter not after 1951 · Telegram",  # the documents list
        repository.get_absolute_url(): "Letter not after 1951",
        "/correspondence/": "Letter (not after 1951)",  # the arrows in words
    }
    for url, text in shown.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in page_text(response.content.decode()), url


# --- Filters: ranges overlap -----------------------------------------------------------------


def titles(**params):
    filterset = DocumentFilter(params, queryset=Document.objects.published())
    assert filterset.is_valid(), filterset.errors
    return sorted(document.title for document in filterset.qs)


def test_a_month_matches_a_few_days_within_it():
    make_document(title="June 1951", date=None, date_edtf="1951-06")
    make_document(title="1 July", date=D(1951, 7, 1))
    assert titles(date_from="1951-06-15", date_to="1951-06-20") == ["June 1951"]


def test_a_range_matches_a_range_it_overlaps_and_not_one_it_misses():
    make_document(title="29–30 June", date=None, date_edtf="1951-06-29/1951-06-30")
    assert titles(date_from="1951-06-30", date_to="1951-07-05") == ["29–30 June"]
    assert titles(date_from="1951-07-01", date_to="1951-07-05") == []
    assert titles(date_from="1951-06-01", date_to="1951-06-29") == ["29–30 June"]
    assert titles(date_to="1951-06-28") == []
    assert titles(date_from="1951-07-01") == []


def test_an_open_range_reaches_every_day_on_its_open_side():
    make_document(title="Not after 1951", date=None, date_edtf="../1951")
    make_document(title="Not before 1951", date=None, date_edtf="1951/..")
    assert titles(date_to="1900-01-01") == ["Not after 1951"]
    assert titles(date_from="1990-01-01") == ["Not before 1951"]
    assert titles(date_from="1951-06-01", date_to="1951-06-30") == [
        "Not after 1951",
        "Not before 1951",
    ]
    assert titles(date_from="1952-01-01", date_to="1952-12-31") == ["Not before 1951"]


def test_undated_documents_match_no_date_filter():
    make_document(title="Undated", date=None)
    make_document(title="Dated", date=D(1951, 6, 30))
    assert titles(date_from="1900-01-01") == ["Dated"]
    assert titles(date_to="2100-01-01") == ["Dated"]
    assert titles() == ["Dated", "Undated"]


def _reasons():
    make_document(title="Dateline", date=D(1951, 6, 30), date_reason="dateline")
    make_document(title="Stamp", date=D(1951, 6, 30), date_reason="registration_stamp")
    make_document(title="No reason given", date=D(1951, 6, 30))
    make_document(title="Undated", date=None)
    for reason in ("inferred_content", "inferred_related", "editor"):
        make_document(title=f"By {reason}", date=D(1951, 6, 29), date_reason=reason)


def test_the_switch_excludes_documents_dated_by_inference():
    _reasons()
    assert titles(inferred="exclude") == ["Dateline", "No reason given", "Stamp", "Undated"]
    assert len(titles()) == 7
    assert titles(inferred="exclude", date_to="1951-06-29") == []
    assert titles(date_to="1951-06-29") == [
        "By editor",
        "By inferred_content",
        "By inferred_related",
    ]


def test_the_switch_is_a_checkbox_on_the_browse_page(client):
    _reasons()
    html = client.get("/documents/").content.decode()
    assert '<input type="checkbox" name="inferred" value="exclude" id="id_inferred">' in html
    assert "Exclude inferred dates" in page_text(html)
    response = client.get("/documents/", {"inferred": "exclude"})
    html = response.content.decode()
    assert 'value="exclude" id="id_inferred" checked>' in html
    shown = sorted(d.title for d in response.context["documents"])
    assert shown == ["Dateline", "No reason given", "Stamp", "Undated"]
    assert "Inferred dates: excluded" in page_text(html)  # among the filters in force


def test_the_switch_holds_for_a_search_answered_by_the_engine(client):
    for reason in ("dateline", "editor"):
        make_text(
            make_document(title=f"Telegram, {reason}", date_reason=reason),
            passages=["Переговоры о перемирии"],
        )
    rebuild()
    response = client.get("/documents/", {"q": "переговоры", "inferred": "exclude"})
    assert [d.title for d in response.context["documents"]] == ["Telegram, dateline"]
    assert response.context["page"].paginator.count == 1
    languages = {f["name"]: f["options"] for f in response.context["facets"]}["language"]
    assert [option["count"] for option in languages] == [1]


def test_another_value_of_the_switch_is_refused(client):
    response = client.get("/documents/", {"inferred": "yes"})
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response.content.decode())


# --- Sorting: a range's start going up, its end coming down ------------------------------------


def ordered(sort):
    filterset = DocumentFilter({"sort": sort}, queryset=Document.objects.published())
    return [document.title for document in filterset.qs]


def test_earliest_first_goes_by_the_start_and_latest_first_by_the_end():
    make_document(title="10 June", date=D(1951, 6, 10))
    make_document(title="June", date=None, date_edtf="1951-06")
    make_document(title="5–12 June", date=None, date_edtf="1951-06-05/1951-06-12")
    make_document(title="Undated", date=None)
    assert ordered("date") == ["June", "5–12 June", "10 June", "Undated"]
    # Not the same order reversed: "June" ends last, on the 30th.
    assert ordered("-date") == ["June", "5–12 June", "10 June", "Undated"]


def _open_ranges():
    make_document(title="Undated", date=None)
    make_document(title="10 June", date=D(1951, 6, 10))
    make_document(title="Not after 1951", date=None, date_edtf="../1951")
    make_document(title="Not after 1950", date=None, date_edtf="../1950")
    make_document(title="Not before June 1951", date=None, date_edtf="1951-06/..")
    make_document(title="Not before 1952", date=None, date_edtf="1952/..")


def test_a_range_open_at_the_side_sorted_by_reaches_past_every_date():
    _open_ranges()
    # "../1951" may be any day up to 1951: before every date going up, never with the
    # undated; the open ones among themselves by their known end.
    assert ordered("date") == [
        "Not after 1950",
        "Not after 1951",
        "Not before June 1951",
        "10 June",
        "Not before 1952",
        "Undated",
    ]
    # "1951/.." may be any day from 1951 on: the latest coming down.
    assert ordered("-date") == [
        "Not before 1952",
        "Not before June 1951",
        "Not after 1951",
        "10 June",
        "Not after 1950",
        "Undated",
    ]
    assert ordered("title")[-1] == "Undated"


def test_every_other_list_by_date_puts_an_open_start_first_and_the_undated_last(client):
    from archive.chronology.models import Event
    from archive.models import Role

    from .factory import make_person, make_role

    _open_ranges()
    person, other = make_person("Kim Il Sung"), make_person("Mao Zedong")
    event = Event.objects.create(name="Talks", slug="talks")
    for document in Document.objects.all():
        make_role(document, person, "author")
        make_role(document, other, "recipient")
        event.documents.add(document)
    earliest_first = ordered("date")

    def titles(roles):
        return list(dict.fromkeys(role.document.title for role in roles))

    assert titles(Role.objects.for_person_page(person)) == earliest_first
    assert titles(Role.objects.for_correspondence()) == earliest_first
    timeline = client.get(event.get_absolute_url()).context["entries"]
    assert [entry.document.title for entry in timeline] == earliest_first


def test_equal_scores_of_a_search_are_ordered_as_the_list_earliest_first(client):
    _open_ranges()
    for document in Document.objects.all():
        make_text(document, passages=["Переговоры о перемирии"])
    rebuild()
    response = client.get("/documents/", {"q": "переговоры"})
    assert len({d.search_score for d in response.context["documents"]}) == 1  # all tie
    assert [d.title for d in response.context["documents"]] == ordered("date")


def _on_30_june(title, time=None, zone="Europe/Moscow"):
    document = make_document(title=title, date=D(1951, 6, 30))
    if time:
        HandlingStep.objects.create(
            document=document,
            kind="received",
            local_date=D(1951, 6, 30),
            local_time=time,
            zone=zone,
        )
    return document


def test_documents_of_one_day_go_by_their_first_moment_known():
    _on_30_june("A, no time")
    _on_30_june("B, received 11:30 Moscow time", datetime.time(11, 30))  # 08:30 UTC
    _on_30_june("C, received 07:00 Tokyo time", datetime.time(7, 0), "Asia/Tokyo")  # 21:00 UTC
    _on_30_june("D, received 09:00 UTC", datetime.time(9, 0), "UTC")
    # 07:00 in Tokyo (summer time, UTC+10) was 21:00 on 29 June in UTC: the earliest.
    assert Document.objects.get(title__startswith="C").first_instant == datetime.datetime(
        1951, 6, 29, 21, 0, tzinfo=datetime.UTC
    )
    assert ordered("date") == [
        "C, received 07:00 Tokyo time",
        "B, received 11:30 Moscow time",
        "D, received 09:00 UTC",
        "A, no time",
    ]
    assert ordered("-date") == [
        "D, received 09:00 UTC",
        "B, received 11:30 Moscow time",
        "C, received 07:00 Tokyo time",
        "A, no time",
    ]


# --- The importer: a month or a year alone ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "first", "last", "precision"),
    [
        ("June 1951", "1951-06", D(1951, 6, 1), D(1951, 6, 30), "month"),
        ("1951", "1951", D(1951, 1, 1), D(1951, 12, 31), "year"),
        ("c. 1951", "1951~", D(1951, 1, 1), D(1951, 12, 31), "year"),
        ("February 1952", "1952-02", D(1952, 2, 1), D(1952, 2, 29), "month"),  # a leap year
        ("June 30, 1951", "1951-06-30", D(1951, 6, 30), D(1951, 6, 30), "day"),
    ],
)
def test_an_imported_month_or_year_lands_as_edtf_with_its_bounds(
    authorities, tmp_path, written, value, first, last, precision
):
    path = tmp_path / "record.txt"
    path.write_text(record(record_id=200201, date=written), encoding="utf-8")
    (item,) = import_files([path]).files
    assert item.outcome == "created", item.error
    document = Document.objects.get(record_id=200201)
    assert document.date_edtf == value
    assert (document.date, document.date_last, document.date_precision) == (
        first,
        last,
        precision,
    )
    assert document.date_as_written == written


def test_a_date_edited_on_a_document_fetched_in_part_is_kept(db):
    document = make_document(date=datetime.date(1951, 6, 30))
    partial = Document.objects.only("pk", "date", "title").get(pk=document.pk)
    partial.date = datetime.date(1951, 7, 2)
    partial.save()
    document.refresh_from_db()
    assert (document.date_edtf, document.date) == ("1951-07-02", datetime.date(1951, 7, 2))


@pytest.mark.parametrize(
    "value",
    ["1951", "1951-06", "1951-06-30", "1951~", "1951-06?", "1951-06-30%", "1952-02", "2000-02"],
)
def test_a_plain_value_read_without_the_package_reads_as_the_package_reads_it(value):
    from archive.chronology.edtf import _parsed, read

    assert read(value) == _parsed(value)


@pytest.mark.parametrize(
    ("value", "reason", "shown"),
    [
        ("1951-06/1951-07-10", "", "June 1951 – 10 July 1951"),
        ("1951/1951-07-10", "", "1951 – 10 July 1951"),
        ("1951-06/1951-07-10", "editor", "[not dated; between June 1951 and 10 July 1951]"),
    ],
)
def test_an_interval_says_each_end_as_precisely_as_it_is_known(db, value, reason, shown):
    document = make_document()
    document.date_edtf, document.date_reason = value, reason
    document.save()
    assert document.display_date == shown  # never "1 June", which no one knows
