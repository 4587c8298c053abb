"""Who wrote to whom, as a record's title says: the persons of a title and their roles.

The Wilson Center Digital Archive names a record by its kind and its parties, in
a few shapes that recur across the collections:

* Kind from A to B: "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to
  Cde. Filippov [Stalin]"; the place it was sent from may stand before the author.
* Kind, A to B: "Telegram, Mao Zedong to Stalin", perhaps with "(via Shtykov)".
* Kind between A and B, Kind with B, Kind, A and B: "Memorandum of Conversation
  between Mao Zedong and Soviet Ambassador Pavel Yudin".
* Kind by A: "Report by Ambassador Roshchin on a meeting with Zhou Enlai".
* From the Diary of A, then a title of its own: "From the Diary of V. V. Kuznetsov:
  Memorandum of Conversation with Kim Il Sung on June 5, 1953". (But "Excerpt
  from the Minutes of …" names a document, not an author.)

Any of them may go on to a place and a date (", Moscow, 16 December 1949") and a
subject (after " - ", ": " or "on …"). The title is cut at its connecting words
(from, to, between, with, by, via, and, commas), never inside brackets or a date,
and each piece is read as a party: honorifics and offices come off the front
("Soviet Ambassador", "Cde."), a bracketed name is another name for the same
person (the translator's "Filippov [Stalin]" unmasks a codename), and a bracketed
"via X" is the messenger. Capitals and countries are known here; `is_place`
teaches the rest. A reading is a proposal for an archivist to confirm, so
nothing here raises: a title it cannot read gives its kind and no parties.
"""

import re
from dataclasses import dataclass, field

AUTHOR, RECIPIENT, INTERMEDIARY, PARTICIPANT = "author", "recipient", "intermediary", "participant"

# What the connecting word before a party makes of it.
_ROLES = {"from": AUTHOR, "by": AUTHOR, "to": RECIPIENT, "via": INTERMEDIARY}
_ROLES |= dict.fromkeys(("between", "with"), PARTICIPANT)
_SUBJECT_WORDS = {"on", "regarding", "concerning", "about"}
_PLACE_WORDS = {"in", "at"}
_PLACE_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}")  # "at Port Arthur"
# "Minutes of Conversation, Stalin and Mao Zedong": a conversation has no author.
_CONVERSATION = re.compile(r"\b(?:Conversations?|Talks?|Meetings?|Minutes|Discussions?)\b", re.I)

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|(?:1[89]|20)\d\d)\b"
)
_CONNECTOR = re.compile(
    r"(?P<sep>\s+[-–]\s+|\s*—\s*|\s*:\s+)|\s*(?P<comma>,)"
    r"|\s+(?P<word>from|to|between|by|with|via|and|on|in|at|regarding|concerning|about)\s+"
)
_DIARY = re.compile(
    r"^(?:(?:Excerpts?|Extracts?)\s+)?From\s+the\s+"
    r"(?P<book>Diary|Journal|Notebook|Notes|Record|Memoirs?)\s+of\s+",
    re.IGNORECASE,
)
# A document a title quotes from, which belongs to the kind: "Excerpt from the Minutes of…".
_DOCUMENT = re.compile(
    r"(?:the\s+)?(?:Minutes|Record|Protocol|Transcript|Stenogram|Report|Memorandum|Notes)\b"
)
# A party's name and what the title goes on to say: "Vyshinsky conveying a letter".
_NAME_THEN_WORDS = re.compile(
    r"\s*(?P<name>[A-Z][\w.-]*(?:\s+[A-Z[(][\w.\])-]*)*)\s+(?P<rest>[a-z].*)"
)
_VIA = re.compile(r"^(?:via|through)\s+", re.IGNORECASE)

