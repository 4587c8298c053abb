"""What a document shows beside its title, summary, names and texts, each with its label.

The index's meta field holds these words, and a result matched by them is explained
by them: one list, so that nothing is found that cannot be shown as found.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from ..markup import plain_text
from ..models import Credit, Particular, Source
from ..querysets import read_terms

# The index terms labelled_details() reads, and everything it reads of other tables.
_TERMS = ("places", "subjects")
RELATED = ("particulars", "sources", "credits", *_TERMS)


def details_of(documents):
    """{document pk: labelled_details()} of documents already loaded, in four queries:
    particulars, sources, credits, and the terms in one (querysets.read_terms); a fifth
    for their types, unless they came with the rows.

    Read as lists, not kept where prefetch_related keeps them: that makes a queryset for
    each document and relation, 10 ms for a page of 25 (bench/results/search-notes.md).
    """
    related = related_of(documents)
    return {document.pk: labelled_details(document, related[document.pk]) for document in documents}


def related_of(documents):
    """{document pk: {name: rows}}: what labelled_details() reads of other tables, for
    documents already loaded, in the queries details_of() names; the sources come with
    their repositories."""
    if not documents:
        return {}
    prefetch_related_objects(documents, "document_type")
    db, pks = documents[0]._state.db, [document.pk for document in documents]
    related = {document.pk: {name: [] for name in RELATED} for document in documents}
    for name, rows in _detail_rows().items():
        for row in rows.using(db).filter(document_id__in=pks):
            related[row.document_id][name].append(row)
    for (pk, name), terms in read_terms(documents, db, names=_TERMS).items():
        related[pk][name] = terms
    return related


def _detail_rows():
    """{relation: rows of it}, each in its model's order."""
    return {
        "particulars": Particular.objects.all(),
        "sources": Source.objects.select_related("repository"),
        "credits": Credit.objects.order_by("position", "pk"),
    }


def labelled_details(document, related):
    """[(label, words)] of a document and its `related` rows ({name: rows}, related_of()):
    date, record, type, sources, credits, particulars, places and subjects, in both
    languages where kept."""
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
