"""Saying why a document matched: highlighted words, snippets, and the names behind a match.

The search engine says *which* documents match; this module finds *where*, in
Python, with the same keys as its index, from the texts as the database holds them.
"""

import copy
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..languages import CATALOGUE_LANGUAGE, LANGUAGE_NAMES
from ..markup import CORRECTED, EDITOR, plain_text, render_passage, supplier_of
from ..models import Alias, Particular, Passage, Person, Role, Text
from ..models.versions import PerVersion
from ..querysets import fetch_listed_roles
from . import engine
from .details import details_of
from .engine.schema import slot_of
from .query import Phrase, Term
from .text import WORD, searchable, words

SNIPPET_LENGTH = 240


class Matcher:
    """Finds the words of a text that a parsed query matched, as the index would."""

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
        same person, under the names the document happens to use. Results naming the
        same persons share one such matcher, and what it has learnt of words.
        """
        extra = []
        for names in name_lists:
            if any(self.matches(name) for name, _kind in names):
                for name, _kind in names:
                    for match in WORD.finditer(name):
                        keys = searchable(match.group())
                        if keys:
                            extra.append(Term(text=match.group(), keys=keys))
        if not extra:
            return self
        key = tuple(sorted({(term.text, term.keys) for term in extra}))
        extended = self._extended.get(key)
        if extended is None:
            extended = copy.copy(self)
            extended.terms = self.terms + extra
            extended._index_terms()
            self._extended[key] = extended
        return extended

    def _index_terms(self):
        # One set lookup per word of a text, however many terms there are.
        self.keys = {key for term in self.terms for key in term.keys}
        self.prefixes = tuple(prefix for term in self.terms for prefix in term.prefixes)
        # Words known to match, and all words seen: a page of results repeats the same words
        # thousands of times, and set operations answer for a whole passage at once.
        self._hits, self._known = set(), set()
        self._extended, self._matched_texts = {}, {}
        # Words of texts seen, and those holding a key of some phrase, with their keys.
        self._phrase_keys = {key for phrase in self.phrases for _k, seq in phrase.variants
                             for key in seq}  # fmt: skip
        self._phrase_known, self._phrase_words = set(), {}
        # Ranges of whole texts found for a phrase: asked whether a passage matches, then
        # where, for its snippet. Unbounded: a matcher serves one request.
        self._whole_ranges = {}

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

    def _hit(self, keys):
        form, stem = keys
        return form in self.keys or stem in self.keys or form.startswith(self.prefixes)

    def _learn(self, distinct):
        """Note which of the words of `distinct` not seen before the query matches."""
        if not self.terms:
            return  # only phrases: no word matches alone (_phrase_words_in() reads them)
        for word in distinct - self._known:
            keys = searchable(word)
            if keys and self._hit(keys):
                self._hits.add(word)
            self._known.add(word)

    def _hitting(self, distinct):
        """Those of the `distinct` words that the query matches."""
        self._learn(distinct)
        return distinct & self._hits

    def matches(self, text, distinct=None):
        """Whether the query matched anything in `text` (whose `distinct` words a caller
        asking more than one matcher may give)."""
        if distinct is None:
            # A name or a detail: the same persons' names are asked of result after result.
            found = self._matched_texts.get(text)
            if found is None:
                found = self._matched_texts[text] = self.matches(text, set(WORD.findall(text)))
            return found
        self._learn(distinct)
        if not self._hits.isdisjoint(distinct):
            return True
        # A phrase is looked for only where all its words are: most texts have none of them.
        return bool(self.phrases) and self._phrase_words_in(distinct) and bool(self.ranges(text))

    def _phrase_words_in(self, distinct):
        for word in distinct - self._phrase_known:
            self._phrase_known.add(word)
            found = searchable(word)
            if found and not self._phrase_keys.isdisjoint(found):
                self._phrase_words[word] = found
        keys = set()
        for word in distinct & self._phrase_words.keys():
            keys.update(self._phrase_words[word])
        return bool(keys) and any(
            all(key in keys for key in sequence)
            for phrase in self.phrases
            for _kind, sequence in phrase.variants
        )

    def first(self, text):
        """Where the first word or phrase of `text` that the query matched begins, or None.

        A snippet shows the words around it: for a query of words alone, the words after
        are not read for this.
        """
        if self.phrases:
            found = self.ranges(text)
            return found[0][0] if found else None
        for match in WORD.finditer(text):
            word = match.group()
            if word not in self._known:
                self._learn({word})
            if word in self._hits:
                return match.start()
        return None

    def ranges(self, text, start=0, end=None):
        """(start, end) character ranges of the matched words and phrases of `text`; with
        `start` and `end`, of those wholly within text[start:end]."""
        if not self:
            return []
        end = len(text) if end is None else min(end, len(text))
        if not self.phrases:
            return self._ranges(text, start, end)
        # A phrase may cross the part's edges, and ranges that overlap one are merged with
        # it: those of the whole text (found once), wholly within the part.
        found = self._whole_ranges.get(text)
        if found is None:
            found = self._whole_ranges[text] = self._ranges(text, 0, len(text))
        if start or end < len(text):
            return [(low, high) for low, high in found if start <= low and high <= end]
        return found

    def _ranges(self, text, start, end):
        spans = [
            (match.start(), match.end(), match.group()) for match in WORD.finditer(text, start, end)
        ]
        # A word cut by the edges of the part read is not a word of it.
        if spans and spans[0][0] == start and start > 0 and WORD.match(text, start - 1):
            del spans[0]
        if spans and spans[-1][1] == end and end < len(text) and WORD.match(text, end):
            del spans[-1]
        # Each distinct word is keyed once (and once per matcher): a passage repeats them.
        hitting = self._hitting({word for _low, _high, word in spans})
        found = [(low, high) for low, high, word in spans if word in hitting]
        if self.phrases:
            found += self._phrase_ranges([(low, high, keys) for low, high, word in spans
                                          if (keys := searchable(word))])  # fmt: skip
        return _merge(found)

    def _phrase_ranges(self, indexed):
        """Ranges of the phrases in a text's words, given as (start, end, keys) in order."""
        found, columns = [], {}
        for phrase in self.phrases:
            for kind, sequence in phrase.variants:
                column = 0 if kind == "form" else 1
                if column not in columns:
                    columns[column] = [keys[column] for _low, _high, keys in indexed]
                keys, head, wanted, index = columns[column], sequence[0], list(sequence), -1
                # Where the phrase's first key is, found by list.index(): most words are not.
                while True:
                    try:
                        index = keys.index(head, index + 1)
                    except ValueError:
                        break
                    if keys[index : index + len(wanted)] == wanted:
                        found.append((indexed[index][0], indexed[index + len(wanted) - 1][1]))
        return found


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
    reading: str = ""  # CORRECTED where the words matched are seen only as corrected


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
    people = _people(documents)
    markers = {
        document.pk: matcher.with_names_of(person.names for person in people.get(document.pk, []))
        for document in documents
    }
    named = {pk for pk, marker in markers.items() if marker is not matcher}
    # The engine says which texts hold the query's words: the others' passages are read
    # only for the other names of a person the query named ("Filippov": "[Stalin]"), and
    # not at all where it named nobody there (a word of the title, a reference).
    held = engine.texts_holding(matcher.terms + matcher.phrases, list(explanations))
    texts = _texts(held, named)
    without_snippet = []
    for document in documents:
        explanation = explanations[document.pk]
        explanation.reasons = _name_reasons(people.get(document.pk, []), matcher)
        explanation.snippets = _passage_snippets(
            texts.get(document.pk, []), matcher, markers[document.pk]
        )
        if not explanation.snippets:
            without_snippet.append(document)
    if without_snippet:
        _detail_snippets(without_snippet, matcher, explanations)
    return explanations


