"""Saying why a document matched: highlighted words, snippets, and the names behind a match.

The databases say *which* documents match; this module finds *where*, in
Python, with the same keys, so both databases explain their results alike.
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..markup import plain_text, render_passage
from ..models import ArchivalReference, Document, Passage, Role, Text
from .query import Phrase, Term
from .text import STOP_KEYS, word_keys, words

SNIPPET_LENGTH = 240


class Matcher:
    """Finds the words of a text that a parsed query matched."""

    def __init__(self, query):
        items = query.positive_items if query else []
        self.terms = [item for item in items if not isinstance(item, Phrase)]
        self.phrases = [item for item in items if isinstance(item, Phrase)]
        self.typed = " ".join((query.raw if query else "").split()).casefold()
        self.written = {term.text.casefold() for term in self.terms}
        self.written |= {word.casefold() for phrase in self.phrases for word in phrase.words}

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def cyrillic(self):
        """Whether the query was typed in Cyrillic."""
        return any(_is_cyrillic(text) for text in self.written)

    def with_names_of(self, persons):
        """A matcher that also marks every name of the persons the query named.

        Searching for "Filippov" then marks "[Stalin]" and "Сталину" as well: the
        same person, under the names the document happens to use.
        """
        extended = copy.copy(self)
        extended.terms = list(self.terms)
        for person in persons:
            names = person_names(person)
            if any(self.ranges(name) for name, _kind in names):
                for name, _kind in names:
                    for word, _start, _end in words(name):
                        keys = word_keys(word)
                        if keys[0] not in STOP_KEYS:
                            extended.terms.append(Term(text=word, keys=keys))
        return extended

    def best_name(self, names):
        """The (name, kind) the query matched that is closest to what was typed, or None.

        Closest: the very string typed; else the most words spelled exactly as typed;
        else a name in the script the query was typed in (ФИЛИПОВ → ФИЛИПОВУ).
        """
        matched = [(name, kind) for name, kind in names if name and self.ranges(name)]
        if not matched:
            return None

        def closeness(candidate):
            name = candidate[0]
            spelled = {word.casefold() for word, _start, _end in words(name)}
            return (
                name.casefold() == self.typed,
                len(spelled & self.written),
                _is_cyrillic(name) == self.cyrillic,
            )

        return max(matched, key=closeness)  # max() keeps the first of equals

    def ranges(self, text):
        """(start, end) character ranges of the matched words of `text`, in order."""
        if not self:
            return []
        found = []
        # The text's searchable words, stop words left out as the index leaves them out.
        indexed = []
        for word, start, end in words(text):
            keys = word_keys(word)
            if keys[0] in STOP_KEYS:
                continue
            indexed.append((start, end, keys))
            if any(term.matches(keys) for term in self.terms):
                found.append((start, end))
        key_sets = [set(keys) for _start, _end, keys in indexed]
        for phrase in self.phrases:
            for index in range(len(indexed)):
                if phrase.matches_at(key_sets, index):
                    first, last = indexed[index], indexed[index + len(phrase.words) - 1]
                    found.append((first[0], last[1]))
        return _merge(found)


@dataclass
class Explanation:
    reasons: list = field(default_factory=list)  # "“Filippov” — codename of Joseph Stalin"
    snippets: list = field(default_factory=list)  # [Snippet]


@dataclass
class Snippet:
    label: str
    language: str
    html: str
    anchor: str = ""


def explain(documents, query):
    """{document pk: Explanation} for a page of results, in a fixed number of queries."""
    matcher = Matcher(query)
    explanations = {document.pk: Explanation() for document in documents}
    if not matcher or not explanations:
        return explanations
    detailed = Document.objects.filter(pk__in=explanations).prefetch_related(
        "particulars",
        Prefetch("references", queryset=ArchivalReference.objects.select_related("repository")),
        Prefetch(
            "roles",
            queryset=Role.objects.select_related("person").prefetch_related("person__aliases"),
        ),
        Prefetch(
            "texts",
            queryset=Text.objects.prefetch_related(
                Prefetch("passages", queryset=Passage.objects.order_by("position"))
            ),
        ),
    )
    for document in detailed:
        explanation = explanations[document.pk]
        explanation.reasons = _name_reasons(document, matcher)
        explanation.snippets = _snippets(document, matcher)
    return explanations


def person_names(person, roles=()):
    """Every name of a person, with what kind of name it is (aliases prefetched)."""
    names = [(person.name, ""), (person.name_ru, "Russian name")]
    names.append((person.name_native, "name in own script"))
    names += [(alias.name, alias.get_kind_display()) for alias in person.aliases.all()]
    names += [(role.name_as_written, "name as written here") for role in roles]
    return [(name, kind) for name, kind in names if name]


def _name_reasons(document, matcher):
    """Which persons' names the query matched, by which name, and their part in the document."""
    by_person = {}
    for role in document.roles.all():
        by_person.setdefault(role.person, []).append(role)
    reasons = []
    for person, roles in by_person.items():
        found = matcher.best_name(person_names(person, roles))
        if not found:
            continue
        name, kind = found
        parts = ", ".join(role.get_role_display() for role in roles)
        written = next((role.name_as_written for role in roles if role.name_as_written), "")
        if written and written != name:
            parts += f", as “{written}”"
        who = f"“{name}” — {kind} of {person.name}" if kind else person.name
        reasons.append(f"{who} ({parts})")
    return reasons


def _snippets(document, matcher):
    """The best matching passage of each text; else the summary, references or particulars."""
    marker = matcher.with_names_of(role.person for role in document.roles.all())
    snippets = []
    for text in document.texts.all():
        # The query's own words choose the passage; failing them, a named person's other names.
        best = _best_passage(text, matcher) or _best_passage(text, marker)
        if best is not None:
            label = f"{text.get_kind_display().capitalize()}, {text.language_name}"
            html = _excerpt(plain_text(best.content), marker)
            snippets.append(Snippet(label, text.language, html, best.anchor))
    if snippets:
        # The text in the script the query was typed in comes first: "Малика" → the Russian.
        snippets.sort(key=lambda snippet: _is_cyrillic(str(snippet.html)) != matcher.cyrillic)
        return snippets
    if document.summary and matcher.ranges(document.summary):
        snippets.append(Snippet("Summary", "en", _excerpt(document.summary, marker)))
    for reference in document.references.all():
        if matcher.ranges(reference.citation):
            snippets.append(Snippet("Archival reference", "", _excerpt(reference.citation, marker)))
    for particular in document.particulars.all():
        for value in (plain_text(particular.value), particular.value_en):
            if value and matcher.ranges(value):
                label = particular.get_kind_display().capitalize()
                snippets.append(Snippet(label, "", _excerpt(value, marker)))
                break
    return snippets


def _best_passage(text, matcher):
    best, best_count = None, 0
    for passage in text.passages.all():
        count = len(matcher.ranges(passage.content))
        if count > best_count:
            best, best_count = passage, count
    return best


def _is_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _excerpt(text, matcher):
    """About SNIPPET_LENGTH characters of `text` around its first match, matches marked."""
    ranges = matcher.ranges(text)
    if not ranges:
        return escape(text[:SNIPPET_LENGTH])
    start = max(0, ranges[0][0] - SNIPPET_LENGTH // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # begin at a word
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    window = text[start:end]
    shifted = [(low - start, high - start) for low, high in ranges if low >= start and high <= end]
    html = render_passage(window, shifted)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))


def _merge(ranges):
    merged = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged
