"""Words into search keys that are the same in either script, either case, any inflection.

Every word of a document and of a query becomes up to two keys:

* its *form* key: the word romanized (Cyrillic by ALA-LC, without diacritics),
  then folded so that the usual spelling variants agree (kh/h, y/j/i, ye/e,
  ts/c, shch/sch, x/ks, doubled letters, soft and hard signs dropped);
* its *stem* key: the same, applied to the word's Snowball stem (Russian for
  Cyrillic words, English for Latin ones).

So "Малика" has the keys "malika" and "malik", and the query "Malik" finds it;
"ГЕНШТАБА" has "genshtab" as a stem key, which the query "Genshtab" gives as its
form key. Matching is done on keys only; the text shown is never altered.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

_RU_STEMMER = Stemmer.Stemmer("russian")
_EN_STEMMER = Stemmer.Stemmer("english")

# ALA-LC romanization of Russian (and the extra letters of Ukrainian and Belarusian),
# with its diacritics and ligature ties left off: й → i, э → e, ю → iu, я → ia.
ALA_LC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip

# Spelling variants folded to one form, applied in this order to romanized text.
_FOLDS = [
    (re.compile(r"shch|sch"), "sch"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"[yj][eo]"), "e"),
    (re.compile(r"[yj]"), "i"),
    # Doubled letters (not digits: "op. 11" is not "op. 1"): Filippov, Filipov.
    (re.compile(r"([a-z])\1+"), r"\1"),
]

WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")

# Words too common to search for, as keys, so that both languages share one list.
_STOP_WORDS = """
a an and are as at be but by for from had has have he her his i if in into is it its of on or
s that the their there these they this to was were which will with
а без бы в во вот все да для до его ее же за и из или им их к как ко ли мы на над не ни
о об он она они от по под при с со так то ты у что это я
"""


def romanize(word):
    """ALA-LC romanization of the Cyrillic letters in a lower-case word."""
    return "".join(ALA_LC.get(letter, letter) for letter in word)


def strip_marks(text):
    """Drop combining diacritics: é → e, and ĭ → i (Cyrillic й is romanized first)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(romanized):
    """Fold romanized spelling variants to one key: "Khrushchyov" and "Hruschev" agree."""
    key = romanized
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def prepare(word):
    """Case-folded, compatibility-normalized, ё as е."""
    return unicodedata.normalize("NFKC", word).casefold().replace("ё", "е")


# Longer "words" are noise (a run of digits, a pasted hash); both backends cap tokens.
MAX_WORD_LENGTH = 64


@lru_cache(maxsize=200_000)
def word_keys(word):
    """(form key, stem key) of one word; the two are equal when stemming changes nothing."""
    word = prepare(word)[:MAX_WORD_LENGTH]
    if _CYRILLIC.search(word):
        return fold(strip_marks(romanize(word))), fold(
            strip_marks(romanize(_RU_STEMMER.stemWord(word)))
        )
    plain = strip_marks(word)
    if _LATIN.search(plain):
        return fold(plain), fold(_EN_STEMMER.stemWord(plain))
    return plain, plain


STOP_KEYS = frozenset(word_keys(word)[0] for word in _STOP_WORDS.split())


def words(text):
    """The words of a text, in order, as written (with their offsets, for highlighting)."""
    return [(match.group(), match.start(), match.end()) for match in WORD.finditer(text)]


def is_stop_word(word):
    return word_keys(word)[0] in STOP_KEYS


def index_keys(text):
    """Two parallel key streams for a text: forms and stems, stop words left out.

    They are parallel so that a phrase found in one stream is found at the same
    positions in the other.
    """
    forms, stems = [], []
    for word, _start, _end in words(text.replace("_", " ")):
        form, stem = word_keys(word)
        if form in STOP_KEYS:
            continue
        forms.append(form)
        stems.append(stem)
    return " ".join(forms), " ".join(stems)


# Latin back to Cyrillic, longest spellings first, so that a romanized query can be
# stemmed by the Russian stemmer: "peregovory" → "переговоры" → "переговор".
_CYRILLIZE = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("ya", "я"), ("ia", "я"), ("yu", "ю"), ("iu", "ю"), ("yo", "ё"),
    ("ye", "е"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"),
    ("e", "е"), ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"),
]  # fmt: skip
_CYRILLIZE_PATTERN = re.compile("|".join(latin for latin, _ in _CYRILLIZE) + "|y")
_CYRILLIZE_MAP = dict(_CYRILLIZE)


def _cyrillize(word):
    def letter(match):
        text = match.group()
        if text == "y":
            # After a vowel y is й ("Ridzhuey"); after a consonant, ы ("peregovory").
            before = word[match.start() - 1] if match.start() else ""
            return "й" if before in "aeiouy" else "ы"
        return _CYRILLIZE_MAP[text]

    return _CYRILLIZE_PATTERN.sub(letter, word)


@lru_cache(maxsize=50_000)
def russian_reading(word):
    """For a Latin word, the stem key of the Russian word it may romanize; else None.

    "Malika" → малика → малик → "malik"; "peregovory" → переговоры → "peregovor".
    """
    plain = strip_marks(prepare(word))
    if not (plain.isascii() and _LATIN.search(plain)):
        return None
    return fold(romanize(_RU_STEMMER.stemWord(_cyrillize(plain))))


@lru_cache(maxsize=50_000)
def query_keys(word):
    """Every key a query word may match, so that all plausible spellings meet.

    A Latin word is also read as romanized Russian (its Russian stem, and "j" as
    "zh" as well as "y"), because the historian typing "Malika" or "Zhukov" means
    the Cyrillic word.
    """
    keys = set(word_keys(word))
    reading = russian_reading(word)
    if reading:
        keys.add(reading)
        plain = strip_marks(prepare(word))
        if "j" in plain:
            keys.add(fold(plain.replace("j", "zh")))
    return tuple(sorted(key for key in keys if key))


@lru_cache(maxsize=50_000)
def prefix_key(word):
    """The key a prefix query matches the beginnings of: its form key."""
    return word_keys(word)[0]
