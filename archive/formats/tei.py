"""TEI P5 XML of a document: the full header, and every text passage by passage.

Valid against the TEI Consortium's tei_all schema (tests/test_tei.py runs jing).
The original and each translation are a <div> with xml:lang; passages are <ab>
elements whose @corresp points at their counterparts; quoted messages are
<quote>; handwriting is <hi rend="handwriting">; the translator's [insertions]
are <seg type="editorial">, brackets and all, so the text survives letter for letter.
"""

import re
import xml.etree.ElementTree as ET

from ..citations import LEVELS
from ..languages import LANGUAGE_NAMES
from .xml import tostring

TEI = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_MARKS = re.compile(r"\*(?=\S)(?P<handwriting>[^*\n]*?\S)\*|(?P<editorial>\[[^\[\]\n]*\])")


def _el(parent, tag, text=None, **attributes):
    # Tags are left unqualified under the root's xmlns: ElementTree's namespace prefixes are
    # global, and OAI-PMH responses want their own default namespace.
    element = ET.SubElement(parent, tag)
    for name, value in attributes.items():
        if value not in (None, ""):
            element.set({"lang": XML_LANG, "id": XML_ID}.get(name, name.rstrip("_")), str(value))
    if text:
        element.text = text
    return element


def _person_id(person):
    # xml:id must start with a letter; slugs may not.
    return f"person-{person.slug}"


def tei_document(document, record, url, site_name):
    """The TEI XML (bytes, UTF-8) of a document fetched with for_detail()."""
    root = ET.Element("TEI", {"xmlns": TEI, XML_LANG: "en"})
    header = _el(root, "teiHeader")
    _file_description(header, document, record, url, site_name)
    _encoding(header)
    _profile(header, document, record)
    body = _el(_el(root, "text"), "body")
    texts = list(document.texts.all())
    counterparts = _counterparts(texts)
    for text in texts:
        _text(body, text, counterparts)
    if not texts:
        _el(_el(body, "ab"), "gap", reason="notTranscribed")
    _indent(root)
    return tostring(root)


# Elements whose content is text: their whitespace is the document's, never indentation.
_MIXED = {
    "ab", "quote", "seg", "hi", "head", "persName", "title", "note", "p", "term", "idno",
    "label", "licence", "date", "placeName", "repository", "settlement", "language", "ref",
    "stamp",
}  # fmt: skip


