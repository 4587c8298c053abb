"""The archive's data model, one module per concern."""

from .documents import Document, DocumentRelation, Particular, Role, Scan
from .persons import Alias, Person
from .references import ArchivalReference
from .search import SearchEntry
from .texts import Passage, Text
from .versions import PublicVersion
from .vocabulary import Classification, Collection, DocumentType, Place, Repository, Subject
from .withdrawals import Withdrawal

__all__ = [
    "Alias",
    "ArchivalReference",
    "Classification",
    "Collection",
    "Document",
    "DocumentRelation",
    "DocumentType",
    "Particular",
    "Passage",
    "Person",
    "Place",
    "PublicVersion",
    "Repository",
    "Role",
    "Scan",
    "SearchEntry",
    "Subject",
    "Text",
    "Withdrawal",
]
