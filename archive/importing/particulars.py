"""The apparatus of a printed form, line by line: each item as written and in English.

The header and the footer of the original are read as lines. Each rule below
looks at the line in hand (and perhaps the next lines of its block) and, if it
recognises it, records a particular — the value exactly as written, its English
rendering, the person it names — and says how many lines it took. A line no rule
knows stays in the text, where it always is, and is reported.
"""

import re
from dataclasses import dataclass

from . import phrasebook
from .blocks import FOOTER, HEADER, is_capitals

_CIPHER = re.compile(r"^ШИФРТЕЛЕГРАММА\s*№\s*(?P<number>\S+)$", re.IGNORECASE)
_RETURN_PRINTED = re.compile(
    r"^ПОДЛЕЖИТ ВОЗВРАТУ ЧЕРЕЗ (?P<days>\d+) СУТОК В ОТДЕЛ (?P<office>.+)$"
)
_RETURN_STAMP = re.compile(r"^ПОДЛЕЖИТ ВОЗВРАТУ$")
_INCOMING = re.compile(
    r"^Вх\.\s*№\s*(?P<number>\S+)\s+от\s+(?P<day>\d{1,2})/(?P<month>[IVX]+|\d{1,2})\s+"
    r"(?P<year>\d{4})\s*г\.?$"
)
_RECEIVED_LINE = re.compile(
    r"^(?:(?P<origin>Из\s+\S+)\s+)?(?P<received>получена\s.*?\sг\.)"
    r"(?:\s+(?P<copy>Экз\.\s*№\s*(?P<copy_number>\d+)))?$"
)
_RECEIVED = re.compile(
    r'^получена\s*"\s*(?P<hour>[^"]+?)\s*"\s*ч\.\s*"\s*(?P<minute>[^"]+?)\s*"\s*м\.\s*'
    r'"\s*(?P<day>[^"]+?)\s*"\s*(?P<month>[IVX]+|\d{1,2})\s+(?P<year>[\dI ]+?)\s*г\.$'
)
_SERIES = re.compile(r'^СЕРИЯ\s+"(?P<letter>[^"]+)"$')
_SERIES_MARK = re.compile(r"^[А-ЯЁA-Z]{1,3}$")
_HANDWRITING = re.compile(r"\*(?P<text>[^*\n]+)\*")
_TO_COMRADE = re.compile(r"^(?:тов\.|товарищу)\s+(?P<name>.+)$", re.IGNORECASE)
_COPY_CELL = re.compile(r'^(?:Экз\.|")\s*№\s*(?P<number>\d+)$')
_NUMBER = re.compile(r"^№\s*(?P<number>\S+)$")
_DAY_MONTH = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})$")
_TIME_DATE = re.compile(
    r"^(?P<hour>\d{1,2})[.:](?P<minute>\d{2})\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})$"
)
_DECIPHERED = re.compile(r"^расш\.\s*(?P<name>[^\d\s]\S*(?: [^\d\s]\S*)?)$")
_TYPED = re.compile(r"^отп\.\s*(?P<name>[^\d\s]\S*(?: [^\d\s]\S*)?)$")
_PRINTED = re.compile(r"^отп\.\s*(?P<count>\d+)\s*экз\.?$")
_PRINTED_TO = re.compile(r"^экз\.\s*№\s*(?P<numbers>\S+)\s*-\s*(?P<destination>.+)$")
_CHECKED = re.compile(r"^Проверил:?\s*(?P<post>.*)$")
_SIGNED = re.compile(r"^\*(?P<hand>[^*]+)\*\s*(?:/(?P<typed>[^/]+)/)?$")


@dataclass
class FormLine:
    text: str
    number: int  # in the file
    block: int  # which block of the zone
    first: bool  # first line of its block


def read_form(blocks, reading):
    """Particulars, classifications, places and office roles from the header and footer."""
    for zone, rules in ((HEADER, HEADER_RULES), (FOOTER, FOOTER_RULES)):
        lines = _lines([block for block in blocks if block.zone == zone])
        reader = FormReader(lines, reading)
        reader.run(rules, zone)


def _lines(blocks):
    lines = []
    for index, block in enumerate(blocks):
        for offset, text in enumerate(block.content.split("\n")):
            lines.append(FormLine(text.strip(), block.line + offset, index, offset == 0))
    return lines


