"""A record's Contents, and its body cut into the texts they list.

The Contents name a record's parts in many wordings ("Original Scan", "Transcript -
Russian", "English Translation", "Russian Original"…). The body holds the texts among
them one after another, in the Contents' order, with nothing reliable between them: a
translation often begins with a "## " heading, but an English original may have "## "
headings of its own, and many files have none. Worse, the Contents often leave out the
original transcription that the body begins with ("Original Scan / Translation - English"
over a Russian text and its English translation).

So the body is cut where the evidence fits best, by dynamic programming over its blocks:
the language of each block (language_id), a "## " heading or a line naming the text
("Translation - English") where a text may begin, and the texts the Contents promise.
"""

import re
from dataclasses import dataclass, field

from . import language_id

SCAN, TRANSCRIPTION, TRANSLATION = "scan", "transcription", "translation"
HEADING = "## "

_KINDS = {
    **dict.fromkeys(("scan", "scanned", "facsimile", "image", "images", "pdf"), SCAN),
    **dict.fromkeys(("transcript", "transcription", "transcribed"), TRANSCRIPTION),
    **dict.fromkeys(("translation", "translated"), TRANSLATION),
    "original": "original",
}
_FILLER = {"of", "the", "in", "into", "from", "document", "text", "language", "version"}
_FILLER |= {"copy", "full", "partial", "excerpt", "excerpts"}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # a Markdown link: its text is the label
_EDGES = re.compile(r"^[\s#*_>]+|[\s*_:.]+$")
_WORD = re.compile(r"[^\W\d_]+")

# What a cut is worth, in the units of language_id's scores (natural logarithms), where
# one letter in the wrong script costs about 4. A cue is worth a few letters: enough to
# decide between texts in one language, never enough to overrule the language of a line.
_HEADING_BONUS = 6.0  # a text begins at a "## " line
_MARKER_BONUS = 12.0  # a text begins at a line naming it
_PLAIN_CUT = -8.0  # a text begins at a block with no cue
_MISSING_TEXT = -4.0  # a listed text gets no block: cheaper than cutting without a cue
# A block whose fit to two texts differs by less than this does not tell them apart (a name
# at the end of a Polish original reads a little more English than Polish, having no
# accent): it stays with the text before, as a date in figures does.
_DOUBT = 2.0
# Scores this close are a tie: sums of the same terms in another order differ this much.
_TIE = 1e-6
# How sure the language of a last text's tail must be before it is reported as unlisted.
_UNLISTED_TAIL = 80.0
# Fewer letters than this tell little of a block's language among all those the archive
# knows ("No" of "No. 3300" is a Spanish word).
_TELLING_LETTERS = 10


@dataclass(frozen=True)
class Listed:
    """One line of the Contents, as understood."""

    label: str  # the line as written (stripped): "Transcript - Russian"
    kind: str  # SCAN, TRANSCRIPTION, TRANSLATION, or "" when the line is not understood
    language: str  # language code, "" if none is named or the name is unknown
    language_name: str  # the language as written ("Russian"), "" if none
    line: int  # its line number in the file


@dataclass
class Section:
    """One text of the body."""

    kind: str  # TRANSCRIPTION or TRANSLATION
    language: str  # code ("" if unknown)
    label: str  # the Listed label, or "" for an original the Contents do not list
    lines: list = field(default_factory=list)  # source.Line; "## " left as written


def read_contents(lines, language_codes):
    """A Listed for each non-blank line of the Contents section (source.Line objects).

    `language_codes`: {lower-cased English language name: code}, e.g. {"russian": "ru"}.
    """
    listed = []
    for line in lines:
        label = line.text.strip()
        if label:
            kind, code, name, _extra = _parse(label, language_codes)
            listed.append(Listed(label, kind, code, name, line.number))
    return listed


def _parse(text, language_codes):
    """(kind, code, language as written, how many words are neither) of a Contents label."""
    words = _WORD.findall(_EDGES.sub("", _LINK.sub(r"\1", text)))
    kinds, code, name, unknown, index = set(), "", "", [], 0
    while index < len(words):
        folded = words[index].casefold()
        found, size = _language_at(words, index, language_codes)
        if folded in _KINDS:
            kinds.add(_KINDS[folded])
        elif found is not None and not name:
            code, name = found, " ".join(words[index : index + size])
            index += size
            continue
        elif folded not in _FILLER:
            unknown.append(words[index])
        index += 1
    kind = next((kind for kind in (SCAN, TRANSLATION, TRANSCRIPTION) if kind in kinds), "")
    if not kind and "original" in kinds:
        # "Russian Original" is a text; "Original Document" is the scan of one (if the body
        # holds its transcription, split_texts finds it as an unlisted original).
        kind = TRANSCRIPTION if name else SCAN
    if not name and kind in (TRANSCRIPTION, TRANSLATION) and len(unknown) <= 2:
        name = " ".join(unknown)  # "Transcript - Klingon": a language the archive lacks
    return kind, code, name, len(unknown)


