"""The search index: an entry per published document, holding all it shows as search keys.

Anything a document shows — its texts, the names and aliases of its persons, its
references and particulars — is written into its SearchEntry. archive.changes
calls reindex() for every document a saved or deleted object touches, in the
same transaction as the change, so the index never disagrees with what was
committed.
"""

from django.db import transaction
from django.db.models import Prefetch

from ..markup import plain_text
from ..models import (
    Document,
    Passage,
    Role,
    SearchEntry,
    Text,
)
from ..querysets import PUBLISHED
from .details import labelled_details, with_details
from .results import person_names
from .text import index_keys


def documents_to_index():
    """Published documents with everything their entry is built from, in a fixed set of queries."""
    return with_details(Document.objects.filter(status=PUBLISHED)).prefetch_related(
        "particulars__person__aliases",
        Prefetch(
            "roles",
            queryset=Role.objects.select_related("person").prefetch_related("person__aliases"),
        ),
        Prefetch(
            "texts",
            queryset=Text.objects.prefetch_related(
                Prefetch("passages", queryset=Passage.objects.order_by("position")), "notes"
            ),
        ),
    )


def entry_for(document):
    """The unsaved SearchEntry of a document fetched by documents_to_index().

    Everything the document page shows in words is here, in four weighted fields: the
    texts' notes with their passages, the sources and credits with the other details.
    """
    names = []
    for role in document.roles.all():
        names += [name for name, _kind in person_names(role.person)] + [role.name_as_written]
    for particular in document.particulars.all():
        if particular.person:
            names += [name for name, _kind in person_names(particular.person)]
    meta = [words for _label, words in labelled_details(document)]
    body = [document.summary]
    for text in document.texts.all():
        body += [plain_text(passage.content) for passage in text.passages.all()]
        body += [plain_text(note.content) for note in text.notes.all()]

    fields = {"title": [document.title], "names": names, "body": body, "meta": meta}
    keys = {}
    for name, parts in fields.items():
        # Each part ends with a separator: a phrase never runs from one name into the next.
        keys[name], keys[f"{name}_stems"] = index_keys(part for part in parts if part)
    return SearchEntry(document=document, **keys)


def reindex(document_ids):
    """Bring the entries of these documents up to date (drafts and deleted ones lose theirs)."""
    ids = {pk for pk in document_ids if pk is not None}
    if not ids:
        return
    with transaction.atomic():
        entries = [entry_for(document) for document in documents_to_index().filter(pk__in=ids)]
        SearchEntry.objects.filter(document_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries)


def reindex_fetched(document):
    """The entry of one document fetched with everything entry_for() reads (for_exchange()
    fetches it all): no query but the entry's own delete and insert."""
    with transaction.atomic():
        SearchEntry.objects.filter(document_id=document.pk).delete()
        if document.status == PUBLISHED:
            entry_for(document).save()


def rebuild(batch_size=500, progress=None):
    """Rebuild the whole index from the documents; `progress(done, total)` is told as it goes."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        ids = list(Document.objects.filter(status=PUBLISHED).values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            documents = documents_to_index().filter(pk__in=batch)
            SearchEntry.objects.bulk_create(entry_for(document) for document in documents)
            if progress:
                progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)
