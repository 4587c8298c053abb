"""Events: their pages, the timeline of their documents in real (UTC) order, who wrote to
whom in them, their place on persons' pages, the sitemap and the admin.

The seed is the only real document. The rest of the exchange round Ridgway's offer of
30 June 1951 is composed here, with handling steps in four time zones, so that the order
in UTC differs from the order of the local clock readings.
"""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from archive.changes import deferred
from archive.chronology import edtf
from archive.chronology.admin import EVENT_DATES_HELP
from archive.chronology.display import document_date, event_date
from archive.chronology.readings import readings
from archive.chronology.views import event_dates
from archive.models import (
    Document,
    DocumentRelation,
    Event,
    HandlingStep,
    Person,
    Place,
)

from .admin_forms import admin_url, form_data, management_data
from .factory import make_document, make_person, make_reference, make_repository, make_role
from .html import page_text

pytestmark = pytest.mark.django_db

EVENT = "/events/ridgways-offer-to-negotiate/"
# The page cache's check of the public version (archive/caching.py), then the event, its
# places, its published documents (with types), their handling steps (with places), their
# letter roles (with persons), their sources (with repositories), and the relations
# among them: however many documents the event holds.
CACHE_CHECK = 1
EVENT_PAGE_QUERIES = CACHE_CHECK + 7


def place(slug, name):
    return Place.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def step(document, kind, local, zone, where, as_written=""):
    """A handling step read off `document`: `local` is the clock reading, in `zone`."""
    return HandlingStep.objects.create(
        document=document,
        kind=kind,
        as_written=as_written,
        place=where,
        local_date=local.date(),
        local_time=local.time(),
        zone=zone,
    )


@deferred()
def compose_exchange(seed):
    """The exchange round the seed, in one event with it: {name: document}.

    Composed records, not real ones: Ridgway's broadcast (Tokyo, summer time), Kim Il
    Sung's telegram to Mao Zedong (Pyongyang), the seed (received in Moscow), Stalin's
    reply (sent from Moscow, received in Beijing), and a draft that must not be shown.
    """
    person = Person.objects.get
    kim, mao = person(slug="kim-il-sung"), person(slug="mao-zedong")
    stalin, ridgway = person(slug="joseph-stalin"), person(slug="matthew-ridgway")
    tokyo, pyongyang = place("tokyo", "Tokyo"), place("pyongyang", "Pyongyang")
    moscow, beijing = Place.objects.get(slug="moscow"), Place.objects.get(slug="beijing")
    on = datetime.datetime

    broadcast = make_document(
        record_id=990001,
        title="General Ridgway's broadcast offer of armistice talks",
        date_edtf="1951-06-30",
        original_language="en",
    )
    make_role(broadcast, ridgway, "author")
    make_role(broadcast, kim, "recipient")
    make_reference(broadcast, make_repository("NARA"), fond="RG 218")
    step(broadcast, "sent", on(1951, 6, 30, 8, 0), "Asia/Tokyo", tokyo, "0800 30 June")

    kim_to_mao = make_document(
        record_id=990002,
        title="Kim Il Sung to Mao Zedong on how to answer Ridgway",
        date_edtf="1951-06-30",
        original_language="zh",
    )
    make_role(kim_to_mao, kim, "author")
    make_role(kim_to_mao, mao, "recipient")
    step(kim_to_mao, "sent", on(1951, 6, 30, 13, 0), "Asia/Pyongyang", pyongyang, "13.00 30.6")

    reply = make_document(
        record_id=990003,
        title="Stalin's reply to Mao Zedong on the talks",
        date_edtf="1951-07-01",
        original_language="ru",
    )
    make_role(reply, stalin, "author")
    make_role(reply, mao, "recipient")
    make_reference(reply, make_repository("APRF"), fond="45")
    step(reply, "sent", on(1951, 7, 1, 1, 30), "Europe/Moscow", moscow, "01.30 1.7")
    step(reply, "received", on(1951, 7, 1, 7, 5), "Asia/Shanghai", beijing, "7.05 1.7")

    draft = make_document(
        record_id=990004,
        title="Unsent draft of Stalin's reply",
        date_edtf="1951-06-30",
        status="draft",
    )
    make_role(draft, stalin, "author")
    make_role(draft, make_person("Drafting Officer", slug="drafting-officer"), "author")

    DocumentRelation.objects.create(
        source=reply, target=seed, kind="reply_to", evidence="Ваша телеграмма № 3261"
    )
    DocumentRelation.objects.create(source=seed, target=kim_to_mao, kind="forwards")
    # Neither of these is public: a suggestion awaiting an archivist, and a draft's.
    DocumentRelation.objects.create(
        source=seed, target=broadcast, kind="references", status="suggested"
    )
    DocumentRelation.objects.create(source=draft, target=reply, kind="draft_of")

    Event.objects.get(slug="ridgways-offer-to-negotiate").documents.add(
        broadcast, kim_to_mao, reply, draft
    )
    return {"broadcast": broadcast, "kim": kim_to_mao, "seed": seed, "reply": reply, "draft": draft}


