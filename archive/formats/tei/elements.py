"""Writing TEI elements: the helpers every part of a document's TEI is written with."""

import re
import xml.etree.ElementTree as ET

from ...markup import EDITORIAL, HANDWRITING, INLINE_NOTE, NOTE_REF, SPAN, TEXT, pieces, spans

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
    elements: handwriting <hi>, the translator's brackets <supplied>, notes in brackets
    <note place="inline">, markers of numbered notes <ref> to them (`notes`: label → the
    note's xml:id), and the typed spans as TEI's own elements (see _span)."""
    notes = notes or {}
    current = None  # the last child element, whose tail takes following text
    for kind, start, end, extra in pieces(content, notes):
        if kind == NOTE_REF:
            current = el(parent, "ref", content[start:end], target=f"#{notes[extra]}",
                         type="noteAnchor", n=extra)  # fmt: skip
            continue
        if kind == SPAN:  # a span has no line breaks
            current = _span(parent, extra, content)
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
    # The brackets are the printed sign of <supplied>; only the words go inside it.
    if line.startswith("[") and line.endswith("]") and len(line) > 2:
        return el(parent, "supplied", line[1:-1])
    return el(parent, "seg", line, type="editorial")


def _span(parent, span, content):
    """A typed span as TEI: choice/sic/corr, unclear, gap, hi with a handShift, stamp,
    supplied and note. (<stamp> is a phrase-level element of TEI P5 2.7.0's msdescription
    module, valid inside <ab>.)"""
    field = lambda index: span.field(content, index)  # noqa: E731
    if span.name == spans.SIC:
        if not field(1):
            return el(parent, "sic", field(0))
        choice = el(parent, "choice")
        el(choice, "sic", field(0))
        el(choice, "corr", field(1))
        return choice
    if span.name == spans.UNCLEAR:
        return el(parent, "unclear", field(0), reason=_token(field(1)), cert=field(2))
    if span.name == spans.GAP:
        return el(parent, "gap", reason=_token(field(0)), extent=field(1))
    if span.name == spans.HAND:
        hand, medium = spans.hand_and_medium(field(0))
        element = el(parent, "hi", rend="handwriting")
        # The hand as written stays readable in @scribe, made an XML name (no spaces).
        el(element, "handShift", scribe=_name(hand), medium=_token(medium)).tail = field(1)
        return element
    if span.name == spans.STAMP:
        return _stamp(parent, field)
    if span.name == spans.SUPPLIED:
        return el(parent, "supplied", field(0), reason=_token(field(1)))
    return el(parent, "note", field(1), type=field(0), place="inline")


def _stamp(parent, field):
    """<stamp type="kind">: its number in <num> and its date in <date>, inside its words
    where they stand there ("<num>Вх. № 2204/ис</num> от <date>30/VI 1951 г.</date>"),
    else before them, so that the words as stamped are never written twice."""
    element = el(parent, "stamp", type=_token(field(0)))
    words = field(3)
    marks, before = [], []
    for index, tag in ((1, "num"), (2, "date")):
        value = field(index)
        at = spans.found_in(value, words)
        if value and at != -1 and all(at >= end or at + len(value) <= start
                                      for start, end, _tag in marks):  # fmt: skip
            marks.append((at, at + len(value), tag))
        elif value:
            before.append((tag, value))
    current = None

    def add(text):
        if current is None:
            element.text = (element.text or "") + text
        else:
            current.tail = (current.tail or "") + text

    for tag, value in before:
        if current is not None or element.text:
            add(" ")
        current = el(element, tag, value)
    if words and before:
        add(" ")
    position = 0
    for start, end, tag in sorted(marks):
        add(words[position:start])
        current = el(element, tag, words[start:end])
        position = end
    add(words[position:])
    return element


def _token(words):
    """Free words as one value of an enumerated attribute, which may hold no spaces."""
    return re.sub(r"\s+", "-", words.strip())


def _name(words):
    """Free words as an XML name: letters, digits, "-", "_" and "."; it begins with a letter."""
    name = re.sub(r"[^\w.-]+", "_", words.strip()).strip("_")
    return name if name[:1].isalpha() or not name else f"_{name}"


# Elements whose content is text: their whitespace is the document's, never indentation.
_MIXED = {
    "ab", "quote", "seg", "hi", "head", "persName", "title", "note", "p", "term", "idno",
    "label", "licence", "date", "placeName", "repository", "settlement", "language", "ref",
    "stamp", "name", "orgName", "resp", "publisher", "pubPlace", "biblScope", "funder",
    "provenance", "desc", "supplied", "sic", "corr", "choice", "unclear", "num",
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
