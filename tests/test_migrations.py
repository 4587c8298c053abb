"""Data migrations, run forwards on data made with the models as they were."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", target)])
    return executor.loader.project_state([("archive", target)]).apps


@pytest.fixture
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_documents_already_public_get_a_first_publication_time(back_to_the_latest_schema):
    apps = migrate("0004_reference_repository_index")
    kind = apps.get_model("archive", "DocumentType").objects.create(name="Letter", slug="letter")
    documents = apps.get_model("archive", "Document").objects
    public = documents.create(record_id=1, title="Public", document_type=kind, status="published")
    draft = documents.create(record_id=2, title="Draft", document_type=kind, status="draft")

    apps = migrate("0005_publication_withdrawals_scans")
    documents = apps.get_model("archive", "Document").objects
    assert documents.get(pk=public.pk).published_at == documents.get(pk=public.pk).created
    assert documents.get(pk=draft.pk).published_at is None


@pytest.mark.django_db(transaction=True)
def test_archival_references_become_sources_that_print_as_before(back_to_the_latest_schema):
    apps = migrate("0007_public_version")
    kind = apps.get_model("archive", "DocumentType").objects.create(name="Letter", slug="letter")
    document = apps.get_model("archive", "Document").objects.create(
        record_id=1, title="A letter", document_type=kind
    )
    avp = apps.get_model("archive", "Repository").objects.create(
        abbreviation="AVP RF", slug="avp-rf", name_en="Foreign Policy Archive"
    )
    references = apps.get_model("archive", "ArchivalReference").objects
    levels = {"fond": "059a", "opis": "5a", "delo": "4", "papka": "11", "listy": "0092"}
    references.create(document=document, repository=avp, position=2, listy_plural=True, **levels)

    apps = migrate("0008_sources_credits_notes")
    source = apps.get_model("archive", "Source").objects.get()
    assert (source.kind, source.relation, source.position) == ("archival", "held", 2)
    assert source.as_written == "AVP RF, f. 059a, op. 5a, d. 4, p. 11, ll. 0092"
    assert (source.repository_id, source.document_id) == (avp.pk, document.pk)
    assert {level: getattr(source, level) for level in levels} == levels
    assert source.listy_plural and source.notation == "ru"