def timeline_titles(page):
    """The titles on the event's timeline, in the page's order."""
    timeline = page.split('<ol class="event-timeline">', 1)[1].split("</ol>", 1)[0]
    return [
        html.unescape(title)
        for title in re.findall(r'class="document-item__title"[^>]*>([^<]*)</a>', timeline)
    ]


# --- The event page ------------------------------------------------------------------------


def test_the_timeline_is_in_utc_order_not_in_the_order_of_local_clocks(client, seed):
    documents = compose_exchange(seed)
    published = [d for name, d in documents.items() if name != "draft"]

    def first_step(document):
        return document.handling_steps.filter(local_time__isnull=False).order_by("position")[0]

    by_local_clock = sorted(
        published, key=lambda d: (first_step(d).local_date, first_step(d).local_time)
    )
    by_utc = sorted(published, key=lambda d: first_step(d).instant)
    # The test means something only if the two orders differ: Kim Il Sung's 13:00 in
    # Pyongyang was 04:00 UTC, before the seed's 11:30 in Moscow (08:30 UTC).
    assert by_local_clock != by_utc

    page = client.get(EVENT).content.decode()
    assert timeline_titles(page) == [d.title for d in by_utc]
    assert timeline_titles(page) == [
        "General Ridgway's broadcast offer of armistice talks",
        "Kim Il Sung to Mao Zedong on how to answer Ridgway",
        seed.title,
        "Stalin's reply to Mao Zedong on the talks",
    ]


def test_each_document_says_when_it_was_sent_or_received_in_local_time_and_utc(client, seed):
    documents = compose_exchange(seed)
    response = client.get(EVENT)
    text = page_text(response.content.decode())
    assert "received 11:30 Moscow time (08:30 UTC)" in text
    # Every timed step of every document, as archive.chronology.readings words it.
    for name in ("broadcast", "kim", "reply"):
        for reading in readings(documents[name].handling_steps.all()):
            assert reading.text in text, reading.text
            assert reading.transit in text  # where sending and receipt are both timed
    assert "in transit 35 min" in text  # Stalin's reply: 22:30 to 23:05 UTC
    assert "Tokyo time (22:00 UTC" in text  # Tokyo kept summer time in 1951: UTC+10
    assert "Pyongyang time (04:00 UTC)" in text
    # Each document's moment on the line is in UTC, with its own day: the broadcast's
    # 08:00 on 30 June in Tokyo was still 29 June in UTC.
    assert "29 June 1951, 22:00 UTC" in text
    assert "30 June 1951, 08:30 UTC" in text
    # A step with no hour (the seed's sending from Beijing, its registration) gives no
    # time to show.
    (entry,) = [e for e in response.context["entries"] if e.document == seed]
    assert [reading.step.kind for reading in entry.times] == ["received", "deciphered", "typed"]