class FormReader:
    def __init__(self, lines, reading):
        self.lines, self.reading = lines, reading
        self.previous = None  # the rule that took the line before
        self.registration_note = ""

    def run(self, rules, zone):
        i = 0
        while i < len(self.lines):
            for rule in rules:
                taken = rule(self, i)
                if taken:
                    self.previous = rule
                    i += taken
                    break
            else:
                self.unknown(i, zone)
                self.previous = None
                i += 1

    def following(self, i):
        """The next line if it is in the same block, else None."""
        if i + 1 < len(self.lines) and not self.lines[i + 1].first:
            return self.lines[i + 1]
        return None

    def add(self, *args, **kwargs):
        self.reading.add_particular(*args, **kwargs)

    # --- The header -----------------------------------------------------------------------

    def office(self, i):
        line = self.lines[i].text
        office = phrasebook.office_at_start(line)
        if office is None:
            return 0
        self.add("issuing_office", office.name, office.english)
        self.reading.add_place(self.reading.terms.place_by_slug.get(office.place))
        self.handwriting(line[len(office.name) :], "Handwritten beside the heading.")
        return 1

    def handwriting(self, text, note):
        for match in _HANDWRITING.finditer(text):
            written = match["text"].strip()
            english, person = "", None
            address = _TO_COMRADE.match(written)
            if address:
                person = self.reading.person(address["name"], create=False)
                name = (
                    self.reading.person_name(person)
                    if person
                    else phrasebook.name_in_latin(phrasebook.nominative(address["name"]))
                )
                english = f"To Comrade {name}"
            self.add("notation", written, english, person, note)

    def handwritten_line(self, i):
        if not _HANDWRITING.search(self.lines[i].text):
            return 0
        self.handwriting(self.lines[i].text, "Handwritten on the form.")
        return 1

    def cipher_number(self, i):
        match = _CIPHER.match(self.lines[i].text)
        if not match:
            return 0
        self.add("cipher_number", match.group(), f"Ciphered telegram No. {match['number']}")
        return 1

    def classification(self, i):
        term = self.reading.terms.classification(self.lines[i].text)
        if term is None:
            return 0
        if term not in self.reading.classifications:
            self.reading.classifications.append(term)
        return 1

    def return_printed(self, i):
        match = _RETURN_PRINTED.match(self.lines[i].text)
        if not match:
            return 0
        office = phrasebook.office_in_genitive(match["office"])
        where = office.english if office else phrasebook.latin(match["office"])
        english = f"To be returned within {match['days']} days to the department of the {where}"
        self.add("return_instruction", match.group(), english, note="Printed on the form.")
        return 1

    def return_stamp(self, i):
        following = self.following(i)
        if not _RETURN_STAMP.match(self.lines[i].text) or following is None:
            return 0
        for pattern, english, registration in phrasebook.STAMP_DESTINATIONS:
            match = pattern.match(following.text)
            if match:
                value = f"{self.lines[i].text}\n{following.text}"
                self.add(
                    "return_instruction",
                    value,
                    "To be returned to " + english.format(**match.groupdict()),
                    note="Stamp.",
                )
                self.registration_note = registration
                return 2
        return 0

    def incoming(self, i):
        match = _INCOMING.match(self.lines[i].text)
        if not match:
            return 0
        month = phrasebook.month_number(match["month"])
        date = phrasebook.day_month(int(match["day"]), month, match["year"])
        number = phrasebook.latin(match["number"])
        english = f"Incoming No. {number} of {date}" if date else f"Incoming No. {number}"
        note = self.registration_note if self.previous == FormReader.return_stamp else ""
        self.add("incoming_number", match.group(), english, note=note)
        return 1

    def received(self, i):
        match = _RECEIVED_LINE.match(self.lines[i].text)
        if not match:
            return 0
        if match["origin"]:
            word = match["origin"].split(None, 1)[1]
            place = self.reading.terms.places.find(word)
            self.reading.add_place(place)
            name = place.name if place else phrasebook.latin(word).capitalize()
            self.add("origin", match["origin"], f"From {name}")
        self.add(
            "received",
            match["received"],
            _received_in_english(match["received"]) or "",
            note="The form's blanks are filled in by typewriter: hour, minute, day, month, year.",
        )
        if match["copy"]:
            self.add(
                "copy_number",
                match["copy"],
                f"Copy No. {match['copy_number']}",
                note="The copy held in the file.",
            )
        return 1

    def form_field(self, i):
        line = self.lines[i]
        if not line.first:
            return 0
        block = [other for other in self.lines[i:] if other.block == line.block]
        words = " ".join(" ".join(other.text for other in block).split())
        english = phrasebook.FORM_FIELDS.get(words)
        if english is None:
            return 0
        value = "\n".join(other.text for other in block)
        self.add("form_field", value, english, note="A printed space on the form, left empty.")
        return len(block)

    def series(self, i):
        match = _SERIES.match(self.lines[i].text)
        if not match:
            return 0
        value, english = match.group(), f'Series "{phrasebook.latin(match["letter"])}"'
        following = self.following(i)
        taken = 1
        if following is not None and _SERIES_MARK.match(following.text):
            value += f"\n{following.text}"
            english += f", {phrasebook.latin(following.text)}"
            taken = 2
        self.add("series", value, english)
        return taken

    def distribution(self, i):
        """The printed list of copies: which numbered copies went to whom."""
        rows = []
        while i + len(rows) < len(self.lines) and "\t" in self.lines[i + len(rows)].text:
            rows.append(self.lines[i + len(rows)].text)
        if not rows:
            return 0
        places, assigned = 0, []
        for row in rows:
            cells = row.split("\t")
            for index, cell in enumerate(cells):
                copy = _COPY_CELL.match(cell.strip())
                if not copy:
                    continue
                places += 1
                addressee = cells[index + 1].strip() if index + 1 < len(cells) else ""
                if addressee and not _COPY_CELL.match(addressee):
                    assigned.append((int(copy["number"]), cell, cells[index + 1], addressee))
        if not assigned:
            return len(rows)
        value = "\n".join(f"{cell}\t{addressee}" for _n, cell, addressee, _a in assigned)
        by_addressee = {}
        for number, _cell, _written, addressee in assigned:
            by_addressee.setdefault(addressee, []).append(number)
        persons, parts = set(), []
        for addressee, numbers in by_addressee.items():
            match = _TO_COMRADE.match(addressee)
            name = match["name"] if match else addressee
            person = self.reading.person(name, create=False)
            persons.add(person)
            shown = self.reading.person_name(person) if person else phrasebook.latin(name)
            parts.append(f"No. {phrasebook.enumerate_numbers(numbers)} to Comrade {shown}")
        english = "Copies " + "; ".join(parts)
        numbers = [number for number, *_rest in assigned]
        note = (
            f"The printed distribution list has places for copies No. 1–{places}; only "
            f"No. {phrasebook.enumerate_numbers(numbers)} "
            f"{'is' if len(numbers) == 1 else 'are'} assigned."
        )
        person = persons.pop() if len(persons) == 1 else None
        self.add("copies", value, english, person, note)
        return len(rows)

    # --- The footer -----------------------------------------------------------------------

    def outgoing(self, i):
        match = _NUMBER.match(self.lines[i].text)
        if i != 0 or not match:
            return 0
        value, english, taken = match.group(), f"No. {match['number']}", 1
        following = self.following(i)
        date = _DAY_MONTH.match(following.text) if following else None
        if date and phrasebook.day_month(int(date["day"]), int(date["month"])):
            value += f"\n{following.text}"
            english += ", " + phrasebook.day_month(int(date["day"]), int(date["month"]))
            taken = 2
        author = self.reading.author
        note = f"{self.reading.person_name(author)}'s outgoing number." if author else ""
        self.add("outgoing_number", value, english, author, note)
        return taken

    def deciphered(self, i):
        return self.office_hand(i, _DECIPHERED, "deciphered", "decipherer", "Deciphered by")

    def typed(self, i):
        return self.office_hand(i, _TYPED, "typed", "typist", "Typed by")

    def office_hand(self, i, pattern, kind, role, label):
        """A clerk's entry: "расш. Елезов" and, on the next line, "12.00 30.6"."""
        match = pattern.match(self.lines[i].text)
        if not match:
            return 0
        name = match["name"]
        person = self.reading.person(name)
        value = match.group()
        english = f"{label} {self.reading.person_name(person)}"
        note, taken = "", 1
        following = self.following(i)
        when = _TIME_DATE.match(following.text) if following else None
        day = when and phrasebook.day_month(int(when["day"]), int(when["month"]))
        if day:
            value += f"\n{following.text}"
            english += f", {int(when['hour'])}:{when['minute']}, {day}"
            year = self.reading.date.year if self.reading.date else None
            dated = phrasebook.day_month(int(when["day"]), int(when["month"]), year)
            note = f"{when['hour']}.{when['minute']}, {dated}."
            taken = 2
        self.add(kind, value, english, person)
        self.reading.add_role(person, role, name, note)
        return taken

    def registration(self, i):
        match = _NUMBER.match(self.lines[i].text)
        if not match:
            return 0
        below_typist = self.previous == FormReader.typed and not self.lines[i].first
        note = "Written below the typist's entry." if below_typist else ""
        self.add("registration", match.group(), f"No. {match['number']}", note=note)
        return 1

    def printed(self, i):
        match = _PRINTED.match(self.lines[i].text)
        if not match:
            return 0
        value, english, taken = match.group(), f"{match['count']} copies printed", 1
        following = self.following(i)
        to = _PRINTED_TO.match(following.text) if following else None
        if to:
            value += f"\n{following.text}"
            destination = to["destination"].strip()
            where = phrasebook.COPY_DESTINATIONS.get(destination, phrasebook.latin(destination))
            english += f"; copies No. {to['numbers'].replace('-', '–')} to {where}"
            taken = 2
        self.add("copies", value, english)
        return taken

    def checked(self, i):
        match = _CHECKED.match(self.lines[i].text)
        if not match:
            return 0
        lines, taken = [self.lines[i].text], 1
        post = phrasebook.POSTS.get(match["post"].strip())
        rank = None
        while (following := self.following(i + taken - 1)) is not None:
            lines.append(following.text)
            rank = phrasebook.RANKS.get(following.text.strip(), rank)
            post = post or phrasebook.POSTS.get(following.text.strip())
            taken += 1
        signed = None
        if i + taken < len(self.lines):
            signed = _SIGNED.match(self.lines[i + taken].text)
            if signed:
                lines.append(self.lines[i + taken].text)
                taken += 1
        name = (signed["typed"] or signed["hand"]).strip() if signed else None
        person = self.reading.person(name) if name else None
        who = " ".join(
            part for part in (rank, self.reading.person_name(person) if person else None) if part
        )
        english = "Checked by " + ", ".join(
            part for part in (f"the {post}" if post else None, who) if part
        )
        if signed and signed["hand"]:
            english += " (signed)"
        note = ""
        if signed and signed["hand"] and signed["typed"]:
            note = "Signature by hand, name typed beside it."
        self.add("checked", "\n".join(lines), english, person, note)
        role_note = ", ".join(p for p in (post, rank.lower() if rank else None) if p)
        role_note = role_note[:1].upper() + role_note[1:] + "." if role_note else ""
        self.reading.add_role(person, "checker", name or "", role_note)
        return taken

    def unknown(self, i, zone):
        line = self.lines[i]
        if zone == FOOTER and is_capitals(line.text) and not any(c.isdigit() for c in line.text):
            last = line.block == self.lines[-1].block
            note = (
                "At the foot of the page; meaning not established."
                if last
                else ("Meaning not established.")
            )
            self.add("marking", line.text, phrasebook.latin(line.text), note=note)
            return
        self.reading.warnings.append(
            f"line {line.number}: not recognised on the form, kept in the text only: “{line.text}”"
        )


def _received_in_english(text):
    match = _RECEIVED.match(text)
    if not match:
        return None
    hour = phrasebook.typewritten_number(match["hour"])
    minute = phrasebook.typewritten_number(match["minute"])
    day = phrasebook.typewritten_number(match["day"])
    month = phrasebook.month_number(match["month"])
    year = phrasebook.typewritten_number(match["year"])
    date = day and phrasebook.day_month(day, month, year)
    if hour is None or minute is None or not date or hour > 23 or minute > 59:
        return None
    return f"Received {hour}:{minute:02d}, {date}"


HEADER_RULES = [
    FormReader.office,
    FormReader.cipher_number,
    FormReader.classification,
    FormReader.return_printed,
    FormReader.return_stamp,
    FormReader.incoming,
    FormReader.received,
    FormReader.form_field,
    FormReader.series,
    FormReader.distribution,
    FormReader.handwritten_line,
]
FOOTER_RULES = [
    FormReader.outgoing,
    FormReader.deciphered,
    FormReader.printed,
    FormReader.typed,
    FormReader.registration,
    FormReader.checked,
]
