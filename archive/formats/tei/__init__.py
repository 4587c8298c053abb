"""TEI P5 XML of a document: the full header, and every text passage by passage.

Valid against the TEI Consortium's tei_all schema (tests/test_tei.py runs jing).
The original and each translation are a <div> with xml:lang; passages are <ab>
elements whose @corresp points at their counterparts; quoted messages are
<quote>; handwriting is <hi rend="handwriting">; the translator's [insertions]
are <seg type="editorial">, brackets and all, so the text survives letter for letter;
a text's notes are <note>s after its passages, their markers <ref>s to them.
Confirmed discrepancy notes are <note type="discrepancy"> in the header's notesStmt,
their @target pointing at both places (a passage's <ab>, the title, the date…).
The header's sources and credits are written by sources.py, the telegram's handling
steps and the document's relations by handling.py, the texts by texts.py.
"""

import xml.etree.ElementTree as ET

from ...apparatus import discrepancies
from ...chronology.reasons import DateReason
from ...languages import LANGUAGE_NAMES
from ..record import iso_parts
from ..xml import tostring
from .elements import TEI, XML_ID, XML_LANG, el, indent, marked, person_id
from .handling import handling, relations
from .sources import credits, source_description
from .texts import body


def tei_document(document, record, url, site_name):
    """The TEI XML (bytes, UTF-8) of a document fetched with for_detail()."""
    root = ET.Element("TEI", {"xmlns": TEI, XML_LANG: "en"})
    header = el(root, "teiHeader")
    notes = discrepancies.for_page(document).notes  # public ones only
    _file_description(header, document, record, url, site_name, notes)
    _encoding(header)
    _profile(header, document, record)
    _discrepancy_targets(root, document, notes)
    body(el(el(root, "text"), "body"), list(document.texts.all()))
    indent(root)
    return tostring(root)


def _file_description(header, document, record, url, site_name, discrepancy_notes=()):
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", document.title)
    for role in document.roles.all():
        if role.role == "author":
            el(
                el(title_stmt, "author"),
                "persName",
                role.person.name,
                ref=f"#{person_id(role.person)}",
            )
    credits(title_stmt, document)

    publication = el(file_desc, "publicationStmt")
    el(publication, "publisher", site_name)
    el(publication, "idno", str(document.record_id), type="record")
    el(publication, "idno", url, type="URL")
    availability = el(publication, "availability")
    if document.rights_statement:
        el(availability, "licence", document.rights_statement, target=document.rights_url)
    else:
        el(availability, "p", "Rights not stated by the source archive.")

    particulars = list(document.particulars.all())
    if particulars or discrepancy_notes:
        notes = el(file_desc, "notesStmt")
        for particular in particulars:
            note = el(notes, "note", type=particular.kind)
            el(note, "label", particular.get_kind_display())
            marked(
                el(note, "seg", lang=document.original_language, type="asWritten"),
                particular.value,
            )
            if particular.value_en:
                el(note, "seg", particular.value_en, lang="en", type="english")
            if particular.person:
                el(
                    note,
                    "persName",
                    particular.person.name,
                    ref=f"#{person_id(particular.person)}",
                )
            if particular.note:
                el(note, "note", particular.note)
        for discrepancy in discrepancy_notes:
            _discrepancy(notes, discrepancy)

    source_description(file_desc, document, record, site_name)
    source_desc = file_desc.find("sourceDesc")
    handling(source_desc, document)
    relations(source_desc, record)


def _discrepancy(notes, discrepancy):
    """A discrepancy note: the two readings quoted, then what the editors say of them.
    Its @target is set once the places it points at have their ids (_discrepancy_targets)."""
    note = el(notes, "note", type="discrepancy", id=discrepancy.id, n=discrepancy.number)
    for place in discrepancy.places:
        if place.reading:
            el(note, "quote", place.reading, lang=place.language, n=place.label)
    el(note, "p", discrepancy.note)


def _discrepancy_targets(root, document, discrepancy_notes):
    """Point each discrepancy note at its two places, giving each field it names an id.

    A passage is its <ab>, whose id is its anchor; the title, the date and the author are
    their header elements; the recipient their <person>; a document detail the
    particular whose words are quoted. A summary is written as a note of its own only when
    a discrepancy names it (the header keeps no summary otherwise). A place the export
    has no element for is left out of @target; its words are quoted all the same.
    """
    header = root.find("teiHeader")
    for discrepancy in discrepancy_notes:
        note = header.find(f"fileDesc/notesStmt/note[@{XML_ID}='{discrepancy.id}']")
        pointers = []
        for place in discrepancy.places:
            target = _field_element(header, document, place)
            if target is not None:
                pointers.append(f"#{target}")
        if pointers:
            note.set("target", " ".join(dict.fromkeys(pointers)))


