"""What a document's search entry holds, and the outbox through which entries are renewed.

Anything a document shows — its texts, the names and aliases of its persons, its
references and particulars — goes into its entry as search keys. archive.changes
calls reindex() for every document a saved or deleted object touches: that writes
the document into the outbox (SearchChange) in the same transaction as the change,
so the change and the duty to index it are committed together or not at all. The
engine (archive.search.engine) applies the outbox to the index beside the database.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, transaction

from ..markup import search_text
from ..models import Document, Note, Passage, Role, SearchChange, Text
from ..querysets import PUBLISHED
from .details import labelled_details, related_of
from .engine.schema import slot_of
from .results import read_names
from .text import index_keys


@dataclass
class Indexable:
    """A published document and everything its entry is made of, read by indexable()."""

    document: Document  # the row, with its type
    names: list  # every name of its persons, and each name as the document writes it
    details: list  # labelled_details: [(label, words)]
    texts: list  # [(passage contents, note contents)], in the order of Text.Meta
    collections: set  # collection ids
    repositories: set  # repository ids of its sources
    roles: set  # (person id, role)


def indexable(ids, using=DEFAULT_DB_ALIAS):
    """[Indexable] of the published documents among `ids`, in a fixed set of queries.

    The texts, passages, notes, roles, persons and collections are read as plain values,
    the details as details_of() reads them: prefetch_related built a model object for
    each passage and note, and a queryset for each document and relation, and reading a
    document cost more than keying it (bench/results/import.md).
    """
    documents = list(
        Document.objects.using(using)
        .filter(pk__in=ids, status=PUBLISHED)
        .select_related("document_type")
        .order_by("pk")
    )
    if not documents:
        return []
    pks = [document.pk for document in documents]
    related = related_of(documents)
    roles = {pk: [] for pk in pks}
    for document_id, *role in (
        Role.objects.using(using)
        .filter(document_id__in=pks)
        .values_list("document_id", "person_id", "role", "name_as_written")
    ):
        roles[document_id].append(role)
    named = {role[0] for rows in roles.values() for role in rows}
    named |= {p.person_id for rows in related.values() for p in rows["particulars"]}
    names = {
        pk: [name for name, _kind in name_list]
        for pk, (_name, name_list) in read_names(named - {None}, using).items()
    }
    texts, contents = {pk: [] for pk in pks}, {}
    for text_id, document_id in (
        Text.objects.using(using).filter(document_id__in=pks).values_list("pk", "document_id")
    ):
        contents[text_id] = ([], [])
        texts[document_id].append(contents[text_id])
    for kind, model in enumerate((Passage, Note)):
        # Each text's own in their order; two notes may share a position: then as created.
        rows = model.objects.using(using).filter(text__document_id__in=pks)
        for text_id, content in rows.order_by("text_id", "position", "pk").values_list(
            "text_id", "content"
        ):
            contents[text_id][kind].append(content)
    collections = {pk: set() for pk in pks}
    through = Document.collections.through.objects.using(using).filter(document_id__in=pks)
    for document_id, collection_id in through.values_list("document_id", "collection_id"):
        collections[document_id].add(collection_id)
    items = []
    for document in documents:
        pk, rows = document.pk, related[document.pk]
        persons = []
        for person_id, _role, as_written in roles[pk]:
            persons += [*names.get(person_id, []), as_written]
        for particular in rows["particulars"]:
            persons += names.get(particular.person_id, [])
        items.append(
            Indexable(
                document=document,
                names=persons,
                details=labelled_details(document, rows),
                texts=texts[pk],
                collections=collections[pk],
                repositories={source.repository_id for source in rows["sources"]} - {None},
                roles={(person_id, role) for person_id, role, _written in roles[pk]},
            )
        )
    return items


def entry_for(item):
    """{field: keys} of an Indexable.

    Everything the document page shows in words is here, in four weighted fields: the
    texts' notes with their passages, the sources and credits with the other details.
    Each field comes twice, as form keys and, position for position, as stem keys. The
    keys of each text's passages are also in a field of its own (schema.TEXT_SLOTS).
    """
    meta = [words for _label, words in item.details]
    body, slots, ordinal = [_keys([item.document.summary])], {}, 0
    for contents, notes in item.texts:  # in the order of Text.Meta
        passages = _keys(search_text(content) for content in contents)
        body += [passages, _keys(search_text(note) for note in notes)]
        if contents:
            # Numbered among the texts with passages, as a results page reads them. Both
            # streams as they are: the field keeps no positions, and the engine splits them
            # faster than Python would make a set of them.
            slots.setdefault(slot_of(ordinal), []).extend(passages)
            ordinal += 1

    keys = {}
    for name, parts in {"title": [item.document.title], "names": item.names, "meta": meta}.items():
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
