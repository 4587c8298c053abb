"""Pair the passages of an original with those of a translation, keeping both in order.

A dynamic-programming alignment, as for sentences in parallel corpora: each pair
is scored by what survives translation — numbers and dates, the persons and
places named (found under any of their names), capitalized words that romanize
alike ("СЕРИЯ" and "SERIES"), the kind and zone of the passage, and length. One
passage may stand beside two of the other text ("№ 3261 / 30.6" beside "No. 3261"
and "30.6"); a passage with no good counterpart stays unpaired.
"""

import math
import re
from dataclasses import dataclass

from ..search.text import word_keys

THRESHOLD = 0.3  # a pair must score above this to be worth making
MERGE_COST = 0.3  # a one-to-two pair must beat the one-to-one pair by this much
_NUMBER = re.compile(r"\d+")
_CAPITALIZED = re.compile(r"\b[^\W\d_][^\W_]{3,}")


@dataclass(frozen=True)
class Features:
    numbers: frozenset
    names: frozenset
    prefixes: frozenset
    kind: str
    zone: str
    length: int

    def __add__(self, other):
        return Features(
            self.numbers | other.numbers,
            self.names | other.names,
            self.prefixes | other.prefixes,
            self.kind,
            self.zone,
            self.length + other.length,
        )


def features(block, terms):
    """What survives translation in a block; `terms.names_in(text)` finds its names."""
    text = block.content
    numbers = frozenset(str(int(n)) for n in _NUMBER.findall(text))
    names = frozenset(terms.names_in(text))
    prefixes = frozenset(  # search's form key: romanized, unmarked, spelling variants folded
        word_keys(word)[0][:4] for word in _CAPITALIZED.findall(text) if word[0].isupper()
    )
    return Features(numbers, names, prefixes, block.kind, block.zone, weighted_length(text))


# A Han character or a Hangul syllable says about as much as three letters of an alphabet:
# a Chinese paragraph is a third of its English translation's length, and that is a match.
_DENSE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af\u3040-\u30ff]")


def weighted_length(text):
    return len(text) + 2 * len(_DENSE.findall(text))


def _overlap(a, b):
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a, b):
    score = 0.0
    for mine, theirs, weight, missing in (
        (a.numbers, b.numbers, 2.0, 0.5),
        (a.names, b.names, 2.0, 0.3),
    ):
        if mine and theirs:
            score += weight * _overlap(mine, theirs)
        elif mine or theirs:
            score -= missing
    if a.prefixes and b.prefixes:
        score += len(a.prefixes & b.prefixes) / min(len(a.prefixes), len(b.prefixes))
    score += 0.5 if a.kind == b.kind else 0.0
    score += 0.3 if a.zone == b.zone else -0.7
    score -= 0.8 * min(1.5, abs(math.log((a.length + 20) / (b.length + 20))))
    return score


def align(original, translation):
    """Pairs of (original indices, translation indices) for two lists of Features, in order."""
    n, m = len(original), len(translation)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            options = []
            if i:
                options.append((best[i - 1][j], (1, 0)))
            if j:
                options.append((best[i][j - 1], (0, 1)))
            if i and j:
                gain = similarity(original[i - 1], translation[j - 1]) - THRESHOLD
                options.append((best[i - 1][j - 1] + gain, (1, 1)))
            if i and j >= 2:
                merged = translation[j - 2] + translation[j - 1]
                gain = similarity(original[i - 1], merged) - THRESHOLD - MERGE_COST
                options.append((best[i - 1][j - 2] + gain, (1, 2)))
            if i >= 2 and j:
                merged = original[i - 2] + original[i - 1]
                gain = similarity(merged, translation[j - 1]) - THRESHOLD - MERGE_COST
                options.append((best[i - 2][j - 1] + gain, (2, 1)))
            best[i][j], step[i][j] = max(options, key=lambda option: option[0])
    pairs, i, j = [], n, m
    while i or j:
        di, dj = step[i][j]
        if di and dj:
            pairs.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return pairs[::-1]
