"""BibTeX (and biblatex) entries. UTF-8 throughout: biber and modern BibTeX read it."""

from ..dates import MONTHS

# Characters that mean something to TeX, written so that they print as themselves.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LANGUAGES = {"ru": "russian", "en": "english", "zh": "chinese", "ko": "korean", "de": "german"}


def escape(text):
    return "".join(_TEX.get(ch, ch) for ch in text)


def bibtex(record):
    """A @misc entry, keyed by record id, with the archival references as the location."""
    fields = []
    if record.authors:
        fields.append(("author", " and ".join(_name(name) for name in record.authors)))
    if record.translators:  # biblatex's field; classic BibTeX styles leave it out
        fields.append(("translator", " and ".join(_name(name) for name in record.translators)))
    # Double braces keep the title's capitals: BibTeX styles would lowercase them.
    fields.append(("title", "{" + escape(record.title) + "}"))
    if record.dated:
        # Classic BibTeX's year and month: only what is known for certain (29–30 June 1951
        # is June 1951; "--" between the years of a range across them; none for an open end).
        known = record.date_parts
        if known:
            fields.append(("year", f"{known[0]:04d}"))
        elif record.date_start and record.date_end:
            fields.append(("year", f"{record.date_start[0]:04d}--{record.date_end[0]:04d}"))
        if len(known) > 1:
            fields.append(("month", MONTHS[known[1] - 1][:3].lower()))
        # biblatex reads the date as EDTF: ranges, open ends, "~" and "?", all of it.
        fields.append(("date", record.iso_date))
    fields.append(("type", escape(record.genre)))
    if record.archive:
        fields.append(("howpublished", escape(record.archive)))
    notes = [record.archive_location, f"Source: {record.source}" if record.source else ""]
    if any(notes):
        fields.append(("note", escape(". ".join(note for note in notes if note))))
    fields.append(("language", _LANGUAGES.get(record.language, record.language_name.lower())))
    fields.append(("url", record.url))
    lines = []
    for key, value in fields:
        # Months are macros (jun); everything else is a braced string.
        lines.append(f"  {key} = {value}" if key == "month" else f"  {key} = {{{value}}}")
    return f"@misc{{archive{record.record_id},\n" + ",\n".join(lines) + "\n}\n"


def _name(name):
    # A literal name in braces, so BibTeX does not split "Mao Zedong" into given and family.
    return escape(name.inverted) if name.family else "{" + escape(name.display) + "}"
