"""Keeping the search index current: an entry per published document, rebuilt on any change.

Anything a document shows — its texts, the names and aliases of its persons, its
references and particulars — is written into its SearchEntry. Signals reindex
the documents a saved or deleted object touches, in the same transaction as the
change, so the index can never disagree with what was committed. Bulk work
(the admin, the seed, imports) runs inside `deferred_indexing()`, which reindexes
each touched document once, at the end.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from ..markup import plain_text
from ..models import (
    Alias,
    ArchivalReference,
    Document,
    DocumentType,
    Particular,
    Passage,
    Person,
    Place,
    Repository,
    Role,
    SearchEntry,
    Subject,
    Text,
)
from ..querysets import PUBLISHED
from .results import person_names
from .text import index_keys

_state = threading.local()


def documents_to_index():
    """Published documents with everything their entry is built from, in a fixed set of queries."""
    return (
        Document.objects.filter(status=PUBLISHED)
        .select_related("document_type")
        .prefetch_related(
            "places",
            "subjects",
            Prefetch(
                "particulars",
                queryset=Particular.objects.select_related("person").prefetch_related(
                    "person__aliases"
                ),
            ),
            Prefetch(
                "roles",
                queryset=Role.objects.select_related("person").prefetch_related("person__aliases"),
            ),
            Prefetch("references", queryset=ArchivalReference.objects.select_related("repository")),
            Prefetch(
                "texts",
                queryset=Text.objects.prefetch_related(
                    Prefetch("passages", queryset=Passage.objects.order_by("position"))
                ),
            ),
        )
    )


def entry_for(document):
    """The unsaved SearchEntry of a document fetched by documents_to_index().

    Everything the document page shows in words is here, in four weighted fields.
    """
    names = []
    for role in document.roles.all():
        names += [name for name, _kind in person_names(role.person)] + [role.name_as_written]
    meta = [document.date_as_written, str(document.record_id)]
    meta += [document.document_type.name, document.document_type.name_ru]
    for reference in document.references.all():
        repository = reference.repository
        meta += [reference.citation, repository.abbreviation_ru]
        meta += [repository.name_en, repository.name_ru]
    for particular in document.particulars.all():
        meta += [plain_text(particular.value), particular.value_en, particular.note]
        if particular.person:
            names += [name for name, _kind in person_names(particular.person)]
    for term in [*document.places.all(), *document.subjects.all()]:
        meta += [term.name, term.name_ru]
    body = [document.summary]
    for text in document.texts.all():
        body += [plain_text(passage.content) for passage in text.passages.all()]

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


@contextmanager
def deferred_indexing():
    """Collect the documents touched inside the block and reindex each once, at its end."""
    outer = getattr(_state, "pending", None)
    if outer is not None:
        yield  # already deferring: the outermost block reindexes
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    reindex(pending)


def touch(document_ids):
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(document_ids)
    else:
        reindex(document_ids)


# --- Which documents an object's change touches ------------------------------------------


def _documents_of(sender, instance):
    """The ids of the documents whose entries show this object, as the database has it now."""
    if sender is Document:
        return [instance.pk]
    if sender in (Text, Role, ArchivalReference, Particular):
        return [instance.document_id]
    if sender is Passage:
        return Text.objects.filter(pk=instance.text_id).values_list("document_id", flat=True)
    if sender is Person:
        return _documents_of_person(instance.pk)
    if sender is Alias:
        return _documents_of_person(instance.person_id)
    if sender is Repository:
        references = ArchivalReference.objects.filter(repository=instance.pk)
        return references.values_list("document_id", flat=True)
    if sender is DocumentType:
        return Document.objects.filter(document_type=instance.pk).values_list("pk", flat=True)
    if sender in (Place, Subject):
        return instance.documents.values_list("pk", flat=True)
    return []


def _documents_of_person(person_id):
    roles = Role.objects.filter(person=person_id).values_list("document_id", flat=True)
    named = Particular.objects.filter(person=person_id).values_list("document_id", flat=True)
    return [*roles, *named]


def _before_change(sender, instance, **kwargs):
    """Remember the documents an object showed in before it is moved or deleted.

    A passage moved to another text, an alias to another person, a place deleted:
    the documents it leaves must lose it from their entries too.
    """
    if instance.pk is None:
        return
    current = sender._default_manager.filter(pk=instance.pk).first()
    instance._search_before = list(_documents_of(sender, current)) if current else []


def _changed(sender, instance, **kwargs):
    before = getattr(instance, "_search_before", [])
    touch([*before, *_documents_of(sender, instance)])


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # After the clear, the place no longer knows its documents: remember them now.
        instance._search_cleared = list(instance.documents.values_list("pk", flat=True))
    elif action.startswith("post_"):
        if not reverse:
            touch([instance.pk])
        else:
            touch(pk_set or getattr(instance, "_search_cleared", []))


INDEXED_MODELS = [
    Document,
    Text,
    Passage,
    Role,
    ArchivalReference,
    Particular,
    Person,
    Alias,
    Repository,
    DocumentType,
    Place,
    Subject,
]


def connect_signals():
    for model in INDEXED_MODELS:
        name = model.__name__
        pre_save.connect(_before_change, sender=model, dispatch_uid=f"search-presave-{name}")
        pre_delete.connect(_before_change, sender=model, dispatch_uid=f"search-predelete-{name}")
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-delete-{name}")
    for through in (Document.places.through, Document.subjects.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"search-m2m-{through}")
