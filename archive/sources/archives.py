"""Archival references in systems other than the Russian one, kept exactly as written.

A Hungarian, Polish, German, Chinese or American archive has levels of its own
(doboz, teczka, Bestand, box, folder, record group), which are not forced into
fond and opis: the reference is kept as written, and its repository identified
where the gazetteer or the archive knows it, whether it stands first
("MNL OL XIV-J-1-j Korea 25-005249/1980", "PRC FMA 106-00719-04, 39-40") or last
("B-330-002, …, Syngman Rhee Institute, Yonsei University").
"""

import re
from dataclasses import dataclass

# The names archives give their levels, in several languages: a reference that uses
# them is an archival reference even when its repository is not named.
LEVEL_WORDS = [
    "record group", "collection", "series", "subseries", "sub-series", "box", "folder", "file",
    "container", "entry", "item", "document", "doc.", "RG", "fond", "fonds", "dosar", "fila",
    "sygn.", "sygnatura", "teczka", "paczka", "zespół", "doboz", "tétel", "dosszié",
    "karton", "fascikl", "inv. č.", "sv.", "Bestand", "Signatur", "Akte", "Mappe", "Bd.",
    "a.e.", "op.", "arch. no.", "microfilm", "reel", "roll", "frame",
    "全宗", "目录", "目錄", "案卷", "卷", "档号", "檔號",  # Chinese: fonds, catalogue, file
]  # fmt: skip
_WORDS = "|".join(re.escape(word) for word in sorted(LEVEL_WORDS, key=len, reverse=True))
# A level: its label, then a value with a number ("Box 3", "RG 59") or after a colon
# ("Folder: Transition Letters Unfiled, 10/76-1/77"), running to the next level or ";".
# "58. doboz" is the Hungarian way round: the number before the label.
_END = r"(?![^\W\d_])"  # a level word ends where no letter follows ("sygn." ends at its dot)
_NEXT = rf"(?=\s*(?:;|,\s*(?:{_WORDS}){_END}|,\s*\d+\.\s*(?:{_WORDS}){_END}|$))"
_LEVEL = re.compile(
    rf"(?<![\w])(?P<label>{_WORDS})"
    rf"(?:\s*:\s*(?P<named>[^;]+?){_NEXT}"  # "Folder: Transition Letters Unfiled, 10/76-1/77"
    rf"|\.?\s+(?P<value>[^,;:]*?\d[^,;]*?){_NEXT}"  # "Box 3", "RG 59", "sygn. XI A/123"
    rf"|\s+(?P<words>[^,;:\d]+?)(?=\s*,\s*(?:{_WORDS}){_END}))"  # "zespół KC PZPR, teczka 2589"
    rf"|(?<![\w.])(?P<number>\d+)\.\s*(?P<after>doboz|tétel|dosszié|csomó)\b",  # "58. doboz"
    re.IGNORECASE,
)
# A piece of a reference that continues the one before it: "…; Series: 1976 Campaign…".
LEVEL_START = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(word) for word in sorted(LEVEL_WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# Level words the Russian hierarchy shares with other systems ("fond", "op."): alone, they
# do not say that a reference is in a system of its own.
_SHARED = {"fond", "fonds", "op."}
_OWN_WORDS = [word for word in LEVEL_WORDS if word.lower() not in _SHARED] + [
    "problema", "filele", "Bl.",  # AMAE's "Problema 220"; German "Bl." (Blatt), a leaf
]  # fmt: skip
_OWN_LEVEL = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(word) for word in sorted(_OWN_WORDS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# A shelfmark of numbers and letters: "106-00719-04", "XIV-J-1-j", "DY 30/3605", "B-330-002".
_SHELFMARK = re.compile(r"\b(?=[\w/.-]*\d)[A-Z0-9][\w/.-]*[-/][\w/.-]+\b")
# An archive named in words the gazetteer does not hold: "Jiangsu Provincial Archives".
_ARCHIVE_WORD = re.compile(
    r"\b(?:Archives?|Archiv|Archiwum|Arhiva|Archivio|Levéltár)\b|档案馆|檔案館|史料館|文書館|기록원",
    re.I,
)


# Words that may stand before an archive's name without being part of a reference.
_ARTICLES = re.compile(r"(?:\b(?:the|at|in)\s*)+$", re.IGNORECASE)


@dataclass
class Reference:
    repository: object  # what the name lookup found, or None
    reference: str  # the archive's own levels, as written, without the repository's name
    written: str  # the whole reference as written


def read(text, names):
    """The reference `text` gives in another system, or None if it does not read as one.

    `names` is a repositories.Names. Text that names a known repository, uses an archive's
    level words, or is a shelfmark ("106-00719-04") reads as an archival reference.
    """
    written = text.strip().rstrip(".").strip()
    at_start = names.at_start(written)
    if at_start is not None:
        repository, end = at_start
        return Reference(repository, _bare(written[end:]), written)
    within = names.within(written)
    if within is not None and _at_an_end(written, *within[1:]):
        repository, start, end = within
        rest = _bare(written[:start]) + " " + _bare(written[end:])
        return Reference(repository, rest.strip(), written)
    if _LEVEL.search(written) or _SHELFMARK.match(written):
        return Reference(None, written, written)
    if _ARCHIVE_WORD.search(written) and re.search(r"\d", written):
        # "Hebei Provincial Archives, 855-4-1271": an archive named in words, and a number.
        return Reference(None, written, written)
    return None


def _at_an_end(written, start, end):
    """Whether a name found in a clause stands first or last in it, as references write their
    archive: "the Diplomatic Archives of…", "B-330-002, …, Syngman Rhee Institute". A name
    inside a sentence ("Courtesy of the National Security Archive") makes it no reference:
    its other words would be taken for the archive's levels."""
    before = _ARTICLES.sub("", written[:start])
    if not before.strip(" ,;:"):
        return True
    last = not written[end:].strip(" .,;:")
    return last and before.rstrip().endswith((",", ";", ":"))


def _bare(text):
    """Text beside a repository's name without the commas and articles that joined them."""
    return re.sub(r"^(?:the|at|in)\b\s*|\s+(?:the|at|in)$", "", text.strip(" ,;:"), flags=re.I)


def levels(reference):
    """[(label, value)] of the levels a reference names in words ("Box 3", "Folder: X");
    the shelfmark alone, [("", text)], when it names none."""
    found = []
    for match in _LEVEL.finditer(reference):
        if match["after"]:
            found.append((match["after"], match["number"]))
        else:
            value = match["named"] or match["value"] or match["words"]
            found.append((match["label"].strip(), value.strip()))
    return found or ([("", reference)] if reference else [])


def has_own_levels(reference):
    """Whether a reference names a level of a system other than the Russian one ("Dosar
    12/1964", "a.e. 123", "Box 3"), so that its "f." or "op." are that system's too."""
    return _OWN_LEVEL.search(reference or "") is not None