def test_the_page_shows_who_wrote_to_whom_and_the_relay(client, seed):
    compose_exchange(seed)
    response = client.get(EVENT)
    page = response.content.decode()
    network = response.context["network"]
    arrows = {(e.source.name, e.target.name, e.kind) for e in network.edges}
    assert arrows == {
        ("Matthew Ridgway", "Kim Il Sung", "wrote"),
        ("Kim Il Sung", "Mao Zedong", "wrote"),
        ("Kim Il Sung", "Mao Zedong", "relayed"),  # the seed relays Kim Il Sung's message
        ("Mao Zedong", "Joseph Stalin", "wrote"),
        ("Joseph Stalin", "Mao Zedong", "wrote"),
    }
    # The drawing, with its words for those who cannot see it.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="picture__svg"' in page
    assert 'aria-label="Joseph Stalin wrote to Mao Zedong: Stalin&#x27;s reply' in page
    text = page_text(page)
    assert "From Mao Zedong to Joseph Stalin" in text
    assert "Relaying a message from Kim Il Sung to Mao Zedong" in text


def test_drafts_and_unconfirmed_relations_are_never_shown(client, seed):
    documents = compose_exchange(seed)
    page = client.get(EVENT).content.decode()
    assert "Unsent draft" not in page
    assert documents["draft"].get_absolute_url() not in page
    assert "Drafting Officer" not in page  # not even as a correspondent
    assert "4 documents, from any archive" in page_text(page)
    rows = page.split('<ul class="plain-list event-relations">', 1)[1].split("</ul>", 1)[0]
    kinds = re.findall(r'<span class="event-relations__kind">([^<]*)</span>', rows)
    assert kinds == ["forwards", "reply to"]  # in the timeline's order of their sources
    assert "Ваша телеграмма № 3261" in rows
    assert '<span lang="ru">Ваша телеграмма № 3261</span>' in rows
    assert "references" not in rows and "draft of" not in rows


def test_the_page_says_what_the_event_is(client, seed):
    event = Event.objects.get(slug="ridgways-offer-to-negotiate")
    event.description = "Ridgway <b>broadcast</b> & Kim asked."
    event.save()
    response = client.get(EVENT)
    page = response.content.decode()
    text = page_text(page)
    assert "30 June – 10 July 1951" in text
    assert "Korea" in text and "Washington" in text
    assert "Ridgway &lt;b&gt;broadcast&lt;/b&gt; &amp; Kim asked." in page  # escaped
    # The seed alone: its own time, and no relations to list.
    assert timeline_titles(page) == [seed.title]
    assert "How the documents are related" not in text


def test_untimed_documents_stand_by_their_date_after_the_timed_ones_of_that_day(client, seed):
    untimed = make_document(
        record_id=990010, title="Undated note of 30 June", date_edtf="1951-06-30"
    )
    earlier = make_document(record_id=990011, title="Note of 29 June", date_edtf="1951-06-29")
    later = make_document(record_id=990012, title="Telegram of 2 July", date_edtf="1951-07-02")
    undated = make_document(record_id=990013, title="An undated memorandum", date=None)
    Event.objects.get(slug="ridgways-offer-to-negotiate").documents.add(
        untimed, earlier, later, undated
    )
    titles = timeline_titles(client.get(EVENT).content.decode())
    assert titles == [earlier.title, seed.title, untimed.title, later.title, undated.title]


@pytest.mark.parametrize("size", [2, 20])
def test_the_event_page_queries_do_not_grow(client, seed, django_assert_num_queries, size):
    event = Event.objects.get(slug="ridgways-offer-to-negotiate")
    moscow = Place.objects.get(slug="moscow")
    with deferred():
        for number in range(size):
            document = make_document(title=f"Telegram {number}")
            make_role(document, make_person(), "author")
            make_role(document, make_person(), "recipient")
            make_reference(document, make_repository(f"R{number}"))
            step(
                document,
                "received",
                datetime.datetime(1951, 7, 1, 9, number),
                "Europe/Moscow",
                moscow,
            )
            event.documents.add(document)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = Client().get(EVENT)
    assert len(timeline_titles(response.content.decode())) == size + 1


