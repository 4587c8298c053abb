"""Metadata embedded in a document page, for Zotero and search engines to read.

Highwire Press `citation_*` tags (what Zotero's and Google Scholar's readers look
for first), Dublin Core tags, and schema.org JSON-LD, with every step of the telegram's
handling (sent, received, deciphered…) and its confirmed relations to other documents.
"""

import json

from django.utils.safestring import mark_safe

from ..relations.kinds import RELATED
from .dublin_core import elements as dublin_core_elements


def highwire(record, tei_url=""):
    """[(name, content)] of citation_* meta tags."""
    tags = [("citation_title", record.title)]
    tags += [("citation_author", name.inverted) for name in record.authors]
    if record.date_parts:
        # One date, no range: only what is known for certain (June 1951 of 29–30 June).
        date = "/".join(f"{part:02d}" for part in record.date_parts)
        tags += [("citation_date", date), ("citation_publication_date", date)]
    tags.append(("citation_language", record.language))
    if record.archive:
        tags.append(("citation_archive", record.archive))
    if record.source:
        tags.append(("citation_source", record.source))
    if record.archive_location:
        tags.append(("citation_archive_location", record.archive_location))
    tags += [("citation_keywords", subject) for subject in record.subjects]
    tags.append(("citation_public_url", record.url))
    if tei_url:
        tags.append(("citation_xml_url", tei_url))
    return tags


def dublin_core(record):
    """[(name, content)] of DC.* meta tags: the record's Dublin Core, and the page's format."""
    return [(f"DC.{name}", value) for name, value in dublin_core_elements(record)] + [
        ("DC.format", "text/html")
    ]


def json_ld(record, translations):
    """A schema.org ArchiveComponent (and Message: it has a recipient), as a safe <script> body."""
    data = {
        "@context": "https://schema.org",
        "@type": ["ArchiveComponent", "Message"],
        "@id": record.url,
        "url": record.url,
        "identifier": str(record.record_id),
        "name": record.title,
        "genre": record.genre,
        "inLanguage": record.language,
    }
    authors = [_person(name) for name in record.authors]
    recipients = [_person(name) for name in record.recipients]
    if authors:
        data["author"] = data["sender"] = authors
    if recipients:
        data["recipient"] = recipients
    if record.dated:
        # schema.org's dates are ISO 8601, which has intervals: "1951-06-29/1951-06-30".
        data["dateCreated"] = record.iso_date
    if record.summary:
        data["description"] = record.summary
    if record.repositories:
        data["holdingArchive"] = [
            {"@type": "ArchiveOrganization", "name": r.name_en, "alternateName": r.abbreviation}
            for r in record.repositories
        ]
    if record.archive_location:
        data["itemLocation"] = record.archive_location
    if record.subjects:
        data["keywords"] = record.subjects
    if record.places:
        data["contentLocation"] = [{"@type": "Place", "name": place} for place in record.places]
    if record.contributors:
        data["contributor"] = [_agent(name) for _role, name in record.contributors]
    if translations:
        data["workTranslation"] = [_translation(record, text) for text in translations]
    _handling(data, record.handling)
    _relations(data, record.relations)
    # Compact: machines read it, and every page carries it.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</script>" or "<!--" in a title would end or confuse the element:
    # JSON may write those characters as escapes, as Django's json_script does.
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return mark_safe(text)


def _handling(data, steps):
    """The telegram's handling: schema.org's Message times, dateSent and dateReceived, and
    every step (deciphered, typed and registered too) as a completed Action done to it.

    Times are ISO 8601 with the offset of the zone they were read in, which names the
    instant in UTC ("1951-06-30T11:30:00+03:00"), or the day alone where no hour is known.
    schema.org has no property from a thing to what was done to it, only an Action's
    `object`: each step is an Action whose object is this document, written from this end
    under "@reverse" (as the relations are). Sending and receiving have their own types
    (SendAction, ReceiveAction); deciphering, typing and registering a telegram have none
    (RegisterAction means signing up for a service), so they are plain Actions, named.
    """
    for step in steps:
        term = {"sent": "dateSent", "received": "dateReceived"}.get(step.kind)
        if term and step.when and term not in data:
            data[term] = step.when
    actions = [_action(step) for step in steps]
    if actions:
        data.setdefault("@reverse", {})["object"] = actions


_ACTION_TYPES = {"sent": "SendAction", "received": "ReceiveAction"}


def _action(step):
    # Named by its kind in English, as the rest of the record is, whatever the page's language.
    action = {
        "@type": _ACTION_TYPES.get(step.kind, "Action"),
        "name": step.kind,
        "actionStatus": "CompletedActionStatus",
    }
    if step.when:
        action["startTime"] = step.when
    if step.place:
        action["location"] = {"@type": "Place", "name": step.place}
    return action


def _relations(data, links):
    """Each relation under its standard term's URI (RiC-O, Dublin Core, CIDOC-CRM): from
    this document to the other, or, read from the other's end, under "@reverse" (the other
    document is the reply; this one is what it replies to). A relation whose term is no
    property (forwarding, a TEI correspAction type) is a plain dcterms:relation."""
    for link in links:
        other = {"@id": link.url, "url": link.url, "name": link.title}
        holder = data if link.outgoing else data.setdefault("@reverse", {})
        holder.setdefault(link.uri or RELATED, []).append(other)


def _translation(record, text):
    entry = {
        "@type": "CreativeWork",
        "name": f"{record.title} ({text.language_name} translation)",
        "inLanguage": text.language,
    }
    credited = record.translators_by_text.get(text.pk, []) + record.translators_by_text.get(
        None, []
    )
    translators = [_agent(name) for name in credited]
    if translators:
        entry["translator"] = translators
    elif text.credit:
        entry["translator"] = text.credit
    return entry


def _agent(name):
    """A credited person, or an organisation."""
    return {"@type": "Organization" if name.organisation else "Person", "name": name.display}


def _person(name):
    entry = {"@type": "Person", "name": name.display}
    if name.wikidata_url:
        entry["sameAs"] = name.wikidata_url
    if name.russian:
        entry["alternateName"] = name.russian
    return entry