@dataclass
class _Person:
    name: str
    names: list  # [(name, kind of name)]
    roles: list = field(default_factory=list)  # [(role label, name as written)]


def name_list(name, name_ru, name_native, aliases):
    """A person's names with what kind of name each is: [(name, kind)], empty ones left out.

    `aliases` are (name, kind label) pairs. The canonical name's kind is "".
    """
    names = [
        (name, ""),
        (name_ru, gettext("Russian name")),
        (name_native, gettext("name in own script")),
    ]
    return [(n, kind) for n, kind in names + list(aliases) if n]


def person_names(person):
    """name_list() of a Person whose aliases are prefetched."""
    aliases = [(alias.name, alias.get_kind_display()) for alias in person.aliases.all()]
    return name_list(person.name, person.name_ru, person.name_native, aliases)


def _people(documents):
    """{document id: [_Person]}: persons with roles, and persons a particular names."""
    role_labels = dict(Role.Kind.choices)
    document_ids = [document.pk for document in documents]
    # Read with the rows (DocumentQuerySet.for_list), or now, onto the rows, in one query.
    unread = [document for document in documents if not hasattr(document, "listed_roles")]
    if unread:
        fetch_listed_roles(unread, unread[0]._state.db)
    rows = [
        (document.pk, role.person_id, role_labels.get(role.role, role.role), role.name_as_written)
        for document in documents
        for role in document.listed_roles
    ]
    with_roles = {(d, p) for d, p, _label, _written in rows}
    particular_labels = dict(Particular.Kind.choices)
    named = Particular.objects.filter(document_id__in=document_ids, person__isnull=False)
    for document_id, person_id, kind in named.values_list("document_id", "person_id", "kind"):
        # A person without a role, named only in the apparatus ("deciphered by").
        if (document_id, person_id) not in with_roles:
            rows.append((document_id, person_id, particular_labels.get(kind, kind), ""))
    names = _names({person_id for _d, person_id, _label, _w in rows})
    people = {}
    for document_id, person_id, label, written in rows:
        persons = people.setdefault(document_id, {})
        if person_id not in persons:
            persons[person_id] = _Person(*names[person_id])
        persons[person_id].roles.append((label, written))
    return {pk: list(persons.values()) for pk, persons in people.items()}


