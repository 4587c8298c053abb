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
