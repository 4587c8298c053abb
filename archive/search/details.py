"""What a document shows beside its title, summary, names and texts, each with its label.

The index's meta field holds these words, and a result matched by them is explained
by them: one list, so that nothing is found that cannot be shown as found.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from ..markup import plain_text
from ..models import Credit, Particular, Source
from ..querysets import fetch_terms

# The index terms labelled_details() reads.
_TERMS = ("places", "subjects")


def with_details(documents):
    """`documents` with what labelled_details() reads, fetched in a fixed set of queries."""
    return documents.select_related("document_type").prefetch_related(*_TERMS, *_detail_lookups())


def fetch_details(documents):
    """What labelled_details() reads, onto documents already loaded (their type too, unless
    it came with them): the terms in one query (fetch_terms), not one each."""
    if not documents:
        return
    prefetch_related_objects(documents, "document_type", *_detail_lookups())
    fetch_terms(documents, documents[0]._state.db, names=_TERMS)


def _detail_lookups():
    return [
        Prefetch("particulars", queryset=Particular.objects.select_related("person")),
        Prefetch("sources", queryset=Source.objects.select_related("repository")),
        Prefetch("credits", queryset=Credit.objects.order_by("position", "pk")),
    ]


def labelled_details(document):
    """[(label, words)] of a document fetched with with_details(): date, record, type,
    sources, credits, particulars, places and subjects, in both languages where kept."""
    kind = document.document_type
    details = [(_("Date"), document.date_as_written), (_("Record"), str(document.record_id))]
    details += [(_("Type"), kind.name), (_("Type"), kind.name_ru)]
    for source in document.sources.all():
        label = _("Archival reference") if source.is_archival else _("Source")
        details.append((label, source.citation))
        if source.as_written != source.citation:
            details.append((label, source.as_written))
        if source.repository is not None:
            for name in ("name_en", "name_ru", "abbreviation_ru"):
                details.append((_("Repository"), getattr(source.repository, name)))
    for credit in document.credits.all():
        label = credit.get_role_display().capitalize()
        details += [(label, credit.name), (label, credit.organisation)]
    for particular in document.particulars.all():
        label = particular.get_kind_display().capitalize()
        for value in (plain_text(particular.value), particular.value_en, particular.note):
            details.append((label, value))
    for label, terms in (
        (_("Place"), document.places.all()),
        (_("Subject"), document.subjects.all()),
    ):
        details += [(label, words) for term in terms for words in (term.name, term.name_ru)]
    return details
