"""One document's bibliographic facts, gathered once for every citation format.

A document fetched with DocumentQuerySet.for_detail() (or for_export()) has its
roles, sources and credits prefetched; nothing here queries the database again.
Its handling steps and relations are carried where they were fetched with it
(for_detail() fetches both; OAI-PMH fetches the relations), and left out where not.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings

from ..chronology.display import date_ends
from ..chronology.reasons import INFERRED
from ..chronology.zones import w3c
from ..dates import MONTHS
from ..languages import LANGUAGE_NAMES
from ..models import Credit, Document, DocumentRelation, Role, Source
from ..sources.russian import format_references


@dataclass
class Name:
    """A person's name as citations want it: family and given names, or one literal name.

    Chinese and Korean names (Mao Zedong, Kim Il Sung) are written family name first
    and are not inverted; a sort name with a comma ("Stalin, Joseph") gives the parts.
    """

    display: str
    family: str = ""
    given: str = ""
    russian: str = ""
    wikidata_url: str = ""
    organisation: bool = False  # an organisation credited, not a person

    @classmethod
    def of(cls, person):
        family, comma, given = person.sort_name.partition(",")
        if not (comma and given.strip()):
            family = given = ""
        return cls(person.name, family.strip(), given.strip(), person.name_ru, person.wikidata_url)

    @property
    def inverted(self):
        return f"{self.family}, {self.given}" if self.family else self.display

    @classmethod
    def of_credit(cls, credit):
        """A credited person's name: the archive's person where the credit is linked to one,
        else the name as written ("Sergey Radchenko", "Chen Jian"), or the organisation.

        A name as written is kept whole: "Chen Jian" is written family name first, and
        nothing in its form says so.
        """
        if credit.person is not None:
            return cls.of(credit.person)
        return cls(credit.credited, organisation=not credit.name)


@dataclass
class Step:
    """A step of the document's handling (sent, received…) as exports give it."""

    kind: str
    label: str  # "received"
    # W3C date or date-time, with the UTC offset where the zone is known:
    # "1951-06-30T11:30:00+03:00"; "1951-06-30" for a day alone; "" if undated.
    when: str
    place: str = ""  # the place's name
    as_written: str = ""
    note: str = ""


@dataclass
class Link:
    """A confirmed relation to another published document, read from this document's end."""

    kind: str  # "reply_to"
    label: str  # as this document's page reads it: "reply to", or "replied to by"
    standard: str  # the standard term: "rico:isReplyTo"
    uri: str  # its URI
    outgoing: bool  # this document is the relation's source (the reply)
    record_id: int  # the other document's
    url: str  # the other document's address
    title: str  # the other document's title
    evidence: str = ""
    certainty: str = ""
    asserted_by: str = ""