def _names(person_ids):
    """{person id: (canonical name, name_list())}: two queries for those not yet kept."""
    return _NAMES.get_many(list(person_ids))


def read_names(person_ids, using=None):
    """{person id: (canonical name, name_list())}, in two queries (from the database
    `using`, or the one the router chooses)."""
    kinds = dict(Alias.Kind.choices)
    aliases = {}
    for person_id, name, kind in (
        Alias.objects.using(using)
        .filter(person_id__in=person_ids)
        .values_list("person_id", "name", "kind")
    ):
        aliases.setdefault(person_id, []).append((name, kinds.get(kind, kind)))
    persons = Person.objects.using(using).filter(pk__in=person_ids)
    return {
        pk: (name, name_list(name, name_ru, native, aliases.get(pk, [])))
        for pk, name, name_ru, native in persons.values_list("pk", "name", "name_ru", "name_native")
    }


# The same persons stand in result after result: their names are kept per version.
_NAMES = PerVersion(read_names)


@dataclass
class _Text:
    code: str
    language: str
    label: str
    supplier: str  # who supplied its [bracketed] words (markup.supplier_of)
    holds_words: bool  # whether the engine says its passages may hold the query's words
    passages: list = field(default_factory=list)  # [(position, content)]


def _texts(held, named):
    """{document id: [_Text]} with their passages in order, in one query: the texts that
    the engine says may hold the query's words (`held`: engine.texts_holding()), and
    every text of the documents in `named` (whose persons the query named)."""
    document_ids = held.keys() | named
    if not document_ids:
        return {}
    # The texts in their order (Text.Meta), as the index entry numbers them.
    in_order = [f"text__{name}" for name in Text._meta.ordering]
    rows = (
        Passage.objects.filter(text__document_id__in=document_ids)
        .order_by("text__document_id", *in_order, "position")
        .values_list(
            "text__document_id", "text_id", "text__code", "text__language", "text__kind",
            "position", "content",
        )
    )  # fmt: skip
    texts, by_id, labels, ordinals = {}, {}, {}, {}
    for document_id, text_id, code, language, kind, position, content in rows:
        if text_id not in by_id:
            # Numbered among the document's texts with passages, as its index entry is.
            ordinal = ordinals[document_id] = ordinals.get(document_id, -1) + 1
            holds_words = slot_of(ordinal) in held.get(document_id, ())
            if not holds_words and document_id not in named:
                by_id[text_id] = None  # its passages are not looked at
                continue
            # A page's fifty texts are of a few kinds and languages: each label made once.
            label = labels.get((kind, language))
            if label is None:
                label = labels[kind, language] = _text_label(kind, language)
            by_id[text_id] = _Text(code, language, label, supplier_of(kind), holds_words)
            texts.setdefault(document_id, []).append(by_id[text_id])
        text = by_id[text_id]
        if text is not None:
            text.passages.append((position, content))
    return texts


def _text_label(kind, language):
    """ "Translation, English": a snippet's label."""
    kind = dict(Text.Kind.choices).get(kind, kind)
    return f"{str(kind).capitalize()}, {LANGUAGE_NAMES.get(language, language)}"


