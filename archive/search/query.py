"""What a historian types, read into words, phrases, prefixes and exclusions.

The syntax: several words (all must match), "quoted phrases" (any quotation
marks: "…", «…», “…”, „…“), prefix* , -exclusion (or NOT word), and OR between
two alternatives. Nothing typed is an error: stray quotes, bare operators,
control characters and very long queries are tidied up, and what was done is
said in `messages`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .text import (
    is_romanized_russian_stop_word,
    prefix_keys,
    query_keys,
    russian_reading,
    searchable,
    words,
)

MAX_QUERY_LENGTH = 500
MAX_CLAUSES = 20
# Shorter prefixes would match a large part of any vocabulary.
MIN_PREFIX_LENGTH = 2

_QUOTES = str.maketrans({q: '"' for q in "«»“”„‟″〝〞＂"})
_TOKEN = re.compile(r'(?P<sign>[-+]?)"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+)')


@dataclass(frozen=True)
class Term:
    """One word: matches a text word having any of `keys`, or one of whose form key
    begins with any of `prefixes` (for word*)."""

    text: str
    keys: tuple = ()
    prefixes: tuple = ()


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together, in any of its `variants`.

    Each variant is (stream, key sequence): the words' form keys to be found in
    the form stream, or their stem keys (English or Russian reading) in the stem
    stream, as the index stores them.
    """

    text: str
    words: tuple
    variants: tuple


@dataclass
class ParsedQuery:
    raw: str
    # Every clause must match; a clause is a tuple of alternatives (Term or Phrase).
    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    # Whether the glossary's forms have joined the clauses (see expand()): done once, when
    # the query is first matched, so that the results' highlighting marks them too.
    expanded: bool = False

    def __bool__(self):
        return bool(self.clauses or self.excluded)

    @property
    def positive_items(self):
        return [item for clause in self.clauses for item in clause]


def parse(raw):
    """Read a query string; never raises."""
    query = ParsedQuery(raw=raw or "")
    text = _clean(query)
    if text.count('"') % 2:
        # An unbalanced quotation mark: the words after it are searched as words.
        position = text.rfind('"')
        text = text[:position] + " " + text[position + 1 :]
        query.messages.append("A quotation mark was not closed, so it was ignored.")

    pending_or = negate_next = False
    dropped_common = []
    for match in _TOKEN.finditer(text):
        if match["word"] in ("AND", "&&", "NEAR"):
            continue
        if match["word"] in ("OR", "|", "||"):
            pending_or = bool(query.clauses)
            continue
        if match["word"] in ("NOT", "!"):
            negate_next = True
            continue
        if match["phrase"] is not None:
            negative, item = match["sign"] == "-", _phrase(match["phrase"], dropped_common)
        else:
            word = match["word"]
            negative = word.startswith("-") and len(word) > 1
            item = _word(word.lstrip("-+"), dropped_common, query)
        negative = negative or negate_next
        negate_next = False
        if item is None:
            continue
        if negative:
            query.excluded.append(item)
        elif pending_or:
            query.clauses[-1] = (*query.clauses[-1], item)
        else:
            query.clauses.append((item,))
        pending_or = False

    if len(query.clauses) > MAX_CLAUSES:
        query.clauses = query.clauses[:MAX_CLAUSES]
        query.messages.append(f"Only the first {MAX_CLAUSES} search terms were used.")
    if dropped_common and not query:
        query.messages.append(
            "The query has only very common words (such as "
            + ", ".join(f"“{w}”" for w in dropped_common[:3])
            + "), which every document contains; add a more specific word."
        )
    elif dropped_common:
        query.messages.append(
            "Very common words were left out: " + ", ".join(f"“{w}”" for w in dropped_common[:5])
        )
    return query


def _clean(query):
    text = unicodedata.normalize("NFKC", query.raw)
    # Control characters (NUL included) are never part of a search.
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        query.messages.append(f"The query was cut to its first {MAX_QUERY_LENGTH} characters.")
    return text.translate(_QUOTES)


