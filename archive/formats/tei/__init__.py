"""TEI P5 XML of a document: the full header, and every text passage by passage.

Valid against the TEI Consortium's tei_all schema (tests/test_tei.py runs jing).
The original and each translation are a <div> with xml:lang; passages are <ab>
elements whose @corresp points at their counterparts; quoted messages are
<quote>; handwriting is <hi rend="handwriting">; the translator's [insertions]
are <seg type="editorial">, brackets and all, so the text survives letter for letter;
a text's notes are <note>s after its passages, their markers <ref>s to them.
The header's sources and credits are written by sources.py, the telegram's handling
steps and the document's relations by handling.py, the texts by texts.py.
"""

import xml.etree.ElementTree as ET

from ...languages import LANGUAGE_NAMES
from ..xml import tostring
from .elements import TEI, XML_LANG, el, indent, marked, person_id
from .handling import handling, relations
from .sources import credits, source_description
from .texts import body


def tei_document(document, record, url, site_name):
    """The TEI XML (bytes, UTF-8) of a document fetched with for_detail()."""
    root = ET.Element("TEI", {"xmlns": TEI, XML_LANG: "en"})
    header = el(root, "teiHeader")
    _file_description(header, document, record, url, site_name)
    _encoding(header)
    _profile(header, document, record)
    body(el(el(root, "text"), "body"), list(document.texts.all()))
    indent(root)
    return tostring(root)


def _file_description(header, document, record, url, site_name):
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
    if particulars:
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

    source_description(file_desc, document, record, site_name)
    source_desc = file_desc.find("sourceDesc")
    handling(source_desc, document)
    relations(source_desc, record)


def _encoding(header):
    """The two keyword schemes the header uses: subjects, and classification markings."""
    taxonomies = el(el(el(header, "encodingDesc"), "classDecl"), "taxonomy", id="subjects")
    el(el(taxonomies, "bibl"), "title", "Subjects of the archive")
    markings = header.find("encodingDesc/classDecl")
    el(el(el(markings, "taxonomy", id="classification"), "bibl"), "title", "Security markings")


def _profile(header, document, record):
    profile = el(header, "profileDesc")
    creation = el(profile, "creation")
    if record.date_parts:
        when = record.iso_date
        el(creation, "date", document.date_as_written or record.date_text, when=when,
            cert="low" if document.date_approximate else None)  # fmt: skip
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