def _name_reasons(persons, matcher):
    """Which persons' names the query matched, by which name, and their part in the document."""
    reasons = []
    for person in persons:
        found = matcher.best_name(
            person.names + [(w, gettext("name as written here")) for _r, w in person.roles if w]
        )
        if not found:
            continue
        name, kind = found
        parts = ", ".join(str(label) for label, _written in person.roles)
        written = next((w for _label, w in person.roles if w), "")
        if written and written != name:
            parts += gettext(", as “%(written)s”") % {"written": written}
        if kind:
            who = gettext("“%(name)s” — %(kind)s of %(person)s") % {
                "name": name,
                "kind": kind,
                "person": person.name,
            }
        else:
            who = person.name
        reasons.append(f"{who} ({parts})")
    return reasons


def _passage_snippets(texts, matcher, marker):
    """A matching passage of each text, the text typed in the query's script first.

    The query's own words choose the passage (if the text may hold them: holds_words);
    failing them, the other names of a person the query named ("Filippov" finds
    "[Stalin]" in the translation).
    """
    names = marker if marker is not matcher else None
    snippets = []
    for text in texts:
        passage = _first_matching(text, matcher if text.holds_words else None, names)
        if passage is not None:
            position, content = passage
            words, reading = plain_text(content), ""
            first = marker.first(words)
            if first is None:
                # Found only as corrected (ФИЛИППОВУ for a written ФИЛИПОВУ): shown so, and
                # the link opens the page in that reading.
                corrected = plain_text(content, CORRECTED)
                first = marker.first(corrected)
                if first is not None:
                    words, reading = corrected, CORRECTED
            html = _excerpt(words, marker, text.supplier, first)
            anchor = f"{text.code}-{position}"
            snippets.append(Snippet(text.label, text.language, html, anchor, reading))
    snippets.sort(key=lambda snippet: (snippet.language == "ru") != matcher.cyrillic)
    return snippets


def _detail_snippets(documents, matcher, explanations):
    """For documents matched outside their texts: whichever of their details matched.

    The title and summary are on the rows shown; the other details (sources, credits,
    particulars…) are read only for the documents that neither explains.
    """
    unexplained = [
        document
        for document in documents
        if not _add_details(
            explanations[document.pk].snippets,
            [(_("Title"), document.title), (_("Summary"), document.summary)],
            matcher,
        )
    ]
    details = details_of(unexplained)
    for document in unexplained:
        _add_details(explanations[document.pk].snippets, details[document.pk], matcher)


def _add_details(snippets, details, matcher):
    """Add a snippet of each (label, value) the query matched; return whether any did."""
    shown = set()
    for label, value in details:
        if value and (label, value) not in shown and matcher.matches(value):
            shown.add((label, value))
            # Details are in Russian or in the catalogue's English, never both at once.
            language = "ru" if _is_cyrillic(value) else CATALOGUE_LANGUAGE
            snippets.append(Snippet(label, language, _excerpt(value, matcher)))
    return bool(shown)


def _first_matching(text, matcher, names):
    """The first passage the query matches (`matcher`, None if the engine says that the
    text holds none of its words); failing that, the first that the query with a person's
    other names (`names`, None if it named nobody) does. One pass: each passage's words
    are read once for both.
    """
    if matcher is None and names is None:
        return None
    fallback = None
    for passage in text.passages:
        distinct = set(WORD.findall(passage[1]))
        if matcher is not None and matcher.matches(passage[1], distinct):
            return passage
        if fallback is None and names is not None and names.matches(passage[1], distinct):
            if matcher is None:
                return passage
            fallback = passage
    return fallback


def _is_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _excerpt(text, matcher, supplier=EDITOR, first=None):
    """About SNIPPET_LENGTH characters of `text` around its first match, matches marked
    (`first`: matcher.first(text), if the caller has it). For a query of words alone,
    only the words shown are read for their matches: a passage may be pages long."""
    if first is None:
        first = matcher.first(text)
    if first is None:
        return escape(text[:SNIPPET_LENGTH])
    start = max(0, first - SNIPPET_LENGTH // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else first  # begin at a word, never after the match
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    window = text[start:end]
    shifted = [(low - start, high - start) for low, high in matcher.ranges(text, start, end)]
    html = render_passage(window, shifted, supplier=supplier)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))


def _merge(ranges):
    merged = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged
