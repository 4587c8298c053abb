"""The events pages: what happened, and the documents of it on one timeline.

An event's page reads its published documents once, with their handling steps, roles and
sources, and sets them in the order they happened in real time: by the earliest moment
known of each, in UTC (Document.first_instant). A telegram sent from Pyongyang at 13:00
local time stands before one received in Moscow at 11:30 local time that same day, since
13:00 in Pyongyang was 04:00 UTC and 11:30 in Moscow 08:30 UTC. A document known only to
the day stands by its date, after the timed ones of that day.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..correspondence import arrows
from ..dates import earliest_first
from ..languages import language_of_script
from ..models import DocumentRelation, Role, Source
from ..pictures.network import event_network
from ..querysets import PUBLISHED
from .display import event_date
from .models import Event, HandlingStep
from .readings import readings

# The roles that say who wrote to whom, as archive.correspondence reads them.
_LETTER_ROLES = {
    Role.Kind.AUTHOR: "authors",
    Role.Kind.RECIPIENT: "recipients",
    Role.Kind.RELAYED_AUTHOR: "relayed_authors",
    Role.Kind.RELAYED_RECIPIENT: "relayed_recipients",
}
# Sorts after every real day: undated documents end the timeline.
_NO_INSTANT = datetime.datetime.min.replace(tzinfo=datetime.UTC)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Events by their first day, undated ones last on every database.
IN_DATE_ORDER = (F("first").asc(nulls_last=True), "name")


def public_events():
    """Events with at least one published document: an event known only from drafts
    would give away that the drafts exist (as a person's page would)."""
    return Event.objects.annotate(
        published_count=Count("documents", filter=Q(documents__status=PUBLISHED))
    ).filter(published_count__gt=0)


def event_list(request):
    events = public_events().prefetch_related("places").order_by(*IN_DATE_ORDER)
    return render(
        request,
        "archive/event_list.html",
        {"events": [(event, event_dates(event), list(event.places.all())) for event in events]},
    )


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.prefetch_related("places"), slug=slug)
    documents = list(
        event.documents.published()
        .select_related("document_type")
        .prefetch_related(
            Prefetch("handling_steps", queryset=HandlingStep.objects.select_related("place")),
            Prefetch(
                "roles",
                queryset=Role.objects.filter(role__in=list(_LETTER_ROLES)).select_related("person"),
            ),
            Prefetch(
                "sources",
                queryset=Source.objects.filter(repository__isnull=False).select_related(
                    "repository"
                ),
            ),
        )
    )
    if not documents and not request.user.is_staff:
        raise Http404("No published document belongs to this event.")
    entries = sorted((_entry(document) for document in documents), key=_in_real_order)
    # The drawing reads the roles already fetched, in the timeline's order.
    letters = arrows([role for entry in entries for role in entry.document.roles.all()])
    return render(
        request,
        "archive/event_detail.html",
        {
            "event": event,
            "dates": event_dates(event),
            "places": list(event.places.all()),
            "entries": entries,
            "network": event_network(letters),
            "relations": _relations_among(event, entries),
        },
    )


def event_dates(event):
    """An event's dates, worded as a document's date is (display.event_date): "30 June –
    10 July 1951", "c. June 1951", "from 30 June 1951"; "" when the event is not dated."""
    return event_date(event)


@dataclass
class Entry:
    """A document as it stands on an event's timeline."""

    document: object
    instant: datetime.datetime | None  # its first moment known, in UTC
    times: list  # its handling steps with a time: "received 11:30 Moscow time (08:30 UTC)"
    repositories: list
    authors: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    relayed_authors: list = field(default_factory=list)
    relayed_recipients: list = field(default_factory=list)

    @property
    def instant_text(self):
        """The moment as the page writes it: "30 June 1951, 08:30 UTC"."""
        if self.instant is None:
            return ""
        # Translators: a moment on an event's timeline, "30 June 1951, 08:30 UTC".
        return _("%(date)s, %(time)s UTC") % {
            "date": date_format(self.instant.date(), "DATE_FORMAT"),
            "time": f"{self.instant:%H:%M}",
        }

    @property
    def instant_iso(self):
        return f"{self.instant:%Y-%m-%dT%H:%M}Z" if self.instant else ""


def _entry(document):
    instant = document.first_instant
    if instant is not None:
        instant = instant.astimezone(datetime.UTC)
    entry = Entry(
        document,
        instant,
        times=[r for r in readings(document.handling_steps.all()) if r.step.local_time],
        repositories=list(
            {source.repository_id: source.repository for source in document.sources.all()}.values()
        ),
    )
    for role in document.roles.all():
        getattr(entry, _LETTER_ROLES[role.role]).append(role.person)
    return entry


def _in_real_order(entry):
    """Timed documents by their UTC instant; untimed ones by their date, after the timed
    ones of that day; undated ones last."""
    document = entry.document
    if entry.instant is not None:
        day = (1, entry.instant.date())
        return (*day, 0, entry.instant, document.title, document.record_id)
    day = earliest_first(document.date, document.date_last)  # "../1951" first, as lists do
    return (*day, 1, _NO_INSTANT, document.title, document.record_id)


def _relations_among(event, entries):
    """Confirmed relations between the event's published documents, in the order of the
    timeline (by the document each starts from). Suggestions stay with the archivists."""
    by_pk = {entry.document.pk: entry.document for entry in entries}
    if len(by_pk) < 2:
        return []
    order = {pk: index for index, pk in enumerate(by_pk)}
    # The event's published documents as a subquery: no list of parameters however many.
    members = event.documents.published().values("pk")
    relations = DocumentRelation.objects.filter(
        status=DocumentRelation.Status.CONFIRMED, source__in=members, target__in=members
    )
    found = []
    for relation in relations:
        relation.source, relation.target = by_pk[relation.source_id], by_pk[relation.target_id]
        relation.evidence_language = _language_of_quote(relation.evidence)
        found.append(relation)
    return sorted(found, key=lambda r: (order[r.source_id], order[r.target_id], r.kind))


def _language_of_quote(text):
    """lang for quoted evidence: Russian in Cyrillic, a language of its own script, or the
    English of the translations ("Reur CX 66183")."""
    if _CYRILLIC.search(text):
        return "ru"
    return language_of_script(text) or "en"