def _word(token, dropped_common, query):
    is_prefix = token.endswith("*")
    parts = [word for word, _start, _end in words(token)]
    if not parts:
        return None  # bare operators and punctuation: *, ^, :, NEAR( …
    if len(parts) > 1 and not is_prefix:
        # "Il-sung", "f.45": written as one, indexed as neighbouring words.
        return _phrase(token, dropped_common)
    word = parts[-1] if is_prefix else parts[0]
    if is_prefix:
        prefixes = prefix_keys(word)
        if not prefixes or min(len(key) for key in prefixes) < MIN_PREFIX_LENGTH:
            query.messages.append(f"“{token}” is too short a beginning to search for.")
            return None
        return Term(text=token, prefixes=prefixes)
    keys = query_keys(word)
    if not keys:
        if searchable(word) is None and word.strip("ъьЪЬ"):
            dropped_common.append(word)
        return None
    return Term(text=token, keys=keys)


def _phrase(text, dropped_common):
    content = [word for word, _start, _end in words(text)]
    kept = [word for word in content if searchable(word)]
    dropped_common.extend(word for word in content if word not in kept and word.strip("ъьЪЬ"))
    if not kept:
        return None
    if len(kept) == 1:
        return Term(text=kept[0], keys=query_keys(kept[0]))
    keys = [searchable(word) for word in kept]
    # The same words read as romanized Russian: "prekrashcheniia voennykh", "peregovory o
    # peremirii", where "o" stands for a Russian stop word the index leaves out.
    russian = tuple(
        russian_reading(word) or key[1]
        for word, key in zip(kept, keys, strict=True)
        if not is_romanized_russian_stop_word(word)
    )
    variants = {
        ("form", tuple(form for form, _stem in keys)),
        ("stem", tuple(stem for _form, stem in keys)),
    }
    if russian:
        variants.add(("stem", russian))
    return Phrase(text=text, words=tuple(kept), variants=tuple(sorted(variants)))


def any_of(texts):
    """One clause matching any of `texts`, each a word or a phrase; None if none of them
    can be searched (only very common words)."""
    items = []
    for text in texts:
        item = _phrase(text, [])
        if item is not None and item not in items:
            items.append(item)
    return tuple(items) or None


def key_words(text):
    """The words of a text as the index compares them (script and case folded), common
    words left out: "ГЕНШТАБА" and "genshtaba" alike."""
    found = (searchable(word) for word, _start, _end in words(text))
    return tuple(keys[0] for keys in found if keys)


def expand(query, glossary):
    """Add the forms of the glossary terms the query names to the clauses that name them.

    `glossary` is [(names, forms)], one pair per entry: what may be typed for it (its
    forms and its senses' labels) and the forms to search for. "General Staff" typed as
    words or as a phrase makes each of its clauses also match ГЕНШТАБА, Генштаба…; the
    words still match as typed. Exclusions are left as typed: "-ЦК" excludes ЦК only.
    """
    if query.expanded:
        return query
    query.expanded = True
    typed = key_words(query.raw)
    for names, forms in glossary:
        named = set()
        for name in names:
            keys = key_words(name)
            if keys and _contains(typed, keys):
                named.update(keys)
        if not named:
            continue
        extra = any_of(forms) or ()
        for position, clause in enumerate(query.clauses):
            if any(_names(item, named) for item in clause):
                added = tuple(item for item in extra if item not in clause)
                query.clauses[position] = clause + added
    return query


def _contains(sequence, part):
    return any(
        sequence[start : start + len(part)] == part
        for start in range(len(sequence) - len(part) + 1)
    )


def _names(item, named):
    if isinstance(item, Phrase):
        keys = key_words(" ".join(item.words))
    elif item.prefixes:
        return False  # a beginning of a word names no term
    else:
        keys = key_words(item.text)
    return bool(keys) and set(keys) <= named
