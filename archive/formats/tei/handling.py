"""A telegram's handling and its links to other documents, in the TEI header's <sourceDesc>.

The steps (sent, received, deciphered, typed, registered) are a <listEvent>, an <event>
each, whose @when is the local reading with its UTC offset ("1951-06-30T11:30:00+03:00"):
the instant and the clock the clerk read, both. Each names its place and the persons of
the document who took part in it (the author sends; it is received for the recipient;
the decipherer and the typist do their work), and keeps the reading as written.

TEI P5 from 2.8.0 on has <correspDesc> with <correspAction type="sent|received"> for the
same facts; the schema the archive's TEI is validated against (tei_all 2.7.0, 2014)
predates it and refuses it, so the steps are events, which it has.

The relations are a <listBibl>: each related document a <bibl>, and a <listRelation>
saying how each stands to this one, with the standard term's URI in @ref (none for
forwarding, whose term is a correspAction type, not a property with a URI; its @name
and description say it) and the two documents' addresses in @active (the source: the
reply) and @passive (the target).
"""

import re

from ...chronology.readings import moment
from ...chronology.zones import w3c
from ...languages import language_of_script
from .elements import el, person_id

# Who of the document's persons takes part in each step.
_ROLES = {
    "sent": ("author", "by"),
    "received": ("recipient", "for"),
    "deciphered": ("decipherer", "by"),
    "typed": ("typist", "by"),
}
_PREPOSITION = {"sent": "from"}
# A relation's certainty in TEI's words.
_CERTAINTY = {"certain": "high", "probable": "medium", "possible": "low"}
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def handling(source_desc, document):
    """The <listEvent> of the document's handling steps, if it has any."""
    steps = list(document.handling_steps.all())
    if not steps:
        return
    persons = {}
    for role in document.roles.all():
        persons.setdefault(role.role, []).append(role.person)
    events = el(source_desc, "listEvent", type="handling")
    el(events, "head", "The document's handling, from the clock readings on it")
    for step in steps:
        when = w3c(step.local_date, step.local_time, step.zone)
        event = el(events, "event", type=step.kind, when=when)
        _describe(el(event, "desc"), step, when, persons)
        if step.as_written:
            el(event, "note", step.as_written, type="asWritten", lang=document.original_language)
        if step.note:
            el(event, "note", step.note)


def _describe(desc, step, when, persons):
    """ "received in Moscow, 30 June 1951, 11:30 Moscow time (08:30 UTC), for Joseph Stalin":
    its words, and the elements that carry them."""
    desc.text = str(step.get_kind_display())
    last = None

    def words(text):
        nonlocal last
        if last is None:
            desc.text += text
        else:
            last.tail = (last.tail or "") + text

    if step.place_id:
        words(f" {_PREPOSITION.get(step.kind, 'in')} ")
        last = el(desc, "placeName", step.place.name)
    text = moment(step)
    if text:
        words(", ")
        last = el(desc, "date", text, when=when)
    role, by = _ROLES.get(step.kind, (None, None))
    for index, person in enumerate(persons.get(role, []) if role else []):
        words(f", {by} " if index == 0 else ", ")
        last = el(desc, "persName", person.name, ref=f"#{person_id(person)}")


def relations(source_desc, record):
    """The <listBibl> of the documents this one is confirmed to be related to."""
    if not record.relations:
        return
    listing = el(source_desc, "listBibl", type="relatedDocuments")
    el(listing, "head", "Related documents")
    for link in {link.record_id: link for link in record.relations}.values():
        bibl = el(listing, "bibl", id=f"document-{link.record_id}")
        el(bibl, "title", link.title)
        el(bibl, "idno", str(link.record_id), type="record")
        el(bibl, "ref", link.url, target=link.url)
    statements = el(listing, "listRelation", type="documents")
    for link in record.relations:
        source, target = (record.url, link.url) if link.outgoing else (link.url, record.url)
        relation = el(
            statements,
            "relation",
            name=link.kind,
            ref=link.uri,
            active=source,
            passive=target,
            cert=_CERTAINTY.get(link.certainty),
        )
        _evidence(el(relation, "desc"), link)


def _evidence(desc, link):
    """ "replied to by: “your telegram No. 3261” (asserted by the Wilson Center's editors)"."""
    standard = link.standard if link.outgoing else f"inverse of {link.standard}"
    desc.text = f"{link.label} ({standard})"
    last = None
    if link.evidence:
        desc.text += ": "
        language = "ru" if _CYRILLIC.search(link.evidence) else language_of_script(link.evidence)
        last = el(desc, "quote", link.evidence, lang=language or "en")
    if link.asserted_by:
        text = f" (asserted by {link.asserted_by})"
        if last is None:
            desc.text += text
        else:
            last.tail = text
