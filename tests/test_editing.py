"""Edit conflicts: a save on top of a newer version is refused, shown, and can be re-applied.

Two archivists open the same change form; the second saves first. The first one's save is
refused with nothing written, the conflict page sets their value beside the stored one, and
one more press saves their changes onto the current version, keeping the other's.
"""

import pytest
from django.test import Client
from reversion.models import Revision

from archive.editing.state import canonical
from archive.models import Alias, Document, Passage, Person, Place, RepositoryName

from .admin_forms import admin_url, form_data
from .factory import make_document, make_person, make_repository, make_role, make_text


@pytest.fixture
def second(django_user_model):
    """Another archivist, signed in on their own."""
    user = django_user_model.objects.create_superuser("second", "second@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def opened(client, obj):
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return form_data(response)


def save(client, obj, data):
    return client.post(admin_url(type(obj), "change", obj.pk), data)


def reapply(client, conflict_page):
    """Press "Save my changes onto the current version" on the conflict page."""
    data = {}
    for name, value in conflict_page.context["data"]:
        data.setdefault(name, []).append(value)
    return client.post(conflict_page.context["action"], data)


def row(data, prefix, pk):
    """The index of an inline row, by its object's id, in a form's data."""
    return next(
        key.split("-")[-2]
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and str(value) == str(pk)
    )


def refused(response):
    assert response.status_code == 409, getattr(response, "context", {}) and response.context.get(
        "errors"
    )
    return response


def test_a_document_saved_over_a_newer_version_is_refused_then_reapplied(staff_client, second):
    document = make_document(title="Telegram", summary="First summary.")
    person = make_person("Kim Il Sung")
    role = make_role(document, person, "author", note="")
    mine, theirs = opened(staff_client, document), opened(second, document)

    theirs["summary"] = "Their summary."
    assert save(second, document, theirs).status_code == 302

    mine["title"] = "Telegram No. 21336"
    mine[f"roles-{row(mine, 'roles', role.pk)}-note"] = "Signed in his own hand."
    revisions = Revision.objects.count()
    page = refused(save(staff_client, document, mine))
    assert Revision.objects.count() == revisions  # nor in the edit history
    stored = Document.objects.get(pk=document.pk)
    assert (stored.title, stored.summary) == ("Telegram", "Their summary.")
    assert document.roles.get().note == ""  # nothing of the refused save was written

    fields = {f["label"]: f for f in page.context["fields"]}
    assert fields["summary"]["kind"] == "theirs"
    assert (fields["summary"]["yours"], fields["summary"]["now"]) == (
        "First summary.",
        "Their summary.",
    )
    assert fields["title"]["kind"] == "yours"
    assert fields[f"roles, row {role.pk}: note"]["yours"] == "Signed in his own hand."
    text = page.content.decode()
    assert "Nothing was saved" in text and "second" in text  # who changed it

    assert reapply(staff_client, page).status_code == 302
    stored = Document.objects.get(pk=document.pk)
    assert (stored.title, stored.summary) == ("Telegram No. 21336", "Their summary.")
    assert document.roles.get().note == "Signed in his own hand."


def test_the_same_field_changed_by_both_is_a_conflict_and_reapplying_keeps_yours(
    staff_client, second
):
    document = make_document(summary="Draft.")
    mine, theirs = opened(staff_client, document), opened(second, document)
    theirs["summary"] = "Their wording."
    save(second, document, theirs)
    mine["summary"] = "My wording."
    page = refused(save(staff_client, document, mine))
    (summary,) = [f for f in page.context["fields"] if f["label"] == "summary"]
    assert summary["kind"] == "conflict"
    assert Document.objects.get(pk=document.pk).summary == "Their wording."
    reapply(staff_client, page)
    assert Document.objects.get(pk=document.pk).summary == "My wording."


def test_a_passage_changed_while_another_archivist_changed_its_neighbour(staff_client, second):
    text = make_text(make_document(), "ru", passages=["Первый абзац.", "Второй абзац."])
    first, neighbour = text.passages.order_by("position")
    mine, theirs = opened(staff_client, text), opened(second, text)

    theirs[f"passages-{row(theirs, 'passages', first.pk)}-content"] = "Первый абзац, исправлен."
    assert save(second, text, theirs).status_code == 302
    mine[f"passages-{row(mine, 'passages', neighbour.pk)}-content"] = "Второй, исправлен."
    page = refused(save(staff_client, text, mine))
    assert Passage.objects.get(pk=neighbour.pk).content == "Второй абзац."

    kinds = {f["label"]: f["kind"] for f in page.context["fields"]}
    assert kinds == {
        f"passages, row {first.pk}: content": "theirs",
        f"passages, row {neighbour.pk}: content": "yours",
    }
    assert reapply(staff_client, page).status_code == 302
    assert [p.content for p in text.passages.order_by("position")] == [
        "Первый абзац, исправлен.",
        "Второй, исправлен.",
    ]


def test_a_person_and_their_aliases(staff_client, second):
    person = make_person("Joseph Stalin")
    alias = Alias.objects.create(person=person, name="Filippov", kind="codename")
    mine, theirs = opened(staff_client, person), opened(second, person)
    theirs[f"aliases-{row(theirs, 'aliases', alias.pk)}-name"] = "Filipov"
    save(second, person, theirs)
    mine["description"] = "General Secretary."
    refused(save(staff_client, person, mine))
    assert Person.objects.get(pk=person.pk).description == ""
    assert Alias.objects.get(pk=alias.pk).name == "Filipov"


def test_rows_added_and_deleted_on_either_side(staff_client, second):
    repository = make_repository("APRF")
    kept = RepositoryName.objects.create(repository=repository, name="АП РФ")
    gone = RepositoryName.objects.create(repository=repository, name="Kremlin archive")
    mine, theirs = opened(staff_client, repository), opened(second, repository)
    theirs[f"names-{row(theirs, 'names', gone.pk)}-DELETE"] = "on"
    assert save(second, repository, theirs).status_code == 302

    index = row(mine, "names", kept.pk)
    mine[f"names-{index}-DELETE"] = "on"
    total = int(mine["names-TOTAL_FORMS"])
    mine.update({"names-TOTAL_FORMS": str(total + 1), f"names-{total}-name": "Presidential"})
    page = refused(save(staff_client, repository, mine))
    assert {(r.row, r.what) for r in page.context["rows"]} >= {
        (str(gone.pk), "deleted since"),
        (str(kept.pk), "deleted by you"),
    }
    assert reapply(staff_client, page).status_code == 302
    assert list(repository.names.values_list("name", flat=True)) == ["Presidential"]


def test_a_vocabulary(staff_client, second):
    place = Place.objects.create(name="Kaesong", slug="kaesong")
    mine, theirs = opened(staff_client, place), opened(second, place)
    theirs["name_ru"] = "Кэсон"
    save(second, place, theirs)
    mine["name"] = "Kaesŏng"
    refused(save(staff_client, place, mine))
    assert Place.objects.get(pk=place.pk).name == "Kaesong"


def test_a_save_on_the_version_opened_goes_through_and_a_forged_one_is_refused(staff_client):
    document = make_document(summary="A.")
    data = opened(staff_client, document)
    data["summary"] = "B."
    assert save(staff_client, document, data).status_code == 302
    data = opened(staff_client, document)
    data["_edit_base"] = data["_edit_base"][:-4] + "xxxx"
    data["summary"] = "C."
    refused(save(staff_client, document, data))
    assert Document.objects.get(pk=document.pk).summary == "B."


def test_a_form_shown_again_with_errors_keeps_the_version_it_was_opened_at(staff_client, second):
    document = make_document(summary="A.")
    mine, theirs = opened(staff_client, document), opened(second, document)
    mine["record_id"] = "not a number"
    response = save(staff_client, document, mine)
    assert response.status_code == 200 and response.context["edit_base"] == mine["_edit_base"]
    theirs["summary"] = "Theirs."
    save(second, document, theirs)
    mine["record_id"] = str(document.record_id)
    mine["summary"] = "Mine."
    refused(save(staff_client, document, mine))


def test_publishing_from_the_list_refuses_rows_changed_since_the_list_was_shown(
    staff_client, second
):
    document = make_document(status="draft", summary="A.")
    listing = staff_client.get(admin_url(Document, "changelist"))
    version = next(
        v
        for v in _hidden(listing.content.decode(), "_opened_version")
        if v.startswith(f"{document.pk}:")
    )
    theirs = opened(second, document)
    theirs["summary"] = "Changed before publication."
    save(second, document, theirs)
    action = {"action": "publish", "_selected_action": [document.pk], "_opened_version": [version]}
    response = staff_client.post(admin_url(Document, "changelist"), action, follow=True)
    assert "changed since the list was shown" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == "draft"

    listing = staff_client.get(admin_url(Document, "changelist"))
    action["_opened_version"] = _hidden(listing.content.decode(), "_opened_version")
    staff_client.post(admin_url(Document, "changelist"), action)
    assert Document.objects.get(pk=document.pk).status == "published"


def _hidden(html, name):
    from .html import start_tags

    return [a["value"] for tag, a in start_tags(html) if tag == "input" and a.get("name") == name]


def test_canonical_values_compare_what_forms_and_models_hold():
    assert canonical("a\r\nb") == canonical("a\nb")
    assert canonical(None) == canonical("") == canonical(False)
    assert canonical([3, 1]) == ["1", "3"]


def test_reverting_on_top_of_a_change_made_since_the_revision_was_shown(staff_client, second):
    from reversion.models import Version

    document = make_document(summary="First.")
    data = opened(staff_client, document)
    data["summary"] = "Second."
    save(staff_client, document, data)
    first = Version.objects.get_for_object(document).order_by("pk").first()
    assert first.field_dict["summary"] == "Second."  # the first revision the admin made
    data = opened(staff_client, document)
    data["summary"] = "Third."
    save(staff_client, document, data)

    url = admin_url(Document, "revision", document.pk, first.pk)
    reverting = form_data(staff_client.get(url))
    theirs = opened(second, document)
    theirs["summary"] = "Fourth, by the other archivist."
    save(second, document, theirs)

    page = refused(staff_client.post(url, reverting))
    assert Document.objects.get(pk=document.pk).summary == "Fourth, by the other archivist."
    assert [f["kind"] for f in page.context["fields"] if f["label"] == "summary"] == ["theirs"]
    # Reverting anyway, now knowing what it replaces.
    assert reapply(staff_client, page).status_code == 302
    assert Document.objects.get(pk=document.pk).summary == "Second."


def test_the_passage_editor(staff_client, second):
    text = make_text(make_document(), "en", passages=["One.", "Two."])
    passage = text.passages.first()
    mine, theirs = opened(staff_client, passage), opened(second, passage)
    theirs["content"] = "One, theirs."
    save(second, passage, theirs)
    mine["alignment_key"] = "7"
    refused(save(staff_client, passage, mine))
    assert Passage.objects.get(pk=passage.pk).alignment_key != 7


def test_a_file_chosen_in_a_refused_form_is_named_to_be_chosen_again(staff_client, second):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = make_document(summary="A.")
    mine, theirs = opened(staff_client, document), opened(second, document)
    theirs["summary"] = "Theirs."
    save(second, document, theirs)
    total = int(mine["scans-TOTAL_FORMS"])
    mine.update(
        {
            "scans-TOTAL_FORMS": str(total + 1),
            f"scans-{total}-position": "1",
            f"scans-{total}-label": "l. 92",
            f"scans-{total}-image": SimpleUploadedFile("l92.png", b"not read", "image/png"),
        }
    )
    page = refused(save(staff_client, document, mine))
    assert page.context["uploads"] == [f"scans-{total}-image"]
    assert "cannot be carried over from this page" in page.content.decode()
    assert not document.scans.exists()


def test_an_alias_on_its_own_page(staff_client, second):
    # Locked through its person, whose form holds it as a row, as well as on its own.
    alias = Alias.objects.create(
        person=make_person("Joseph Stalin"), name="Filippov", kind="codename"
    )
    mine, theirs = opened(staff_client, alias), opened(second, alias)
    theirs["note"] = "Signed the telegrams of 1951."
    assert save(second, alias, theirs).status_code == 302
    mine["name"] = "Filipov"
    refused(save(staff_client, alias, mine))
    assert Alias.objects.get(pk=alias.pk).name == "Filippov"
