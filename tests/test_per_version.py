"""Values kept per public version (archive.models.versions.PerVersion): facet labels,
persons' names and the glossary's forms are read once while the archive stays the same,
and afresh at once when it changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from archive.models import DocumentType, GlossaryForm, Person, PublicVersion
from archive.models.versions import PerVersion, answering, public_version

pytestmark = pytest.mark.django_db

SEARCH = "/documents/"


def _tables_read(response_queries):
    return " ".join(query["sql"] for query in response_queries)


def _search(params):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(SEARCH, params)
    assert response.status_code == 200
    return response, _tables_read(queries.captured_queries)


def test_a_value_is_read_once_per_version_and_language():
    reads = []

    def load(keys):
        reads.append(list(keys))
        return {key: f"{key}:{translation.get_language()}" for key in keys if key != "absent"}

    kept = PerVersion(load)
    english = translation.get_language()
    assert kept.get_many(["a", "b", "absent"]) == {"a": f"a:{english}", "b": f"b:{english}"}
    assert kept.get_many(["b", "a", "absent"]) == {"b": f"b:{english}", "a": f"a:{english}"}
    assert reads == [["a", "b", "absent"]]  # what is known to be absent is not asked again
    with translation.override("ru"):
        assert kept.get_many(["a"]) == {"a": "a:ru"}
    # Each language keeps its own: back in English, nothing is read again.
    assert kept.get_many(["a"]) == {"a": f"a:{english}"}
    assert reads == [["a", "b", "absent"], ["a"]]
    PublicVersion.advance()
    kept.get_many(["a"])
    assert reads[-1] == ["a"] and len(reads) == 3


def test_a_value_of_no_language_is_read_once_for_all():
    reads = []
    kept = PerVersion(lambda keys: reads.append(keys) or {None: "forms"}, by_language=False)
    assert kept.get() == "forms"
    with translation.override("ru"):
        assert kept.get() == "forms"
    assert len(reads) == 1


def test_past_its_size_everything_is_read_again():
    reads = []
    kept = PerVersion(lambda keys: reads.append(keys) or {key: key for key in keys}, size=2)
    kept.get_many([1, 2, 3])
    kept.get_many([1])
    assert reads == [[1, 2, 3], [1]]


def test_a_request_reads_the_version_once_for_every_value(seed):
    answering((1234, None))
    try:
        assert public_version() == (1234, None)
    finally:
        answering(None)
    assert public_version() == PublicVersion.current()


def test_only_the_page_cache_says_which_version_a_request_reads(seed, rf):
    from archive import caching

    # Asking for a page's version (as render_pages does) leaves no version behind.
    caching.version_of(rf.get("/documents/"))
    assert public_version() == PublicVersion.current()
    PublicVersion.advance()
    assert public_version() == PublicVersion.current()
    # Nor does a request the page cache answered, nor one it did not.
    Client().get(SEARCH)
    PublicVersion.advance()
    assert public_version() == PublicVersion.current()


def test_the_results_page_asks_for_labels_names_and_glossary_once_per_version(seed):
    first, read = _search({"q": "Ridgway"})
    for table in ("archive_documenttype", "archive_glossaryform", "archive_alias"):
        assert f'FROM "{table}"' in read, table
    again, read = _search({"q": "Ridgway", "sort": "relevance"})
    for table in ("archive_documenttype", "archive_glossaryform", "archive_alias"):
        assert f'FROM "{table}"' not in read, table

    # The same facets and the same reasons.
    def options(response):
        return [(o["label"], o["count"]) for f in response.context["facets"] for o in f["options"]]

    assert options(first) == options(again)
    assert [d.explanation.reasons for d in first.context["documents"]] == [
        d.explanation.reasons for d in again.context["documents"]
    ]


def test_an_edit_shows_in_the_facets_reasons_and_expansion_at_once(seed):
    _search({"q": "Ridgway"})
    telegram = DocumentType.objects.get(documents=seed)
    telegram.name = "Ciphered telegram (renamed)"
    telegram.save()
    stalin = Person.objects.get(slug="joseph-stalin")
    stalin.name = "Joseph V. Stalin"
    stalin.save()
    response, _read = _search({"q": "Filippov"})
    labels = [o["label"] for f in response.context["facets"] for o in f["options"]]
    assert "Ciphered telegram (renamed)" in labels
    reasons = " ".join(r for d in response.context["documents"] for r in d.explanation.reasons)
    assert "Joseph V. Stalin" in reasons
    # A new form of a term is searched for at once.
    assert seed not in _search({"q": "Генеральный"})[0].context["documents"]
    entry = GlossaryForm.objects.get(form="ГЕНШТАБА").entry
    GlossaryForm.objects.create(entry=entry, form="Генеральный", language="ru")
    assert seed in _search({"q": "Генеральный"})[0].context["documents"]