@dataclass
class Record:
    record_id: int
    title: str
    url: str
    authors: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    date: object = None  # the first day the date can mean (datetime.date), or None
    date_precision: str = "day"
    date_approximate: bool = False
    date_uncertain: bool = False
    date_inferred: bool = False  # no document gives it: the editors inferred it
    date_reason: str = ""  # why the document carries it (chronology.reasons.DateReason)
    # The date's start and end as known, each [year, month, day] cut to what is known:
    # [1951, 6, 29] and [1951, 6, 30] for 29–30 June; a single date is its own start and
    # end ([1951, 6] both for June 1951); [] for an open end ("../1951" has no start).
    date_start: list = field(default_factory=list)
    date_end: list = field(default_factory=list)
    date_text: str = ""  # as precisely as known, in English: "June 30, 1951"
    date_as_written: str = ""  # exactly as the source gives it
    genre: str = ""
    language: str = ""
    archive: str = ""  # this archive, whose URL is cited
    source: str = ""  # the digital archive the record was taken from
    archive_location: str = ""  # the archival references, as a citation writes them
    repositories: list = field(default_factory=list)
    translators: list = field(default_factory=list)  # Names of the credited translators
    # The translators of each translation ({text id: [Name]}; None: of the document).
    translators_by_text: dict = field(default_factory=dict)
    contributors: list = field(default_factory=list)  # (role label, Name) of other credits
    publications: list = field(default_factory=list)  # published sources, printed
    summary: str = ""
    subjects: list = field(default_factory=list)
    places: list = field(default_factory=list)
    rights: str = ""  # the rights statement, as the document gives it
    handling: list = field(default_factory=list)  # Steps, in the document's order
    relations: list = field(default_factory=list)  # Links, confirmed ones to published documents

    @property
    def dated(self):
        return bool(self.date_start or self.date_end)

    @property
    def date_is_range(self):
        """True for a date of more than one day, month or year, or open at an end."""
        return self.dated and self.date_start != self.date_end

    @property
    def date_exact(self):
        """True for one day, month or year, as the document gives it, unqualified."""
        return (
            self.dated
            and not self.date_is_range
            and not (self.date_approximate or self.date_uncertain or self.date_inferred)
        )

    @property
    def date_parts(self):
        """What is known of the date for certain: [1951, 6, 30]; [1951, 6] for June 1951 or
        for 29–30 June 1951 (the parts the two ends share); [] if they share none, if an
        end is open, or if undated."""
        if not (self.date_start and self.date_end):
            return []
        shared = []
        for start, end in zip(self.date_start, self.date_end, strict=False):
            if start != end:
                break
            shared.append(start)
        return shared

    @property
    def iso_date(self):
        """The date in ISO 8601 (its part 2, which EDTF became), as precisely as known:
        "1951-06-30", "1951-06", "1951"; a range "1951-06-29/1951-06-30", each end to its
        own precision ("1951-06/1951-07-10"); an open end ".." ("../1951"); "~" after an
        approximate end, "?" after an uncertain one, "%" both ("1951-06~"); "" if undated.

        Formed from the ends, not copied from the EDTF value, so a season, a decade or a
        set is written as the interval it means ("1951-03/1951-05", "1950/1959")."""
        if not self.dated:
            return ""
        mark = "%" if self.date_approximate and self.date_uncertain else ""
        mark = mark or ("~" if self.date_approximate else "?" if self.date_uncertain else "")
        ends = [
            iso_parts(parts) + mark if parts else ".." for parts in (self.date_start, self.date_end)
        ]
        return ends[0] if not self.date_is_range else "/".join(ends)

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.language, self.language)


def record_for(document, url):
    """The Record of a document whose roles, sources, credits, subjects and places are
    prefetched."""
    roles = list(document.roles.all())
    # Where the original is held, for a citation; the copies elsewhere are not cited.
    held = [
        s for s in document.sources.all() if s.is_archival and s.relation == Source.Relation.HELD
    ]
    repositories = []
    for source in held:
        if source.repository is not None and source.repository not in repositories:
            repositories.append(source.repository)
    credits = list(document.credits.all())
    start, end = date_ends(document)
    translators = [c for c in credits if c.role == Credit.Role.TRANSLATOR and c.credited]
    return Record(
        record_id=document.record_id,
        title=document.title,
        url=url,
        authors=[Name.of(r.person) for r in roles if r.role == Role.Kind.AUTHOR],
        recipients=[Name.of(r.person) for r in roles if r.role == Role.Kind.RECIPIENT],
        date=document.date,
        date_precision=document.date_precision,
        date_approximate=document.date_approximate,
        date_uncertain=document.date_uncertain,
        date_inferred=document.date_reason in INFERRED,
        date_reason=document.date_reason,
        date_start=start.parts if start else [],
        date_end=end.parts if end else [],
        date_text=english_date(document),
        date_as_written=document.date_as_written,
        genre=document.document_type.name,
        language=document.original_language,
        archive=settings.ARCHIVE_NAME,
        source=document.source_site,
        archive_location=format_references(source.citation for source in held),
        repositories=repositories,
        translators=[Name.of_credit(c) for c in translators],
        translators_by_text={
            text_id: [Name.of_credit(c) for c in translators if c.text_id == text_id]
            for text_id in {c.text_id for c in translators}
        },
        contributors=[
            (c.get_role_display(), Name.of_credit(c))
            for c in credits
            if c.role != Credit.Role.TRANSLATOR and c.credited
        ],
        publications=[
            f"{s.get_relation_display().capitalize()}: {s.citation}"
            for s in document.sources.all()
            if s.kind == Source.Kind.PUBLISHED
        ],
        summary=document.summary,
        subjects=[subject.name for subject in document.subjects.all()],
        places=[place.name for place in document.places.all()],
        rights=document.rights_statement,
        handling=handling_of(document),
        relations=links_of(document, url),
    )