# Honorifics and offices, taken off the front of a name; they stack ("Deputy Foreign
# Minister", "Major General") and may name a country ("Soviet Ambassador to the DPRK").
_TITLE_WORDS = (
    "Comrades Comrade Cdes. Cde. Cde Tov. Mr. Mr Mrs. Mrs Ms. Dr. Dr Prof. Gen. Col. Lt. "
    "Maj. Adm. Capt. Marshal Generalissimo General Admiral Colonel Major Captain Lieutenant "
    "Commander Ambassador Envoy Minister Premier President Chairman Secretary Counselor "
    "Counsellor Consul Attaché Attache Adviser Advisor Representative Commissar Director "
    "Chief Deputy Vice Acting First Second Third Senior Foreign Prime Defense Defence "
    "Chancellor Governor Senator King Prince Emperor"
).split()
_NATIONS = (
    "Soviet|Russian|Chinese|North Korean|South Korean|Korean|US|U.S.|American|British|"
    "French|Polish|Czechoslovak|Hungarian|Romanian|Bulgarian|Albanian|Yugoslav|East German|"
    "Mongolian|Vietnamese|Japanese|Indian|Indonesian"
)
_COUNTRIES = (
    "China|Korea|North Korea|South Korea|the Soviet Union|the United States|Japan|Mongolia|"
    "Vietnam|Poland|Czechoslovakia|Hungary|Romania|Bulgaria|Albania|Yugoslavia|East Germany|"
    "India|Indonesia|Burma|France|Britain|Great Britain|the United Kingdom|Cuba|Moscow|Beijing|"
    "Peking|Pyongyang|Seoul|Tokyo|Hanoi|Warsaw|Prague|Budapest|Bucharest|Sofia|Berlin|"
    "Washington|London|Paris"
)
_PLACES = re.compile(rf"(?:{_COUNTRIES})")  # known without a gazetteer
_COUNTRY = rf"(?:the\s+)?(?:(?-i:[A-Z]{{2,}}\b)|(?:{_COUNTRIES})\b)"
_TITLE = "(?:" + "|".join(map(re.escape, sorted(_TITLE_WORDS, key=len, reverse=True)))
_TITLE += r"|Charg[ée]\s+d['’]Affaires)"
_TITLE_RUN = re.compile(
    rf"^(?:(?:the\s+)?(?:(?:{_NATIONS})\s+)?{_TITLE}"
    rf"(?:\s+(?:to|in)\s+{_COUNTRY})?(?:\s+of\s+(?:the\s+)?(?:Foreign|Internal)\s+Affairs)?"
    r"(?:[\s-]+|$))+",
    re.IGNORECASE,
)
# An envoy's post is part of his name's phrase, though "to" also joins sender and addressee.
_ENVOY_END = re.compile(r"\b(?:Ambassador|Envoy|Representative|Consul|Affaires|Attach[ée])$", re.I)
_COUNTRY_START = re.compile(rf"^{_COUNTRY}(?:\s|$)", re.IGNORECASE)

_ORGANISATION_WORDS = set(
    "Committee CC Politburo Ministry Embassy Legation Mission Delegation Government "
    "Department Office Party Headquarters HQ Command Council Bureau Section Army Navy Staff "
    "Agency Secretariat Presidium Division Directorate Consulate Institute Commission "
    "Administration Sector Union Republic Volunteers Forces Front Corps Regiment Group "
    "Service Association Federation League Congress Assembly Cabinet Leadership Side".split()
)
_ACRONYM = re.compile(r"^(?!(?:[IVX]+)$)[A-Z]{2,}(?:\([a-z]\))?$")  # CCP, VKP(b); not "II"
_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la"}


@dataclass(frozen=True)
class Party:
    """A person (or an office or body) the title names, with the part it plays."""

    role: str  # author, recipient, intermediary or participant
    name: str  # "Filippov", "Syngman Rhee": without honorifics and brackets
    variants: tuple  # other names the title gives in brackets: ("Stalin",)
    written: str  # the phrase as the title writes it: "Cde. Filippov [Stalin]"
    person_like: bool  # False for a body, an office or a place


@dataclass
class TitleReading:
    """What a title says: the kind of document, its parties, and where, when and what about."""

    kind: str
    parties: list = field(default_factory=list)
    place: str = ""
    date_text: str = ""
    subject: str = ""


@dataclass
class _Piece:
    word: str  # the connecting word before it: "from", ",", "-" for a subject's dash, "" first
    start: int  # where its connecting word begins
    begin: int  # where its text begins
    end: int = 0  # and ends


def read_title(title, is_place=None):
    """The kind, parties, place, date and subject of an English record title.

    `is_place(name) -> bool` (optional) tells a known place from a person ("Beijing").
    """
    text = " ".join(str(title or "").split())

    def places(name):
        return bool(_PLACES.fullmatch(name) or (is_place and is_place(name)))

    diary = _DIARY.match(text)
    return _read_diary(text, diary, places) if diary else _read(text, places)


def _read_diary(text, diary, is_place):
    """ "From the Diary of A, date: another title": A wrote it, the rest reads as a title."""
    rest = text[diary.end() :]
    cut = next((m for m in _cuts(rest) if m["sep"] or m["comma"]), None)
    after = rest[cut.end() :].strip() if cut else ""
    date, date_text = _DATE.match(after), ""
    if date and after[date.end() :].strip()[:1] in ("", ",", ":", ";", "-", "–", "—"):
        date_text = date.group()
        after = after[date.end() :].strip(" ,:;-–—")
    book = diary["book"][:1].upper() + diary["book"][1:].lower()
    reading = _read(after, is_place) if after else TitleReading(kind=book)
    reading.parties[:0] = _parties(AUTHOR, rest[: cut.start()] if cut else rest, is_place)
    reading.date_text = reading.date_text or date_text
    return reading


