"""Finding who or what a name means, under any of its spellings, in any script or case.

Names are compared as search keys (archive.search.text): case, script, spelling
variants and inflection do not matter, so "ФИЛИПОВУ", "Filippov" and "Филиппов"
all find Stalin through his aliases, "Ким Ир Сена" finds Kim Il Sung, and
"ПЕКИНА" finds Beijing. Each word matches by its form key or its stem key,
either way round, because a stemmer cuts inflected forms unevenly ("Корея" to
"kore", "Корее" to "kor", whose form key is "kore").
"""

import itertools
import re
from functools import lru_cache

from .search.text import searchable, word_keys, words

# Longest name, in words, looked for in running text ("Иосиф Виссарионович Сталин").
LONGEST_NAME = 4
_AMBIGUOUS = object()


_TRAILING_VOWELS = re.compile(r"[aeiouy]+$")


@lru_cache(maxsize=100_000)
def _keys_of(word):
    """The keys one word matches by, or None for a stop word."""
    found = searchable(word)
    if not found and _is_initial(word):
        # "В. Кузнецов", "A. Gromyko": a capital letter alone is an initial, part of the
        # name, though "в" and "a" in running text are stop words.
        found = word_keys(word)[:1]
    if not found:
        return None
    keys = list(dict.fromkeys(found))  # (form, stem), or (form,) if the same
    if len(word) >= 5 and word[0].isupper():
        # A capitalized name's consonant frame: "Корея", "Кореи", "Корее" all give "kor",
        # where the stemmer makes "kore" of one and "kor" of the others.
        keys.append("~" + _TRAILING_VOWELS.sub("", found[0]))
    return tuple(keys)


def _is_initial(word):
    return len(word) == 1 and word.isupper()


def word_variants(word_list):
    """The keys a run of words can be matched by: all forms first, then with stems mixed in.

    None if a word has no key (a stop word): a name never begins, ends or breaks there.
    """
    per_word = [_keys_of(word) for word in word_list]
    if not per_word or None in per_word:
        return None
    return list(itertools.product(*per_word))


def _distance(a, b):
    """Letters inserted, dropped or changed to make one key of the other (Levenshtein)."""
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class NameIndex:
    """Objects by their names: whole names, and surnames that may stand alone in a text.

    A surname alone ("Малика", "Ridgway") finds its object only if no two objects
    share it; a whole name shared by two objects finds the first added. A family name
    written first ("Kim" of Kim Il Sung, "Mao") is not alone when a capitalized word
    follows it: "Kim Jong Il" is not Kim Il Sung, so in running text such a surname
    finds its object only if the next word begins as one of the object's given names
    does, or they as it ("Mao Tsetung" for Mao Tse-tung, "Мао Цзэдун" for Mao Zedong).
    """

    def __init__(self):
        self._names = {}
        self._surnames = {}
        self._first_keys = set()  # keys a name of two or more words can begin with
        self._given_names = {}  # family name written first → keys of the word after it
        # A record's passages are scanned for names more than once (alignment, mentions):
        # the answers are kept until the index changes, a few thousand at most.
        self._scanned = {}

    def add(self, item, names, surnames=(), family_first=False):
        self._scanned.clear()
        for name in filter(None, names):
            tokens = [word for word, _start, _end in words(name)]
            for variant in word_variants(tokens) or []:
                if len(variant) <= LONGEST_NAME:
                    self._names.setdefault(variant, item)
                    if len(variant) > 1:
                        self._first_keys.add(variant[0])
        for surname in filter(None, surnames):
            for variant in word_variants([w for w, _s, _e in words(surname)]) or []:
                if len(variant) == 1:
                    known = self._surnames.get(variant)
                    self._surnames[variant] = item if known in (None, item) else _AMBIGUOUS
                    if family_first:
                        self._given_names.setdefault(variant, set()).update(
                            _given_after(variant[0], names)
                        )

    def remove(self, item):
        self._scanned.clear()
        for table in (self._names, self._surnames):
            for key in [key for key, value in table.items() if value is item]:
                del table[key]

    def find(self, name):
        """The object a whole name means, or None."""
        return self._lookup([word for word, _start, _end in words(name)], surnames=False)

    def find_or_surname(self, name):
        """find(), or the one object whose surname the name is."""
        return self._lookup([word for word, _start, _end in words(name)], surnames=True)

    def scan(self, text):
        """(object, start, end) for each name in running text, longest names first."""
        if not self._names and not self._surnames:
            return []  # a record's new persons, most often none
        if text in self._scanned:
            return list(self._scanned[text])
        if len(self._scanned) >= 4096:
            self._scanned.clear()
        self._scanned[text] = found = self._scan(text)
        return list(found)

    def _scan(self, text):
        found, tokens, i = [], words(text), 0
        while i < len(tokens):
            first = _keys_of(tokens[i][0]) or ()
            longest = LONGEST_NAME if self._first_keys.intersection(first) else 1
            for length in range(min(longest, len(tokens) - i), 0, -1):
                window = [word for word, _start, _end in tokens[i : i + length]]
                item = self._lookup(window, surnames=length == 1)
                if item is not None and length == 1 and self._given_names:
                    following = tokens[i + 1] if i + 1 < len(tokens) else None
                    if not self._alone(window[0], text, tokens[i][2], following):
                        item = None
                if item is not None:
                    found.append((item, tokens[i][1], tokens[i + length - 1][2]))
                    i += length
                    break
            else:
                i += 1
        return found

    def _alone(self, word, text, end, following):
        """Whether a family name written first stands alone here, or begins the name of
        someone the index does not know ("Kim" in "Kim Jong Il"). Other words: True."""
        given = None
        for variant in word_variants([word]) or []:
            given = self._given_names.get(variant, given)
        if given is None or following is None:
            return True
        next_word, start, _end = following
        if not next_word[:1].isupper() or not text[end:start].isspace():
            return True  # "Kim said", "Mao, Zhou": no name goes on
        keys = [key.lstrip("~") for key in _keys_of(next_word) or ()]
        return any(
            key.startswith(known) or known.startswith(key) for key in keys for known in given
        )

    def nearest(self, name, longest=1):
        """The one object a name of six letters or more misses by a letter ("Flippov" for
        Filippov, "Roshin" for Roshchin), or None; ambiguous near misses find nothing."""
        tokens = [word for word, _start, _end in words(name)]
        variants = word_variants(tokens) if tokens else None
        if not variants or sum(len(token) for token in tokens) < 6:
            return None
        wanted = variants[0]  # the words' form keys
        found = set()
        for key, item in self._names.items():
            if len(key) != len(wanted) or key[0][:1] != wanted[0][:1]:
                continue
            if sum(_distance(a, b) for a, b in zip(key, wanted, strict=True)) <= longest:
                found.add(id(item))
                match = item
        return match if len(found) == 1 else None

    def _lookup(self, window, surnames):
        variants = word_variants(window) if window else None
        if not variants:
            return None
        for variant in variants:
            if variant in self._names:
                return self._names[variant]
        if surnames and len(window) == 1:
            for variant in variants:
                item = self._surnames.get(variant)
                if item is not None:
                    return None if item is _AMBIGUOUS else item
        return None


def _given_after(family_key, names):
    """The keys of the word after a family name in `names` ("zedong" of "Mao Zedong")."""
    given = set()
    for name in filter(None, names):
        tokens = [word for word, _start, _end in words(name)]
        if len(tokens) < 2 or family_key not in (_keys_of(tokens[0]) or ()):
            continue
        given.update(key.lstrip("~") for key in _keys_of(tokens[1]) or ())
    return given
