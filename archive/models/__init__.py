"""The archive's data model, one module per concern."""

# Sources, credits and notes have a package of their own, beside their readers.
from ..sources.models import Credit, Note, Source
from .documents import Document, DocumentRelation, Particular, Role, Scan
from .persons import Alias, Person
from .search import SearchEntry
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
    "Document",
    "DocumentRelation",
    "DocumentType",
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
    "SearchEntry",
    "Source",
    "Subject",
    "Text",
    "Withdrawal",
]
