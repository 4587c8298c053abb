"""A record file into an exchange object (archive.exchange), the form every import takes."""

import itertools
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from .. import exchange
from ..citations import CitationError, parse_references
from ..dates import parse_written_date
from ..languages import LANGUAGE_NAMES
from ..models import Classification, DocumentType, Place, Repository
from ..models.texts import free_text_code
from ..names import NameIndex
from ..persons import PersonDirectory, short_name
from ..querysets import squeeze
from ..romanization import slug as latin_slug
from . import aligner, particulars, phrasebook, roles
from .blocks import blocks_of, is_stamp_block, quote_marks, read_text
from .source import TRANSLATION_START, RecordFileError, read_record

# What a record file does not say and an archivist may have added: an import keeps it.
CURATED = ("status", "collections", "subjects", "relations", "rights", "scans")
_URL = re.compile(r"^<?(?P<url>https?://\S+?)>?$")
_LANGUAGE_CODES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
_CONTENTS_SCAN = re.compile(r"^(?:Original\s+)?Scan\b", re.IGNORECASE)
# Where a document type's name ends in a title: "Ciphered Telegram No. 21336 from…".
_TYPE_END = re.compile(r"\s+(?:No\.|from|to|between|on|by|of\s+\d)\s|,|\s+\(", re.IGNORECASE)


class Terms:
    """What the archive already knows, loaded once per run: persons, places, vocabulary."""

    def __init__(self, directory=None):
        self.persons = directory or PersonDirectory()
        self.places = NameIndex()
        self.place_by_slug = {}
        for place in Place.objects.all():
            self.places.add(place, [place.name, place.name_ru])
            self.place_by_slug[place.slug] = place
        self.types = sorted(DocumentType.objects.all(), key=lambda t: -len(t.name))
        self.classifications = {}
        for term in Classification.objects.all():
            for name in (term.name, term.name_ru):
                if name:
                    self.classifications[name.casefold()] = term
        self.repositories = Repository.objects.by_abbreviations()

    def type_in(self, line):
        """The document type a heading or title begins with ("ШИФРТЕЛЕГРАММА № 21336")."""
        folded = line.casefold()
        for term in self.types:
            for name in (term.name, term.name_ru):
                if name and folded.startswith(name.casefold()):
                    return term
        return None

    def classification(self, line):
        return self.classifications.get(" ".join(line.split()).casefold())

    def is_person(self, name):
        return bool(name) and self.persons.find(name) is not None

    def names_in(self, text):
        found = {("person", p.slug) for p, _s, _e in self.persons.index.scan(text)}
        found |= {("place", p.slug) for p, _s, _e in self.places.scan(text)}
        return found

    def repository(self, abbreviation):
        """As Repository.objects.by_abbreviation(): "AVP RF", "АВП РФ" and "avprf" alike."""
        return self.repositories.get(squeeze(abbreviation))


@dataclass
class Reading:
    """One record being read: what has been found so far."""

    terms: Terms
    record: object  # source.SourceRecord
    date: object = None
    persons: dict = field(default_factory=dict)  # key → exchange person entry
    roles: list = field(default_factory=list)
    particulars: list = field(default_factory=list)
    places: list = field(default_factory=list)  # slugs, in the order found
    classifications: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    author: str = None  # person key

    def person(self, written, create=True):
        """The key of the person a name means, making a new person entry if `create`."""
        name = written.strip()
        known = self.terms.persons.find_or_surname(name)
        if known is None and phrasebook.nominative(name) != name:
            known = self.terms.persons.find(phrasebook.nominative(name))
        if known is not None:
            return self.known(known)
        if not create:
            return None
        base = phrasebook.name_in_cyrillic_case(phrasebook.nominative(name))
        cyrillic = bool(re.search(r"[\u0400-\u04ff]", base))
        entry = {
            "name": phrasebook.name_in_latin(base) if cyrillic else base,
            "name_ru": base if cyrillic else "",
            "aliases": [],
        }
        for key, other in self.persons.items():
            if not other.get("slug") and other["name"] == entry["name"]:
                return key
        self.persons[entry["name"]] = entry
        return entry["name"]

    def known(self, person):
        """The key of a person the archive holds, entered among the record's persons."""
        self.persons.setdefault(person.slug, exchange.person_entry(person))
        return person.slug

    def person_name(self, key):
        """The name an English rendering gives a person: "Stalin", "Mao Zedong"."""
        entry = self.persons[key]
        known = self.terms.persons.get(entry.get("slug") or "")
        return short_name(known) if known is not None else entry["name"]

    def add_role(self, key, kind, as_written="", note=""):
        if key is None or any(r["person"] == key and r["role"] == kind for r in self.roles):
            return
        self.roles.append(
            {"person": key, "role": kind, "name_as_written": as_written, "note": note}
        )

    def add_particular(self, kind, value, value_en="", person=None, note=""):
        self.particulars.append(
            {"kind": kind, "value": value, "value_en": value_en, "person": person, "note": note}
        )

    def add_place(self, place):
        if place is not None and place.slug not in self.places:
            self.places.append(place.slug)


