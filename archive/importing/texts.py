"""A record's texts: each cut into passages and notes, and all aligned with one another.

sections.py says which lines are which text. Here each text becomes blocks
(blocks.py), loses its notes to a list of their own (archive.sources.notes), and
is read for its structure. The texts are then aligned with the *reference*
text — the original transcription, or the first translation when the original is
lost or not transcribed — so that passages of any two texts with one alignment
key stand side by side: the Russian translation of a lost Korean original beside
its English translation, as well as an original beside either.
"""

import itertools
import re
from dataclasses import dataclass, field

from ..sources.notes import split_notes
from . import aligner
from .blocks import blocks_of, is_stamp_block, quote_marks, read_text
from .sections import TRANSCRIPTION

_MARKDOWN_HEADING = re.compile(r"^#{1,6} (?=\S)")


@dataclass
class Text:
    """One text of the record as read: its passages (blocks) and its notes."""

    kind: str
    language: str
    label: str
    blocks: list
    notes: list = field(default_factory=list)  # archive.sources.notes.FoundNote

    @property
    def is_original(self):
        return self.kind == TRANSCRIPTION


def read_texts(sections, terms):
    """([Text], the archive's stamps on the original's first page) for the record's sections."""
    texts, stamps = [], []
    for section in sections:
        blocks = blocks_of(section.lines)
        first = section.kind == TRANSCRIPTION and not texts
        if first and len(blocks) > 1 and is_stamp_block(blocks[0]):
            stamps = blocks.pop(0).content.split("\n")
        for block in blocks:
            heading = _MARKDOWN_HEADING.match(block.content)
            if heading and "\n" not in block.content:
                # A "## " heading of the Markdown the record was written in: the heading.
                block.content = block.content[heading.end() :]
                block.kind = "heading"
        kept, notes = split_notes([block.content for block in blocks])
        blocks = read_text([blocks[index] for index in kept], terms)
        texts.append(Text(section.kind, section.language, section.label, blocks, notes))
    return texts, stamps


def reference_of(texts):
    """The text the others are aligned with: the first original transcription, else the first."""
    return next((text for text in texts if text.is_original), texts[0] if texts else None)


def align_all(texts, terms):
    """Alignment keys on every text, numbered 1, 2, 3… in the reference text's order.

    `terms` says which persons and places a passage names (its `names_in()`).
    """
    reference = reference_of(texts)
    others = [text for text in texts if text is not reference]
    for text in others:
        _align(reference.blocks, text.blocks, terms)
    _renumber_keys(reference.blocks, [text.blocks for text in others])


def _align(original, translation, terms):
    """Alignment keys on both texts; a translation passage takes its counterpart's structure.

    An original passage paired in an earlier translation keeps its key for the next.
    """
    pairs = aligner.align(
        [aligner.features(block, terms) for block in original],
        [aligner.features(block, terms) for block in translation],
    )
    # New keys follow the earlier translations' keys; _renumber_keys() puts them in order.
    new_keys = itertools.count(1 + max((block.alignment_key or 0 for block in original), default=0))
    for mine, theirs in pairs:
        counterpart = original[mine[0]]
        if counterpart.alignment_key is None:
            counterpart.alignment_key = next(new_keys)
        for index in mine:
            original[index].alignment_key = counterpart.alignment_key
        for index in theirs:
            block = translation[index]
            block.alignment_key = counterpart.alignment_key
            if counterpart.kind != "table" or "\t" in block.content:
                block.kind = counterpart.kind
            block.zone = counterpart.zone
    _carry_quote_depth(translation, original)


def _renumber_keys(original, translations):
    """Keys 1, 2, 3… in the original's order, whatever order the translations gave them."""
    numbers = {}
    for block in original:
        if block.alignment_key is not None:
            numbers.setdefault(block.alignment_key, len(numbers) + 1)
    for block in [*original, *(b for blocks in translations for b in blocks)]:
        if block.alignment_key is not None:
            block.alignment_key = numbers[block.alignment_key]


def _carry_quote_depth(translation, original):
    """The original's quotation structure for paired passages; the rest follow their own marks."""
    by_key = {}
    for block in original:
        if block.alignment_key is not None:
            by_key.setdefault(block.alignment_key, block.quote_depth)
    depth = 0
    for block in translation:
        if block.zone != "body":
            block.quote_depth = 0
            continue
        marks = quote_marks(block.content)
        opens_here = bool(marks) and marks[0][1] > 0 and not block.content[: marks[0][0]].strip()
        if block.alignment_key in by_key:
            block.quote_depth = by_key[block.alignment_key]
            depth = block.quote_depth - (1 if opens_here else 0)
        else:
            block.quote_depth = depth + (1 if opens_here else 0)
        depth = max(0, depth + sum(step for _offset, step in marks))


def entry(text):
    """The exchange-format entry of a text (its code is given by the caller)."""
    return {
        "code": "",
        "language": text.language,
        "kind": text.kind,
        "credit": "",
        "label": text.label,
        "passages": [
            {
                "alignment_key": block.alignment_key,
                "kind": block.kind,
                "quote_depth": block.quote_depth,
                "run_in": block.run_in,
                "content": block.content,  # NFC: the file's text was made NFC on reading
            }
            for block in text.blocks
        ],
        "notes": [
            {"label": note.label, "marker": note.marker, "kind": note.kind, "content": note.content}
            for note in text.notes
        ],
    }