def _fetched(document, name):
    """What was prefetched of a document's relation `name`; [] if nothing was (a citation or
    a CSV row does not carry them, and must not cost a query per document)."""
    cache = getattr(document, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else []


def handling_of(document):
    """The document's handling steps as Steps, where they were fetched with it."""
    return [
        Step(
            kind=step.kind,
            label=str(step.get_kind_display()),
            when=w3c(step.local_date, step.local_time, step.zone),
            place=step.place.name if step.place_id else "",
            as_written=step.as_written,
            note=step.note,
        )
        for step in _fetched(document, "handling_steps")
    ]


def links_of(document, url):
    """The document's relations as Links, where they were fetched with it: confirmed ones to
    published documents only, whatever was fetched (a suggestion is never exported)."""
    found = []
    for name, outgoing in (("relations_from", True), ("relations_to", False)):
        for relation in _fetched(document, name):
            other = relation.target if outgoing else relation.source
            if (
                relation.status != DocumentRelation.Status.CONFIRMED
                or other is None
                or other.status != Document.Status.PUBLISHED
            ):
                continue
            meaning = relation.meaning
            found.append(
                Link(
                    kind=relation.kind,
                    label=str(relation.get_kind_display() if outgoing else meaning.inverse),
                    standard=meaning.standard,
                    uri=meaning.uri,
                    outgoing=outgoing,
                    record_id=other.record_id,
                    url=urljoin(url, other.get_absolute_url()),
                    title=other.title,
                    evidence=relation.evidence,
                    certainty=relation.certainty,
                    asserted_by=relation.asserted_by,
                )
            )
    return found


def english_date(document):
    """The date as a Chicago citation writes it: "June 30, 1951", "June 1951", "ca. 1951",
    "June 29–30, 1951", "1951?", "not after 1951"; "" when undated.

    A date no document gives (the editors inferred it) is supplied in square brackets,
    as Chicago supplies a date, and a window the document was written in somewhere
    reads "between": "[between June 29 and 30, 1951]", as its page says "[not dated;
    between 29 and 30 June 1951]". A date read from a stamp is on the document: plain.
    """
    start, end = date_ends(document)
    inferred = document.date_reason in INFERRED
    between = inferred or (document.date_edtf or "").startswith("[")
    if start is None and end is None:
        return ""
    if start is None:
        text = f"not after {_english(end.parts)}"
    elif end is None:
        text = f"not before {_english(start.parts)}"
    elif start.parts == end.parts:
        text = _english(start.parts)
    else:
        first, last = _english_range(start.parts, end.parts)
        text = f"between {first} and {last}" if between else f"{first}–{last}"
    if document.date_uncertain:
        text += "?"
    if document.date_approximate:
        text = f"ca. {text}"
    return f"[{text}]" if inferred else text


def _english(parts):
    """ "June 30, 1951", "June 1951", "1951" of [year, month, day] cut to what is known."""
    year, month, day = parts + [None] * (3 - len(parts))
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{MONTHS[month - 1]} {day}, {year}"


def _english_range(start, end):
    """A range's two ends, the first without what it shares with the last, as Chicago
    writes them: ("June 29", "30, 1951"), ("June 29", "July 2, 1951"), ("March", "May
    1951"); whole where the years differ or the ends are known to different units."""
    if len(start) != len(end) or len(start) == 1 or start[0] != end[0]:
        return _english(start), _english(end)
    if len(start) == 2:
        return MONTHS[start[1] - 1], _english(end)
    first = f"{MONTHS[start[1] - 1]} {start[2]}"
    if start[1] == end[1]:
        return first, f"{end[2]}, {end[0]}"
    return first, _english(end)


def iso_parts(parts):
    """ "1951-06-30", "1951-06", "1951" of [year, month, day] cut to what is known; ""."""
    if not parts:
        return ""
    return "-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])])
