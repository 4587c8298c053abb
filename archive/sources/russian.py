"""Archival references in the Russian (and Soviet, and Ukrainian) hierarchy.

A reference names a repository and descends: fond, opis, delo, papka, AVP RF's
por. (poryadkovyi nomer) and list or listy. Citations write the levels in every
way there is, and this module reads them all:

    APRF, f. 45, op. 1, d. 339, l. 92           abbreviated, with commas
    APRF, Fond 45, Opis 1, Delo 336, List 122   spelled out
    АП РФ. Ф. 39. Оп. 1. Д. 31. Л. 33.          Cyrillic, with full stops
    GARF. F.R-9478. Op.1. D 2. L.3-4.           with and without spaces
    AVPRF, fond 0102, opis 19, papka 97, delo 5 papka before delo
    TsDAHOU, F. 1, Op. 25, Spr. 97, Ll. 1-62    Ukrainian sprava and arkush

and several repositories joined by ";" and "and". The levels are found by their
labels, so whatever separates them (commas, full stops, spaces) does not matter;
whatever is left between them must be an archive's name or nothing, or the text
is not a reference in this notation and is left for the caller to keep as written.

References print back in one standard notation, "APRF, f. 45, op. 1, d. 339, l. 92"
(Ukrainian archives with "spr." and "ark."). Values stay strings: "059a" and
"0092" keep their letters and leading zeros; Cyrillic letters in values are
written in Latin ("Р-9401" → "R-9401") and a verso as "ob." ("33 об." → "33ob.").
"""

import re
from dataclasses import dataclass

LEVELS = ("fond", "opis", "delo", "papka", "por", "listy")

RUSSIAN, UKRAINIAN = "ru", "uk"
# The labels each notation prints; the others are the same in both.
_PRINTED = {
    RUSSIAN: {"fond": "f.", "opis": "op.", "delo": "d.", "papka": "p.", "por": "por."},
    UKRAINIAN: {"fond": "f.", "opis": "op.", "delo": "spr.", "papka": "p.", "por": "por."},
}

# Every way a label is written, lower-cased, without its full stop: (level, plural, notation).
_LABELS = {
    **dict.fromkeys(["f", "fond", "ф", "фонд"], ("fond", False, None)),
    **dict.fromkeys(["op", "opis", "opis'", "opis’", "оп", "опись", "опис"], ("opis", False, None)),
    **dict.fromkeys(["d", "delo", "д", "дело"], ("delo", False, RUSSIAN)),
    **dict.fromkeys(["spr", "sprava", "спр", "справа"], ("delo", False, UKRAINIAN)),
    **dict.fromkeys(["p", "papka", "п", "папка"], ("papka", False, None)),
    **dict.fromkeys(["por", "пор"], ("por", False, None)),
    **dict.fromkeys(["l", "list", "л", "лист"], ("listy", False, RUSSIAN)),
    **dict.fromkeys(["ll", "listy", "лл", "листы"], ("listy", True, RUSSIAN)),
    **dict.fromkeys(["ark", "arkush", "арк", "аркуш"], ("listy", False, UKRAINIAN)),
    **dict.fromkeys(["arkushi", "аркуші"], ("listy", True, UKRAINIAN)),
}
_LABEL = "|".join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True))
_VERSO = r"(?:\s?(?:ob|об)\b\.?)"
# A value: digits with letters, slashes or hyphens ("059a", "2/46", "R-9478", "Р-9401").
_VALUE = rf"(?:[A-Za-zА-Яа-яЁё]{{1,3}}-?)?\d[\w/]*(?:[-–]\w+)*{_VERSO}?"
# The sheets may be a list: "2, 2ob", "161-162", "20 об., 21".
_SHEETS = rf"{_VALUE}(?:\s*(?:,|и|and)\s*(?=\d){_VALUE})*"
_LEVEL = re.compile(
    rf"(?<![\w])(?P<label>{_LABEL})(?:\.\s*|\s+)(?P<value>{_SHEETS})(?![\w/])", re.IGNORECASE
)
# What may stand between levels, and between a reference and the next archive's name.
_SEPARATORS = re.compile(r"^[\s,.;:]*$")
_JOINING = re.compile(r"^[\s,.;:]*(?:(?:and|и|та|і)\b[\s,.;:]*)?", re.IGNORECASE)
_CYRILLIC_IN_VALUES = str.maketrans("АаВЕеКкМНОоРрСсТХхуБбДдЛлПп", "AaBEeKkMHOoPpCcTXxyBbDdLlPp")
_LETTER_VALUES = {"Р": "R", "р": "r", "С": "S", "с": "s", "Х": "Kh", "х": "kh", "В": "V"}


@dataclass(frozen=True)
class Reference:
    """One reference as read: the archive as written, its levels, and where it stood."""

    archive: str
    fond: str = ""
    opis: str = ""
    delo: str = ""
    papka: str = ""
    por: str = ""
    listy: str = ""
    listy_plural: bool = False
    notation: str = RUSSIAN
    written: str = ""  # the words of the citation this reference was read from

    @property
    def levels(self):
        values = {level: getattr(self, level) for level in LEVELS}
        return format_levels(**values, listy_plural=self.listy_plural, notation=self.notation)

    def __str__(self):
        return ", ".join(part for part in (self.archive, self.levels) if part)


