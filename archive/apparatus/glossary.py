"""Finding the glossary's terms in a document's texts.

A term is found by its forms, as whole words: ГЕНШТАБА, Генштаба, General Staff. A form
that is an abbreviation (short, or written with stops, brackets or capitals inside:
ЦК, ОС, ВКП(б), экз.) is matched as written, case and all, since "ос" and "ОС" are
different words; a plain word or phrase is matched in any case, so that "General Staff"
finds the heading's GENERAL STAFF. Only the first occurrence of each term in each text is
linked: the reader meets the explanation once in the original and once in the
translation, not at every line.

    entries_for(document)         → the entries in the document's scope, forms and senses
    terms_for(document, texts)    → ({passage pk: [(start, end, href, title)]}, entries used)
    documents_using(entry)        → the published documents whose texts use the term
    search_glossary()             → [(names, forms)] per entry, for the search's expansion
"""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import get_language

from ..markup import pieces
from ..models import Document, Passage
from ..querysets import PUBLISHED
from ..search.query import ParsedQuery, any_of
from .models import GlossaryEntry, GlossaryForm, GlossarySense

# Marks whose words are the document's own: a term is not linked inside an editor's
# insertion, a note or a note marker, where a link would break the mark's own.
_TEXT_KINDS = {"text", "handwriting"}
# Within the editor's typed spans ({sic …}, {stamp …}), the fields that hold the
# document's words: as written (not the correction), the hand's words, the stamp's number,
# date and words. Never a gap's description, a note or a supplied word.
_SPAN_FIELDS = {"sic": (0,), "unclear": (0,), "hand": (1,), "stamp": (1, 2, 3)}
# A form this short, or with a stop, bracket or digit, or a capital inside a word, is an
# abbreviation and is matched case and all.
_ABBREVIATION_LETTERS = 4
_NOT_A_WORD = re.compile(r"[^\w\s]|\d")


def is_abbreviation(form):
    letters = [ch for ch in form if ch.isalpha()]
    if len(letters) <= _ABBREVIATION_LETTERS or _NOT_A_WORD.search(form):
        return True
    # A capital inside a word with small letters: "ЦКмол", not "General Staff".
    return any(
        any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)
        for word in form.split()
    )


def form_pattern(form):
    """A regular expression for one form as a whole word; its spaces match any spacing,
    a line break included (a stamp's "ОС ЦК\\nВКП(б)")."""
    body = r"\s+".join(re.escape(part) for part in form.split())
    if not is_abbreviation(form):
        body = f"(?i:{body})"
    # Not within a longer word: Генштаб is not found in Генштаба (which is its own form).
    return rf"(?<![^\W_]){body}(?![^\W_])"


@dataclass(frozen=True)
class Sense:
    """A sense as the reader's language shows it."""

    label: str
    definition: str
    language: str


def localized(sense, language=None):
    """The sense in Russian for a Russian reader when it has been written, else in English."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "ru" and (sense.label_ru or sense.definition_ru):
        return Sense(
            sense.label_ru or sense.label, sense.definition_ru or sense.definition_en, "ru"
        )
    return Sense(sense.label, sense.definition_en, "en")


def in_scope(document):
    """Entries of the whole archive, and those of the document's collections."""
    return Q(collection__isnull=True) | Q(collection__documents=document)


def entries_for(document):
    """The entries a document's texts may use, with their forms and senses, in 3 queries."""
    found = (
        GlossaryEntry.objects.filter(in_scope(document))
        .distinct()
        .prefetch_related(
            "forms", Prefetch("senses", queryset=GlossarySense.objects.order_by("position", "pk"))
        )
    )
    return list(found)


@dataclass(frozen=True)
class Matcher:
    """One pattern for all the entries' forms; group fN is the Nth form, `forms[N]` says
    whose it is: (entry index, the form's language)."""

    pattern: re.Pattern
    forms: tuple

    def occurrences(self, content):
        """(start, end, entry index, language) of every form in a passage's own words."""
        found = []
        for low, high in _own_words(content):
            for match in self.pattern.finditer(content, low, high):
                index, language = self.forms[int(match.lastgroup[1:])]
                found.append((match.start(), match.end(), index, language))
        return found


