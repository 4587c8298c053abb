"""Which documents a change touches, and what follows from it.

Saving or deleting a passage, a role, an alias, a repository, a place… changes
what some documents show. Signals find those documents; for each, in the same
transaction, its modification time is brought forward (harvesters go by it) and
it goes into the search index's outbox. Any change to an archive object also moves the
public version on (archive.models.PublicVersion), which the page cache goes by.
Bulk work — an admin form with its inlines, the seed, an import — runs inside
`deferred()`, which does all this once at the end instead of once per object
saved; the version last, so every writer takes its row's lock in the same order.
"""

import threading
from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from .models import (
    Alias,
    Classification,
    Collection,
    Credit,
    Discrepancy,
    Document,
    DocumentRelation,
    DocumentType,
    Event,
    GlossaryEntry,
    GlossaryForm,
    GlossarySense,
    HandlingStep,
    InferredDating,
    Note,
    Particular,
    Passage,
    Person,
    Place,
    PublicVersion,
    Repository,
    RepositoryName,
    Role,
    Scan,
    SearchChange,
    Source,
    Subject,
    Text,
    WrittenDate,
)
from .search.index import reindex

_state = threading.local()


def documents_changed(document_ids, loaded=(), indexed=()):
    """What follows a change to these documents: a new modification time, a place in the
    search index's outbox.

    Documents in `loaded` were written as stored rows (loaddata): their modification
    time is part of what was loaded, and stays; they go into the outbox all the same.
    Documents in `indexed` are indexed by the caller, from what it has fetched anyway.
    """
    ids = {pk for pk in document_ids if pk is not None}
    if not ids:
        return
    # update() rather than save(): it sends no signals, so this does not come round again.
    Document.objects.filter(pk__in=ids - set(loaded)).update(modified=timezone.now())
    reindex(ids - set(indexed))


def index_after(document_id):
    """Within deferred(), leave a document's place in the search outbox to the caller (an
    import, which writes it once it has read the document back)."""
    indexed = getattr(_state, "indexed", None)
    if indexed is not None:
        indexed.add(document_id)


@contextmanager
def deferred():
    """Collect the documents touched inside the block; follow up each once, at its end."""
    outer = getattr(_state, "pending", None)
    if outer is not None:
        yield  # already deferring: the outermost block follows up
        return
    _state.pending, _state.loaded, _state.public, _state.texts = set(), set(), False, {}
    _state.indexed = set()
    try:
        yield
        pending, loaded = _state.pending, _state.loaded - _state.pending
        public, indexed = _state.public, _state.indexed
    finally:
        _state.pending = _state.loaded = _state.texts = _state.indexed = None
        _state.public = False
    documents_changed(pending | loaded, loaded, indexed)
    if public:
        PublicVersion.advance()


def touch(document_ids, loaded=False):
    pending = getattr(_state, "pending", None)
    if pending is not None:
        (_state.loaded if loaded else pending).update(document_ids)
    else:
        documents_changed(document_ids, document_ids if loaded else ())


# --- Which documents an object's change touches ------------------------------------------


def _documents_of(sender, instance):
    """The ids of the documents whose entries show this object, as the database has it now."""
    if sender is Document:
        return [instance.pk]
    if sender in (Text, Role, Source, Credit, Particular, Scan):
        return [instance.document_id]
    if sender in (WrittenDate, InferredDating, HandlingStep, Discrepancy):
        return [instance.document_id]
    if sender is DocumentRelation:  # shown on the pages of both
        return [instance.source_id, instance.target_id]
    if sender in (Passage, Note):
        return _document_of_text(instance.text_id)
    if sender is Person:
        return _documents_of_person(instance.pk)
    if sender is Alias:
        return _documents_of_person(instance.person_id)
    if sender in (Repository, RepositoryName):
        repository = instance.pk if sender is Repository else instance.repository_id
        sources = Source.objects.filter(repository=repository)
        return sources.values_list("document_id", flat=True)
    if sender is DocumentType:
        return Document.objects.filter(document_type=instance.pk).values_list("pk", flat=True)
    if sender is Place:  # indexed with documents, and named in their handling steps
        steps = HandlingStep.objects.filter(place=instance.pk).values_list("document_id", flat=True)
        return [*instance.documents.values_list("pk", flat=True), *steps]
    if sender in (Subject, Collection, Classification):
        return instance.documents.values_list("pk", flat=True)
    if sender is Event:  # its name and link show on its documents' pages
        return instance.documents.values_list("pk", flat=True)
    return []


def _document_of_text(text_id):
    """[the id of the text's document]; within a deferred block, asked once per text."""
    memo = getattr(_state, "texts", None)
    if memo is not None and text_id in memo:
        return memo[text_id]
    found = list(Text.objects.filter(pk=text_id).values_list("document_id", flat=True))
    if memo is not None:
        memo[text_id] = found  # a text's forty passages deleted with it: one query, not forty
    return found


