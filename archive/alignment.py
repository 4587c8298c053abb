"""Line up the passages of an original and a translation, row by row.

Passages that share an alignment key stand in one row; consecutive passages of
one text with the same key share a cell (two Russian paragraphs rendered as one
English paragraph). A passage with no counterpart gets a row of its own, where
it stands in its text, so nothing is dropped and both texts keep their order.
"""

from dataclasses import dataclass, field
from itertools import groupby

ORIGINAL, TRANSLATION = "transcription", "translation"


@dataclass
class Row:
    original: list = field(default_factory=list)
    translation: list = field(default_factory=list)

    @property
    def key(self):
        return (self.original or self.translation)[0].alignment_key

    @property
    def is_aligned(self):
        return bool(self.original and self.translation)


def _groups(passages):
    """Runs of consecutive passages: one per shared key, one per passage without a key."""
    groups = []
    for key, run in groupby(passages, key=lambda p: p.alignment_key):
        run = list(run)
        if key is None:
            groups.extend([p] for p in run)
        else:
            groups.append(run)
    return groups


def align(original, translation):
    """Rows for two sequences of passages, each already in its text's order."""
    left, right = _groups(original), _groups(translation)
    # Where each key first appears among the translation's groups.
    right_index = {}
    for index, group in enumerate(right):
        key = group[0].alignment_key
        if key is not None:
            right_index.setdefault(key, index)

    rows, j = [], 0
    for group in left:
        key = group[0].alignment_key
        match = right_index.get(key) if key is not None else None
        if match is None or match < j:
            rows.append(Row(original=group))
            continue
        # Translation passages before the counterpart have none of their own.
        rows.extend(Row(translation=pending) for pending in right[j:match])
        rows.append(Row(original=group, translation=right[match]))
        j = match + 1
    rows.extend(Row(translation=pending) for pending in right[j:])
    return rows


def choose_pair(texts, left_code="", right_code=""):
    """(left, right) of the texts to show side by side; right is None for a lone text.

    Asked for by code (?left=ru&right=en, ?translation=en), else by default: the
    original beside the English translation (or its first translation); where there is
    no original transcription, two translations, the English one on the right.
    """
    if not texts:
        return None, None
    by_code = {text.code: text for text in texts}
    original = next((text for text in texts if text.kind == ORIGINAL), None)
    left = by_code.get(left_code) or original
    if left is None:
        english = [text for text in texts if text.language == "en"]
        left = next((text for text in texts if text not in english[:1]), texts[0])
    others = [text for text in texts if text is not left]
    right = by_code.get(right_code) if by_code.get(right_code) is not left else None
    if right is None and others:
        preferred = [t for t in others if t.kind == TRANSLATION and t.language == "en"]
        right = (preferred or [t for t in others if t.kind == TRANSLATION] or others)[0]
    return left, right
