"""Chicago notes-bibliography citations (17th edition) of an archival document.

The same citations citeproc renders from our CSL-JSON with the Chicago style
(tests/test_formats.py holds the two side by side), with Chicago's own rule that
a comma or full stop after a quotation goes inside the closing quotation mark.
"""


def note(record):
    """A footnote: Mao Zedong, “Title,” Ciphered telegram, June 30, 1951, APRF, f. 45…, URL."""
    parts = []
    if len(record.authors) > 2:
        # Chicago 18th ed., 14.76: three or more authors are the first "et al." in a note.
        parts.append(f"{record.authors[0].display} et al.")
    elif record.authors:
        parts.append(_join([name.display for name in record.authors]))
    parts.append(_quoted(record.title, ","))
    parts.append(record.genre)
    if record.translators:  # Chicago 14.103: "trans." in a note
        parts.append("trans. " + _join([name.display for name in record.translators]))
    parts += [record.date_text, record.archive_location, record.archive]
    parts.append(record.url)
    return _sentence(", ", parts)


def bibliography(record):
    """A bibliography entry: Mao Zedong. “Title.” Ciphered telegram. June 30, 1951. …"""
    parts = []
    if record.authors:
        first, *others = record.authors
        names = [first.inverted] + [name.display for name in others]
        # After an inverted name a comma comes before "and": "Ward, Geoffrey C., and Ken Burns".
        inverted_pair = len(names) == 2 and first.family
        parts.append(f"{names[0]}, and {names[1]}" if inverted_pair else _join(names))
    parts.append(_quoted(record.title, "."))
    parts.append(record.genre)
    if record.translators:  # "Translated by" in a bibliography
        parts.append("Translated by " + _join([name.display for name in record.translators]))
    parts += [record.date_text, record.archive_location, record.archive]
    parts.append(record.url)
    return _sentence(". ", parts)


def _join(names):
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _quoted(title, punctuation):
    # The punctuation that follows a title goes inside its quotation marks, unless the
    # title ends with its own (a question).
    ending = "" if title[-1:] in "?!." else punctuation
    return f"“{title}{ending}”"


def _sentence(separator, parts):
    text = ""
    for part in (p for p in parts if p):
        if not text:
            text = part
        elif text.endswith("”") or (text.endswith(".") and separator == ". "):
            # The separator's punctuation is already there: inside the quote, or "et al."
            text += " " + part
        else:
            text += separator + part
    # A document always has a URL, so the title is never last and its quotes never end it.
    return text if text.endswith(".") else text + "."
