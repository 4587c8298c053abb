"""A record file into an exchange object (archive.exchange), the form every import takes."""

from dataclasses import dataclass, field

from .. import exchange
from ..chronology import edtf
from ..chronology.written import edtf_of_written
from ..languages import has_cyrillic, language_codes, language_of_script
from ..models import Classification, DocumentType, Place, Repository
from ..models.texts import free_text_code
from ..names import NameIndex
from ..persons import PersonDirectory, entry_names, short_name, sort_name_of
from . import citation, header, particulars, phrasebook, roles, sections, titles
from .blocks import BODY
from .datelines import read_datelines
from .handling import steps_from
from .source import LABELS, read_record
from .texts import align_all, read_texts, reference_of
from .texts import entry as texts_entry

# What a record file does not say and an archivist may have added: an import keeps it.
CURATED = (
    "status", "collections", "subjects", "relations", "rights", "scans", "events",
    "inferred_datings",
)  # fmt: skip


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
        for written, english in phrasebook.CLASSIFICATIONS.items():
            if (term := self.classifications.get(english.casefold())) is not None:
                self.classifications.setdefault(written.casefold(), term)
        # Every name of every repository the archive or the gazetteer knows.
        self.repositories = Repository.objects.names_index()

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

    def is_place(self, name):
        return bool(name) and self.places.find(name) is not None

    def names_in(self, text):
        found = {("person", p.slug) for p, _s, _e in self.persons.index.scan(text)}
        found |= {("place", p.slug) for p, _s, _e in self.places.scan(text)}
        return found


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
    # The persons this record makes, by all their names: found again like those known.
    new_names: NameIndex = field(default_factory=NameIndex)

    def person(self, written, create=True):
        """The key of the person a name means, making a new person entry if `create`."""
        name = written.strip()
        nominative = phrasebook.nominative(name)
        known = self.terms.persons.find_or_surname(name)
        if known is None and nominative != name:
            known = self.terms.persons.find(nominative)
        if known is None:
            known = self.terms.persons.find_by_initials(name)
        if known is None and (near := self.terms.persons.nearest(nominative)) is not None:
            known = near
            self.warnings.append(
                f"“{name}” is read as {near.name}: a misspelling of a name of theirs?"
            )
        if known is not None:
            return self.known(known)
        new = self.new_names.find(name) or self.new_names.find(nominative)
        if new is not None:
            self._complete(new, nominative)
        if new is not None or not create:
            return new
        base = phrasebook.name_in_cyrillic_case(phrasebook.nominative(name))
        cyrillic = has_cyrillic(base)
        entry = {
            "name": phrasebook.name_in_latin(base) if cyrillic else base,
            "name_ru": base if cyrillic else "",
            "name_native": base if language_of_script(base) else "",
            "aliases": [],
        }
        entry["sort_name"] = sort_name_of(entry["name"])
        for key, other in self.persons.items():
            if not other.get("slug") and other["name"] == entry["name"]:
                return key
        self.persons[entry["name"]] = entry
        self.new_names.add(entry["name"], [entry["name"], entry["name_ru"]])
        return entry["name"]

    def _complete(self, key, name):
        """A new person found under a name in Cyrillic or in their own script, which they
        lack: it becomes their Russian or native name."""
        entry = self.persons[key]
        if not entry.get("name_ru") and has_cyrillic(name):
            entry["name_ru"] = phrasebook.name_in_cyrillic_case(name)
        elif not entry.get("name_native") and language_of_script(name):
            entry["name_native"] = name

    def known(self, person):
        """The key of a person the archive holds, entered among the record's persons."""
        self.persons.setdefault(person.slug, exchange.person_entry(person))
        return person.slug

    def person_name(self, key):
        """The name an English rendering gives a person: "Stalin", "Mao Zedong"."""
        entry = self.persons[key]
        known = self.terms.persons.get(entry.get("slug") or "")
        return short_name(known) if known is not None else entry["name"]

    def names_in(self, text):
        """The persons and places a text names, those this record makes among them: what
        the aligner compares (the same whether a person is new now or known next time)."""
        found = self.terms.names_in(text)
        return found | {("person", key) for key, _start, _end in self.new_names.scan(text)}

    def add_alias(self, key, name):
        """Another name for a person (roles.add_alias), found from now on if they are new."""
        entry = self.persons[key]
        if not entry.get("slug"):
            self._complete(key, phrasebook.nominative(name))
            self.new_names.add(key, [name])
        roles.add_alias(entry, name)

    def add_role(self, key, kind, as_written="", note=""):
        if key is None or any(r["person"] == key and r["role"] == kind for r in self.roles):
            return
        self.roles.append(
            {"person": key, "role": kind, "name_as_written": as_written, "note": note}
        )

    def merge_same_persons(self):
        """Make one of the new person entries that the archive will take for one person
        (PersonDirectory.resolve finds an entry by any of its names), so that no one holds
        a role twice: the database allows a person one role of a kind in a document."""
        merged = self._same_persons()
        for item in (*self.roles, *self.particulars):
            item["person"] = merged.get(item["person"], item["person"])
        self.author = merged.get(self.author, self.author)
        for key in merged:
            del self.persons[key]
        self.roles = _roles_once(self.roles)

    def _same_persons(self):
        """{key of a new entry: key of the entry it is the same person as}."""
        merged, made = {}, NameIndex()
        for key, entry in list(self.persons.items()):
            if entry.get("slug"):
                continue
            names = entry_names(entry)
            known = self.terms.persons.find_entry(entry)
            same = self.known(known) if known else next(filter(None, map(made.find, names)), None)
            if same is None:
                made.add(key, names)
                continue
            merged[key] = same
            for name in names:
                self.add_alias(same, name)
        return merged

    def add_particular(self, kind, value, value_en="", person=None, note=""):
        self.particulars.append(
            {"kind": kind, "value": value, "value_en": value_en, "person": person, "note": note}
        )

    def add_place(self, place):
        if place is not None and place.slug not in self.places:
            self.places.append(place.slug)


