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

from ..languages import CYRILLIC
from ..romanization import romanize

_RU_STEMMER = Stemmer.Stemmer("russian")
_EN_STEMMER = Stemmer.Stemmer("english")


# Spelling variants folded to one form, applied in this order to romanized text. Each is
# tried only if the key holds one of its needles (a substring any match contains): most
# keys hold none, and a search of a string is ten times cheaper than a substitution. ""
# is in every key.
_FOLDS = [
    (("ch",), re.compile(r"shch|sch"), "sch"),
    (("kh",), re.compile(r"kh"), "h"),
    (("x",), re.compile(r"x"), "ks"),
    (("w",), re.compile(r"w"), "v"),
    (("ts",), re.compile(r"ts"), "c"),
    # ё after a consonant: Fyodor, Pyotr, Khrushchyov → fedor, petr, hruschev.
    (("yo", "jo"), re.compile(r"(?<=[b-df-hj-np-tv-z])[yj]o"), "e"),
    # е written ye or je: Yeltsin, Jelzin → eltsin.
    (("ye", "je"), re.compile(r"[yj]e"), "e"),
    # y or j for й, or softening a vowel (Yakov, Ridzhuey, Kornyushina) is i; a y between
    # consonants or at the end after one is ы, and stays y: peregovory, byl (not bill).
    (("y", "j"), re.compile(r"[yj](?=[aeiou])|(?<=[aeiou])[yj]|^[yj]"), "i"),
    # Doubled letters (not digits: "op. 11" is not "op. 1"): Filippov, Filipov.
    (("",), re.compile(r"([a-z])\1+"), r"\1"),
]

# Letters, digits and marks; not the underscore, which no tokenizer keeps in a word.
WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]")

# Words too common to search for, per language: compared as written, so that the Chinese
# name Li is not taken for the Russian ли.
STOP_WORDS = frozenset(
    """
    a an and are as at be but by for from had has have he her his i if in into is it its of on
    or s that the their there these they this to was were which will with
    а без бы в во вот все да для до его ее же за и из или им их к как ко ли мы на над не ни
    о об он она они от по под при с со так то ты у что это я
    """.split()
)

# Written between the parts of a field (names, passages) and at its end, so that no phrase
# runs from one part into the next. Not a word (keys are made of WORD's letters and digits):
# no query ever contains it, and no word's key is taken for it. (It was "the", a stop word,
# until the words keyed so — Тхэ, as Russian writes a Korean name, "thees" stemmed — were
# found to be left out of the index.)
SEPARATOR = "¶"


def strip_marks(text):
    """Drop combining diacritics: é → e, and ĭ → i (Cyrillic й is romanized first)."""
    if text.isascii():
        return text  # nothing to decompose: most keys, romanized Cyrillic among them
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(romanized):
    """Fold romanized spelling variants to one key: "Khrushchyov" and "Hruschev" agree."""
    key = romanized
    for needles, pattern, replacement in _FOLDS:
        for needle in needles:
            if needle in key:
                key = pattern.sub(replacement, key)
                break
    return key


def prepare(word):
    """Case-folded, compatibility-normalized, ё as е."""
    return unicodedata.normalize("NFKC", word).casefold().replace("ё", "е")


_ROMANIZED_RUSSIAN_STOP_WORDS = frozenset(
    fold(romanize(word)) for word in STOP_WORDS if CYRILLIC.search(word)
)


def is_romanized_russian_stop_word(word):
    """Whether a Latin word is a Russian stop word romanized ("o", "na", "v"): in a phrase
    typed in Latin for Russian, it stands where the Russian text has a stop word."""
    plain = strip_marks(prepare(word))
    return plain.isascii() and fold(plain) in _ROMANIZED_RUSSIAN_STOP_WORDS


# Longer "words" are noise (a run of digits, a pasted hash); PostgreSQL ignores lexemes
# over 2 KB, and shorter keys keep both indexes alike.
MAX_WORD_LENGTH = 64


@lru_cache(maxsize=200_000)
def word_keys(word):
    """(form key, stem key) of one word; the two are equal when stemming changes nothing.

    A word of only soft or hard signs (ъ, ь) has empty keys: see searchable().
    """
    word = prepare(word)[:MAX_WORD_LENGTH]
    if CYRILLIC.search(word):
        stem = _RU_STEMMER.stemWord(word)
        return fold(strip_marks(romanize(word))), fold(strip_marks(romanize(stem)))
    plain = strip_marks(word)
    if _LATIN.search(plain):
        return fold(plain), fold(_EN_STEMMER.stemWord(plain))
    return plain, plain


@lru_cache(maxsize=200_000)
def searchable(word):
    """The keys of a word that is searched for and indexed; None for stop words and signs."""
    if prepare(word) in STOP_WORDS:
        return None
    form, stem = word_keys(word)
    if not form:
        return None
    return form, stem or form


def words(text):
    """The words of a text, in order, as written (with their offsets, for highlighting)."""
    return [(match.group(), match.start(), match.end()) for match in WORD.finditer(text)]


def index_keys(parts):
    """Two parallel key streams for the parts of a field: forms and stems, stop words out.

    They are parallel so that a phrase found in one stream is found at the same
    positions in the other. Each part ends with SEPARATOR.
    """
    forms, stems = [], []
    for part in parts:
        for match in WORD.finditer(part):
            keys = searchable(match.group())
            if keys:
                forms.append(keys[0])
                stems.append(keys[1])
        forms.append(SEPARATOR)
        stems.append(SEPARATOR)
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
    keys = set(searchable(word) or ())
    reading = russian_reading(word)
    if keys and reading:
        keys.add(reading)
        plain = strip_marks(prepare(word))
        if "j" in plain:
            keys.add(fold(plain.replace("j", "zh")))
    return tuple(sorted(key for key in keys if key))


# A prefix may stop inside a spelling that folds: "Mik" may be the start of "Mikh" (→ mih),
# "Bat" of "Bats" (→ bac), "Khrush" of "Khrushch" (→ hrusch). Each such ending is also
# searched as completed.
_COMPLETIONS = [("shc", "h"), ("sh", "ch"), ("k", "h"), ("z", "h"), ("c", "h"), ("s", "h"),
                ("t", "s"), ("y", "e"), ("j", "e")]  # fmt: skip


@lru_cache(maxsize=50_000)
def prefix_keys(word):
    """The keys whose beginnings a prefix query (word*) matches."""
    form = word_keys(word)[0]
    keys = {form} if form else set()
    plain = prepare(word)
    if CYRILLIC.search(plain):
        plain = romanize(plain)
    plain = strip_marks(plain)
    for ending, completion in _COMPLETIONS:
        if plain.endswith(ending):
            keys.add(fold(plain + completion))
    return tuple(sorted(key for key in keys if key))