def _language_at(words, index, language_codes):
    """(code, number of words) of a language name at words[index], or (None, 0)."""
    for size in (3, 2, 1):  # "Old Church Slavonic", "Serbo-Croatian", "Russian"
        span = words[index : index + size]
        for key in (" ".join(span).casefold(), "-".join(span).casefold()):
            if len(span) == size and key in language_codes:
                return language_codes[key], size
    return None, 0


def _marker(text, language_codes):
    """(kind, code) when a line does nothing but name a text: "**English Translation**"."""
    if len(text) > 60:
        return None
    kind, code, _name, unknown = _parse(text, language_codes)
    return (kind, code) if kind in (TRANSCRIPTION, TRANSLATION) and not unknown else None


@dataclass
class _Text:
    """A text the body may hold: listed in the Contents, or the original they leave out."""

    kind: str
    language: str
    label: str
    listed: bool

    def named_by(self, marker):
        return marker is not None and marker[0] == self.kind and marker[1] in ("", self.language)


@dataclass
class _Block:
    """A run of non-blank lines: where a text may begin."""

    start: int  # index of its first line in the body
    end: int  # index after its last line
    number: int  # its first line's number in the file
    marker: tuple  # (kind, code) when its first line names a text, else None
    heading: bool  # its first line begins with "## "
    letters: int  # how much its language can be trusted
    scores: dict  # language code → language_id score


def split_texts(lines, listed, original_language, language_codes=None):
    """Cut the body `lines` (source.Line: everything after the Contents) into the texts the
    Contents list, in their order. Returns (sections, warnings); never raises.

    Every non-blank line ends up in exactly one section, except a line naming the text it
    begins ("Translation - English"), which is dropped. Without `language_codes`, such
    lines are understood in the language names the Contents use.
    """
    codes = language_codes
    if codes is None:
        codes = {entry.language_name.casefold(): entry.language for entry in listed}
        codes.pop("", None)
    texts = _texts(listed, original_language)
    candidates = {text.language for text in texts} | {original_language, "en"}
    blocks = _blocks(lines, codes, candidates)
    owner = _segment(blocks, texts)
    sections, warnings, last = [], [], None
    for number, text in enumerate(texts):
        mine = [block for block, j in zip(blocks, owner, strict=True) if j == number]
        body = _section_lines(lines, mine, text)
        if body:
            sections.append(Section(text.kind, text.language, text.label, body))
            last = mine
        elif text.listed:
            warnings.append(f"the Contents list “{text.label}”, but the file has no text for it")
    if sections:
        # Any language the tail may be in, not only the listed ones: an unlisted Chinese
        # translation after the English one is told from it as surely as Russian would be.
        languages = candidates | {code for code in codes.values() if language_id.knows(code)}
        warnings.extend(_unlisted_tail(lines, last, sections[-1], languages - {""}, codes))
    return sections, warnings


def _texts(listed, original_language):
    """The texts to look for, in order: the listed ones, perhaps after an unlisted original."""
    texts = []
    for entry in listed:
        if entry.kind == TRANSCRIPTION:  # "Transcript" alone is the original's
            texts.append(_Text(entry.kind, entry.language or original_language, entry.label, True))
        elif entry.kind == TRANSLATION:
            texts.append(_Text(entry.kind, entry.language, entry.label, True))
    if not texts:  # nothing listed: the body is the original, whatever headings it has
        return [_Text(TRANSCRIPTION, original_language, "", False)]
    if (
        original_language
        and all(text.kind != TRANSCRIPTION for text in texts)
        and texts[0].language != original_language  # else the two cannot be told apart
    ):
        texts.insert(0, _Text(TRANSCRIPTION, original_language, "", False))
    return texts


def _blocks(lines, codes, candidates):
    """The body's runs of non-blank lines, each with its cues and language scores."""
    blocks, start = [], None
    for index in range(len(lines) + 1):
        blank = index == len(lines) or not lines[index].text.strip()
        if not blank and start is None:
            start = index
        elif blank and start is not None:
            first = lines[start].text
            marker = _marker(first, codes)
            text = "\n".join(line.text for line in lines[start + bool(marker) : index])
            scores = language_id.language_scores(text, candidates)
            count = language_id.letter_count(text)
            heading = first.startswith(HEADING)
            blocks.append(_Block(start, index, lines[start].number, marker, heading, count, scores))
            start = None
    return blocks


