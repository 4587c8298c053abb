"""The admin: closed to the public, and enough for an archivist to enter a document from scratch."""

import pytest
from django.contrib import admin
from django.test import Client

from archive.models import (
    Credit,
    Discrepancy,
    Document,
    DocumentRelation,
    ImportConflict,
    InferredDating,
    Note,
    Person,
    PublicVersion,
    Repository,
    RepositoryName,
    SearchChange,
    Text,
    Withdrawal,
)

from .admin_forms import admin_url, form_data, management_data
from .factory import make_document, make_document_type, make_repository
from .html import page_text, row_containing

pytestmark = pytest.mark.django_db

ARCHIVE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "archive"]


def test_the_public_is_refused(db):
    anonymous = Client()
    for url in ["/admin/", admin_url(Document, "changelist"), admin_url(Person, "add")]:
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_non_staff_user_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(admin_url(Document, "changelist")).status_code == 302


def test_every_model_is_registered():
    registered = {model.__name__ for model in ARCHIVE_MODELS}
    from django.apps import apps

    # Import bases are the importer's memory of each record's file (archive.merging), read by
    # the next import, not by people: their conflicts are what the admin shows.
    unshown = {"ImportBase"}
    models = apps.get_app_config("archive").get_models()
    assert registered == {model.__name__ for model in models} - unshown


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda model: model.__name__)
def test_every_changelist_and_add_page_works_for_staff(staff_client, seed, model):
    DocumentRelation.objects.create(source=make_document(), target=seed, kind="reply_to")
    Discrepancy.objects.create(
        document=seed, first_place="title", second_place="date", note="They disagree."
    )
    InferredDating.objects.create(
        document=seed, date_edtf="1951-06-29/1951-06-30", reason="inferred_related", made_by="Eds."
    )
    Withdrawal.objects.create(record_id=424242)
    # What the seed does not have: a credit, a note, another name of a repository.
    Credit.objects.create(document=seed, role="translator", name="Mark Kramer")
    Note.objects.create(text=seed.texts.last(), label="1", marker="[1]", content="A note.")
    RepositoryName.objects.create(repository=Repository.objects.first(), name="AP RF")
    ImportConflict.objects.create(
        document=seed, record_id=seed.record_id, file="wilson-110371.txt", what="title",
        location={"field": "title"}, file_value="Filippov's telegram",
    )  # fmt: skip
    changelist = staff_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    searched = staff_client.get(admin_url(model, "changelist"), {"q": "Filippov"})
    assert searched.status_code == 200
    read_only = model in (
        SearchChange,
        Withdrawal,
        PublicVersion,
        ImportConflict,
    )  # kept by the archive, never edited by hand
    assert staff_client.get(admin_url(model, "add")).status_code == (403 if read_only else 200)
    instance = model.objects.first()
    assert staff_client.get(admin_url(model, "change", instance.pk)).status_code == 200


def test_the_document_change_page_has_every_inline(staff_client, seed):
    response = staff_client.get(admin_url(Document, "change", seed.pk))
    prefixes = {inline.formset.prefix for inline in response.context["inline_admin_formsets"]}
    assert prefixes == {
        "roles", "sources", "credits", "texts", "particulars", "relations_from", "scans",
        "written_dates", "inferred_datings", "handling_steps", "discrepancies",
    }  # fmt: skip
    assert 'href="/admin/r/' in response.content.decode()  # "view on site"


def test_persons_autocomplete_finds_stalin_by_his_codename(staff_client, seed):
    response = staff_client.get(
        "/admin/autocomplete/",
        {"term": "Filippov", "app_label": "archive", "model_name": "role", "field_name": "person"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Joseph Stalin"]


def test_an_archivist_enters_a_telegram_from_scratch(staff_client, db):
    telegram = make_document_type("ciphered-telegram", "Ciphered telegram")
    make_repository("APRF", name_en="Archive of the President of the Russian Federation")

    # A new person, with a codename.
    response = staff_client.get(admin_url(Person, "add"))
    data = management_data(
        response, aliases=[{"name": "Филиппов", "kind": "codename", "language": "ru"}]
    )
    data.update(name="Joseph Stalin", slug="joseph-stalin", name_ru="Иосиф Сталин")
    response = staff_client.post(admin_url(Person, "add"), data)
    assert response.status_code == 302, response.context["errors"]
    stalin = Person.objects.get(slug="joseph-stalin")
    assert stalin.aliases.get().name == "Филиппов"

    # The document, with its roles, a reference pasted as cited, a particular and two texts.
    response = staff_client.get(admin_url(Document, "add"))
    data = management_data(
        response,
        roles=[
            {
                "person": stalin.pk,
                "role": "recipient",
                "name_as_written": "ФИЛИППОВУ",
                "position": "1",
            }
        ],
        texts=[
            {"language": "ru", "kind": "transcription", "position": "0"},
            {
                "language": "en",
                "kind": "translation",
                "position": "1",
                "credit": "Translated by A. B.",
            },
        ],
        particulars=[
            {"kind": "cipher_number", "value": "№ 4321", "value_en": "No. 4321", "position": "1"}
        ],
    )
    data.update(
        record_id="200001",
        title="Ciphered telegram to Filippov",
        document_type=telegram.pk,
        status="published",
        date="1951-07-02",
        date_precision="day",
        original_language="ru",
        summary="A test telegram.",
        paste_sources="APRF, f. 45, op. 1, d. 340, l. 5",
        _split_sources="1",
    )
    # Split: the reference comes back as a row of its own, filled in, and nothing is saved.
    response = staff_client.post(admin_url(Document, "add"), data)
    assert response.status_code == 200
    assert "Not saved yet" in page_text(response.content.decode())
    assert not Document.objects.filter(record_id=200001).exists()
    data = response.context["adminform"].form.data.copy()
    del data["_split_sources"]
    response = staff_client.post(admin_url(Document, "add"), data)
    assert response.status_code == 302, response.context["errors"]
    document = Document.objects.get(record_id=200001)
    assert [r.citation for r in document.sources.all()] == ["APRF, f. 45, op. 1, d. 340, l. 5"]

    # Each text's passages, pasted paragraph by paragraph.
    for language, pasted in [
        ("ru", "Товарищу ФИЛИППОВУ\r\n\r\nПрошу сообщить Ваше мнение.\r\n\r\n\tМАО ЦЗЕ-ДУН"),
        (
            "en",
            "To Comrade FILIPPOV [Stalin]\n\n"
            "I ask you to communicate your opinion.\n\n\tMao Zedong",
        ),
    ]:
        text = Text.objects.get(document=document, language=language)
        response = staff_client.get(admin_url(Text, "change", text.pk))
        data = management_data(response)
        data.update(
            document=document.pk,
            language=language,
            kind=text.kind,
            credit=text.credit,
            position=text.position,
            paste=pasted,
        )
        response = staff_client.post(admin_url(Text, "change", text.pk), data)
        assert response.status_code == 302, response.context["errors"]

    # The public sees it, original beside translation.
    public = Client().get("/documents/200001/", follow=True)
    assert public.status_code == 200
    html = public.content.decode()
    row = row_containing(html, "Прошу сообщить Ваше мнение.")
    assert "I ask you to communicate your opinion." in row[1].text
    assert "\tМАО ЦЗЕ-ДУН" in row_containing(html, "МАО ЦЗЕ-ДУН")[0].text  # the tab is kept
    text = page_text(html)
    assert "Joseph Stalin as “ФИЛИППОВУ”" in text
    assert "APRF, f. 45, op. 1, d. 340, l. 5" in text
    assert "Translated by A. B." in text
    assert "No. 4321" in text


def split(client, url, text, **fields):
    """Paste a citation into the document form and press Split; the page that comes back."""
    response = client.get(url)
    data = form_data(response) if "change" in url else management_data(response)
    data.update(fields, paste_sources=text, _split_sources="1")
    return client.post(url, data)


def test_a_pasted_citation_is_split_into_sources_and_credits_before_saving(staff_client, seed):
    url = admin_url(Document, "change", seed.pk)
    citation = (
        "АП РФ. Ф. 39. Оп. 1. Д. 31. Л. 33. Reprinted in Mao wengao, vol. 5, p. 90. "
        "Translated for CWIHP from Russian by Sergey Radchenko. Obtained by MNL OL."
    )
    response = split(staff_client, url, citation)
    assert response.status_code == 200
    assert "Not saved yet: the citation is split into 2 source(s) and 2 credit(s)" in page_text(
        response.content.decode()
    )
    assert seed.sources.count() == 3  # nothing written
    data = response.context["adminform"].form.data
    assert data["sources-3-repository"] == str(Repository.objects.get(abbreviation="APRF").pk)
    assert (data["sources-3-fond"], data["sources-3-listy"]) == ("39", "33")
    assert (data["sources-4-kind"], data["sources-4-relation"]) == ("published", "reprinted_in")
    assert (data["sources-4-title"], data["sources-4-volume"]) == ("Mao wengao", "5")
    assert (data["credits-0-role"], data["credits-0-name"]) == ("translator", "Sergey Radchenko")
    assert data["credits-0-organisation"] == "CWIHP"

    # The archivist corrects a part, then saves.
    data = data.copy()
    del data["_split_sources"]
    data["sources-4-pages"] = "91"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    printed = [source.citation for source in seed.sources.all()]
    assert printed[3:] == ["APRF, f. 39, op. 1, d. 31, l. 33", "Mao wengao, vol. 5, p. 91"]
    assert [str(c) for c in seed.credits.all()] == [
        "Translated by Sergey Radchenko for CWIHP",
        "Obtained by MNL OL",
    ]


def test_a_split_names_an_archive_the_gazetteer_knows_and_saving_adds_it(staff_client, seed):
    url = admin_url(Document, "change", seed.pk)
    response = split(staff_client, url, "MNL OL XIV-J-1-j Korea 25-005249/1980.")
    data = response.context["adminform"].form.data.copy()
    assert data["sources-3-archive_name"] == "MNL OL"
    assert not Repository.objects.filter(abbreviation="MNL OL").exists()
    del data["_split_sources"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    hungarian = Repository.objects.get(abbreviation="MNL OL")
    assert hungarian.name_en == "National Archives of Hungary"
    assert "MOL" in hungarian.names.values_list("name", flat=True)
    assert seed.sources.get(repository=hungarian).citation == (
        "MNL OL XIV-J-1-j Korea 25-005249/1980"
    )


def test_two_rows_naming_one_new_archive_make_it_once(staff_client, seed):
    url = admin_url(Document, "change", seed.pk)
    pasted = "MNL OL XIV-J-1-j Korea 25-005249/1980; MOL XIV-J-1-j Korea 24-001/1955."
    data = split(staff_client, url, pasted).context["adminform"].form.data.copy()
    assert data["sources-3-archive_name"] == data["sources-4-archive_name"] == "MNL OL"
    del data["_split_sources"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    hungarian = Repository.objects.get(abbreviation="MNL OL")
    assert seed.sources.filter(repository=hungarian).count() == 2


def test_an_unknown_archive_in_a_split_is_a_form_error_and_saves_nothing(staff_client, seed):
    url = admin_url(Document, "change", seed.pk)
    response = split(staff_client, url, "ЦГАОР, ф. 9401, оп. 2, д. 5.")
    data = response.context["adminform"].form.data.copy()
    del data["_split_sources"]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "No repository is called “ЦГАОР”" in page_text(response.content.decode())
    assert seed.sources.count() == 3


def test_a_pasted_citation_not_split_is_not_saved_silently(staff_client, seed):
    url = admin_url(Document, "change", seed.pk)
    response = staff_client.get(url)
    data = form_data(response)
    data["paste_sources"] = "APRF, f. 45, op. 1, d. 340"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Press “Split into sources and credits”" in page_text(response.content.decode())
    assert seed.sources.count() == 3


def test_variants_of_a_translators_name_are_joined_into_one_person(staff_client, seed):
    first = Credit.objects.create(document=seed, role="translator", name="Sergey Radchenko")
    other = make_document()
    second = Credit.objects.create(document=other, role="translator", name="Sergei Radtchenko")
    response = staff_client.post(
        admin_url(Credit, "changelist"),
        {"action": "link_to_one_person", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 credits linked to Sergey Radchenko" in page_text(response.content.decode())
    first.refresh_from_db(), second.refresh_from_db()
    assert first.person == second.person
    person = first.person
    assert person.name == "Sergey Radchenko"
    assert list(person.aliases.values_list("name", "kind")) == [("Sergei Radtchenko", "spelling")]
    # "Sergei Radchenko" needs no alias: names are compared with spellings folded.
    third = Credit.objects.create(document=other, role="translator", name="Sergei Radchenko")
    staff_client.post(
        admin_url(Credit, "changelist"),
        {"action": "link_to_one_person", "_selected_action": [first.pk, third.pk]},
    )
    third.refresh_from_db()
    assert third.person == person and person.aliases.count() == 1


def test_publish_and_unpublish_actions(staff_client, db):
    draft, other = make_document(status="draft"), make_document(status="draft")
    url = admin_url(Document, "changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db(), other.refresh_from_db()
    assert (draft.status, other.status) == ("published", "draft")
    assert Client().get(draft.get_absolute_url()).status_code == 200
    staff_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_two_translations_in_one_language_get_their_own_codes(staff_client, db):
    document = make_document()
    response = staff_client.get(admin_url(Document, "change", document.pk))
    data = management_data(
        response,
        texts=[
            {"language": "en", "kind": "translation", "position": "1"},
            {"language": "en", "kind": "translation", "position": "2", "credit": "CWIHP"},
        ],
    )
    data.update(
        record_id=document.record_id,
        title=document.title,
        document_type=document.document_type_id,
        status="published",
        date="1951-06-30",
        date_precision="day",
        original_language="ru",
    )
    response = staff_client.post(admin_url(Document, "change", document.pk), data)
    assert response.status_code == 302, response.context["errors"]
    assert sorted(document.texts.values_list("code", flat=True)) == ["en", "en-2"]
