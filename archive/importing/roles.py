"""Who is who in a document: its addressee and signatory, a relayed message's, and mentions.

Read from the structure the blocks were given: the first salutation names the
recipient, the signature that closes the body names the author; a quoted message
with a salutation and a signature of its own is a relayed message, whose author
and addressee are found the same way. Everyone else the text names, if already
known to the archive, is mentioned. A name not yet known makes a new person only
where the structure says for certain that it is a person (an address, a signature).
"""

import re

from . import phrasebook
from .blocks import BODY, signature_name

_SIGNATURE_DATE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2,4})")


def read_body(blocks, reading):
    """The author, the recipient and any relayed message's author and addressee."""
    body = [block for block in blocks if block.zone == BODY]
    top = [block for block in body if block.quote_depth == 0]
    salutation = next((b for b in top if b.kind == "salutation"), None)
    signature = next((b for b in reversed(top) if b.kind == "signature"), None)
    if signature is not None:
        name = signature_name(signature.content)
        reading.author = reading.person(name)
        reading.add_role(reading.author, "author", name)
    if salutation is not None:
        _recipient(salutation, reading)
    _relayed(body, reading)


def _recipient(block, reading):
    name = phrasebook.strip_address(block.content)
    if not name:
        return
    key = reading.person(name)
    note = ""
    known = reading.terms.persons.get(key)
    if known is not None and reading.terms.persons.alias_kind(known, name) == "codename":
        note = f"Addressed by codename, “{block.content.strip()}”"
    reading.add_role(key, "recipient", name, note)


def finish_recipient(reading):
    """Add to the recipient's note the copies the distribution list gives them by name."""
    for role in reading.roles:
        if role["role"] != "recipient" or not role["note"]:
            continue
        copies = [
            p
            for p in reading.particulars
            if p["kind"] == "copies" and p["person"] == role["person"] and "\t" in p["value"]
        ]
        for particular in copies:
            numbers = re.findall(r"№\s*(\d+)", particular["value"])
            addressee = particular["value"].split("\n", 1)[0].split("\t")[-1]
            role["note"] += (
                f"; copies No. {phrasebook.enumerate_numbers(numbers)} go to “{addressee}”"
            )
        role["note"] += "."


def _relayed(body, reading):
    """A quoted message with its own salutation and signature: whose, and to whom."""
    quoted = [block for block in body if block.quote_depth == 1]
    salutation = next((b for b in quoted if b.kind == "salutation"), None)
    signature = next((b for b in reversed(quoted) if b.kind == "signature"), None)
    if salutation is None or signature is None:
        return
    first = body.index(salutation)
    introduction = next(
        (b for b in reversed(body[:first]) if b.kind == "paragraph" and b.quote_depth == 0), None
    )
    kind = phrasebook.message_kind(introduction.content if introduction else "")
    addressee = phrasebook.strip_address(salutation.content)
    author = signature_name(signature.content)
    recipient_key = reading.person(addressee) if addressee else None
    author_key = reading.person(author) if author else None
    date = _signature_date(signature.content)
    to = f" to {reading.person_name(recipient_key)}" if recipient_key else ""
    of = f" of {date}" if date else ""
    reading.add_role(
        author_key, "relayed_author", author, f"{kind.capitalize()}{to}{of}, quoted whole."
    )
    salutation_text = salutation.content.strip().lstrip('"«“„')
    whose = f"{reading.person_name(author_key)}'s" if author_key else "The relayed"
    reading.add_role(
        recipient_key,
        "relayed_recipient",
        addressee,
        f"{whose} {kind} is addressed “{salutation_text}”.",
    )


def _signature_date(text):
    match = _SIGNATURE_DATE.search(text)
    if not match:
        return None
    year = int(match["year"])
    if year < 100:
        year += 1900  # the archive's documents are of the twentieth century
    return phrasebook.day_month(int(match["day"]), int(match["month"]), year)


def read_mentions(blocks, reading):
    """Known persons and places named in the paragraphs of the body."""
    named = {role["person"] for role in reading.roles}
    for block in blocks:
        if block.zone != BODY or block.kind != "paragraph":
            continue
        for person, start, end in reading.terms.persons.index.scan(block.content):
            if person.slug not in named:
                named.add(person.slug)
                reading.add_role(reading.known(person), "mentioned", block.content[start:end])
        for place, _start, _end in reading.terms.places.scan(block.content):
            reading.add_place(place)