def _read(text, is_place):
    """Kind, then parties until the subject begins; places and dates wherever they stand."""
    if re.match(r"(?:From|To|Between|By|With)\s", text):  # no kind: "From Mao to Stalin"
        text = " " + text[0].lower() + text[1:]
    pieces = _pieces(text)
    first = 1
    while first < len(pieces) and (
        pieces[first].word == "and"  # "Notes and Comments on…"
        or (pieces[first].word == "from" and _DOCUMENT.match(_tidy(_text(text, pieces[first]))))
    ):  # "Excerpt from the Minutes of…"
        first += 1
    end = pieces[first].start if first < len(pieces) else len(text)
    reading = TitleReading(kind=_tidy(text[:end]))
    rest, role = pieces[first:], None
    for index, piece in enumerate(rest):
        word, written = piece.word, _text(text, piece)
        phrase, following = _tidy(written), [p.word for p in rest[index + 1 :]]
        if word != "-" and _DATE.fullmatch(phrase):
            reading.date_text = reading.date_text or phrase
        elif word != "-" and not phrase:
            continue
        elif word not in ("-", *_SUBJECT_WORDS) and (
            is_place(phrase)
            or (word == "from" and _sent_from(phrase, following))
            or (word in _PLACE_WORDS and _PLACE_NAME.fullmatch(phrase))
        ):
            if word in ("from", ",", *_PLACE_WORDS):
                reading.place = reading.place or phrase
            role = AUTHOR if word == "from" else role
        elif word in ("-", *_SUBJECT_WORDS, *_PLACE_WORDS):  # "on …", "in reply to …"
            reading.subject = _subject(text, piece)
            break
        else:
            role = _ROLES.get(word) or role or _first_role(reading.kind, following)
            parties = _parties(role, written, is_place)
            head = None if parties else _NAME_THEN_WORDS.match(written)
            if head:  # "to Mao Zedong approving the plan": the name, then the subject
                parties = _parties(role, head["name"], is_place)
            reading.parties.extend(parties)
            if head or not parties:
                at = piece.begin + head.start("rest") if head and parties else None
                reading.subject = text[at:].strip() if at else _subject(text, piece)
                break
    return reading


def _sent_from(phrase, following):
    """ "from Beijing, Mao Zedong to …": one word, then a comma that does not begin a list."""
    return (
        bool(re.fullmatch(r"[A-Z][\w'’-]+", phrase))
        and following[:1] == [","]
        and following[1:2] not in ([","], ["and"])
    )


def _first_role(kind, following):
    """The role of a party after "Kind, …", which no connecting word gives."""
    ahead = following[: following.index("-")] if "-" in following else following
    if "to" in ahead:
        return AUTHOR
    if _CONVERSATION.search(kind) or ahead[:1] in ([","], ["and"]):
        return PARTICIPANT
    return AUTHOR


def _cuts(text):
    """The connectors in `text` that stand outside brackets and dates."""
    spans = _brackets(text)[0] + [m.span() for m in _DATE.finditer(text)]
    for match in _CONNECTOR.finditer(text):
        where = match.start(match.lastgroup)
        if not any(start <= where < end for start, end in spans):
            yield match


def _pieces(text):
    """The title cut at its connectors, as (connecting word, text) pieces; the first is the kind."""
    pieces = [_Piece("", 0, 0)]
    for match in _cuts(text):
        pieces[-1].end = match.start()
        word = match["word"] or ("," if match["comma"] else "-")
        pieces.append(_Piece(word, match.start(), match.end()))
    pieces[-1].end = len(text)
    merged = pieces[:1]
    for piece in pieces[1:]:
        before = merged[-1]
        post = _tidy(_text(text, before))
        if (
            piece.word in ("to", "in")
            and (_ENVOY_END.search(post) or (piece.word == "in" and _organisation(post)))
            and _COUNTRY_START.match(_tidy(_text(text, piece)))
        ):  # "the Soviet Ambassador to the DPRK Shtykov", "the Embassy in Beijing": one piece
            before.end = piece.end
        else:
            merged.append(piece)
    return merged


def _text(text, piece):
    return text[piece.begin : piece.end]


def _subject(text, piece):
    """The rest of the title from `piece`: "on the armistice", with its connecting word."""
    return text[piece.begin if piece.word in ("-", ",") else piece.start :].strip()


