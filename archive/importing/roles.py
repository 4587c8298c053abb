"""Who is who in a document: its addressee and signatory, a relayed message's, and mentions.

Read from the structure the blocks were given: the first salutation names the
recipient, the signature that closes the body names the author; a quoted message
with a salutation and a signature of its own is a relayed message, whose author
and addressee are found the same way. Everyone else the text names, if already
known to the archive, is mentioned. A name not yet known makes a new person only
where the structure says for certain that it is a person (an address, a signature).

The reference text (the original, or the first translation) is read first; the
other texts and the title then add who it did not name. Where they name the same
part under a name nobody has yet ("Chou En-lai" signing the English, "ЧЖОУ ЭНЬ-
ЛАЙ" the Russian), the new person takes it as another name instead of doubling.
"""

import re

from ..languages import has_cyrillic, language_of_script
from . import phrasebook, titles
from .blocks import BODY, signature_name
from .titles import AUTHOR, INTERMEDIARY, PARTICIPANT, RECIPIENT

# "Chou En-lai [Zhou Enlai]": a name and, in brackets, the same person's other name.
_BRACKETED_NAME = re.compile(
    r"(?P<name>(?:[A-ZА-ЯЁ][\w'’.-]*\s){0,3}[A-ZА-ЯЁ][\w'’-]+)\s*\[(?P<other>"
    r"(?:[A-ZА-ЯЁ][\w'’.-]*\s){0,3}[A-ZА-ЯЁ][\w'’-]+)\]"
)

_SIGNATURE_DATE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2,4})")


def read_body(blocks, reading):
    """The author, the recipient and any relayed message's author and addressee."""
    body, salutation, signature = _body(blocks)
    if signature is not None:
        name = signature_name(signature.content)
        reading.author = counterpart(name, "author", reading, name)
    if salutation is not None:
        _recipient(salutation, reading)
    _relayed(body, reading)


def _body(blocks):
    """(the body's blocks, its salutation, the signature that closes it): None if missing."""
    body = [block for block in blocks if block.zone == BODY]
    top = [block for block in body if block.quote_depth == 0]
    salutation = next((b for b in top if b.kind == "salutation"), None)
    signature = next((b for b in reversed(top) if b.kind == "signature"), None)
    return body, salutation, signature


def _addressee(text, reading):
    """The name of the person a salutation addresses, or None where its words after the
    words of address name nobody: an office alone ("Mr. President:"), a sentence."""
    name = phrasebook.strip_address(text)
    if not name or reading.person(name, create=False) is not None:
        return name or None  # a known name, however it reads ("ФИЛИПОВУ" is Stalin)
    return titles.personal_name(name, reading.terms.is_place)


def _recipient(block, reading):
    name = _addressee(block.content, reading)
    if not name:
        return
    note = ""
    found = reading.person(name, create=False)
    known = reading.terms.persons.get(found) if found else None
    if known is not None and reading.terms.persons.alias_kind(known, name) == "codename":
        note = f"Addressed by codename, “{block.content.strip()}”"
    counterpart(name, "recipient", reading, name, note)


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
        note = role["note"].rstrip(".")  # "Named in the title." has its full stop already
        for particular in copies:
            numbers = re.findall(r"№\s*(\d+)", particular["value"])
            copied_to = particular["value"].split("\n", 1)[0].split("\t")[-1]
            note += f"; copies No. {phrasebook.enumerate_numbers(numbers)} go to “{copied_to}”"
        role["note"] = note + "."


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
    addressed = _addressee(salutation.content, reading)
    author = signature_name(signature.content)
    recipient_key = reading.person(addressed) if addressed else None
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
        addressed,
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


def read_counterpart(blocks, reading):
    """Addressee and signatory of another text of the record (a translation): who the
    reference text did not name, or the same part's other name."""
    _, salutation, signature = _body(blocks)
    if signature is not None:
        name = signature_name(signature.content)
        counterpart(name, "author", reading, as_written=name)
    if salutation is not None:
        name = _addressee(salutation.content, reading)
        counterpart(name, "recipient", reading, as_written=name)


