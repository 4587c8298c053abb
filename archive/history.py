"""Edit history: every change to a document is a revision of the whole document.

django-reversion keeps, for each save in the admin (and each import), a copy of
the document with everything that follows from it — texts with their passages and notes,
roles, sources, credits, particulars, scans, related documents — with who made the
change, when, and the admin's account of what changed. The admin's History page
lists the revisions; opening one shows the document as it was, and saving it
reverts the document, passages and all.

An edit made on a part's own page (a text and its passages, a role) is recorded
in the document's history too: the document is added to the revision.
"""

from contextlib import contextmanager

import reversion

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
    HandlingStep,
    InferredDating,
    Note,
    Particular,
    Passage,
    Person,
    Place,
    Repository,
    RepositoryName,
    Role,
    Scan,
    Source,
    Subject,
    Text,
    WrittenDate,
)

DOCUMENT_PARTS = [
    "texts", "roles", "sources", "credits", "particulars", "scans", "relations_from",
    "written_dates", "inferred_datings", "handling_steps", "discrepancies",
]  # fmt: skip


def register_models():
    reversion.register(Document, follow=DOCUMENT_PARTS)
    reversion.register(Text, follow=["passages", "notes"])
    reversion.register(Person, follow=["aliases"])
    reversion.register(Repository, follow=["names"])
    for model in (Passage, Note, Role, Source, Credit, Particular, Scan, DocumentRelation, Alias):
        reversion.register(model)
    for model in (WrittenDate, InferredDating, HandlingStep, Discrepancy):
        reversion.register(model)
    for model in (DocumentType, Classification, Collection, Place, Subject, RepositoryName, Event):
        reversion.register(model)


# At import, not in ready(): the admin (whose app is ready first) imports this module, and
# VersionAdmin would otherwise register the models itself, without what they follow.
register_models()


def document_of(obj):
    """The document a part belongs to (a passage's through its text), or None."""
    if isinstance(obj, Document):
        return obj
    if isinstance(obj, (Passage, Note)):
        return obj.text.document if obj.text_id else None
    document_id = getattr(obj, "document_id", None) or getattr(obj, "source_id", None)
    return Document.objects.filter(pk=document_id).first() if document_id else None


def record_document(obj):
    """Within a revision, record the whole document the object belongs to (a document
    fetched with for_exchange() is followed to its parts without a query)."""
    document = document_of(obj)
    if document is not None and document.pk and reversion.is_active():
        reversion.add_to_revision(document)


def decide(rows, status, comment):
    """An archivist's decision on many rows at once (a suggestion confirmed, a note dismissed):
    each row saved with its new status, not updated in bulk, since the pages that show it
    listen for the save; each row's document recorded in the revision under way, with
    `comment` if any was decided. Returns how many were."""
    decided = 0
    for row in rows:
        row.status = status
        row.save(update_fields=["status"])
        record_document(row)
        decided += 1
    if decided and reversion.is_active():
        reversion.set_comment(comment)
    return decided


@contextmanager
def revision(comment, user=None, manual=False):
    """A revision with no user (an import, a command) or a given one, and a comment.

    `manual`: only what record_document() adds is recorded, not each object saved
    (an import rewrites the document's parts; the revision is the end result).
    """
    with reversion.create_revision(manage_manually=manual):
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        yield
