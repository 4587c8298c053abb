"""What a document shows beside its title, summary, names and texts, each with its label.

The index's meta field holds these words, and a result matched by them is explained
by them: one list, so that nothing is found that cannot be shown as found.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ..markup import plain_text
from ..models import ArchivalReference, Particular


def with_details(documents):
    """`documents` with what labelled_details() reads, fetched in a fixed set of queries."""
    return documents.select_related("document_type").prefetch_related(
        "places",
        "subjects",
        Prefetch("particulars", queryset=Particular.objects.select_related("person")),
        Prefetch("references", queryset=ArchivalReference.objects.select_related("repository")),
    )


def labelled_details(document):
    """[(label, words)] of a document fetched with with_details(): date, record, type,
    references, particulars, places and subjects, in both languages where kept."""
    kind = document.document_type
    details = [(_("Date"), document.date_as_written), (_("Record"), str(document.record_id))]
    details += [(_("Type"), kind.name), (_("Type"), kind.name_ru)]
    for reference in document.references.all():
        repository = reference.repository
        details.append((_("Archival reference"), reference.citation))
        details += [(_("Repository"), repository.name_en), (_("Repository"), repository.name_ru)]
        details.append((_("Repository"), repository.abbreviation_ru))
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
