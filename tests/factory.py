"""Small `make_*` helpers that build just what a test needs, with defaults for the rest."""

import datetime
import itertools
from pathlib import Path

from django.contrib.auth.models import Group, User

from archive.models import (
    Document,
    DocumentType,
    Passage,
    Person,
    Repository,
    Role,
    Source,
    Text,
)

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SEED_SOURCE_COPY = DATA / "wilson-110371.txt"
# The team's shared copy of the source, beside the repository, when it is there.
SEED_SOURCE_SHARED = TESTS.parent.parent / "shared" / "sources" / "wilson-110371.txt"

_numbers = itertools.count(1)


def make_document_type(slug="telegram", name="Telegram"):
    return DocumentType.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_document(record_id=None, status="published", **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Document {number}")
    fields.setdefault("date", datetime.date(1951, 6, 1) + datetime.timedelta(days=number))
    fields.setdefault("document_type", make_document_type())
    return Document.objects.create(record_id=record_id or 900000 + number, status=status, **fields)


def make_person(name=None, **fields):
    number = next(_numbers)
    name = name or f"Person {number}"
    fields.setdefault("slug", f"person-{number}")
    return Person.objects.create(name=name, **fields)


def make_role(document, person, role="author", **fields):
    return Role.objects.create(document=document, person=person, role=role, **fields)


def make_repository(abbreviation="APRF", **fields):
    fields.setdefault("slug", abbreviation.lower().replace(" ", "-"))
    fields.setdefault("name_en", f"Archive {abbreviation}")
    return Repository.objects.get_or_create(abbreviation=abbreviation, defaults=fields)[0]


def make_reference(document, repository=None, **fields):
    """An archival reference in the Russian hierarchy (a Source of that kind)."""
    fields.setdefault("fond", "45")
    return Source.objects.create(
        document=document, repository=repository or make_repository(), **fields
    )


def make_text(document, language="ru", kind="transcription", passages=(), **fields):
    """A text with passages given as strings or as (content, alignment_key) pairs."""
    text = Text.objects.create(document=document, language=language, kind=kind, **fields)
    for position, passage in enumerate(passages, start=1):
        content, key = passage if isinstance(passage, tuple) else (passage, position)
        Passage.objects.create(text=text, position=position, alignment_key=key, content=content)
    return text


def make_staff(username, *roles, **fields):
    """A staff account in the groups of the given editorial roles ("Archivist", "Curator",
    "Administrator"), which migration 0010 made."""
    user = User.objects.create_user(
        username, password="not-a-real-password", is_staff=True, **fields
    )
    user.groups.set([Group.objects.get(name=role) for role in roles])
    return user
