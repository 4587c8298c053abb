"""Edit history: who changed what and when, viewed and reverted in the admin."""

import pytest
from reversion.models import Version

from archive.importing.batch import import_files
from archive.models import Document, Passage

from .admin_forms import admin_url, edit_document, edit_passage, form_data
from .factory import SEED_SOURCE_COPY

pytestmark = pytest.mark.django_db


def versions_of(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def test_an_admin_edit_is_recorded_with_who_when_and_what(staff_client, staff_user, seed):
    edit_document(staff_client, seed, title="Ciphered telegram No. 21336 (retitled)")
    (version,) = versions_of(seed)
    assert version.revision.user == staff_user
    assert version.revision.comment == "Changed Title."
    assert version.field_dict["title"] == "Ciphered telegram No. 21336 (retitled)"
    # The revision holds the whole document: its passages came with it.
    assert version.revision.version_set.filter(content_type__model="passage").count() == 42

    page = staff_client.get(admin_url(Document, "history", seed.pk)).content.decode()
    assert "Changed Title." in page
    assert "archivist" in page


def test_a_passage_edited_on_its_texts_page_is_in_the_documents_history(staff_client, seed):
    passage = Passage.objects.get(content__startswith="Прошу Вас срочно")
    edit_passage(staff_client, passage, "Прошу Вас срочно сообщить Ваше мнение.")
    (version,) = versions_of(seed)
    assert "Changed Content for passage" in version.revision.comment
    restored = version.revision.version_set.get(
        content_type__model="passage", object_id=str(passage.pk)
    )
    assert restored.field_dict["content"] == "Прошу Вас срочно сообщить Ваше мнение."


def test_reverting_from_the_admin_restores_the_document_and_its_passages(staff_client, seed):
    passage = Passage.objects.get(content__startswith="Прошу Вас срочно")
    original_content = passage.content
    edit_document(staff_client, seed, title="A first title")
    edit_passage(staff_client, passage, "Испорченный текст.")
    edit_document(staff_client, seed, title="A wrong title")
    first = versions_of(seed)[-1]
    assert first.field_dict["title"] == "A first title"

    # Opening the revision shows the document as it was, and changes nothing yet.
    url = admin_url(Document, "revision", seed.pk, first.pk)
    response = staff_client.get(url)
    assert response.status_code == 200
    assert 'value="A first title"' in response.content.decode()
    seed.refresh_from_db()
    assert seed.title == "A wrong title"

    # Saving it reverts: the title and the passage as they were in that revision.
    data = form_data(response)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    seed.refresh_from_db()
    passage.refresh_from_db()
    assert seed.title == "A first title"
    assert passage.content == original_content
    assert versions_of(seed)[0].revision.comment.startswith("Reverted to previous version")
    # The search index follows the revert.
    found = Document.objects.published().search
    assert list(found("Испорченный").values_list("record_id", flat=True)) == []
    assert list(found("срочно").values_list("record_id", flat=True)) == [110371]


def test_an_import_is_a_revision_and_a_bad_reimport_can_be_reverted(seed, tmp_path):
    path = tmp_path / "wilson-110371.txt"
    text = SEED_SOURCE_COPY.read_text(encoding="utf-8")
    path.write_text(text.replace("Ridgway.", "General Ridgway."), encoding="utf-8")
    (item,) = import_files([path]).files
    assert item.outcome == "updated"
    (version,) = versions_of(seed)
    assert version.revision.comment == "Imported from wilson-110371.txt."
    assert version.revision.user is None

    path.write_text(text.replace("Ким Ир Сен. 29.6.51", "Ким. 29.6.51"), encoding="utf-8")
    import_files([path])
    assert Document.objects.get().roles.filter(role="relayed_author").count() == 0
    versions_of(seed)[-1].revision.revert(delete=True)
    document = Document.objects.get()
    assert document.roles.get(role="relayed_author").name_as_written == "Ким Ир Сен"
    assert document.summary.endswith("from General Ridgway.")
