"""The archive's data model, one module per concern."""

# Import merges, and sources, credits and notes, have packages of their own, beside their logic.
from ..apparatus.models import Discrepancy, GlossaryEntry, GlossaryForm, GlossarySense
from ..chronology.models import Event, HandlingStep, InferredDating, WrittenDate
from ..merging.models import ImportBase, ImportConflict
from ..sources.models import Credit, Note, Source
from .documents import Document, DocumentRelation, Particular, Role, Scan
from .persons import Alias, Person
from .search import SearchChange
from .texts import Passage, Text
from .versions import PublicVersion
from .vocabulary import (
    Classification,
    Collection,
    DocumentType,
    Place,
    Repository,
    RepositoryName,
    Subject,
)
from .withdrawals import Withdrawal

__all__ = [
    "Alias",
    "Classification",
    "Collection",
    "Credit",
    "Discrepancy",
    "Document",
    "DocumentRelation",
    "DocumentType",
    "Event",
    "GlossaryEntry",
    "GlossaryForm",
    "GlossarySense",
    "HandlingStep",
    "ImportBase",
    "ImportConflict",
    "InferredDating",
    "Note",
    "Particular",
    "Passage",
    "Person",
    "Place",
    "PublicVersion",
    "Repository",
    "RepositoryName",
    "Role",
    "Scan",
    "SearchChange",
    "Source",
    "Subject",
    "Text",
    "Withdrawal",
    "WrittenDate",
]
