"""What a document shows beside its title, summary, names and texts, each with its label.

The index's meta field holds these words, and a result matched by them is explained
by them: one list, so that nothing is found that cannot be shown as found.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from ..markup import plain_text
from ..models import Credit, Particular, Source
from ..querysets import read_terms

# The index terms labelled_details() reads, and everything it reads of other tables.
_TERMS = ("places", "subjects")
_RELATED = ("particulars", "sources", "credits", *_TERMS)


def with_details(documents):
    """`documents` with what labelled_details() reads, fetched in a fixed set of queries."""
    return documents.select_related("document_type").prefetch_related(*_TERMS, *_detail_lookups())


def details_of(documents):
    """{document pk: labelled_details()} of documents already loaded, in four queries:
    particulars, sources, credits, and the terms in one (querysets.read_terms); a fifth
    for their types, unless they came with the rows.

    Read as lists, not kept where prefetch_related keeps them: that makes a queryset for
    each document and relation, 10 ms for a page of 25 (bench/results/search-notes.md).
    """
    if not documents:
        return {}
    prefetch_related_objects(documents, "document_type")
    db, pks = documents[0]._state.db, [document.pk for document in documents]
    related = {(document.pk, name): [] for document in documents for name in _RELATED}
    for lookup in _detail_lookups():
        for row in lookup.queryset.using(db).filter(document_id__in=pks):
            related[row.document_id, lookup.prefetch_through].append(row)
    related |= read_terms(documents, db, names=_TERMS)
    return {
        document.pk: _labelled(document, {name: related[document.pk, name] for name in _RELATED})
        for document in documents
    }


def _detail_lookups():
    return [
        Prefetch("particulars", queryset=Particular.objects.select_related("person")),
        Prefetch("sources", queryset=Source.objects.select_related("repository")),
        Prefetch("credits", queryset=Credit.objects.order_by("position", "pk")),
    ]


def labelled_details(document):
    """[(label, words)] of a document fetched with with_details(): date, record, type,
    sources, credits, particulars, places and subjects, in both languages where kept."""
    return _labelled(document, {name: getattr(document, name).all() for name in _RELATED})


def _labelled(document, related):
    """labelled_details() of a document whose `related` rows ({name: rows}) are given."""
    kind = document.document_type
    details = [(_("Date"), document.date_as_written), (_("Record"), str(document.record_id))]
    details += [(_("Type"), kind.name), (_("Type"), kind.name_ru)]
    for source in related["sources"]:
        label = _("Archival reference") if source.is_archival else _("Source")
        details.append((label, source.citation))
        if source.as_written != source.citation:
            details.append((label, source.as_written))
        if source.repository is not None:
            for name in ("name_en", "name_ru", "abbreviation_ru"):
                details.append((_("Repository"), getattr(source.repository, name)))
    for credit in related["credits"]:
        label = credit.get_role_display().capitalize()
        details += [(label, credit.name), (label, credit.organisation)]
    for particular in related["particulars"]:
        label = particular.get_kind_display().capitalize()
        for value in (plain_text(particular.value), particular.value_en, particular.note):
            details.append((label, value))
    for label, terms in (
        (_("Place"), related["places"]),
        (_("Subject"), related["subjects"]),
    ):
        details += [(label, words) for term in terms for words in (term.name, term.name_ru)]
    return details