def _field_element(header, document, place):
    """The xml:id of the element showing a place, given one if it has none; or None."""
    Field = discrepancies.Discrepancy.Field
    if place.field == Field.PASSAGE:
        return place.anchor or None
    if place.field in (Field.AUTHOR, Field.RECIPIENT):
        role = next((r for r in document.roles.all() if r.role == place.field), None)
        return person_id(role.person) if role is not None else None
    found = None
    if place.field == Field.TITLE:
        found = header.find("fileDesc/titleStmt/title")
    elif place.field == Field.DATE:
        found = header.find("profileDesc/creation/date")
    elif place.field == Field.SUMMARY and document.summary:
        notes = header.find("fileDesc/notesStmt")
        found = notes.find("note[@type='summary']")
        if found is None:
            found = el(notes, "note", document.summary, type="summary")
    elif place.field == Field.PARTICULAR:
        return _particular_quoted(header, document, place.reading)
    if found is None:
        return None
    if found.get(XML_ID) is None:
        found.set(XML_ID, discrepancies.field_anchor(place.field))
    return found.get(XML_ID)


def _particular_quoted(header, document, reading):
    """The xml:id of the header note of the first particular whose words hold the reading
    quoted, given one if it has none; or None."""
    # The particulars' notes come first in notesStmt, in the particulars' order.
    written = header.findall("fileDesc/notesStmt/note")
    pairs = zip(document.particulars.all(), written, strict=False)
    for number, (particular, note) in enumerate(pairs, start=1):
        if reading and (reading in particular.value or reading in particular.value_en):
            if note.get(XML_ID) is None:
                note.set(XML_ID, f"{discrepancies.field_anchor('particular')}-{number}")
            return note.get(XML_ID)
    return None


def _encoding(header):
    """The two keyword schemes the header uses: subjects, and classification markings."""
    taxonomies = el(el(el(header, "encodingDesc"), "classDecl"), "taxonomy", id="subjects")
    el(el(taxonomies, "bibl"), "title", "Subjects of the archive")
    markings = header.find("encodingDesc/classDecl")
    el(el(el(markings, "taxonomy", id="classification"), "bibl"), "title", "Security markings")


def _profile(header, document, record):
    profile = el(header, "profileDesc")
    creation = el(profile, "creation")
    if record.dated:
        _creation_date(creation, document, record)
    for place in document.places.all():
        el(creation, "placeName", place.name)
    usage = el(profile, "langUsage")
    languages = [document.original_language] + [t.language for t in document.texts.all()]
    for code in dict.fromkeys(languages):
        el(usage, "language", _language_name(code), ident=code)
    text_class = el(profile, "textClass")
    keywords = el(text_class, "keywords", scheme="#subjects")
    terms = [s.name for s in document.subjects.all()] or [record.genre]
    for term in terms:
        el(keywords, "term", term)
    markings = list(document.classifications.all())
    if markings:
        classification = el(text_class, "keywords", scheme="#classification")
        for marking in markings:
            term = el(
                classification,
                "term",
                marking.name_ru or marking.name,
                lang="ru" if marking.name_ru else "en",
            )
            term.set("n", marking.name)
    _persons(profile, document)


# How an inferred date was arrived at, in the values TEI suggests for @evidence.
_EVIDENCE = {
    DateReason.INFERRED_CONTENT: "internal",
    DateReason.INFERRED_RELATED: "external",
    DateReason.EDITOR: "conjecture",
}


def _creation_date(creation, document, record):
    """The date written, as exactly as it is known: @when for one day, month or year;
    @notBefore and @notAfter for a range, or one of them for an open end, each to its own
    precision. An approximate date has a low @precision and an uncertain one a low @cert,
    as TEI tells the two apart; an inferred date says on what evidence it was inferred."""
    start, end = (iso_parts(p) or None for p in (record.date_start, record.date_end))
    when = start if not record.date_is_range else None
    el(
        creation,
        "date",
        document.date_as_written or record.date_text,
        when=when,
        notBefore=None if when else start,
        notAfter=None if when else end,
        precision="low" if record.date_approximate else None,
        cert="low" if record.date_uncertain else None,
        evidence=_EVIDENCE.get(record.date_reason),
    )


def _persons(profile, document):
    roles = {}
    persons = {}
    for role in document.roles.all():
        persons[role.person.pk] = role.person
        roles.setdefault(role.person.pk, []).append(role.role)
    for particular in document.particulars.all():
        if particular.person:
            persons.setdefault(particular.person.pk, particular.person)
    if not persons:
        return
    listing = el(el(profile, "particDesc"), "listPerson")
    for pk, person in persons.items():
        entry = el(listing, "person", id=person_id(person), role=" ".join(roles.get(pk, [])))
        el(entry, "persName", person.name, lang="en", type="canonical")
        if person.name_ru:
            el(entry, "persName", person.name_ru, lang="ru")
        if person.name_native:
            el(entry, "persName", person.name_native, type="native")
        for alias in person.aliases.all():
            el(entry, "persName", alias.name, lang=alias.language, type=alias.kind)
        if person.birth_date:
            el(entry, "birth", when=person.birth_date.isoformat())
        if person.death_date:
            el(entry, "death", when=person.death_date.isoformat())
        if person.wikidata_id:
            el(entry, "idno", person.wikidata_id, type="wikidata")
        if person.description:
            el(entry, "note", person.description)


def _language_name(code):
    return LANGUAGE_NAMES.get(code, code)
