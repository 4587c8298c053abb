"""“Did you mean …?” for searches that find nothing: close spellings of persons' names.

Names are what historians misspell, and what archives spell several ways (the
Wilson Center's own titles have Filippov, Filipov and Flippov). Spelling
variants that fold together are found anyway; this catches the rest.
"""

import difflib

from ..models import Alias, Person
from ..querysets import PUBLISHED
from .query import Phrase
from .text import words

CUTOFF = 0.8


def suggestion(query, documents):
    """The query with misspelt names corrected, if that finds any of `documents`; else ""."""
    vocabulary = _name_words()
    corrected, changed = query.raw, False
    for item in query.positive_items:
        if isinstance(item, Phrase) or item.prefixes:
            continue
        word = item.text
        if word.casefold() in vocabulary:
            continue
        close = difflib.get_close_matches(word.casefold(), vocabulary, n=1, cutoff=CUTOFF)
        if close:
            corrected = corrected.replace(word, vocabulary[close[0]], 1)
            changed = True
    if not changed:
        return ""
    from . import search  # the package's interface; imported here to avoid a cycle

    return corrected if search(documents, corrected).exists() else ""


def _name_words():
    """{case-folded word: as written} for the names of persons in published documents."""
    persons = Person.objects.filter(roles__document__status=PUBLISHED).distinct()
    names = list(persons.values_list("name", "name_ru", "name_native"))
    aliases = Alias.objects.filter(person__in=persons).values_list("name", flat=True)
    names += [(alias,) for alias in aliases]
    vocabulary = {}
    for row in names:
        for name in row:
            for word, _start, _end in words(name or ""):
                if len(word) > 2:
                    vocabulary.setdefault(word.casefold(), word)
    return vocabulary
