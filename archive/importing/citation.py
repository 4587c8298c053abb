"""A record's citation into the digital archive's name, the sources and the credits.

The Wilson Center writes a record's citation as one sentence: the title in quotes,
the date, the digital archive's name, and then everything it knows about where the
document comes from (archive.sources.reading reads that part). Sources and credits
become exchange-format entries; a repository cited for the first time is made from
the gazetteer's description of it, or from its name alone; a credit names a person
of the archive only where the name is one of theirs.
"""

import re

from django.utils.text import slugify

from .. import exchange
from ..languages import language_code
from ..models import Repository
from ..romanization import slug as latin_slug
from ..sources import credits as source_credits
from ..sources import reading as sources
from ..sources.models import PUBLICATION_FIELDS
from ..sources.repositories import KnownRepository
from ..sources.russian import LEVELS

# The digital archive a record was taken from names itself first: "Wilson Center Digital
# Archive", "History and Public Policy Program Digital Archive".
_SITE = re.compile(r"digital\s+archive|wilson\s+center|public\s+policy\s+program", re.IGNORECASE)


def read(citation, record, reading, language_codes):
    """(site, source entries, credit entries) of the Citation section's sentence.

    `reading` is the record.Reading being filled (for persons and warnings).
    `language_codes` is not consulted: a credit's language is named through
    archive.languages.language_code, as everywhere else; it stays while callers pass it.
    """
    rest = _after_title_and_date(" ".join(citation), record)
    site, rest = _site(rest)
    found = sources.read(rest, reading.terms.repositories)
    for kept in found.kept:
        reading.warnings.append(f"kept as written, not understood: “{kept}”")
    if not found.sources:
        reading.warnings.append("the citation names no source of the document")
    entries = [_source(source, reading) for source in found.sources]
    credits = [_credit(credit, reading) for credit in found.credits]
    return site, entries, credits


def read_credits(lines, reading, language_codes, known=()):
    """(credit entries, lines not read) of a Credits section ("This document was made
    possible with support from…"), leaving out the credits the citation already gave.
    `language_codes` is not consulted (see read())."""
    credits, unread = [], []
    seen = {(c["role"], c["name"], c["organisation"]) for c in known}
    for line in lines:
        text = line.text.strip()
        found = source_credits.read(text) if text and source_credits.is_credit(text) else []
        if text and not found:
            unread.append(text)
        for credit in found:
            entry = _credit(credit, reading)
            key = (entry["role"], entry["name"], entry["organisation"])
            if key not in seen:
                seen.add(key)
                credits.append(entry)
    return credits, unread


def _after_title_and_date(sentence, record):
    rest = sentence
    quoted = f'"{record.title}"'
    if rest.startswith(quoted):
        rest = rest[len(quoted) :]
    elif rest.startswith(('"', "“")):
        close = re.search(r'["”],', rest[1:])
        if close:
            rest = rest[close.end() + 1 :]
    rest = rest.lstrip(" ,")
    if record.date_as_written and rest.startswith(record.date_as_written):
        rest = rest[len(record.date_as_written) :].lstrip(" ,")
    return rest


def _site(rest):
    """(the digital archive's name, the rest): its name is among the first few parts."""
    parts = rest.split(", ")
    for index, part in enumerate(parts[:3]):
        if _SITE.search(part):
            return ", ".join(parts[: index + 1]), ", ".join(parts[index + 1 :])
    # Otherwise the words before the first archive of a Russian reference, if any.
    from ..sources import russian

    before = russian.read(rest).before
    if before and not re.search(r"\d", before):
        return before.strip(" ,"), rest[len(before) :].lstrip(" ,")
    return "", rest


def _source(source, reading):
    entry = {
        "kind": source.kind,
        "relation": source.relation,
        "as_written": source.as_written,
        "repository": _repository(source, reading),
    }
    levels = source.levels or {}
    for level in LEVELS:
        entry[level] = levels.get(level, "")
    entry["listy_plural"] = bool(levels.get("listy_plural"))
    entry["notation"] = levels.get("notation") or "ru"
    entry["reference"] = source.reference
    publication = source.publication
    for name in PUBLICATION_FIELDS:
        default = False if name == "editors" else ""
        entry[name] = getattr(publication, name) if publication is not None else default
    entry["note"] = ""
    return entry


def _repository(source, reading):
    """The exchange entry of the source's repository: the archive's, the gazetteer's, or one
    made from the name as written (an archive in the Russian hierarchy not yet known)."""
    found = source.repository
    if isinstance(found, Repository):
        return exchange.repository_entry(found)
    if isinstance(found, KnownRepository):  # the import reports it as new, when it is made
        fixed = {found.abbreviation, found.abbreviation_ru, found.name_en, found.name_ru}
        return {
            "abbreviation": found.abbreviation,
            "abbreviation_ru": found.abbreviation_ru,
            "slug": _slug(found.abbreviation),
            "name_en": found.name_en,
            "name_ru": found.name_ru,
            "location": found.location,
            "website": "",
            "names": sorted(name for name in found.names if name not in fixed),
        }
    if source.kind != sources.ARCHIVAL or not source.archive:
        return None
    reading.warnings.append(f"new repository “{source.archive}”: add its full name")
    return {
        "abbreviation": source.archive,
        "abbreviation_ru": "",
        "slug": _slug(source.archive),
        "name_en": source.archive,
        "name_ru": "",
        "location": "",
        "website": "",
        "names": [],
    }


def _slug(name):
    return (latin_slug(name, length=60) or slugify(name)[:60] or "repository").strip("-")


def _credit(credit, reading):
    person = reading.terms.persons.find(credit.name) if credit.name else None
    return {
        "role": credit.role,
        "name": credit.name,
        "organisation": credit.organisation,
        "source_language": language_code(credit.source_language),
        "as_written": credit.written,
        "person": reading.known(person) if person is not None else None,
        "text": None,  # record.py gives a translator's credit its translation
    }