def _indent(element, level=0):
    """Indent the structure for reading, leaving every text's own whitespace alone."""
    if element.tag in _MIXED or not len(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    child.tail = "\n" + " " * level


def _file_description(header, document, record, url, site_name):
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", document.title)
    for role in document.roles.all():
        if role.role == "author":
            _el(
                _el(title_stmt, "author"),
                "persName",
                role.person.name,
                ref=f"#{_person_id(role.person)}",
            )

    publication = _el(file_desc, "publicationStmt")
    _el(publication, "publisher", site_name)
    _el(publication, "idno", str(document.record_id), type="record")
    _el(publication, "idno", url, type="URL")
    availability = _el(publication, "availability")
    if document.rights_statement:
        _el(availability, "licence", document.rights_statement, target=document.rights_url)
    else:
        _el(availability, "p", "Rights not stated by the source archive.")

    particulars = list(document.particulars.all())
    if particulars:
        notes = _el(file_desc, "notesStmt")
        for particular in particulars:
            note = _el(notes, "note", type=particular.kind)
            _el(note, "label", particular.get_kind_display())
            _marked(
                _el(note, "seg", lang=document.original_language, type="asWritten"),
                particular.value,
            )
            if particular.value_en:
                _el(note, "seg", particular.value_en, lang="en", type="english")
            if particular.person:
                _el(
                    note,
                    "persName",
                    particular.person.name,
                    ref=f"#{_person_id(particular.person)}",
                )
            if particular.note:
                _el(note, "note", particular.note)

    source = _el(file_desc, "sourceDesc")
    for reference in document.references.all():
        repository = reference.repository
        ms = _el(source, "msDesc")
        identifier = _el(ms, "msIdentifier")
        _el(identifier, "settlement", repository.location)
        _el(identifier, "repository", repository.name_en)
        # The shelfmark whole, then each level of it as an identifier of its own.
        _el(identifier, "idno", reference.levels, type="shelfmark")
        for level in LEVELS:
            value = getattr(reference, level)
            if level == "listy" and not reference.listy_plural:
                level = "list"  # one sheet: list; several: listy
            if value:
                _el(_el(identifier, "altIdentifier", type=level), "idno", value, type=level)
        alternative = _el(identifier, "altIdentifier", type="citation")
        _el(alternative, "idno", reference.citation, type="citation")
        _el(
            _el(ms, "msContents"),
            "textLang",
            record.language_name,
            mainLang=document.original_language,
        )
    stamps = document.archive_stamps.splitlines()
    first = source.find("msDesc")
    if stamps and first is not None:
        # The numbers the archive stamped on the page.
        paragraph = _el(_el(_el(first, "physDesc"), "additions"), "p")
        for n, stamp in enumerate(stamps):
            element = _el(paragraph, "stamp", stamp, lang=document.original_language)
            element.tail = " " if n < len(stamps) - 1 else None
    bibl = _el(source, "bibl")
    if document.source_url:
        _el(bibl, "ref", document.source_site or document.source_url, target=document.source_url)
    else:
        _el(bibl, "title", document.source_site or site_name)
    if document.recommended_citation:
        _el(bibl, "note", document.recommended_citation, type="recommendedCitation")
    if stamps and first is None:  # no reference to hang the page's stamps on
        _el(bibl, "note", " · ".join(stamps), type="stamps")


def _encoding(header):
    """The two keyword schemes the header uses: subjects, and classification markings."""
    taxonomies = _el(_el(_el(header, "encodingDesc"), "classDecl"), "taxonomy", id="subjects")
    _el(_el(taxonomies, "bibl"), "title", "Subjects of the archive")
    markings = header.find("encodingDesc/classDecl")
    _el(_el(_el(markings, "taxonomy", id="classification"), "bibl"), "title", "Security markings")


def _profile(header, document, record):
    profile = _el(header, "profileDesc")
    creation = _el(profile, "creation")
    if record.date_parts:
        when = record.iso_date
        _el(creation, "date", document.date_as_written or record.date_text, when=when,
            cert="low" if document.date_approximate else None)  # fmt: skip
    for place in document.places.all():
        _el(creation, "placeName", place.name)
    usage = _el(profile, "langUsage")
    languages = [document.original_language] + [t.language for t in document.texts.all()]
    for code in dict.fromkeys(languages):
        _el(usage, "language", _language_name(code), ident=code)
    text_class = _el(profile, "textClass")
    keywords = _el(text_class, "keywords", scheme="#subjects")
    terms = [s.name for s in document.subjects.all()] or [record.genre]
    for term in terms:
        _el(keywords, "term", term)
    markings = list(document.classifications.all())
    if markings:
        classification = _el(text_class, "keywords", scheme="#classification")
        for marking in markings:
            term = _el(
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
    listing = _el(_el(profile, "particDesc"), "listPerson")
    for pk, person in persons.items():
        entry = _el(listing, "person", id=_person_id(person), role=" ".join(roles.get(pk, [])))
        _el(entry, "persName", person.name, lang="en", type="canonical")
        if person.name_ru:
            _el(entry, "persName", person.name_ru, lang="ru")
        if person.name_native:
            _el(entry, "persName", person.name_native, type="native")
        for alias in person.aliases.all():
            _el(entry, "persName", alias.name, lang=alias.language, type=alias.kind)
        if person.birth_date:
            _el(entry, "birth", when=person.birth_date.isoformat())
        if person.death_date:
            _el(entry, "death", when=person.death_date.isoformat())
        if person.wikidata_id:
            _el(entry, "idno", person.wikidata_id, type="wikidata")
        if person.description:
            _el(entry, "note", person.description)


def _counterparts(texts):
    """{(text code, alignment key): [passage ids]} for @corresp."""
    found = {}
    for text in texts:
        for passage in text.passages.all():
            if passage.alignment_key is not None:
                found.setdefault(passage.alignment_key, []).append((text.code, passage.anchor))
    return found


def _text(body, text, counterparts):
    kind = "original" if text.is_original else "translation"
    div = _el(body, "div", type=kind, lang=text.language, id=f"text-{text.code}")
    if text.credit:
        _el(div, "head", text.credit, type="credit")
    for passage in text.passages.all():
        others = [
            f"#{anchor}"
            for code, anchor in counterparts.get(passage.alignment_key, [])
            if code != text.code
        ]
        block = _el(div, "ab", type=passage.kind, id=passage.anchor, corresp=" ".join(others))
        if passage.run_in:
            block.set("rend", "run-in")
        container = block
        for level in range(passage.quote_depth):
            container = _el(container, "quote", type="relayed" if level == 0 else "quoted")
        _marked(container, passage.content)


def _marked(parent, content):
    """Content into `parent`: line breaks as <lb/>, handwriting and editorial marks as elements."""
    last, pieces = 0, []
    for match in _MARKS.finditer(content):
        pieces.append(("text", content[last : match.start()]))
        if match["handwriting"] is not None:
            pieces.append(("hi", match["handwriting"]))
        else:
            pieces.append(("seg", match["editorial"]))
        last = match.end()
    pieces.append(("text", content[last:]))
    current = None  # the last child element, whose tail takes following text
    for kind, value in pieces:
        for index, line in enumerate(value.split("\n")):
            if index:
                current = _el(parent, "lb")
            if kind == "text":
                if current is None:
                    parent.text = (parent.text or "") + line
                else:
                    current.tail = (current.tail or "") + line
            elif line:
                current = _el(parent, kind, line, **(
                    {"rend": "handwriting"} if kind == "hi" else {"type": "editorial"}
                ))  # fmt: skip


def _language_name(code):
    return LANGUAGE_NAMES.get(code, code)