def _documents_of_person(person_id):
    roles = Role.objects.filter(person=person_id).values_list("document_id", flat=True)
    named = Particular.objects.filter(person=person_id).values_list("document_id", flat=True)
    credited = Credit.objects.filter(person=person_id).values_list("document_id", flat=True)
    return [*roles, *named, *credited]


def _before_save(sender, instance, **kwargs):
    """Remember the documents an object showed in before it is moved.

    A passage moved to another text, an alias to another person: the documents it
    leaves must lose it from their entries too.
    """
    if instance.pk is None:
        return
    current = sender._default_manager.filter(pk=instance.pk).first()
    instance._search_before = list(_documents_of(sender, current)) if current else []


def _before_delete(sender, instance, **kwargs):
    # The object as it is being deleted is as stored; after, what it points to may be gone.
    instance._search_before = list(_documents_of(sender, instance))


def _saved(sender, instance, raw=False, **kwargs):
    if sender is Text and getattr(_state, "texts", None):
        _state.texts.pop(instance.pk, None)  # it may have moved to another document
    before = getattr(instance, "_search_before", [])
    if raw:
        # A stored row loaded as it was (loaddata): its many-to-many fields follow.
        instance._loaded_raw = True
    touch([*before, *_documents_of(sender, instance)], loaded=raw)


def _deleted(sender, instance, **kwargs):
    touch(instance._search_before)


def _event_documents_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A document joins or leaves an event: its page lists its events."""
    if action == "pre_clear" and not reverse:
        instance._search_cleared = list(instance.documents.values_list("pk", flat=True))
    elif action.startswith("post_"):
        # A stored row loaded as it was (loaddata) keeps the modification times loaded.
        loaded = getattr(instance, "_loaded_raw", False)
        if reverse:  # from the document's side: the document itself
            touch([instance.pk], loaded=loaded)
        else:
            touch(pk_set or getattr(instance, "_search_cleared", []), loaded=loaded)


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # After the clear, the place no longer knows its documents: remember them now.
        instance._search_cleared = list(instance.documents.values_list("pk", flat=True))
    elif action.startswith("post_"):
        if not reverse:
            touch([instance.pk], loaded=getattr(instance, "_loaded_raw", False))
        else:
            touch(pk_set or getattr(instance, "_search_cleared", []))


# Models whose changes show on document pages (or in their OAI records).
INDEXED_MODELS = [
    Document,
    Text,
    Passage,
    Role,
    Source,
    Credit,
    Note,
    Particular,
    Person,
    Alias,
    Repository,
    RepositoryName,
    DocumentType,
    Place,
    Subject,
    Collection,
    Classification,
    Scan,
    DocumentRelation,
    WrittenDate,
    InferredDating,
    HandlingStep,
    Event,
    Discrepancy,
]


def _public_change(sender=None, action="post_", **kwargs):
    if not action.startswith("post_"):
        return
    if getattr(_state, "pending", None) is not None:
        _state.public = True  # once, at the end of the block
    else:
        PublicVersion.advance()


def _glossary_changed(sender=None, **kwargs):
    """A term's forms or definitions show on every page that uses it: those pages go by the
    glossary's version as well as their own time (Document.objects.page_version)."""
    PublicVersion.advance(PublicVersion.GLOSSARY)


def connect_signals():
    """Follow every model whose changes show on some document page."""
    for model in INDEXED_MODELS:
        name = model.__name__
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"search-presave-{name}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"search-predelete-{name}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{name}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{name}")
    # Everything the archive keeps may show on some public page, loaddata included; the
    # version and the search index are the archive's bookkeeping about those pages.
    for model in apps.get_app_config("archive").get_models():
        if model in (PublicVersion, SearchChange):
            continue
        name = model.__name__
        post_save.connect(_public_change, sender=model, dispatch_uid=f"public-save-{name}")
        post_delete.connect(_public_change, sender=model, dispatch_uid=f"public-delete-{name}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_public_change, sender=through, dispatch_uid=f"public-{through}")
    # Collections are not searched, but they are OAI sets: a change moves the datestamp.
    for through in (
        Document.places.through,
        Document.subjects.through,
        Document.collections.through,
        Document.classifications.through,
    ):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"search-m2m-{through}")
    m2m_changed.connect(
        _event_documents_changed, sender=Event.documents.through, dispatch_uid="event-documents"
    )
    for model in (GlossaryEntry, GlossaryForm, GlossarySense):
        name = model.__name__
        post_save.connect(_glossary_changed, sender=model, dispatch_uid=f"glossary-save-{name}")
        post_delete.connect(_glossary_changed, sender=model, dispatch_uid=f"glossary-del-{name}")
