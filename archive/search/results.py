"""Saying why a document matched: highlighted words, snippets, and the names behind a match.

The databases say *which* documents match; this module finds *where*, in
Python, with the same keys, so both databases explain their results alike.
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..languages import LANGUAGE_NAMES
from ..markup import plain_text, render_passage
from ..models import Alias, ArchivalReference, Document, Passage, Role, Text
from .query import Phrase, Term
from .text import STOP_KEYS, WORD, word_keys, words

SNIPPET_LENGTH = 240


class Matcher:
    """Finds the words of a text that a parsed query matched."""

    def __init__(self, query):
        items = query.positive_items if query else []
        self.terms = [item for item in items if not isinstance(item, Phrase)]
        self.phrases = [item for item in items if isinstance(item, Phrase)]
        self._index_terms()
        self.typed = " ".join((query.raw if query else "").split()).casefold()
        self.written = {term.text.casefold() for term in self.terms}
        self.written |= {word.casefold() for phrase in self.phrases for word in phrase.words}

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def cyrillic(self):
        """Whether the query was typed in Cyrillic."""
        return any(_is_cyrillic(text) for text in self.written)

    def with_names_of(self, name_lists):
        """A matcher that also marks every name of the persons the query named.

        `name_lists` holds each person's [(name, kind)], as person_names() gives them.

        Searching for "Filippov" then marks "[Stalin]" and "Сталину" as well: the
        same person, under the names the document happens to use.
        """
        extended = copy.copy(self)
        extended.terms = list(self.terms)
        added = len(extended.terms)
        for names in name_lists:
            if any(self.matches(name) for name, _kind in names):
                for name, _kind in names:
                    for word, _start, _end in words(name):
                        keys = word_keys(word)
                        if keys[0] not in STOP_KEYS:
                            extended.terms.append(Term(text=word, keys=keys))
        if len(extended.terms) > added:
            extended._index_terms()
        return extended

    def _index_terms(self):
        # One set lookup per word of a text, however many terms there are.
        self.keys = {key for term in self.terms if not term.prefix for key in term.keys}
        self.prefixes = tuple(term.prefix for term in self.terms if term.prefix)

    def best_name(self, names):
        """The (name, kind) the query matched that is closest to what was typed, or None.

        Closest: the very string typed; else the most words spelled exactly as typed;
        else a name in the script the query was typed in (ФИЛИПОВ → ФИЛИПОВУ).
        """
        matched = [(name, kind) for name, kind in names if name and self.matches(name)]
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
        if not self.phrases:
            # The common case, kept tight: it runs over every word of a results page.
            keys, prefixes = self.keys, self.prefixes
            found = []
            for match in WORD.finditer(text):
                form, stem = word_keys(match.group())
                if (form in keys or stem in keys or form.startswith(prefixes)) and (
                    form not in STOP_KEYS
                ):
                    found.append(match.span())
            return found
        found, indexed = [], []
        # The text's searchable words, stop words left out as the index leaves them out.
        for word, start, end in words(text):
            word_key = word_keys(word)
            if word_key[0] in STOP_KEYS:
                continue
            indexed.append((start, end, word_key))
            form, stem = word_key
            if form in self.keys or stem in self.keys or form.startswith(self.prefixes):
                found.append((start, end))
        key_sets = [set(keys) for _start, _end, keys in indexed]
        for phrase in self.phrases:
            for index in range(len(indexed)):
                if phrase.matches_at(key_sets, index):
                    first, last = indexed[index], indexed[index + len(phrase.words) - 1]
                    found.append((first[0], last[1]))
        return _merge(found)

    def matches(self, text):
        """Whether any word of `text` matched (stops at the first)."""
        if not self.phrases:
            keys, prefixes = self.keys, self.prefixes
            for match in WORD.finditer(text):
                form, stem = word_keys(match.group())
                if (form in keys or stem in keys or form.startswith(prefixes)) and (
                    form not in STOP_KEYS
                ):
                    return True
            return False
        return bool(self.ranges(text))


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
    """{document pk: Explanation} for a page of results, in a few queries whatever its size.

    Passages and names are read as plain values: a page of 25 long documents is
    hundreds of passages, and building model objects for them all costs more than
    finding the words in them.
    """
    matcher = Matcher(query)
    explanations = {document.pk: Explanation() for document in documents}
    if not matcher or not explanations:
        return explanations
    people, texts = _people(explanations), _texts(explanations)
    without_snippet = []
    for pk, explanation in explanations.items():
        persons = people.get(pk, [])
        explanation.reasons = _name_reasons(persons, matcher)
        marker = matcher.with_names_of(person.names for person in persons)
        explanation.snippets = _passage_snippets(texts.get(pk, []), matcher, marker)
        if not explanation.snippets:
            without_snippet.append(pk)
    if without_snippet:
        _detail_snippets(without_snippet, matcher, explanations)
    return explanations


@dataclass
class _Person:
    name: str
    names: list  # [(name, kind of name)]
    roles: list = field(default_factory=list)  # [(role label, name as written)]


def person_names(person):
    """Every name of a person (aliases prefetched), with what kind of name it is."""
    names = [(person.name, ""), (person.name_ru, "Russian name")]
    names.append((person.name_native, "name in own script"))
    names += [(alias.name, alias.get_kind_display()) for alias in person.aliases.all()]
    return [(name, kind) for name, kind in names if name]


def _people(document_ids):
    """{document id: [_Person]} in two queries."""
    rows = Role.objects.filter(document_id__in=document_ids).order_by("position", "pk")
    rows = rows.values_list(
        "document_id", "person_id", "role", "name_as_written",
        "person__name", "person__name_ru", "person__name_native",
    )  # fmt: skip
    aliases = {}
    kinds = dict(Alias.Kind.choices)
    person_ids = {row[1] for row in rows}
    for person_id, name, kind in Alias.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "name", "kind"
    ):
        aliases.setdefault(person_id, []).append((name, kinds.get(kind, kind)))
    labels = dict(Role.Kind.choices)
    people = {}
    for document_id, person_id, role, written, name, name_ru, native in rows:
        persons = people.setdefault(document_id, {})
        if person_id not in persons:
            names = [(name, ""), (name_ru, "Russian name"), (native, "name in own script")]
            names += aliases.get(person_id, [])
            persons[person_id] = _Person(name, [(n, k) for n, k in names if n])
        persons[person_id].roles.append((labels.get(role, role), written))
    return {pk: list(persons.values()) for pk, persons in people.items()}


@dataclass
class _Text:
    code: str
    language: str
    label: str
    passages: list = field(default_factory=list)  # [(position, content)]


def _texts(document_ids):
    """{document id: [_Text]} with their passages in order, in one query."""
    rows = (
        Passage.objects.filter(text__document_id__in=document_ids)
        .order_by("text__document_id", "text__position", "text_id", "position")
        .values_list(
            "text__document_id", "text_id", "text__code", "text__language", "text__kind",
            "position", "content",
        )
    )  # fmt: skip
    kinds = dict(Text.Kind.choices)
    texts, by_id = {}, {}
    for document_id, text_id, code, language, kind, position, content in rows:
        if text_id not in by_id:
            label = (
                f"{kinds.get(kind, kind).capitalize()}, {LANGUAGE_NAMES.get(language, language)}"
            )
            by_id[text_id] = _Text(code, language, label)
            texts.setdefault(document_id, []).append(by_id[text_id])
        by_id[text_id].passages.append((position, content))
    return texts


def _name_reasons(persons, matcher):
    """Which persons' names the query matched, by which name, and their part in the document."""
    reasons = []
    for person in persons:
        found = matcher.best_name(
            person.names + [(w, "name as written here") for _r, w in person.roles if w]
        )
        if not found:
            continue
        name, kind = found
        parts = ", ".join(label for label, _written in person.roles)
        written = next((w for _label, w in person.roles if w), "")
        if written and written != name:
            parts += f", as “{written}”"
        who = f"“{name}” — {kind} of {person.name}" if kind else person.name
        reasons.append(f"{who} ({parts})")
    return reasons