def build_record(data, terms, encoding=None, status=None):
    """(exchange object, warnings) for a record file's bytes; RecordFileError if unreadable."""
    record = read_record(data, encoding)
    reading = Reading(terms, record)
    date, precision, approximate = _date(record)
    reading.date = date
    url, citation = _citation(record)
    record_id = _record_id(url, record)
    language = _original_language(record)
    document_type = _document_type(record, terms)
    original, stamps = _original(record, terms)
    translations = _translations(record, terms, language)
    if not original and not translations:
        raise RecordFileError(
            "the record has neither an original text nor a translation after its Contents",
            record.section_line("Contents"),
        )
    if not original:
        reading.warnings.append("the file has no original text: only the translation is imported")
    for _code, blocks in translations:
        _align(original, blocks, terms)
    _renumber_keys(original, translations)

    roles.read_body(original, reading)
    roles.read_mentions(original, reading)
    particulars.read_form(original, reading)
    roles.finish_recipient(reading)

    texts = []
    if original:
        texts.append(_text(language, "transcription", original))
    texts.extend(_text(code, "translation", blocks) for code, blocks in translations)
    taken = set()
    for text in texts:  # as the admin would name them: ru, en, en-2
        text["code"] = free_text_code(text["language"], taken)
        taken.add(text["code"])
    site, references = _references(citation, record, terms)
    result = {
        "format": exchange.FORMAT,
        "record_id": record_id,
        "title": record.title,
        "date": {
            "value": date.isoformat(),
            "precision": precision,
            "approximate": approximate,
            "as_written": record.date_as_written,
        },
        "type": document_type,
        "classifications": exchange.vocabulary_entries(reading.classifications),
        "summary": record.section_text("Summary"),
        "original_language": language,
        "source": {
            "site": site,
            "url": url,
            "recommended_citation": "\n".join([*citation, url]),
        },
        "archive_stamps": stamps,
        "places": exchange.vocabulary_entries(terms.place_by_slug[s] for s in reading.places),
        "persons": sorted(reading.persons.values(), key=lambda p: p.get("slug") or p["name"]),
        "roles": reading.roles,
        "references": references,
        "particulars": reading.particulars,
        "scans": _scans(record),
        "texts": texts,
        "collections": [],
        "subjects": [],
        "relations": [],
        "rights": {"statement": "", "url": ""},
    }
    if status:
        result["status"] = status
    return result, record.warnings + reading.warnings


# --- The header -----------------------------------------------------------------------------


def _date(record):
    try:
        return parse_written_date(record.date_as_written)
    except ValueError as error:
        raise RecordFileError(str(error), record.date_line) from None


def _required_section(record, label):
    if label not in record.sections or not record.section_text(label):
        raise RecordFileError(f"the record has no **{label}:** section, or it is empty")
    return record.sections[label]


