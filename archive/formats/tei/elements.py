"""Writing TEI elements: the helpers every part of a document's TEI is written with."""

import xml.etree.ElementTree as ET

from ...markup import EDITORIAL, HANDWRITING, INLINE_NOTE, NOTE_REF, TEXT, pieces

TEI = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def el(parent, tag, text=None, **attributes):
    """A child element; attributes with no value are left out; `lang` and `id` are xml:."""
    # Tags are left unqualified under the root's xmlns: ElementTree's namespace prefixes are
    # global, and OAI-PMH responses want their own default namespace.
    element = ET.SubElement(parent, tag)
    for name, value in attributes.items():
        if value not in (None, ""):
            element.set({"lang": XML_LANG, "id": XML_ID}.get(name, name.rstrip("_")), str(value))
    if text:
        element.text = text
    return element


def person_id(person):
    # xml:id must start with a letter; slugs may not.
    return f"person-{person.slug}"


def marked(parent, content, notes=None):
    """Content into `parent`: line breaks as <lb/>, and the marks of archive.markup as
    elements: handwriting <hi>, editorial <seg>, notes in brackets <note place="inline">,
    markers of numbered notes <ref> to them (`notes`: label → the note's xml:id)."""
    notes = notes or {}
    current = None  # the last child element, whose tail takes following text
    for kind, start, end, extra in pieces(content, notes):
        if kind == NOTE_REF:
            current = el(parent, "ref", content[start:end], target=f"#{notes[extra]}",
                         type="noteAnchor", n=extra)  # fmt: skip
            continue
        if kind == INLINE_NOTE:  # one note, its words and line breaks inside it
            current = el(parent, "note", type=extra, place="inline")
            for index, line in enumerate(content[start:end].split("\n")):
                if index:
                    el(current, "lb").tail = line
                else:
                    current.text = line
            continue
        for index, line in enumerate(content[start:end].split("\n")):
            if index:
                current = el(parent, "lb")
            if kind == TEXT:
                if current is None:
                    parent.text = (parent.text or "") + line
                else:
                    current.tail = (current.tail or "") + line
            elif line:
                current = _mark(parent, kind, line)


def _mark(parent, kind, line):
    if kind == HANDWRITING:
        return el(parent, "hi", line, rend="handwriting")
    assert kind == EDITORIAL
    return el(parent, "seg", line, type="editorial")


# Elements whose content is text: their whitespace is the document's, never indentation.
_MIXED = {
    "ab", "quote", "seg", "hi", "head", "persName", "title", "note", "p", "term", "idno",
    "label", "licence", "date", "placeName", "repository", "settlement", "language", "ref",
    "stamp", "name", "orgName", "resp", "publisher", "pubPlace", "biblScope", "funder",
    "provenance", "desc",
}  # fmt: skip


def indent(element, level=0):
    """Indent the structure for reading, leaving every text's own whitespace alone."""
    if element.tag in _MIXED or not len(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    child.tail = "\n" + " " * level