def _brackets(text):
    """([(start, end)] of the outermost matched brackets, [offsets of unmatched openers])."""
    spans, stack = [], []
    for index, ch in enumerate(text):
        if ch in "([":
            stack.append(index)
        elif ch in ")]" and stack and text[stack[-1]] == "([)]"[")]".index(ch)]:
            start = stack.pop()
            spans = [s for s in spans if s[0] < start] + [(start, index + 1)]
    return spans, stack


def _parties(role, written, is_place):
    """The party a piece of a title names, then any messenger it names in brackets."""
    written = _tidy(written)
    notes = _notes(written)
    vias = [(a, b, _tidy(_VIA.sub("", note))) for a, b, note in notes if _VIA.match(note)]
    names = [_untitled(_tidy(note)) for _a, _b, note in notes if not _VIA.match(note)]
    names = [name for name in names if _personal(name, is_place)]
    outside = written
    for start, end, _note in reversed(notes):
        outside = outside[:start] + " " + outside[end:]
    base = _tidy(" ".join(re.sub(r"[\[\]]", " ", outside).split()))
    titled = _untitled(base)
    if _personal(titled, is_place):
        name, variants = titled, names
    elif names:  # "the President (Syngman Rhee)": the person behind the office
        name, variants = names[0], names[1:]
    elif base and (not titled or _organisation(titled) or re.match(r"the\s+[A-Z]", base)):
        name, variants = base, []
    else:
        name = None  # lower-case words, not a name: the title's subject begins here
    parties = []
    if name:
        for start, end, _via in reversed(vias):
            written = written[:start] + written[end:]
        written = " ".join(written.split())
        parties.append(Party(role, name, tuple(variants), written, _personal(name, is_place)))
    for _start, _end, via in vias:
        name = _untitled(via) or via
        if name:
            parties.append(Party(INTERMEDIARY, name, (), via, _personal(name, is_place)))
    return parties


def _notes(written):
    """(start, end, text) of the brackets that stand apart from the words before them.

    "Filippov [Stalin]" has a note; "VKP(b)" is one word. An opening bracket
    never closed runs to the end ("Kim Il Sung [Kim Ir Sen").
    """
    spans, unclosed = _brackets(written)
    notes = [(a, b, written[a + 1 : b - 1]) for a, b in spans]
    loose = [u for u in unclosed if not any(a < u < b for a, b in spans)]
    notes += [(loose[0], len(written), written[loose[0] + 1 :])] if loose else []
    return sorted(n for n in notes if n[0] == 0 or written[n[0] - 1].isspace())


def _untitled(name):
    """A name with honorifics and offices taken off its front: "Soviet Ambassador Pavel Yudin"."""
    match = _TITLE_RUN.match(name)
    return name[match.end() :].strip() if match else name


def _organisation(name):
    """A name with a word of an institution in it, or a party's initials: "CC VKP(b)"."""
    words = [word.strip(",.;:'’").removesuffix("'s").removesuffix("’s") for word in name.split()]
    return any(word in _ORGANISATION_WORDS or _ACRONYM.match(word) for word in words)


def _personal(name, is_place):
    """Whether `name` reads as a person's name, not a body, an office or a place."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and _capital(name)
        and not any(ch.isdigit() for ch in name)
        and all(_capital(w) or w in _PARTICLES or re.match(r"[dl]['’]\w", w) for w in words)
        and not _organisation(name)
        and not is_place(name)
        and bool(_untitled(name))  # "President", "the Premier": an office, whose holder?
    )


def _capital(word):
    """Whether a word begins as a name does: with a capital, or in a script without
    capitals ("毛泽东", "김일성")."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def personal_name(phrase, is_place=None):
    """The name of the person a phrase of address names, or None: "Acheson" of "Secretary
    Acheson", "Kim Il Sung" of "Kim Il Sung, Chairman of the Cabinet"; none in an office
    alone ("President") or in a sentence ("Zhou Enlai arrived in Geneva on 3 June")."""
    name = _untitled(phrase.split(",", 1)[0].strip())
    # A name in capitals is not a party's initials ("FILIPPOV", "KUZNETSOV"): its words tell.
    probe = name.title() if name.isupper() else name
    return name if _personal(probe, is_place or _nowhere) else None


def _nowhere(_name):
    return False


def _tidy(text):
    """A piece without the spaces, quotation marks and punctuation around it."""
    text = text.strip().strip('"“”«»').strip(" ,;:").strip()
    last = text.split()[-1] if text else ""
    if last.endswith(".") and len(last) > 3 and not _TITLE_RUN.match(last):
        text = text[:-1]  # "… to Stalin." but not "V." nor "Cde."
    return text