def _citation(record):
    """(URL, citation lines without it) from the Citation section."""
    lines = [line for line in _required_section(record, "Citation") if line.text.strip()]
    url = None
    text = []
    for line in lines:
        match = _URL.match(line.text.strip())
        if match and url is None:
            url = match["url"]
        else:
            text.append(line.text.strip())
    if url is None:
        raise RecordFileError(
            "the citation gives no URL of the record (a line like <https://…/document/110371>); "
            "the record id is read from it",
            lines[0].number,
        )
    return url, text


def _record_id(url, record):
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    match = re.search(r"(\d+)$", path)
    if not match:
        raise RecordFileError(
            f"the URL {url} does not end in the record's number", record.section_line("Citation")
        )
    return int(match.group(1))


def _original_language(record):
    lines = _required_section(record, "Original Language")
    return _language_code(record.section_text("Original Language").strip(), lines[0].number)


def _language_code(name, line):
    """The code of a language named in English ("Russian" → "ru"), or RecordFileError."""
    code = _LANGUAGE_CODES.get(name.lower())
    if code is None:
        raise RecordFileError(f"“{name}” is not a language the archive knows", line)
    return code


def _document_type(record, terms):
    """The type the title begins with; a new type if the archive has none that fits."""
    term = terms.type_in(record.title)
    if term is not None:
        return exchange.vocabulary_entry(term)
    for line in record.original[:12]:
        term = terms.type_in(line.text)
        if term is not None:
            return exchange.vocabulary_entry(term)
    words = _TYPE_END.split(record.title, maxsplit=1)[0].strip()
    if not words or len(words) > 60:
        raise RecordFileError(
            "cannot tell the document type from the title: it should begin with one, "
            "as in “Letter from …” or “Ciphered Telegram No. …”",
            record.date_line + 1,
        )
    name = words[:1].upper() + words[1:].lower()
    record.warnings.append(f"new document type “{name}”")
    return {"slug": slugify(name) or latin_slug(name), "name": name, "name_ru": ""}


def _references(citation, record, terms):
    """(site name, reference entries) from the citation sentence."""
    line = record.section_line("Citation")
    sentence = " ".join(citation)
    rest = sentence
    quoted = f'"{record.title}"'
    if rest.startswith(quoted):
        rest = rest[len(quoted) :]
    elif rest.startswith('"') and '",' in rest:
        rest = rest[rest.index('",') + 1 :]
    rest = rest.lstrip(" ,")
    written = record.date_as_written
    if rest.startswith(written):
        rest = rest[len(written) :].lstrip(" ,")
    segments = rest.split(", ")
    error = None
    for start in range(len(segments)):
        try:
            parsed = parse_references(", ".join(segments[start:]))
        except CitationError as problem:
            error = error or (problem if start else None)
            continue
        site = ", ".join(segments[:start])
        return site, [_reference(reference, terms, record) for reference in parsed]
    raise RecordFileError(
        "the citation names no archival reference that can be read"
        + (f" ({error})" if error else " (expected e.g. “APRF, f. 45, op. 1, d. 339, l. 92”)"),
        line,
    )


def _reference(reference, terms, record):
    repository = terms.repository(reference.archive)
    if repository is not None:
        entry = exchange.repository_entry(repository)
    else:
        record.warnings.append(f"new repository “{reference.archive}”: add its full name")
        entry = {
            "abbreviation": reference.archive,
            "abbreviation_ru": "",
            "slug": latin_slug(reference.archive) or slugify(reference.archive),
            "name_en": reference.archive,
            "name_ru": "",
            "location": "",
            "website": "",
        }
    return {
        "repository": entry,
        "fond": reference.fond,
        "opis": reference.opis,
        "delo": reference.delo,
        "papka": reference.papka,
        "listy": reference.listy,
        "listy_plural": reference.listy_plural,
    }


def _scans(record):
    scans = []
    for line in record.sections.get("Contents", []):
        text = line.text.strip()
        if _CONTENTS_SCAN.match(text):
            scans.append({"label": text, "source_url": "", "image": None})
    return scans


# --- The texts ------------------------------------------------------------------------------