def build_record(data, terms, encoding=None, status=None):
    """(exchange object, warnings) for a record file's bytes; RecordFileError if unreadable.

    Refused only when unusable: not a record file, no record id, a day the calendar lacks.
    """
    record = read_record(data, encoding)
    reading = Reading(terms, record)
    exact = edtf_of_written(record.date_as_written)  # "June 25-26, 1950": a range, exactly
    if exact:
        dating = edtf.read(exact)
        date, precision, approximate = dating.first, dating.precision, False
    else:
        date, precision, approximate = header.date(record, reading.warnings)
    reading.date = date
    url, lines = header.citation(record)
    record_id = header.record_id(url, record)
    codes = language_codes()
    listed = sections.read_contents(record.sections.get("Contents", []), codes)
    for entry in listed:
        if not entry.kind:
            reading.warnings.append(f"the Contents line “{entry.label}” is not understood")
        elif entry.kind != sections.SCAN and entry.language_name and not entry.language:
            reading.warnings.append(
                f"“{entry.language_name}” is not a language the archive knows: the text "
                f"“{entry.label}” is recorded as undetermined"
            )
    language = header.original_language(record, listed, reading.warnings)
    title = titles.read_title(record.title, is_place=terms.is_place)
    document_type = header.document_type(record, terms, title.kind, reading.warnings)
    found, warnings = sections.split_texts(record.body, listed, language, codes)
    reading.warnings.extend(warnings)
    texts, stamps = read_texts(found, terms)
    for text in texts:
        text.language = text.language or "und"
    if not texts:
        reading.warnings.append(
            "the record has no transcription or translation: its description and scans only"
        )

    # Who is who first, and only then the alignment, which compares the names in the texts:
    # what the title and the other texts teach of new persons is known to it, as it will
    # be when the record is imported again.
    reference = reference_of(texts)
    roles.read_title(title, reading)  # first: its English names are the names of new persons
    if reference is not None:
        roles.read_body(reference.blocks, reading)
    for text in texts:
        if text is not reference:
            roles.read_counterpart(text.blocks, reading)
        roles.read_variants(text.blocks, reading)
    if texts:
        align_all(texts, reading)
    for text in texts:
        roles.read_mentions(text.blocks, reading)
    if reference is not None and reference.is_original and reference.language == "ru":
        particulars.read_form(reference.blocks, reading)  # the printed Soviet forms
    elif reference is not None:
        _read_classifications(reference.blocks, reading)
    roles.finish_recipient(reading)
    reading.merge_same_persons()
    for label, section in record.sections.items():
        if label not in LABELS:  # kept as written, where an archivist will see it
            text = "\n".join(line.text for line in section).strip()
            if text:
                reading.add_particular("other", text, note=f"“{label}” in the source record")

    entries = [texts_entry(text) for text in texts]
    taken = set()
    for entry in entries:  # as the admin would name them: ru, en, en-2
        entry["code"] = free_text_code(entry["language"], taken)
        taken.add(entry["code"])
    site, sources, credits = citation.read(lines, record, reading, codes)
    more, unread = citation.read_credits(
        record.sections.get("Credits", []), reading, codes, credits
    )
    credits += more
    for text in unread:  # kept where an archivist will see it, and said
        reading.warnings.append(f"in the Credits, not read as a credit and kept: “{text}”")
        reading.add_particular("other", text, note="“Credits” in the source record")
    _credit_texts(credits, entries)
    # The telegram's handling steps, read from the particulars in either language. A place
    # the archive does not hold stays unnamed (its zone and the reading as written stay).
    steps = steps_from(reading.particulars, language, date)
    for step in steps:
        if step["place"] and step["place"] not in terms.place_by_slug:
            step["place"] = ""
    written_dates, reason = read_datelines(entries, date, precision)
    result = {
        "format": exchange.FORMAT,
        "record_id": record_id,
        "title": record.title,
        "date": {
            "value": date.isoformat() if date else None,
            "precision": precision,
            "approximate": approximate,
            "as_written": record.date_as_written,
            **({"edtf": exact} if exact else {}),
        },
        "written_dates": written_dates,
        "type": document_type,
        "classifications": exchange.vocabulary_entries(reading.classifications),
        "summary": record.section_text("Summary"),
        "original_language": language,
        "source": {
            "site": site,
            "url": url,
            "recommended_citation": "\n".join([*lines, url]),
        },
        "archive_stamps": stamps,
        "places": exchange.vocabulary_entries(terms.place_by_slug[s] for s in reading.places),
        "persons": sorted(reading.persons.values(), key=lambda p: p.get("slug") or p["name"]),
        "roles": reading.roles,
        "sources": sources,
        "credits": credits,
        "particulars": reading.particulars,
        "handling_steps": steps,
        "scans": header.scans(listed),
        "texts": entries,
        "collections": [],
        "subjects": [],
        "relations": [],
        "rights": {"statement": "", "url": ""},
    }
    if reason:  # not said otherwise: the document may carry an archivist's reason
        result["date"]["reason"] = reason
    if status:
        result["status"] = status
    return result, list(dict.fromkeys(record.warnings + reading.warnings))


