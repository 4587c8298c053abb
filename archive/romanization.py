"""Cyrillic in Latin letters, for search keys and for the ASCII slugs of URLs."""

import re
import unicodedata
from functools import lru_cache

# ALA-LC romanization of Russian (and the extra letters of Ukrainian and Belarusian),
# with its diacritics and ligature ties left off: й → i, э → e, ю → iu, я → ia.
ALA_LC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip


# One pass in C (str.translate), not a Python loop over the letters: search keys romanize
# every new word a results page shows.
_ALA_LC_TABLE = str.maketrans(ALA_LC)


def romanize(word):
    """ALA-LC romanization of the Cyrillic letters in a lower-case word."""
    return word.translate(_ALA_LC_TABLE)


@lru_cache(maxsize=20_000)
def slug(text, length=80):
    """An ASCII slug for a URL: "Шифртелеграмма № 21336" → "shifrtelegramma-21336"."""
    latin = unicodedata.normalize("NFKD", romanize(text.lower())).lower()  # "№" → "No" → "no"
    latin = latin.encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", latin)
    result = ""
    for word in words:
        if len(result) + len(word) + 1 > length:
            break
        result = f"{result}-{word}" if result else word
    return result