def _original(record, terms):
    """(blocks of the original, archive stamps)."""
    blocks = blocks_of(record.original)
    stamps = []
    if len(blocks) > 1 and is_stamp_block(blocks[0]):
        stamps = blocks.pop(0).content.split("\n")
    return read_text(blocks, terms), stamps


def _translations(record, terms, original_language):
    """[(language code, blocks)] in the order of the Contents."""
    listed = [
        (_language_code(name, number), number) for name, number in record.listed_translations()
    ]
    found = record.translations
    if len(found) < len(listed):
        code, number = listed[len(found)]
        raise RecordFileError(
            f"the Contents list a translation into {LANGUAGE_NAMES[code]}, but the file has "
            f"{len(found) or 'no'} translation{'s' if len(found) != 1 else ''} for it: each "
            "translation begins with a heading line “## …”",
            number,
        )
    if len(found) > len(listed):  # source.read_record() looks for one translation at least
        raise RecordFileError(
            "a translation begins here, but the Contents list none (add a line such as "
            "“Translation - English”)",
            found[0][0].number,
        )
    translations = []
    for (code, _number), lines in zip(listed, found, strict=True):
        blocks = blocks_of(lines)
        for block in blocks:
            if block.content.startswith(TRANSLATION_START):
                block.content = block.content[len(TRANSLATION_START) :]
                block.kind = "heading"
        translations.append((code, read_text(blocks, terms)))
    return translations


def _align(original, translation, terms):
    """Alignment keys on both texts; a translation passage takes its counterpart's structure.

    An original passage paired in an earlier translation keeps its key for the next.
    """
    pairs = aligner.align(
        [aligner.features(block, terms) for block in original],
        [aligner.features(block, terms) for block in translation],
    )
    # New keys follow the earlier translations' keys; _renumber_keys() puts them in order.
    new_keys = itertools.count(1 + max((block.alignment_key or 0 for block in original), default=0))
    for mine, theirs in pairs:
        counterpart = original[mine[0]]
        if counterpart.alignment_key is None:
            counterpart.alignment_key = next(new_keys)
        for index in mine:
            original[index].alignment_key = counterpart.alignment_key
        for index in theirs:
            block = translation[index]
            block.alignment_key = counterpart.alignment_key
            if counterpart.kind != "table" or "\t" in block.content:
                block.kind = counterpart.kind
            block.zone = counterpart.zone
    _carry_quote_depth(translation, original)


def _renumber_keys(original, translations):
    """Keys 1, 2, 3… in the original's order, whatever order the translations gave them."""
    numbers = {}
    for block in original:
        if block.alignment_key is not None:
            numbers.setdefault(block.alignment_key, len(numbers) + 1)
    for block in [*original, *(b for _code, blocks in translations for b in blocks)]:
        if block.alignment_key is not None:
            block.alignment_key = numbers[block.alignment_key]


def _carry_quote_depth(translation, original):
    """The original's quotation structure for paired passages; the rest follow their own marks."""
    by_key = {}
    for block in original:
        if block.alignment_key is not None:
            by_key.setdefault(block.alignment_key, block.quote_depth)
    depth = 0
    for block in translation:
        if block.zone != "body":
            block.quote_depth = 0
            continue
        marks = quote_marks(block.content)
        opens_here = bool(marks) and marks[0][1] > 0 and not block.content[: marks[0][0]].strip()
        if block.alignment_key in by_key:
            block.quote_depth = by_key[block.alignment_key]
            depth = block.quote_depth - (1 if opens_here else 0)
        else:
            block.quote_depth = depth + (1 if opens_here else 0)
        depth = max(0, depth + sum(step for _offset, step in marks))


def _text(language, kind, blocks):
    return {
        "code": "",
        "language": language,
        "kind": kind,
        "credit": "",
        "passages": [
            {
                "alignment_key": block.alignment_key,
                "kind": block.kind,
                "quote_depth": block.quote_depth,
                "run_in": block.run_in,
                "content": block.content,  # NFC: the file's text was made NFC on reading
            }
            for block in blocks
        ],
    }