def test_an_event_with_no_published_document_is_not_public(staff_client, db):
    draft = make_document(status="draft", title="A draft")
    event = Event.objects.create(name="Talks at Kaesong", date_edtf="1951-07-10")
    event.documents.add(draft)
    visitor = Client()
    assert visitor.get(event.get_absolute_url()).status_code == 404
    assert "Talks at Kaesong" not in visitor.get(reverse("archive:event_list")).content.decode()
    # Staff see it, still without the draft.
    response = staff_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "No published document belongs to this event yet." in page_text(
        response.content.decode()
    )
    assert "A draft" not in response.content.decode()


def test_the_list_of_events(client, seed):
    compose_exchange(seed)
    Event.objects.create(name="Only drafts", slug="only-drafts").documents.add(
        make_document(status="draft")
    )
    response = client.get(reverse("archive:event_list"))
    text = page_text(response.content.decode())
    assert "Ridgway's offer to negotiate" in text
    assert "30 June – 10 July 1951" in text
    assert "Beijing, Korea, Moscow, Washington" in text
    assert "4 documents" in text  # the draft is not counted
    assert "Only drafts" not in text
    assert f'href="{EVENT}"' in response.content.decode()
    # And the site's menu leads here.
    assert 'href="/events/">Events</a>' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1951-06-30/1951-07-10", "30 June – 10 July 1951"),
        ("1951-06-30", "30 June 1951"),
        ("1951-06", "June 1951"),
        ("1951-06~", "c. June 1951"),
        ("1951", "1951"),
        ("1951-06/1951-07-10", "June 1951 – 10 July 1951"),
        ("1951-06-30/..", "from 30 June 1951"),
        ("../1951-07-10", "until 10 July 1951"),
        ("1951-06-30?", "30 June 1951?"),
        ("[1951-06-29, 1951-06-30]", "between 29 and 30 June 1951"),
        ("", ""),
    ],
)
def test_an_events_dates_are_shown_as_precisely_as_known(value, shown):
    assert event_dates(Event(name="Talks", date_edtf=value)) == shown


@pytest.mark.parametrize(
    ("value", "shown", "document_shown"),
    [
        ("1951-06-30/1951-07-10", "30 June – 10 July 1951", "30 June – 10 July 1951"),
        ("1951-06-29/1951-06-30", "29–30 June 1951", "29–30 June 1951"),
        ("1951-06-30", "30 June 1951", "30 June 1951"),
        ("1951-06~", "c. June 1951", "c. June 1951"),
        ("1951-06/1951-07-10", "June 1951 – 10 July 1951", "June 1951 – 10 July 1951"),
        ("1951-06-30?", "30 June 1951?", "30 June 1951?"),
        ("[1951-06-29, 1951-06-30]", "between 29 and 30 June 1951",
         "between 29 and 30 June 1951"),
        # An event open at one end is a span begun or ended then, not a day unknown.
        ("1951-06-30/..", "from 30 June 1951", "not before 30 June 1951"),
        ("../1951-07-10", "until 10 July 1951", "not after 10 July 1951"),
        ("", "", ""),
    ],
)  # fmt: skip
def test_an_events_dates_read_as_a_documents_would(value, shown, document_shown):
    assert event_date(Event(name="Talks", date_edtf=value)) == shown
    document = edtf.apply(Document(title="Telegram", date_edtf=value))
    assert document_date(document) == document_shown


def test_an_events_dates_in_russian_read_as_a_documents_would():
    with translation.override("ru"):
        event = Event(name="Talks", date_edtf="1951-06-30/1951-07-10")
        document = edtf.apply(Document(title="Telegram", date_edtf="1951-06-30/1951-07-10"))
        assert event_date(event) == document_date(document) == "30 июня – 10 июля 1951 г."


