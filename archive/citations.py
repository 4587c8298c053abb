"""Archival references in the Russian hierarchy: parse citation text, print standard notation.

A reference names a repository and then descends: fond (f.), opis (op.), delo (d.),
papka (p.), list or listy (l., ll.). Citations write the levels abbreviated
("APRF, f. 45, op. 1, d. 339, l. 92"), spelled out ("Fond 45, Opis 1, Delo 336,
List 5") or in Russian ("АПРФ, ф. 45, оп. 1, д. 339, л. 92"), and join several
repositories with ";" and "and". Values stay strings: "059a" and "0092" keep
their letters and leading zeros.
"""

import re
from dataclasses import dataclass

LEVELS = ("fond", "opis", "delo", "papka", "listy")

ABBREVIATIONS = {"fond": "f.", "opis": "op.", "delo": "d.", "papka": "p.", "listy": "l."}

# Every way a level is written, lower-cased, mapped to (level, plural listy?).
_LABELS = {
    "f.": ("fond", False),
    "fond": ("fond", False),
    "ф.": ("fond", False),
    "фонд": ("fond", False),
    "op.": ("opis", False),
    "opis": ("opis", False),
    "opis'": ("opis", False),
    "оп.": ("opis", False),
    "опись": ("opis", False),
    "d.": ("delo", False),
    "delo": ("delo", False),
    "д.": ("delo", False),
    "дело": ("delo", False),
    "p.": ("papka", False),
    "papka": ("papka", False),
    "п.": ("papka", False),
    "папка": ("papka", False),
    "l.": ("listy", False),
    "list": ("listy", False),
    "л.": ("listy", False),
    "лист": ("listy", False),
    "ll.": ("listy", True),
    "listy": ("listy", True),
    "лл.": ("listy", True),
    "листы": ("listy", True),
}

_LABEL = "|".join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True))
_LEVEL_PART = re.compile(rf"^(?P<label>{_LABEL})(?:\s+|(?<=\.))(?P<value>\S.*)$", re.IGNORECASE)
# An archive and its first level written without a comma between: "APRF f. 45".
_ARCHIVE_AND_LEVEL = re.compile(
    rf"^(?P<archive>.*?\S)\s+(?P<level>(?:{_LABEL})(?:\s+|(?<=\.))\S.*)$", re.IGNORECASE
)
# A bare value after listy continues it: "ll. 12, 14" or "ll. 5-7, 9ob.".
_CONTINUED_LISTY = re.compile(r"^\d[\w./–-]*$")
_VERSO_AT_END = re.compile(r"(?:ob|об)\.$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[;,]\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+", re.IGNORECASE)


class CitationError(ValueError):
    """Citation text that cannot be read as archival references; the message says why."""


@dataclass(frozen=True)
class ParsedReference:
    archive: str
    fond: str = ""
    opis: str = ""
    delo: str = ""
    papka: str = ""
    listy: str = ""
    listy_plural: bool = False

    def __str__(self):
        return format_reference(
            self.archive,
            fond=self.fond,
            opis=self.opis,
            delo=self.delo,
            papka=self.papka,
            listy=self.listy,
            listy_plural=self.listy_plural,
        )


def format_levels(*, fond="", opis="", delo="", papka="", listy="", listy_plural=False):
    """The levels in standard notation: "f. 45, op. 1, d. 339, l. 92"; empty ones left out."""
    values = {"fond": fond, "opis": opis, "delo": delo, "papka": papka, "listy": listy}
    parts = []
    for level in LEVELS:
        if values[level]:
            label = "ll." if level == "listy" and listy_plural else ABBREVIATIONS[level]
            parts.append(f"{label} {values[level]}")
    return ", ".join(parts)


def format_reference(archive, **levels):
    """Standard notation: "APRF, f. 45, op. 1, d. 339, l. 92"."""
    return ", ".join(part for part in (archive, format_levels(**levels)) if part)


def format_references(references):
    """Several references as a citation writes them: "A; B; and C"."""
    texts = [str(reference) for reference in references]
    if len(texts) < 2:
        return "".join(texts)
    return "; ".join(texts[:-1]) + "; and " + texts[-1]


def parse_references(text, default_archive=None):
    """Read citation text into a list of ParsedReference, or raise CitationError.

    `default_archive` names the repository of levels that come before any
    archive name ("Fond 45, Opis 1" typed into a form for one repository).
    """
    cleaned = " ".join(text.split()).strip()
    # A citation sentence ends with a full stop that belongs to no value, unless the
    # value ends in the abbreviation for a verso ("l. 92ob.").
    if cleaned.endswith(".") and not _VERSO_AT_END.search(cleaned):
        cleaned = cleaned[:-1]
    if not cleaned:
        raise CitationError("The citation is empty: expected e.g. “APRF, f. 45, op. 1, d. 339”.")

    references = []
    current = _start(default_archive) if default_archive else None
    last_level = None
    for part in _parts(cleaned):
        match = _LEVEL_PART.match(part)
        if match:
            if current is None:
                raise CitationError(
                    f"“{part}” comes before any archive: name the repository first, "
                    "as in “APRF, f. 45”."
                )
            level, plural = _LABELS[match["label"].lower()]
            if current[level]:
                raise CitationError(f"“{current['archive']}” gives {level} twice (“{part}”).")
            if last_level and LEVELS.index(level) < LEVELS.index(last_level):
                raise CitationError(
                    f"In “{current['archive']}”, {level} comes after {last_level}: "
                    "the order is fond, opis, delo, papka, list."
                )
            current[level] = match["value"]
            if level == "listy":
                current["listy_plural"] = plural
            last_level = level
        elif last_level == "listy" and _CONTINUED_LISTY.match(part):
            current["listy"] += f", {part}"
            current["listy_plural"] = True
        else:
            if current is not None:
                references.append(_finish(current))
            if re.search(r"\d", part) and not re.search(r"[^\W\d_]{2,}", part):
                raise CitationError(f"“{part}” is not an archive name or a level like “f. 45”.")
            current = _start(part)
            last_level = None
    references.append(_finish(current))
    return references


def _parts(text):
    for part in _SEPARATORS.split(text):
        joined = _ARCHIVE_AND_LEVEL.match(part) if part else None
        if joined and not _LEVEL_PART.match(part):
            yield joined["archive"]
            yield joined["level"]
        elif part:
            yield part


def _start(archive):
    return {"archive": archive, "listy_plural": False, **dict.fromkeys(LEVELS, "")}


def _finish(fields):
    if not fields["fond"]:
        raise CitationError(
            f"“{fields['archive']}” has no fond: a reference needs at least “f. <number>”."
        )
    return ParsedReference(**fields)