def _passage_snippets(texts, matcher, marker):
    """A matching passage of each text, the text typed in the query's script first.

    The query's own words choose the passage; failing them, the other names of a
    person the query named ("Filippov" finds "[Stalin]" in the translation).
    """
    snippets = []
    for text in texts:
        passage = _first_matching(text, matcher)
        if passage is None and marker is not matcher:
            passage = _first_matching(text, marker)
        if passage is not None:
            position, content = passage
            html = _excerpt(plain_text(content), marker)
            snippets.append(Snippet(text.label, text.language, html, f"{text.code}-{position}"))
    snippets.sort(key=lambda snippet: _is_cyrillic(str(snippet.html)) != matcher.cyrillic)
    return snippets


def _detail_snippets(document_ids, matcher, explanations):
    """For documents matched outside their texts: the summary, a reference, a particular."""
    documents = Document.objects.filter(pk__in=document_ids).prefetch_related(
        "particulars",
        Prefetch("references", queryset=ArchivalReference.objects.select_related("repository")),
    )
    for document in documents:
        snippets = explanations[document.pk].snippets
        if document.summary and matcher.matches(document.summary):
            snippets.append(Snippet("Summary", "en", _excerpt(document.summary, matcher)))
        for reference in document.references.all():
            if matcher.matches(reference.citation):
                html = _excerpt(reference.citation, matcher)
                snippets.append(Snippet("Archival reference", "", html))
        for particular in document.particulars.all():
            for value in (plain_text(particular.value), particular.value_en):
                if value and matcher.matches(value):
                    label = particular.get_kind_display().capitalize()
                    snippets.append(Snippet(label, "", _excerpt(value, matcher)))
                    break


def _first_matching(text, matcher):
    return next((p for p in text.passages if matcher.matches(p[1])), None)


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