def _segment(blocks, texts):
    """The text each block belongs to (indices into `texts`): the best-scoring cut.

    best[i][j] is the best (score, text of block i - 1) with block i in text j. Texts stay
    in order; a text may get no block. Ties go to the later cut, so that a block that does
    not tell (a date in figures, a signature) stays with the text before, and to leaving
    the later listed texts empty.
    """
    if not blocks:
        return []
    missing = [_MISSING_TEXT if text.listed else 0.0 for text in texts]
    languages = {text.language for text in texts}

    def fit(block, j):
        top = max(block.scores[language] for language in languages)
        return min(0.0, block.scores[texts[j].language] - top + _DOUBT)

    def start(block, j):  # the first block: only a line naming a text tells
        return _MARKER_BONUS if texts[j].named_by(block.marker) else 0.0

    def cue(block, j):
        if texts[j].named_by(block.marker):
            return _MARKER_BONUS
        return _HEADING_BONUS if block.heading and block.letters else _PLAIN_CUT

    best = [
        [
            (sum(missing[:j]) + fit(blocks[0], j) + start(blocks[0], j), None)
            for j in range(len(texts))
        ]
    ]
    for block in blocks[1:]:
        row = []
        for j in range(len(texts)):
            choice = (best[-1][j][0], j)
            for before in range(j):
                score = best[-1][before][0] + sum(missing[before + 1 : j]) + cue(block, j)
                if score >= choice[0] - _TIE:
                    choice = (score, before)
            row.append((choice[0] + fit(block, j), choice[1]))
        best.append(row)
    ends = [best[-1][j][0] + sum(missing[j + 1 :]) for j in range(len(texts))]
    j = next(j for j, score in enumerate(ends) if score >= max(ends) - _TIE)
    owner = []
    for row in reversed(best):
        owner.append(j)
        j = row[j][1]
    return owner[::-1]


def _section_lines(lines, blocks, text):
    """The lines of a text from its first block to its last, without a line naming it."""
    if not blocks:
        return []
    body = lines[blocks[0].start + text.named_by(blocks[0].marker) : blocks[-1].end]
    while body and not body[0].text.strip():
        body = body[1:]
    return body


def _unlisted_tail(lines, blocks, section, candidates, codes):
    """Warnings if the last text ends in other languages: texts the Contents forgot."""
    if not language_id.knows(section.language):
        return []
    languages = [section.language, *sorted(candidates - {section.language})]
    names = {code: name.title() for name, code in codes.items()}
    where = f"“{section.label}”" if section.label else "the original transcription"
    warnings = []
    while True:  # an English and then a Chinese translation, both unlisted: two warnings
        start, totals = _foreign_tail(lines, blocks, section.language, languages)
        other = max(languages, key=lambda code: totals[code])
        if start is None or totals[other] - totals[section.language] < _UNLISTED_TAIL:
            return warnings
        warnings.insert(
            0,
            f"from line {start.number} on the text seems to be in {names.get(other, other)}, "
            f"but the Contents list no text for it: it is kept in {where}",
        )
        blocks = blocks[: blocks.index(start)]


def _foreign_tail(lines, blocks, language, languages):
    """(first block, {language: summed score}) of the run of blocks at the end of a text
    that read as not in its `language`; (None, zeros) if there is none.

    The run is judged whole, as one text: a block alone may read as a neighbour of its
    language (a Russian line as Bulgarian), which is no reason to end the run there. A
    short block ("No. 3300", "中央档案馆") tells too little among all languages: it joins
    the run if it reads as the run's language rather than the text's.
    """
    start, totals = None, dict.fromkeys(languages, 0.0)
    for block in reversed(blocks[1:]):
        if not block.letters:
            continue
        text = "\n".join(line.text for line in lines[block.start : block.end])
        scores = language_id.language_scores(text, languages)
        if block.letters >= _TELLING_LETTERS:
            foreign = max(scores.values()) - scores[language] >= _DOUBT
        elif start is None:
            continue  # a signature or a date at the very end: any text may end so
        else:
            run = max(languages, key=lambda code: totals[code])
            foreign = scores[run] - scores[language] >= _DOUBT
        if not foreign:
            break
        start = block
        totals = {code: totals[code] + scores[code] for code in languages}
    return start, totals
