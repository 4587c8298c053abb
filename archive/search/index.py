"""What a document's search entry holds, and the outbox through which entries are renewed.

Anything a document shows — its texts, the names and aliases of its persons, its
references and particulars — goes into its entry as search keys. archive.changes
calls reindex() for every document a saved or deleted object touches: that writes
the document into the outbox (SearchChange) in the same transaction as the change,
so the change and the duty to index it are committed together or not at all. The
engine (archive.search.engine) applies the outbox to the index beside the database.
"""

from django.db import transaction
from django.db.models import Prefetch

from ..markup import search_text
from ..models import (
    Document,
    Passage,
    Role,
    SearchChange,
    Text,
)
from ..querysets import PUBLISHED
from .details import labelled_details, with_details
from .engine.schema import slot_of
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
    """{field: keys} of a document fetched by documents_to_index().

    Everything the document page shows in words is here, in four weighted fields: the
    texts' notes with their passages, the sources and credits with the other details.
    Each field comes twice, as form keys and, position for position, as stem keys. The
    keys of each text's passages are also in a field of its own (schema.TEXT_SLOTS).
    """
    names = []
    for role in document.roles.all():
        names += [name for name, _kind in person_names(role.person)] + [role.name_as_written]
    for particular in document.particulars.all():
        if particular.person:
            names += [name for name, _kind in person_names(particular.person)]
    meta = [words for _label, words in labelled_details(document)]
    body, slots, ordinal = [_keys([document.summary])], {}, 0
    for text in document.texts.all():  # in the order of Text.Meta
        contents = [passage.content for passage in text.passages.all()]
        passages = _keys(search_text(content) for content in contents)
        body += [passages, _keys(search_text(note.content) for note in text.notes.all())]
        if contents:
            # Numbered among the texts with passages, as a results page reads them. Both
            # streams as they are: the field keeps no positions, and the engine splits them
            # faster than Python would make a set of them.
            slots.setdefault(slot_of(ordinal), []).extend(passages)
            ordinal += 1

    keys = {}
    for name, parts in {"title": [document.title], "names": names, "meta": meta}.items():
        keys[name], keys[f"{name}_stems"] = _keys(parts)
    # The body's parts were keyed one by one: joined, they are the keys of the whole.
    forms, stems = zip(*body, strict=True)
    keys["body"], keys["body_stems"] = " ".join(filter(None, forms)), " ".join(filter(None, stems))
    for slot, streams in slots.items():
        keys[slot] = " ".join(streams)
    return keys


def _keys(parts):
    # Each part ends with a separator: a phrase never runs from one name into the next.
    return index_keys(part for part in parts if part)


def reindex(document_ids):
    """Put these documents in the outbox: their entries are made again (or removed, for
    drafts and deleted ones) once the transaction is committed."""
    ids = sorted({pk for pk in document_ids if pk is not None})
    if not ids:
        return
    SearchChange.objects.bulk_create(SearchChange(document_id=pk) for pk in ids)
    # The server that made the change applies it at once; the others on their next search.
    from . import engine  # the engine imports this module for entry_for()

    transaction.on_commit(engine.changes_committed)


def rebuild(batch_size=500, progress=None):
    """Rebuild the whole index from the documents; `progress(done, total)` is told as it goes."""
    from . import engine

    return engine.rebuild(batch_size=batch_size, progress=progress)
