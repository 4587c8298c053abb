"""The importer's suggestions: links between documents read in their own words.

A telegram says what it answers ("Ваша телеграмма № 3261", "Your telegram of 21
February", "Reur CX 66183") and what it passes on ("Телеграмма тов. Ким Ир Сена.",
"I send you the text of my telegram to …"). suggest() reads such references in a
document's texts, finds the document meant where the archive holds it, and writes
each as a suggestion: nothing of it is public until an archivist confirms it in the
admin, and what an archivist has rejected is never suggested again.

A reference is resolved as a historian would: by the number the other telegram was
sent or registered under, found among its particulars or in its title; failing that,
by its date and who wrote to whom ("your telegram" was written by this document's
recipient to its author). A number makes the link probable; a date and persons alone,
possible. A reference whose document the archive does not hold, or cannot tell from
another, is still suggested, without a document, its words kept for the archivist.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, prefetch_related_objects

from ..models import Document, DocumentRelation, Particular, Role
from ..names import NameIndex
from ..persons import surnames
from .kinds import Certainty, RelationKind, Status

# Who asserts what suggest() writes; the admin lists suggestions by it.
IMPORTER = "importer"
# The particulars that carry the numbers other telegrams cite.
NUMBER_KINDS = [
    Particular.Kind.CIPHER_NUMBER,
    Particular.Kind.OUTGOING_NUMBER,
    Particular.Kind.INCOMING_NUMBER,
]
# A relayed telegram, or one of the author's own sent on, named without number or date:
# looked for among the documents of the fortnight before.
WINDOW = datetime.timedelta(days=14)

# --- The words looked for ---------------------------------------------------------------

# Each English month's name, then its abbreviations.
ENGLISH_MONTHS = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
# Russian dates name the month in the genitive: "от 21 февраля".
RUSSIAN_MONTHS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()
MONTHS = {
    **{name: n for n, names in enumerate(ENGLISH_MONTHS, start=1) for name in names},
    **{name: n for n, name in enumerate(RUSSIAN_MONTHS, start=1)},
}
_WHOLE = [names[0] for names in ENGLISH_MONTHS] + RUSSIAN_MONTHS
_SHORT = [short for names in ENGLISH_MONTHS for short in names[1:]]
# An abbreviation may take a full stop ("Feb. 21"); after a whole name, a full stop ends
# the sentence and is no part of the date.
_MONTH = rf"(?i:(?:{'|'.join(_WHOLE)})\b|(?:{'|'.join(_SHORT)})\b\.?)"
# "21 February", "February 21, 1951", "21 февраля 1951 г.", "21.2.51".
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}}(?:\s*(?:г\.|года))?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}\.\d{1,2}(?:\.\d{2,4})?(?:\s*г\.)?)"
)
# "3261", "CX 66183", "2204/ис": letters a series begins with, digits, a suffix.
NUMBER = r"(?:[A-ZА-ЯЁ]{1,4}[ -]?)?\d+(?:/[^\W\d_]+|-\d+)?"
# A name as written, in capitals or not: "Ким Ир Сена", "Kim Il Sung", "Цзе-дун".
NAME = r"[A-ZА-ЯЁ][\w’'-]*(?:[ ][A-ZА-ЯЁ][\w’'-]*){0,3}"
COMRADE = r"(?:(?:Comrade|Cde\.|тов\.|товарищ[ау]?)\s*)?"

_MESSAGE_EN = (
    r"(?i:(?:ciphered\s+|cipher\s+|coded\s+)?"
    r"(?:telegram|cable|message|letter|wire|radiogram|radio|dispatch|despatch|note))"
)
_MESSAGE_RU = r"(?i:(?:шифр)?телеграмм\w*|радиограмм\w*|письм\w*|записк\w*|сообщени\w*)"
_NUMBER_SIGN = r"(?:(?i:No\.?|Nr\.?)\s*|#\s*|№\s*)"


def _reference(your, message, of):
    """`your message` followed by its number, its date, or both (references() drops the
    words with neither: "your telegram" alone names no one telegram)."""
    number = rf"\s*{_NUMBER_SIGN}(?P<number>{NUMBER})"
    date = rf",?\s+{of}\s+(?P<date>{DATE})"
    return rf"\b{your}\s+{message}(?:{number})?(?:{date})?"


# (the words as a pattern, the kind of relation, whose message they name). "yours": the
# other document was written by this one's recipient to its author; "mine": by its author;
# "relayed": by the person named, to its author (whose words follow, quoted).
PATTERNS = [
    (
        re.compile(_reference(r"(?i:your)", _MESSAGE_EN, r"(?i:of|dated)")),
        RelationKind.REPLY_TO,
        "yours",
    ),
    (
        re.compile(_reference(r"[Вв]аш\w*", _MESSAGE_RU, r"от")),
        RelationKind.REPLY_TO,
        "yours",
    ),
    # US military telegraphese: "Reur CX 66183", "reference your message CX 66183".
    (
        re.compile(rf"\b(?i:reur(?:ad|tel|msg|let)?)\s+(?P<number>{NUMBER})"),
        RelationKind.REPLY_TO,
        "yours",
    ),
    (
        re.compile(
            r"\bI\s+(?:am\s+)?(?:send(?:ing)?|forward(?:ing)?|transmit(?:ting)?)\s+(?:to\s+)?"
            rf"you\s+the\s+text\s+of\s+my\s+{_MESSAGE_EN}"
            rf"(?:\s+{_NUMBER_SIGN}(?P<number>{NUMBER}))?"
            rf"(?:\s+(?:to|for)\s+{COMRADE}(?P<name>{NAME}))?"
        ),
        RelationKind.FORWARDS,
        "mine",
    ),
    (
        re.compile(
            r"\b(?i:посылаю|направляю|передаю|сообщаю)\s+(?:(?i:вам|тебе)\s+)?текст\s+"
            r"мо(?:ей|его)\s+(?:шифр)?(?:телеграммы|письма)"
            rf"(?:\s+№\s*(?P<number>{NUMBER}))?"
            rf"(?:\s+(?:на\s+имя\s+)?{COMRADE}(?P<name>{NAME}))?"
        ),
        RelationKind.FORWARDS,
        "mine",
    ),
    # A line of its own introducing the message quoted after it; in running text the same
    # words ("I had a telegram from Comrade Kim Il Sung") only mention it.
    (
        re.compile(
            rf"^[ \t]*(?P<evidence>(?:Передаю\s+(?:Вам\s+)?)?[Тт]елеграмм[ауы]\s+(?:от\s+)?"
            rf"{COMRADE}(?P<name>{NAME}))[ \t]*[.:]?[ \t]*$",
            re.MULTILINE,
        ),
        RelationKind.FORWARDS,
        "relayed",
    ),
    (
        re.compile(
            rf"^[ \t]*(?P<evidence>(?:I\s+(?:am\s+)?(?:forward(?:ing)?|send(?:ing)?)\s+you\s+)?"
            r"(?:[Aa]|[Tt]he)\s+(?:text\s+of\s+(?:a|the)\s+)?(?:ciphered\s+)?telegram\s+from\s+"
            rf"{COMRADE}(?P<name>{NAME}))[ \t]*[.:]?[ \t]*$",
            re.MULTILINE,
        ),
        RelationKind.FORWARDS,
        "relayed",
    ),
]


@dataclass
class Reference:
    """One reference to another document, as read in a passage."""

    kind: str
    whose: str  # "yours", "mine", "relayed"
    evidence: str  # the words exactly as written
    number: str = ""
    date: datetime.date | None = None
    name: str = ""


def references(text, on=None, quotation_follows=False):
    """The references in a passage's text, in the order they are written. `on`: the date
    of the document, which gives a date without a year its year. `quotation_follows`: the
    next passage is quoted (passed on whole), which a relayed message's line introduces.
    """
    found = []
    for pattern, kind, whose in PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if whose == "yours" and not groups.get("number") and not groups.get("date"):
                continue
            if whose == "relayed" and not (quotation_follows or _quoted(text[match.end() :])):
                # "Телеграмма Ким Ир Сена Мао Цзэдуну" as a heading names the document itself.
                continue
            evidence = groups.get("evidence") or match.group(0)
            written = groups.get("date")
            found.append(
                (
                    match.start(),
                    Reference(
                        kind,
                        whose,
                        evidence.strip(),
                        number=groups.get("number") or "",
                        date=read_date(written, on) if written else None,
                        name=groups.get("name") or "",
                    ),
                )
            )
    return [reference for _start, reference in sorted(found, key=lambda pair: pair[0])]


def _quoted(rest):
    return rest.lstrip()[:1] in ('"', "«", "“", "„")


def read_date(written, on=None):
    """The day a reference's date means: "21 February" is the last 21 February not after
    `on` (the citing document's date); None if no such day, or no year can be told."""
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    month_name = re.search(r"[^\W\d_]+", written)
    month = MONTHS.get(month_name.group(0).casefold()) if month_name else None
    if month is not None:
        day, year = numbers[0], (numbers[1] if len(numbers) > 1 else None)
    elif len(numbers) >= 2:  # "21.2", "21.2.51"
        day, month, year = numbers[0], numbers[1], (numbers[2] if len(numbers) > 2 else None)
    else:
        return None
    if year is not None and year < 100:
        year += 1900  # "29.6.51": the archive's documents are of the twentieth century
    if year is None:
        if on is None:
            return None
        year = on.year
        day_of = _day(year, month, day)
        if day_of is not None and day_of > on:
            year -= 1
    return _day(year, month, day)


def _day(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- Which document is meant ------------------------------------------------------------


@dataclass
class Resolution:
    target: Document | None
    certainty: str
    note: str = ""


class _Reader:
    """Resolves a document's references against the archive, reading each candidate once."""

    def __init__(self, document):
        self.document = document
        self.on = document.date_last or document.date
        roles = {}
        for role in document.roles.all():
            roles.setdefault(role.role, set()).add(role.person_id)
        self.authors = frozenset(roles.get(Role.Kind.AUTHOR, ()))
        self.recipients = frozenset(roles.get(Role.Kind.RECIPIENT, ()))
        self.relayed_authors = frozenset(roles.get(Role.Kind.RELAYED_AUTHOR, ()))
        self.relayed_recipients = frozenset(roles.get(Role.Kind.RELAYED_RECIPIENT, ()))

    def candidates(self, query):
        """Other documents matching `query`, never written after this one, with what their
        comparison needs."""
        found = Document.objects.exclude(pk=self.document.pk).filter(query)
        if self.on is not None:
            found = found.filter(Q(date__isnull=True) | Q(date__lte=self.on))
        return list(
            found.distinct()
            .order_by("date", "record_id")
            .prefetch_related(
                Prefetch("particulars", queryset=Particular.objects.filter(kind__in=NUMBER_KINDS)),
                Prefetch(
                    "roles",
                    queryset=Role.objects.filter(
                        role__in=[Role.Kind.AUTHOR, Role.Kind.RECIPIENT]
                    ).select_related("person"),
                ),
                "roles__person__aliases",
            )
        )

    def resolve(self, reference):
        if reference.number:
            found = self._by_number(reference)
            if found is not None:
                return found
        if reference.date is not None:
            day = reference.date
            candidates = self.candidates(Q(date__lte=day, date_last__gte=day))
            found = self._fitting(reference, candidates, need_persons=False)
        elif reference.number:
            found = []  # a number the archive does not hold: no other way to find it
        elif self.on is not None:
            candidates = self.candidates(Q(date__gte=self.on - WINDOW))
            found = self._fitting(reference, candidates, need_persons=True)
        else:
            found = []
        return self._resolution(found, Certainty.POSSIBLE)

    def _by_number(self, reference):
        """The document the number is, if one (or one between the right persons) is; None
        when the archive holds none, to try the date."""
        pattern = _number_pattern(reference.number)
        digits = max(re.findall(r"\d+", reference.number), key=len)
        query = Q(title__contains=digits)
        for field in ("value", "value_en"):
            query |= Q(
                particulars__kind__in=NUMBER_KINDS, **{f"particulars__{field}__contains": digits}
            )
        numbered = [
            candidate
            for candidate in self.candidates(query)
            if pattern.search(candidate.title)
            or any(
                pattern.search(particular.value) or pattern.search(particular.value_en)
                for particular in candidate.particulars.all()
            )
        ]
        if not numbered:
            return None
        parties = self._parties(reference, numbered)
        between = [candidate for candidate in numbered if _agrees(candidate, *parties)]
        if len(between) == 1:
            return Resolution(between[0], Certainty.PROBABLE)
        if reference.date is not None:
            dated = [c for c in between or numbered if _covers(c, reference.date)]
            if len(dated) == 1:
                return Resolution(dated[0], Certainty.PROBABLE)
        if not between and len(numbered) == 1:
            # The number is right but the persons do not agree: a codename not yet known
            # as its person, perhaps. The archivist decides.
            return Resolution(numbered[0], Certainty.POSSIBLE)
        return self._resolution(between or numbered, Certainty.PROBABLE)

    def _fitting(self, reference, candidates, need_persons):
        parties = self._parties(reference, candidates)
        if need_persons and not any(parties):
            return []  # nothing but a date window: too little to name a document
        return [c for c in candidates if _agrees(c, *parties)]

    def _parties(self, reference, candidates):
        """(persons one of whom wrote the document meant, persons one of whom received it);
        an empty set asks nothing. A name the reference gives is looked for among the
        candidates' authors and recipients, under every name and alias they have."""
        if reference.whose == "yours":
            return self.recipients, self.authors
        # The other telegram is passed on here: the document says who wrote it and to whom
        # (the roles of a relayed message), or the reference names one of them.
        if reference.whose == "mine":
            return self.authors, self._person(reference, candidates, self.relayed_recipients)
        # The quoted message was addressed to this document's author, or to whom the
        # document says it was.
        authors = self._person(reference, candidates, self.relayed_authors)
        return authors, self.relayed_recipients | self.authors

    def _person(self, reference, candidates, otherwise):
        """The person the reference names, or else those of the document's roles; a name
        nobody among the candidates answers to matches no one."""
        if reference.name:
            named = self._named(reference.name, candidates)
            return frozenset(named or otherwise or {None})
        return otherwise

    def _named(self, name, candidates):
        index = NameIndex()
        for candidate in candidates:
            for role in candidate.roles.all():
                person = role.person
                names = [person.name, person.name_ru, person.name_native]
                names += [alias.name for alias in person.aliases.all()]
                index.add(person, names, surnames(person))
        person = index.find_or_surname(name)
        return {person.pk} if person is not None else set()

    def _resolution(self, found, certainty):
        if len(found) == 1:
            return Resolution(found[0], certainty)
        # No document, or several the words fit: the archivist chooses, told which.
        note = ""
        if found:
            numbers = ", ".join(str(c.record_id) for c in found[:10])
            note = f"The words fit more than one document: {numbers}."
        return Resolution(None, Certainty.PROBABLE, note)


def _agrees(candidate, authors, recipients):
    wrote = {r.person_id for r in candidate.roles.all() if r.role == Role.Kind.AUTHOR}
    received = {r.person_id for r in candidate.roles.all() if r.role == Role.Kind.RECIPIENT}
    return (not authors or bool(wrote & authors)) and (
        not recipients or bool(received & recipients)
    )


def _covers(document, day):
    return document.date is not None and document.date <= day <= (document.date_last or day)


def _number_pattern(number):
    """The number as it may be written elsewhere: "CX 66183", "CX-66183", "cx66183"; not
    as part of a longer one (3261 is not 32610, nor 2204/ис)."""
    parts = re.findall(r"[^\W_]+", number)
    joined = r"[\s./-]*".join(re.escape(part) for part in parts)
    return re.compile(rf"(?<![\w/]){joined}(?![\w/])", re.IGNORECASE)


# --- Writing the suggestions ------------------------------------------------------------


def suggest(document):
    """Suggest the relations `document`'s texts show; return the rows written.

    Each is a DocumentRelation with status "suggested", asserted by the importer, its
    evidence quoted as written. Nothing that exists is suggested again, whatever its status:
    not a link already made from this document to the same document (of any kind), nor the
    same words already suggested, confirmed or rejected. A suggestion written earlier
    without a document, still awaiting an archivist, gets its document if it can now be
    found (the document came later in the import); those rows are returned too.

    The original is read before the translations, so that a reference read in both
    ("Вашу телеграмму № 3261", "Your telegram No. 3261") is suggested once, in the
    original's words.
    """
    prefetch_related_objects(
        [document], "texts__passages", Prefetch("roles", queryset=Role.objects.all())
    )
    reader = _Reader(document)
    existing = list(DocumentRelation.objects.filter(source=document))
    linked = {relation.target_id for relation in existing if relation.target_id is not None}
    worded = {(relation.kind, relation.evidence): relation for relation in existing}
    seen, written = set(), []
    for key, reference in _references_of(document, reader.on):
        if key in seen:
            continue  # read already, in the original
        seen.add(key)
        earlier = worded.get((reference.kind, reference.evidence))
        if earlier is not None and (earlier.target_id or earlier.status != Status.SUGGESTED):
            continue
        resolution = reader.resolve(reference)
        target = resolution.target
        if target is not None and target.pk in linked:
            continue
        if earlier is not None:  # awaiting an archivist, without a document yet
            if target is None:
                continue
            earlier.target, earlier.certainty = target, resolution.certainty
            earlier.note = ""
            earlier.save()
            relation = earlier
        else:
            relation = DocumentRelation.objects.create(
                source=document,
                target=target,
                kind=reference.kind,
                evidence=reference.evidence,
                certainty=resolution.certainty,
                asserted_by=IMPORTER,
                status=Status.SUGGESTED,
                note=resolution.note,
            )
        if target is not None:
            linked.add(target.pk)
        written.append(relation)
    return written


def _references_of(document, on):
    """(key, reference) for each reference in the document's texts, the original first.

    The key is what a reference has in common with itself read in another text, where the
    words and the name's script differ: its kind, number and date, and which of such
    references of its text it is (the second relayed telegram of the original is the
    second of the translation).
    """
    texts = sorted(document.texts.all(), key=lambda text: (not text.is_original, text.position))
    for text in texts:
        counted = Counter()
        passages = list(text.passages.all())
        for passage, following in zip(passages, [*passages[1:], None], strict=True):
            if passage.quote_depth:
                continue  # a quoted message's "your telegram" is not this document's
            quotation_follows = following is not None and following.quote_depth > 0
            for reference in references(passage.content, on, quotation_follows):
                number = re.sub(r"[\W_]+", "", reference.number).casefold()
                alike = (reference.kind, reference.whose, number, reference.date)
                counted[alike] += 1
                yield (*alike, counted[alike]), reference