def test_in_russian_the_dates_are_russian(seed):
    response = Client().get("/ru" + EVENT)
    assert "30 июня – 10 июля 1951 г." in page_text(response.content.decode())


# --- Persons' pages --------------------------------------------------------------------------


def test_a_persons_page_lists_their_events(client, seed):
    documents = compose_exchange(seed)
    # Ridgway is only mentioned in the seed, and wrote the broadcast: both in the event.
    for slug in ("kim-il-sung", "joseph-stalin", "matthew-ridgway", "yakov-malik"):
        page = client.get(f"/persons/{slug}/").content.decode()
        assert f'<a href="{EVENT}" lang="en">Ridgway&#x27;s offer to negotiate</a>' in page, slug
        assert "(30 June – 10 July 1951)" in page_text(page)
    # A person whose only document in the event is a draft: the event is not theirs.
    officer = Person.objects.get(slug="drafting-officer")
    make_role(make_document(title="Elsewhere"), officer, "author")
    page = client.get(officer.get_absolute_url()).content.decode()
    assert EVENT not in page
    assert documents["draft"] in officer.documents.all()


def test_the_person_page_asks_one_query_more_for_events(client, seed, django_assert_num_queries):
    compose_exchange(seed)
    mao = Person.objects.get(slug="mao-zedong")
    # Cache check, person, aliases, roles, events, letters: however many events and documents.
    with django_assert_num_queries(CACHE_CHECK + 5):
        response = client.get(mao.get_absolute_url())
    assert "Ridgway&#x27;s offer to negotiate" in response.content.decode()


# --- Sitemap, document pages, freshness ---------------------------------------------------------


def test_the_sitemap_lists_public_events(client, seed):
    Event.objects.create(name="Only drafts", slug="only-drafts").documents.add(
        make_document(status="draft")
    )
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{EVENT}</loc>" in xml
    assert f"<loc>http://testserver/ru{EVENT}</loc>" in xml
    assert "<loc>http://testserver/events/</loc>" in xml
    assert "only-drafts" not in xml


def test_an_event_edit_reaches_its_pages_and_its_documents_pages_at_once(seed):
    document_page = seed.get_absolute_url()
    # Both pages cached as a visitor sees them.
    assert "Ridgway&#x27;s offer to negotiate" in Client().get(document_page).content.decode()
    assert "Ridgway&#x27;s offer to negotiate" in Client().get(EVENT).content.decode()
    event = Event.objects.get(slug="ridgways-offer-to-negotiate")
    event.name = "Ridgway's offer of armistice talks"
    event.save()
    assert "Ridgway&#x27;s offer of armistice talks" in Client().get(document_page).content.decode()
    assert "Ridgway&#x27;s offer of armistice talks" in Client().get(EVENT).content.decode()
    # A document leaving the event leaves both pages at once, and joining it joins them.
    other = make_document(title="Press summary of the offer")
    Client().get(other.get_absolute_url())
    event.documents.remove(seed)
    event.documents.add(other)
    assert "armistice talks" not in Client().get(document_page).content.decode()
    assert "armistice talks" in Client().get(other.get_absolute_url()).content.decode()
    assert timeline_titles(Client().get(EVENT).content.decode()) == [other.title]
    # And from the document's side.
    seed.events.add(event)
    assert "armistice talks" in Client().get(document_page).content.decode()
    # An event deleted leaves its documents' pages with it.
    event.delete()
    assert "armistice talks" not in Client().get(document_page).content.decode()
    assert "armistice talks" not in Client().get(other.get_absolute_url()).content.decode()
    assert Client().get(EVENT).status_code == 404


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def archivist(client):
    user = User.objects.create_superuser("curator", password="not-a-real-password")
    client.force_login(user)
    return client


