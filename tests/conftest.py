"""Shared pytest fixtures; the `make_*` helpers live in factory.py."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from archive import caching
from archive.changes import deferred
from archive.importing.batch import import_files
from archive.models import Document
from archive.search.engine import disk

from .factory import DATA


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with no cached pages: the database it sees was rolled back or flushed."""
    caches["pages"].clear()
    caching.forget_versions()


@pytest.fixture(autouse=True)
def own_search_index(tmp_path_factory, settings):
    """Each test starts with an empty search index, as its database starts empty: the
    index beside the database is not rolled back with it."""
    settings.ARCHIVE_SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    yield settings.ARCHIVE_SEARCH_INDEX_DIR
    disk.forget(settings.ARCHIVE_SEARCH_INDEX_DIR)


@pytest.fixture(autouse=True)
def own_page_store(tmp_path, settings):
    """Each test starts with no pages kept on disk, as it starts with none in memory."""
    settings.ARCHIVE_PAGE_STORE_DIR = tmp_path / "kept-pages"
    return settings.ARCHIVE_PAGE_STORE_DIR


@pytest.fixture(autouse=True)
def interface_in_english():
    """Each test starts in English: a request for /ru/… leaves Russian active in its thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seed(db):
    """The seed record as shipped in fixtures/."""
    with deferred():
        call_command("loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=0)
    return Document.objects.get(record_id=110371)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="archivist", password="not-a-real-password", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def authorities(db):
    """The archive's vocabulary and persons, as shipped, and no documents yet."""
    call_command("loaddata", "vocabulary", "persons", verbosity=0)


@pytest.fixture
def shapes(authorities):
    """Every record of tests/data/shapes, imported and published: {file stem: document}."""
    paths = sorted((DATA / "shapes").iterdir())
    summary = import_files(paths, status="published")
    assert [item.outcome for item in summary.files] == ["created"] * len(paths)
    return {
        path.stem: Document.objects.get(record_id=item.record_id)
        for path, item in zip(paths, summary.files, strict=True)
    }
