"""The editor's typed spans: {sic …}, {unclear …}, {gap …}, {hand …}, {stamp …},
{supplied …} and {note …}, written in a passage without any knowledge of XML.

A span is a word in braces followed by its fields, separated by "|":

    {sic ФИЛИПОВУ|ФИЛИППОВУ}            as written | as corrected (the correction optional)
    {unclear Елезов|faded|low}           the words | why unclear | certainty: low, medium, high
    {gap illegible|~2 words}             why | how much (optional); "omitted" shows as […]
    {hand Stalin, blue pencil|тов. Сталину}   whose hand, the medium after a comma | the words
    {stamp registration|Вх. № 2204/ис|30.6.1951|text}   kind | number | date | its words
    {supplied Stalin|why|translator}     words added in the edition | why (optional) | by
                                         whom (optional: editor or translator; unsaid,
                                         the translator in a translation, else the editor)
    {note editor|text}                   who wrote it: editor, translator or archive | the note

A span that does not follow these rules is no span: it stays in the text, verbatim.
"""

import re
from dataclasses import dataclass

SIC, UNCLEAR, GAP, HAND, STAMP, SUPPLIED, NOTE = (
    "sic", "unclear", "gap", "hand", "stamp", "supplied", "note",
)  # fmt: skip
CERTAINTIES = ("low", "medium", "high")
NOTE_AUTHORS = ("editor", "translator", "archive")
SUPPLIERS = ("editor", "translator")  # who supplies words: {supplied …|…|translator}
OMITTED = "omitted"  # the gap shown as "[…]"

# No braces and no line breaks inside a span, so that one never swallows the next.
_NAMES = "|".join((SIC, UNCLEAR, GAP, HAND, STAMP, SUPPLIED, NOTE))
PATTERN = rf"\{{(?P<span>(?-i:{_NAMES}))[ \t]+(?P<body>[^{{}}\n]*)\}}"

# The number of fields each span takes, (fewest, most), and which must not be empty.
_FIELDS = {
    SIC: ((1, 2), (0, 1)),
    UNCLEAR: ((1, 3), (0,)),
    GAP: ((1, 2), (0,)),
    HAND: ((2, 2), (0, 1)),
    STAMP: ((1, 4), (0,)),
    SUPPLIED: ((1, 3), (0,)),
    NOTE: ((2, 2), (0, 1)),
}


# What looks like a span to a reader: a span's name after a brace. Those PATTERN and read()
# do not take as spans are kept as text, and the archivist is told (see unread()).
LOOKS_LIKE = rf"\{{(?:{_NAMES})\b[^{{}}\n]*\}}?"


@dataclass(frozen=True)
class Span:
    """One typed span: its name and its fields as (start, end) ranges of the passage."""

    name: str
    fields: tuple

    def field(self, content, index):
        """The field's words, or "" where the span has fewer fields."""
        if index >= len(self.fields):
            return ""
        start, end = self.fields[index]
        return content[start:end]


def read(match):
    """The Span a PATTERN match holds, or None if it breaks the rules (then it is text)."""
    name, start = match["span"], match.start("body")
    fields, position = [], start
    for part in match["body"].split("|"):
        # The words of each field without the spaces around its "|".
        low = position + len(part) - len(part.lstrip())
        high = max(low, position + len(part.rstrip()))
        fields.append((low, high))
        position += len(part) + 1
    (fewest, most), required = _FIELDS[name]
    content = match.string
    if not fewest <= len(fields) <= most:
        return None
    # A required field may be left out where the span allows fewer ({sic word}), never empty.
    if any(index < len(fields) and fields[index][0] == fields[index][1] for index in required):
        return None
    span = Span(name, tuple(fields))
    if name == UNCLEAR and span.field(content, 2) not in ("", *CERTAINTIES):
        return None
    if name == NOTE and span.field(content, 0) not in NOTE_AUTHORS:
        return None
    if name == SUPPLIED and span.field(content, 2) not in ("", *SUPPLIERS):
        return None
    return span


def words(span, content):
    """The ranges of a span whose words are the document's (or its editor's), for search:
    both readings of a sic, and none of a gap's description."""
    if span.name in (SIC, SUPPLIED, UNCLEAR):
        return [span.fields[0]] + (
            [span.fields[1]] if span.name == SIC and len(span.fields) > 1 else []
        )
    if span.name in (HAND, NOTE):
        return [span.fields[1]]
    if span.name == STAMP:
        return [field for field in span.fields[1:]]
    return []


def gap_shown(reason, extent):
    """What a reader sees for a gap: "[illegible, ~2 words]", "[…]", "[… 3 lines]"."""
    if reason == OMITTED:
        return f"[… {extent}]" if extent else "[…]"
    return f"[{reason}, {extent}]" if extent else f"[{reason}]"


def stamp_fields_shown(words):
    """Which of a stamp's number (1), date (2) and words (3) a reader is shown, `words(i)`
    giving each field: a number or date its words already show (found_in) is not shown
    twice."""
    return [
        index
        for index in (1, 2, 3)
        if words(index) and (index == 3 or found_in(words(index), words(3)) == -1)
    ]


def found_in(value, words):
    """Where `value` (a stamp's number or date) stands in `words` (its words as stamped) as
    whole words, or -1: "2204/ис" in "Вх. № 2204/ис от …", but not "2" in "1951"."""
    if not value:
        return -1
    match = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", words)
    return match.start() if match else -1


def hand_and_medium(text):
    """ "Stalin, blue pencil" → ("Stalin", "blue pencil"): the medium follows the first comma."""
    hand, _, medium = text.partition(",")
    return hand.strip(), medium.strip()