def test_an_archivist_makes_an_event_in_the_admin(archivist, seed):
    add = admin_url(Event, "add")
    response = archivist.get(add)
    page = response.content.decode()
    assert EVENT_DATES_HELP.split(":")[0] in page  # the EDTF help for the dates
    assert re.search(r'<select name="documents"[^>]*class="admin-autocomplete"', page)
    response = archivist.post(
        add,
        {
            "name": "Talks open at Kaesong",
            "slug": "talks-open-at-kaesong",
            "date_edtf": "1951-07-10/1951-07-11",
            "places": [Place.objects.get(slug="korea").pk],
            "description": "The first session.",
            "documents": [seed.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="talks-open-at-kaesong")
    assert (event.first, event.last) == (datetime.date(1951, 7, 10), datetime.date(1951, 7, 11))
    assert list(event.documents.all()) == [seed]
    # A date that is no EDTF is refused, saying how to write one.
    response = archivist.post(add, {"name": "Bad", "slug": "bad", "date_edtf": "July 1951"})
    assert response.status_code == 200
    assert "is not an EDTF date" in response.content.decode()


def test_the_admin_lists_events_with_their_dates_and_documents(archivist, seed):
    compose_exchange(seed)
    response = archivist.get(admin_url(Event, "changelist"), {"q": "Ridgway"})
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row.published_total, row.document_total) == (4, 5)  # and one draft
    text = page_text(response.content.decode())
    assert "Ridgway's offer to negotiate30 June 195110 July 1951" in text
    # Documents are found as they are typed, by title.
    found = archivist.get(
        "/admin/autocomplete/",
        {
            "app_label": "archive",
            "model_name": "event",
            "field_name": "documents",
            "term": "how to answer",
        },
    ).json()
    assert [r["text"] for r in found["results"]] == [
        "Kim Il Sung to Mao Zedong on how to answer Ridgway"
    ]


def test_the_document_admin_records_times_as_written_with_their_zone(archivist, seed):
    document = make_document(title="Ridgway's message, as received")
    change = admin_url(Document, "change", document.pk)
    response = archivist.get(change)
    page = response.content.decode()
    for prefix in ("written_dates", "inferred_datings", "handling_steps"):
        assert f'id="{prefix}-group"' in page, prefix
    data = form_data(response)
    data.update(
        management_data(
            response,
            handling_steps=[
                {
                    "kind": "received",
                    "as_written": "0015K 1 July",
                    "place": Place.objects.get(slug="washington").pk,
                    "local_date": "1951-06-30",
                    "local_time": "20:15",
                    "zone": "America/New_York",
                    "note": "",
                    "position": "1",
                }
            ],
            written_dates=[{"language": "en", "text": "30 June 1951", "position": "1"}],
            inferred_datings=[
                {
                    "date_edtf": "1951-06-30",
                    "reason": "inferred_content",
                    "made_by": "Editors",
                    "note": "From the broadcast it answers.",
                    "position": "1",
                }
            ],
        )
    )
    response = archivist.post(change, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    received = document.handling_steps.get()
    # New York kept summer time in 1951: 20:15 EDT was 00:15 UTC the next day.
    assert received.instant == datetime.datetime(1951, 7, 1, 0, 15, tzinfo=datetime.UTC)
    document.refresh_from_db()
    assert document.first_instant == received.instant
    assert document.written_dates.get().text == "30 June 1951"
    assert document.inferred_datings.get().made_by == "Editors"
    # The instant is shown, in UTC, not edited.
    page = archivist.get(change).content.decode()
    assert "1951-07-01 00:15 UTC" in page
    assert 'name="handling_steps-0-instant"' not in page


def test_a_wrong_zone_is_refused_in_the_document_admin(archivist, seed):
    document = make_document()
    change = admin_url(Document, "change", document.pk)
    response = archivist.get(change)
    data = form_data(response)
    data.update(
        management_data(
            response,
            handling_steps=[
                {"kind": "sent", "local_date": "1951-06-30", "local_time": "10:00",
                 "zone": "Moscow", "position": "1"}
            ],
        )
    )  # fmt: skip
    response = archivist.post(change, data)
    assert response.status_code == 200
    assert "is not an IANA time zone" in response.content.decode()
    assert not document.handling_steps.exists()