def format_levels(
    *, fond="", opis="", delo="", papka="", por="", listy="", listy_plural=False, notation=RUSSIAN
):
    """The levels in standard notation: "f. 45, op. 1, d. 339, l. 92"; empty ones left out."""
    values = {"fond": fond, "opis": opis, "delo": delo, "papka": papka, "por": por}
    labels = _PRINTED.get(notation, _PRINTED[RUSSIAN])
    parts = [f"{labels[level]} {value}" for level, value in values.items() if value]
    if listy:
        if notation == UKRAINIAN:
            parts.append(f"ark. {listy}")
        else:
            parts.append(f"{'ll.' if listy_plural else 'l.'} {listy}")
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


def has_levels(text):
    """Whether `text` names levels of the Russian hierarchy ("op. 1, d. 339"), read or not."""
    return bool(_LEVEL.search(text))


def starts_with_level(text):
    """Whether `text` begins with a level ("Ф. 39", "Op.1"): a full stop before it ends no
    sentence."""
    return bool(_LEVEL.match(text))


@dataclass
class Reading:
    """What read() made of a text: its references, and the text before the first of them."""

    references: list
    before: str = ""  # text before the first archive's name ("Wilson Center Digital Archive, ")
    complete: bool = True  # False if words were left that are neither a level nor an archive
    end: int = 0  # where the last reference's levels end in the text

    def __bool__(self):
        return bool(self.references) and self.complete


def read(text, default_archive=""):
    """The references in `text`, in the order written.

    An archive's name is the words before its fond, back to the last comma, colon or
    semicolon ("GARF. F.R-9478" and "APRF: F. 39" as well). A reference with no
    archive of its own is in the one before it ("APRF, f. 3, op. 1; f. 45, op. 1"),
    or in `default_archive`. Reading.complete is False if anything else was left over.
    """
    levels = list(_LEVEL.finditer(text))
    references, complete, current, last_end = [], True, None, 0
    before = ""
    for match in levels:
        level, plural, notation = _LABELS[match["label"].lower().rstrip(".")]
        between = text[last_end : match.start()]
        if level == "fond":
            if current is not None:
                references.append(_finish(current, text))
            name, prefix = _archive_name(between, first=current is None)
            if current is None:
                before = prefix
            elif prefix.strip():
                complete = False
            archive = name or (current["archive"] if current else default_archive)
            if not archive:
                complete = False
            start = last_end + between.rfind(name) if name else match.start()
            current = {"archive": archive, "start": start, "notation": RUSSIAN}
        elif _more_sheets(current, level, between):
            # "l. 3 and l. 5": the sheets are a list, as "ll. 3, 5" writes them.
            current["listy"] += ", " + _value(match["value"], level)
            current["listy_plural"] = True
        elif current is None or not _SEPARATORS.match(between) or current.get(level):
            # A level before any fond, words between levels, or a level given twice.
            complete = False
            if current is None:
                continue
        if not current.get(level):  # given twice ("d. 3, d. 5"), a level keeps its first
            current[level] = _value(match["value"], level)
            if level == "listy":
                current["listy_plural"] = plural or bool(re.search(r"[-–,]|и|and", match["value"]))
        if notation == UKRAINIAN:
            current["notation"] = UKRAINIAN
        current["end"] = last_end = match.end()
    if current is not None:
        references.append(_finish(current, text))
    rest = text[last_end:] if references else text
    if not references or not _SEPARATORS.match(rest) or any(not r.fond for r in references):
        complete = False
    return Reading(references, before, complete, last_end)


def _more_sheets(current, level, between):
    """Whether sheets follow sheets, joined as a list is ("l. 3 and l. 5", "l. 3, l. 5")."""
    return (
        level == "listy"
        and current is not None
        and bool(current.get("listy"))
        and _JOINING.fullmatch(between) is not None
    )


def _archive_name(between, first):
    """(archive name, text before it) from the words between two references."""
    stripped = _JOINING.sub("", between) if not first else between
    # The name runs back to the last comma, semicolon or colon outside brackets.
    depth, cut = 0, 0
    for index, ch in enumerate(stripped.rstrip(" ,.:;")):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;:" and depth == 0:
            cut = index + 1
    name = stripped[cut:].strip(" ,.:;\t\n")
    # "GARF. F.R-9478": the name's own full stop belongs to no abbreviation of it.
    name = re.sub(r"^and\s+|^и\s+", "", name, flags=re.IGNORECASE)
    return name, stripped[:cut]


def _value(written, level):
    value = " ".join(written.split())
    value = re.sub(r"\s*(?:ob|об)\b\.?", "ob.", value, flags=re.IGNORECASE)
    value = re.sub(r"^([А-Яа-яЁё]{1,3})(?=-?\d)", _latin_prefix, value)
    return value.translate(_CYRILLIC_IN_VALUES)


def _latin_prefix(match):
    return "".join(_LETTER_VALUES.get(ch, ch) for ch in match.group(1)).translate(
        _CYRILLIC_IN_VALUES
    )


def _finish(fields, text):
    values = {level: fields.get(level, "") for level in LEVELS}
    written = text[fields["start"] : fields.get("end", fields["start"])]
    return Reference(
        archive=fields["archive"],
        listy_plural=fields.get("listy_plural", False),
        notation=fields["notation"],
        written=written.strip(),
        **values,
    )