def _read_classifications(blocks, reading):
    """The secrecy markings ("TOP SECRET", "Ściśle tajne") above and below a text's body,
    in a language the phrasebook knows; the Soviet forms' are read with the rest of the form."""
    for block in blocks:
        if block.zone == BODY:
            continue
        for line in block.content.split("\n"):
            term = reading.terms.classification(line.strip(" *_#.!:"))  # "Szigorúan titkos!"
            if term is not None and term not in reading.classifications:
                reading.classifications.append(term)


def _roles_once(found):
    """Each person's role of a kind once, with what its first mention lacks from the others."""
    kept = {}
    for role in found:
        first = kept.setdefault((role["person"], role["role"]), role)
        for part in ("name_as_written", "note"):
            first[part] = first[part] or role[part]
    return list(kept.values())


def _credit_texts(credits, texts):
    """A translator's credit is for the translation: the English one, or the only one."""
    translations = [text for text in texts if text["kind"] == "translation"]
    english = [text for text in translations if text["language"] == "en"]
    chosen = english[0] if len(english) == 1 else None
    if chosen is None and len(translations) == 1:
        chosen = translations[0]
    transcriptions = [text for text in texts if text["kind"] == "transcription"]
    for credit in credits:
        if credit["role"] == "translator" and chosen is not None:
            credit["text"] = chosen["code"]
        elif credit["role"] == "transcriber" and len(transcriptions) == 1:
            credit["text"] = transcriptions[0]["code"]