def counterpart(name, kind, reading, as_written="", note="", variants=(), beside=()):
    """Add `name` in role `kind`, and return the person's key: the person it names, if
    known; else the new person the title or another text already gave that part, under
    another name ("Zhou Enlai" in the title, "周恩来" signing); else a new person.

    `beside`: persons named together with this one ("to A and B"), not another name of it.
    """
    if not name or not _is_a_name(name):
        return None
    key = None
    for candidate in (name, *variants):
        key = reading.person(candidate, create=False)
        if key is not None:
            break
    if key is None:
        holders = {role["person"] for role in reading.roles if role["role"] == kind}
        holders -= set(beside)
        new = [h for h in holders if not reading.persons[h].get("slug")]
        if len(holders) == 1 and (new or _script_of(name) not in _scripts(reading, holders)):
            # The same part under another name: one the record makes, or, in a script the
            # person has no name in ("周恩来" signing for Zhou Enlai), one the archive holds.
            key = next(iter(holders))
        elif holders:
            reading.warnings.append(
                f"“{name}” is named as {kind} beside "
                + ", ".join(reading.person_name(h) for h in sorted(holders))
                + ": check that they are different persons"
            )
    if key is None:
        key = reading.person(name)
    for other in (name, *variants):
        if reading.person(other, create=False) != key:  # a name of theirs the archive lacks
            reading.add_alias(key, other)
    existing = next((r for r in reading.roles if r["person"] == key and r["role"] == kind), None)
    if existing is not None and existing["note"].startswith(TITLE_NOTE) and as_written:
        # The text's own words for the person, rather than the title's.
        existing["name_as_written"], existing["note"] = as_written, note
    reading.add_role(key, kind, as_written or name, note)
    return key


TITLE_NOTE = "Named in the title"


def _script_of(name):
    if language_of_script(name):
        return language_of_script(name)
    return "cyrillic" if has_cyrillic(name) else "latin"


def _scripts(reading, keys):
    """The scripts the persons' names are written in."""
    found = set()
    for key in keys:
        entry = reading.persons[key]
        names = [entry["name"], entry.get("name_ru"), entry.get("name_native")]
        found |= {
            _script_of(name) for name in [*names, *(a["name"] for a in entry["aliases"])] if name
        }
    return found


def _is_a_name(name):
    """Whether a salutation's or signature's words can name a person at all: a single
    Han character ("毛" of "毛主席") or letter is a surname or an initial, not a name."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2


def add_alias(entry, name):
    """Another name for a person the import is making (an exchange-format entry)."""
    names = [entry["name"], entry.get("name_ru", ""), *(a["name"] for a in entry["aliases"])]
    if not name or any(name.casefold() == other.casefold() for other in names if other):
        return
    if language_of_script(name):
        kind, language = "native", language_of_script(name)
    elif has_cyrillic(name):
        kind, language = "spelling", "ru"
    else:
        kind, language = "romanization", ""
    entry["aliases"].append({"name": name, "kind": kind, "language": language, "note": ""})


def read_title(title, reading):
    """The parties a title names (titles.read_title) in their roles, and where it was sent
    from. The conversation's date goes into the participants' note."""
    kinds = {AUTHOR: "author", RECIPIENT: "recipient", INTERMEDIARY: "intermediary"}
    kinds[PARTICIPANT] = "participant"
    named = set()  # the keys of the parties read so far
    for party in title.parties:
        if not party.person_like or not party.name:
            continue
        note = TITLE_NOTE
        if party.role == PARTICIPANT and title.date_text:
            note = f"{TITLE_NOTE}: the conversation of {title.date_text}"
        before = {role["person"] for role in reading.roles}
        counterpart(
            party.name, kinds[party.role], reading, party.name, note + ".", party.variants, named
        )
        named |= {role["person"] for role in reading.roles} - before
    if title.place:
        reading.add_place(reading.terms.places.find(title.place))


def read_variants(blocks, reading):
    """Names the text gives with their other form in brackets, "Chou En-lai [Zhou Enlai]":
    where either names a person, the other becomes another name of theirs."""
    for block in blocks:
        for match in _BRACKETED_NAME.finditer(block.content):
            names = [phrasebook.strip_address(match["name"]), match["other"]]
            keys = [reading.person(name, create=False) for name in names]
            key = keys[0] or keys[1]
            if key is None or (keys[0] and keys[1] and keys[0] != keys[1]):
                continue
            for name, found in zip(names, keys, strict=True):
                # A whole name ("Chou En-lai"), not a surname the translator explains
                # ("FILIPPOV [Stalin]") or words before a name ("To Comrade").
                whole = len(name.split()) >= 2 or "-" in name
                if found is None and whole and name[:1].isupper() and not name.isupper():
                    reading.add_alias(key, name)


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
        for key, start, end in reading.new_names.scan(block.content):
            if key not in named:  # a person this record makes, named again
                named.add(key)
                reading.add_role(key, "mentioned", block.content[start:end])
        for place, _start, _end in reading.terms.places.scan(block.content):
            reading.add_place(place)
