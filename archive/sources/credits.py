"""Credits: who obtained, contributed and translated a document, and who paid for it.

Collections credit their people in sentences of a few shapes:

    Translated by Mark Kramer.
    Translated for CWIHP from Russian by Sergey Radchenko.
    Obtained and translated for NKIDP by Sergey Radchenko.
    Obtained by North Korean Materials Archive, IFES, Kyungnam University, and translated by
        Imre Májer.
    Obtained for CWIHP by Yutaka Kanda and translated by Ryo C. Kato.
    Contributed by Charles Kraus.
    Translated from Serbo-Croatian by Jovan Čavoški of the Institute for Recent History,
        obtained by Charles Kraus.
    This document was made possible with support from the Leon Levy Foundation.

Each becomes one credit per role and name: a role, a person's name or an
organisation (or both: the person, and the programme they worked for), the
language translated from, and the words it was read from.
"""

import re
from dataclasses import dataclass

from ..languages import language_code

TRANSLATOR = "translator"
OBTAINED_BY = "obtained_by"
CONTRIBUTOR = "contributor"
FUNDER = "funder"
TRANSCRIBER = "transcriber"

_VERBS = {
    "translated": TRANSLATOR,
    "obtained": OBTAINED_BY,
    "contributed": CONTRIBUTOR,
    "transcribed": TRANSCRIBER,
    "donated": CONTRIBUTOR,
    "provided": CONTRIBUTOR,
}
_VERB = "|".join(_VERBS)
# "Obtained and translated for NKIDP from Korean by X": the verbs, then for whom, from what.
_CLAUSE = re.compile(
    rf"^(?P<verbs>(?:{_VERB})(?:\s*(?:,|and|&)\s*(?:{_VERB}))*)"
    r"(?P<middle>(?:\s+(?:for|from|into)\s+.+?)*)"
    r"\s+by\s+(?P<agents>.+)$",
    re.IGNORECASE,
)
_FOR = re.compile(r"\bfor\s+(?P<organisation>.+?)(?=\s+(?:from|into)\s|$)", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?P<words>.+?)(?=\s+(?:for|into)\s|$)", re.IGNORECASE)
# A second verb joined to the first clause: "…, and translated by Y", "… and translated by Y",
# "…, obtained by Y".
_NEXT_CLAUSE = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:{_VERB})\b)", re.IGNORECASE)
_FUNDING = re.compile(
    r"^(?:this\s+document\s+was\s+)?(?:made\s+possible|translated|obtained)?\s*"
    r"(?:with|through)\s+(?:the\s+)?(?:generous\s+)?(?:support|funding)\s+(?:of|from)\s+"
    r"(?P<funder>.+)$",
    re.IGNORECASE,
)
# Words that make an agent an organisation rather than a person.
_ORGANISATION = re.compile(
    r"\b(?:Archives?|University|Institute|Center|Centre|Program(?:me)?|Project|Foundation|"
    r"Ministry|Library|Museum|Society|Academy|Council|Office|Committee|Agency|Bureau|"
    r"Fund|Trust|Endowment|Department|IFES|CWIHP|NKIDP)\b"
)
OPENING = re.compile(
    rf"^(?:(?:{_VERB})\b|this\s+document\s+was\s+made\s+possible|made\s+possible\s+with|"
    r"(?:with|through)\s+(?:the\s+)?(?:generous\s+)?(?:support|funding)\s+(?:of|from))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Credit:
    role: str
    name: str = ""  # a person's name as written
    organisation: str = ""  # whom they worked for, or the organisation credited itself
    source_language: str = ""  # the language translated from, as written ("Russian")
    written: str = ""  # the sentence it was read from

    def __str__(self):
        return describe(self.role, self.name, self.organisation)


_PHRASES = {
    TRANSLATOR: "Translated by",
    OBTAINED_BY: "Obtained by",
    CONTRIBUTOR: "Contributed by",
    TRANSCRIBER: "Transcribed by",
    FUNDER: "Made possible with support from",
}


def describe(role, name, organisation):
    """ "Translated by Sergey Radchenko for CWIHP", "Obtained by Kyungnam University"."""
    phrase = _PHRASES.get(role, role)
    if name and organisation:
        return f"{phrase} {name} for {organisation}"
    return f"{phrase} {name or organisation}"


def is_credit(sentence):
    return bool(OPENING.match(sentence.strip()))


def read(sentence):
    """The credits a sentence gives, in its order; [] if it is not a credit."""
    text = " ".join(sentence.split()).rstrip(".").strip()
    text = text.split(";", 1)[0].strip()  # what follows a semicolon is read on its own
    funding = _FUNDING.match(text)
    if funding:
        funder = funding["funder"].strip()
        return [Credit(FUNDER, organisation=funder, written=sentence.strip())]
    credits = []
    for part in _clauses(text):
        clause = _CLAUSE.match(part.strip())
        if clause is None:
            return []
        roles = [_VERBS[verb.lower()] for verb in re.findall(_VERB, clause["verbs"], re.I)]
        middle = clause["middle"] or ""
        for_whom = _FOR.search(middle)
        language = _FROM.search(middle)
        agents, organisation = clause["agents"], for_whom["organisation"] if for_whom else ""
        if not for_whom:  # "Translated by Ryo C. Kato for CWIHP"
            agents, organisation = _for_after(agents)
        for agent_name, agent_organisation in _agents(agents):
            for role in dict.fromkeys(roles):
                credits.append(
                    Credit(
                        role,
                        name=agent_name,
                        organisation=agent_organisation or organisation.strip(),
                        source_language=_language(language["words"]) if language else "",
                        written=sentence.strip(),
                    )
                )
    return credits


def _for_after(agents):
    """(agents, whom they worked for) of "Ryo C. Kato for CWIHP"; "X of the Institute for
    Recent History" is an organisation's name, "for" and all."""
    trailing = re.search(r"\s+for\s+(?P<organisation>[^,]+)$", agents)
    if trailing is None:
        return agents, ""
    before = agents[: trailing.start()].split()
    if before and _ORGANISATION.search(before[-1]):
        return agents, ""
    return agents[: trailing.start()], trailing["organisation"]


def _clauses(text):
    """ "Obtained by X and translated by Y" in two; "Obtained and translated by X" in one."""
    parts, start = [], 0
    for joint in _NEXT_CLAUSE.finditer(text):
        if re.search(r"\sby\s", text[start : joint.start()]):
            parts.append(text[start : joint.start()])
            start = joint.end()
    return [*parts, text[start:]]


def _language(words):
    """The language named in the words after "from", as written: "Serbo-Croatian", "the
    original Chinese" → "Chinese", "the Russian original" → "Russian"; "" if none is."""
    words = words.split()
    for start in range(len(words)):
        # One word first, so that "Russian original" is "Russian"; then two, for "Classical
        # Chinese" or "Serbo Croatian".
        for end in range(start + 1, min(start + 3, len(words) + 1)):
            name = " ".join(words[start:end]).strip(" ,.;:()")
            if language_code(name):
                return name
    return ""


def _agents(text):
    """[(person's name, organisation)] of "X", "X and Y", "X, Y and Z", or one organisation."""
    text = text.strip().rstrip(",")
    if _ORGANISATION.search(text):
        # "North Korean Materials Archive, IFES, Kyungnam University": one organisation;
        # "Sergey Radchenko (NKIDP)", "X and Y of the Z Institute": people, and theirs.
        person = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<organisation>[^()]+)\)", text)
        person = person or re.fullmatch(r"(?P<name>.+?)\s+of\s+(?P<organisation>.+)", text)
        if person and not _ORGANISATION.search(person["name"]):
            return [(name, person["organisation"]) for name in _names(person["name"])]
        return [("", text)]
    return [(name, "") for name in _names(text)]


def _names(text):
    return [name for name in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if name]
