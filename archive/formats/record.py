"""One document's bibliographic facts, gathered once for every citation format.

A document fetched with DocumentQuerySet.for_detail() (or for_export()) has its
roles and references prefetched; nothing here queries the database again.
"""

from dataclasses import dataclass, field

from django.conf import settings

from ..citations import format_references
from ..dates import MONTHS
from ..languages import LANGUAGE_NAMES
from ..models import Role


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

    @classmethod
    def of(cls, person):
        family, comma, given = person.sort_name.partition(",")
        if not (comma and given.strip()):
            family = given = ""
        return cls(person.name, family.strip(), given.strip(), person.name_ru, person.wikidata_url)

    @property
    def inverted(self):
        return f"{self.family}, {self.given}" if self.family else self.display


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
    summary: str = ""
    subjects: list = field(default_factory=list)
    places: list = field(default_factory=list)
    rights: str = ""  # the rights statement, as the document gives it

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
    """The Record of a document whose roles, references, subjects and places are prefetched."""
    roles = list(document.roles.all())
    references = list(document.references.all())
    repositories = []
    for reference in references:
        if reference.repository not in repositories:
            repositories.append(reference.repository)
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
        archive_location=format_references(references),
        repositories=repositories,
        summary=document.summary,
        subjects=[subject.name for subject in document.subjects.all()],
        places=[place.name for place in document.places.all()],
        rights=document.rights_statement,
    )


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
