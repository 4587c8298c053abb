"""One document's bibliographic facts, gathered once for every citation format.

A document fetched with DocumentQuerySet.for_detail() (or for_export()) has its
roles, sources and credits prefetched; nothing here queries the database again.
Its handling steps and relations are carried where they were fetched with it
(for_detail() fetches both; OAI-PMH fetches the relations), and left out where not.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings

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
    date: object = None  # datetime.date or None
    date_precision: str = "day"
    date_approximate: bool = False
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
    def iso_date(self):
        """ "1951-06-30", "1951-06" or "1951", as precisely as known; "" if undated."""
        return "-".join(f"{part:02d}" for part in self.date_parts)

    @property
    def date_parts(self):
        if self.date is None:
            return []
        parts = [self.date.year, self.date.month, self.date.day]
        return parts[: {"year": 1, "month": 2}.get(self.date_precision, 3)]

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
    """ "June 30, 1951", "June 1951", "1951", "ca. 1951": citations are in English (Chicago)."""
    date = document.date
    if date is None:
        return ""
    if document.date_precision == "year":
        text = str(date.year)
    elif document.date_precision == "month":
        text = f"{MONTHS[date.month - 1]} {date.year}"
    else:
        text = f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    return f"ca. {text}" if document.date_approximate else text