def matcher(entries):
    """A Matcher for the entries' forms, or None if they have none. Longest forms first:
    "Генерального штаба" is one term, not a shorter form inside it."""
    alternatives = sorted(
        (
            (-len(glossary_form.form), index, glossary_form.form, glossary_form.language)
            for index, entry in enumerate(entries)
            for glossary_form in entry.forms.all()
            if glossary_form.form.strip()
        ),
        key=lambda item: item[0],
    )
    if not alternatives:
        return None
    pattern = re.compile(
        "|".join(f"(?P<f{n}>{form_pattern(form)})" for n, (*_, form, _l) in enumerate(alternatives))
    )
    return Matcher(pattern, tuple((index, language) for _l, index, _f, language in alternatives))


def _own_words(content):
    for kind, start, end, extra in pieces(content):
        if kind in _TEXT_KINDS:
            yield start, end
        elif kind == "span":
            fields = _SPAN_FIELDS.get(extra.name, ())
            yield from (extra.fields[i] for i in fields if i < len(extra.fields))


def title_of(entry, senses):
    """The explanation carried by the link itself, read by screen readers and shown on
    hover: "ЦК: Central Committee; Chinese Communists"."""
    return f"{entry.headword}: " + "; ".join(sense.label for sense in senses)


def terms_for(document, texts, entries=None):
    """The terms of a document's texts: ({passage pk: [(start, end, href, title)]}, entries).

    `texts` are the document's texts with their passages (prefetched, in order). Each
    entry is linked at its first occurrence in each text. The entries are those used, in
    order of first use, for the "terms in this document" panel, each with `used_senses`
    (the senses in the reader's language) and `used_forms` ([(form as written, language)]).
    """
    entries = entries_for(document) if entries is None else entries
    found = matcher(entries)
    spans, used = {}, {}
    if found is None:
        return spans, []
    for text in texts:
        linked = set()
        for passage in text.passages.all():
            for start, end, index, language in found.occurrences(passage.content):
                entry = entries[index]
                # As written there, in one line: "ОС ЦК\nВКП(б)" is listed as ВКП(б).
                written = " ".join(passage.content[start:end].split())
                used.setdefault(index, {})[written] = language
                if index in linked:
                    continue
                linked.add(index)
                senses = [localized(sense) for sense in entry.senses.all()]
                spans.setdefault(passage.pk, []).append(
                    (start, end, entry.get_absolute_url(), title_of(entry, senses))
                )
    listed = []
    for index, forms in used.items():
        entry = entries[index]
        entry.used_senses = [localized(sense) for sense in entry.senses.all()]
        entry.used_forms = sorted(forms.items())
        listed.append(entry)
    return spans, listed


def documents_using(entry):
    """Published documents whose texts use any form of the term, within its scope, in
    reading order. The search index narrows the candidates (it reads every form in any
    case and script); each candidate's passages are then read with the same pattern as the
    page links, so the list and the links agree."""
    forms = [glossary_form.form for glossary_form in entry.forms.all()]
    found = matcher([entry])
    if found is None:
        return []
    documents = Document.objects.published()
    if entry.collection_id is not None:
        documents = documents.filter(collections=entry.collection_id)
    candidates = _candidates(documents, forms)
    passages = Passage.objects.filter(
        text__document__in=candidates, text__document__status=PUBLISHED
    ).values_list("text__document_id", "content")
    using = {pk for pk, content in passages.iterator() if found.occurrences(content)}
    return list(documents.filter(pk__in=using).for_list().in_reading_order())


def _candidates(documents, forms):
    items = any_of(forms)
    if items is None:  # a form the index leaves out (only stop words): read every text
        return documents
    # Already the entry's forms: nothing to expand.
    query = ParsedQuery(raw=" OR ".join(forms), clauses=[items], expanded=True)
    return documents.search(query)


def search_glossary():
    """[(names, forms)] of every entry, in one query: what a reader may type for a term
    (a form, or a sense's label in either language) and the forms the documents write.

    The search expands a term whatever its scope: a query is about words, and a term of
    one collection only widens the search to its own forms.
    """
    from django.db.models import CharField, Value

    # Unordered: a compound statement's parts may not be ordered (the models' Meta orders).
    forms = GlossaryForm.objects.order_by().values_list(
        "entry_id", "form", Value("form", CharField())
    )
    labels = GlossarySense.objects.order_by().values_list(
        "entry_id", "label", Value("label", CharField())
    )
    labels_ru = (
        GlossarySense.objects.exclude(label_ru="")
        .order_by()
        .values_list("entry_id", "label_ru", Value("label", CharField()))
    )
    by_entry = {}
    for entry_id, text, kind in forms.union(labels, labels_ru, all=True):
        names, written = by_entry.setdefault(entry_id, (set(), set()))
        names.add(text)
        if kind == "form":
            written.add(text)
    return [(sorted(names), sorted(written)) for names, written in by_entry.values() if written]
