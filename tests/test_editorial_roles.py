"""Editorial roles: archivists edit, curators also publish, withdraw and delete, administrators
manage accounts; every admin page and action answers each of them as it should."""

import io
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from archive.models import (
    Credit,
    Discrepancy,
    Document,
    DocumentRelation,
    ImportConflict,
    InferredDating,
    Note,
    Repository,
    RepositoryName,
    Withdrawal,
)

from .admin_forms import admin_url, edit_document, form_data, management_data
from .factory import make_document, make_staff
from .records import record
from .test_migrations import back_to_the_latest_schema, migrate  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db

ROLE_NAMES = ["Archivist", "Curator", "Administrator"]


def url_of(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def versions_of(document):
    return list(Version.objects.get_for_object(document).select_related("revision__user"))


# --- The groups -----------------------------------------------------------------------------


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_migrations_made_the_three_roles():
    archivist, curator, administrator = (codenames(name) for name in ROLE_NAMES)
    assert "archive.change_document" in archivist and "archive.add_person" in archivist
    assert "archive.change_passage" in archivist and "archive.delete_passage" in archivist
    assert "archive.change_classification" in archivist
    assert "archive.publish_document" not in archivist
    assert "archive.delete_person" not in archivist and "auth.change_user" not in archivist
    assert curator > archivist
    assert curator - archivist >= {"archive.publish_document", "archive.delete_person"}
    assert "auth.change_user" not in curator
    assert {"auth.add_user", "auth.change_group", "otp_totp.delete_totpdevice"} <= administrator
    assert not {name for name in administrator if name.startswith("archive.")}


@pytest.mark.django_db(transaction=True)
def test_the_roles_migration_makes_the_groups_and_its_reverse_removes_them(
    back_to_the_latest_schema,  # noqa: F811
):
    migrate("0009_languages_and_roles")
    assert not Group.objects.filter(name__in=ROLE_NAMES).exists()
    apps = migrate("0010_editorial_roles")
    groups = apps.get_model("auth", "Group").objects
    assert sorted(groups.values_list("name", flat=True)) == sorted(ROLE_NAMES)
    publishers = groups.filter(permissions__codename="publish_document")
    assert list(publishers.values_list("name", flat=True)) == ["Curator"]
    editors = groups.filter(permissions__codename="change_passage")
    assert sorted(editors.values_list("name", flat=True)) == ["Archivist", "Curator"]


def test_each_migrate_gives_the_roles_what_they_lack_and_keeps_what_was_added():
    # As the import conflicts of a later migration will be: a model the roles name, new.
    kind, _ = ContentType.objects.get_or_create(app_label="archive", model="importconflict")
    Permission.objects.get_or_create(
        content_type=kind, codename="resolve_importconflict", defaults={"name": "Can resolve"}
    )
    archivist = Group.objects.get(name="Archivist")
    archivist.permissions.remove(Permission.objects.get(codename="change_passage"))
    extra = Permission.objects.get(codename="view_logentry")
    archivist.permissions.add(extra)
    Group.objects.filter(name="Administrator").delete()

    call_command("migrate", verbosity=0)

    assert "archive.resolve_importconflict" in codenames("Curator")
    assert "archive.resolve_importconflict" not in codenames("Archivist")
    assert {"archive.change_passage", "admin.view_logentry"} <= codenames("Archivist")
    assert "auth.change_user" in codenames("Administrator")


# --- Every admin page, as each of them --------------------------------------------------------

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = frozenset({VIEW, ADD, CHANGE, DELETE})
EDIT = frozenset({VIEW, ADD, CHANGE})

DOCUMENTS = {
    "archive.document", "archive.text", "archive.passage", "archive.note", "archive.role",
    "archive.source", "archive.credit", "archive.particular", "archive.documentrelation",
    "archive.scan", "archive.alias", "archive.repositoryname", "archive.writtendate",
    "archive.inferreddating", "archive.handlingstep", "archive.discrepancy",
}  # fmt: skip
AUTHORITIES = {
    "archive.person", "archive.repository", "archive.documenttype", "archive.classification",
    "archive.collection", "archive.place", "archive.subject", "archive.event",
    "archive.glossaryentry", "archive.glossaryform", "archive.glossarysense",
}  # fmt: skip
KEPT = {"archive.searchchange", "archive.publicversion", "archive.withdrawal"}
ACCOUNTS = {"auth.user", "auth.group", "otp_totp.totpdevice"}
# Registered by the import-merge work; its admin sets its own limits, which the roles follow.
LATER = {"archive.importconflict"}

# What each role may do with each registered model, written out here, apart from the code.
RIGHTS = {
    "Archivist": {
        **dict.fromkeys(DOCUMENTS, ALL),
        **dict.fromkeys(AUTHORITIES, EDIT),
        **dict.fromkeys(KEPT, frozenset({VIEW})),
    },
    "Curator": {
        **dict.fromkeys(DOCUMENTS | AUTHORITIES | LATER, ALL),
        **dict.fromkeys(KEPT, frozenset({VIEW})),
    },
    "Administrator": dict.fromkeys(ACCOUNTS, ALL),
}
PAGES = {"changelist": VIEW, "add": ADD, "change": VIEW, "history": VIEW, "delete": DELETE}
# What the admin itself allows nobody, a superuser included: the archive's own records.
NOBODY = {(label, page) for label in KEPT for page in ("add", "delete")}


def label(model):
    return model._meta.label_lower


def registered():
    models = sorted(admin.site._registry, key=label)
    unknown = {label(model) for model in models} - DOCUMENTS - AUTHORITIES - KEPT - ACCOUNTS
    assert unknown <= LATER, f"say in RIGHTS who may do what with {unknown}"
    return models


def conflict_on(document):
    """An open import conflict over the document's title (see archive.merging)."""
    return ImportConflict.objects.create(
        document=document,
        record_id=document.record_id,
        file="wilson-110371.txt",
        what="title",
        location={"field": "title"},
        file_value="The title as the file has it now",
    )


@pytest.fixture
def one_of_each(seed):
    """One object of every registered model (the seed record, and what it lacks)."""
    DocumentRelation.objects.create(source=make_document(), target=seed, kind="reply_to")
    Discrepancy.objects.create(
        document=seed, first_place="title", second_place="date", note="They disagree."
    )
    InferredDating.objects.create(
        document=seed, date_edtf="1951-06-29/1951-06-30", reason="inferred_related", made_by="Eds."
    )
    Withdrawal.objects.create(record_id=424242)
    Credit.objects.create(document=seed, role="translator", name="Mark Kramer")
    Note.objects.create(text=seed.texts.last(), label="1", marker="[1]", content="A note.")
    RepositoryName.objects.create(repository=Repository.objects.first(), name="AP RF")
    conflict_on(seed)
    someone = User.objects.create_user("someone", password="not-a-real-password")
    TOTPDevice.objects.create(user=someone, name="phone")
    objects = {}
    for model in registered():
        instance = seed if model is Document else model._default_manager.order_by("pk").first()
        assert instance is not None or label(model) in LATER, label(model)
        objects[model] = instance
    return objects


def pages(objects):
    for model, instance in objects.items():
        for page, right in PAGES.items():
            if page in ("changelist", "add"):
                yield model, page, right, url_of(model, page)
            elif instance is not None:
                yield model, page, right, url_of(model, page, instance.pk)


def allowed_answer(model, page, superuser_client, url):
    """What a user allowed the page gets: 200, unless the admin allows it nobody."""
    if label(model) in LATER:  # its admin's own limits, as a superuser meets them
        return superuser_client.get(url).status_code
    return 403 if (label(model), page) in NOBODY else 200


def test_the_public_is_sent_to_sign_in_from_every_page(one_of_each):
    anonymous = Client()
    for _model, _page, _right, url in [*pages(one_of_each), (None, None, None, "/admin/")]:
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


@pytest.mark.parametrize("role", [*ROLE_NAMES, "superuser"])
def test_every_admin_page_answers_each_role_as_it_should(one_of_each, role):
    superuser = User.objects.create_superuser("boss", password="not-a-real-password")
    boss = signed_in(superuser)
    client = boss if role == "superuser" else signed_in(make_staff(role.lower(), role))
    assert client.get("/admin/").status_code == 200
    wrong = []
    for model, page, right, url in pages(one_of_each):
        rights = ALL if role == "superuser" else RIGHTS[role].get(label(model), set())
        may = right in rights or (right == VIEW and CHANGE in rights)
        expected = allowed_answer(model, page, boss, url) if may else 403
        if role == "Archivist" and model is Document and page == "delete":
            expected = 403  # the seed record is published: only a curator deletes it
        answer = client.get(url).status_code
        if answer != expected:
            wrong.append(f"{label(model)} {page}: {answer}, not {expected}")
    assert wrong == []


# --- Publishing, withdrawing and deleting -----------------------------------------------------

CHANGELIST = admin_url(Document, "changelist")


def act(client, action, *documents, **extra):
    data = {"action": action, "_selected_action": [d.pk for d in documents], **extra}
    return client.post(CHANGELIST, data)


def statuses(*documents):
    return [
        Document.objects.filter(pk=d.pk).values_list("status", flat=True).first() for d in documents
    ]


@pytest.fixture
def clients(db):
    """A signed-in client for each role, and the public's."""
    return {
        "anonymous": Client(),
        "Archivist": signed_in(make_staff("archivist", "Archivist")),
        "Curator": signed_in(make_staff("curator", "Curator")),
        "Administrator": signed_in(make_staff("administrator", "Administrator")),
        "superuser": signed_in(User.objects.create_superuser("boss", password="x")),
    }


# role: (answer to publish, status after, answer to unpublish, status after)
ACTIONS = {
    "anonymous": (302, "draft", 302, "published"),
    "Archivist": (302, "draft", 302, "published"),  # back to the list: "No action selected."
    "Curator": (302, "published", 302, "draft"),
    "Administrator": (403, "draft", 403, "published"),
    "superuser": (302, "published", 302, "draft"),
}


@pytest.mark.parametrize("role", ACTIONS)
def test_the_publish_and_unpublish_actions_need_the_publish_permission(clients, role):
    client = clients[role]
    draft, published = make_document(status="draft"), make_document(status="published")
    publish_answer, after_publish, unpublish_answer, after_unpublish = ACTIONS[role]
    assert act(client, "publish", draft).status_code == publish_answer
    assert act(client, "unpublish", published).status_code == unpublish_answer
    assert statuses(draft, published) == [after_publish, after_unpublish]
    if role in ("Archivist", "Curator"):
        offered = client.get(CHANGELIST).context["action_form"].fields["action"].choices
        names = {name for name, _label in offered}
        assert ("publish" in names, "unpublish" in names) == (role == "Curator", role == "Curator")
        assert "delete_selected" in names
    if role == "Archivist":  # not offered, so not a valid choice: nothing is done
        response = client.post(
            CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
        )
        assert "No action selected." in response.content.decode()
        assert statuses(draft) == ["draft"]


# role: (deleting drafts, deleting a draft with a published one): answer and what is left
DELETIONS = {
    "anonymous": (302, 302, ["draft", "draft", "published"]),
    "Archivist": (302, 403, [None, "draft", "published"]),
    "Curator": (302, 302, [None, None, None]),
    "Administrator": (403, 403, ["draft", "draft", "published"]),
    "superuser": (302, 302, [None, None, None]),
}


@pytest.mark.parametrize("role", DELETIONS)
def test_delete_selected_refuses_the_lot_when_one_is_published_and_the_user_may_not(clients, role):
    client = clients[role]
    first, second = make_document(status="draft"), make_document(status="draft")
    published = make_document(status="published")
    drafts_answer, mixed_answer, left = DELETIONS[role]
    assert act(client, "delete_selected", first, post="yes").status_code == drafts_answer
    assert act(client, "delete_selected", second, published, post="yes").status_code == (
        mixed_answer
    )
    assert statuses(first, second, published) == left


def test_an_archivist_deletes_a_draft_but_not_a_published_document(clients):
    archivist = clients["Archivist"]
    draft, published = make_document(status="draft"), make_document(status="published")
    # What the archive keeps about a document goes with it, though nobody deletes it by hand.
    conflict_on(draft), conflict_on(published)
    assert archivist.get(admin_url(Document, "delete", published.pk)).status_code == 403
    response = archivist.post(admin_url(Document, "delete", published.pk), {"post": "yes"})
    assert response.status_code == 403
    response = archivist.post(admin_url(Document, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert statuses(draft, published) == [None, "published"]
    response = clients["Curator"].post(admin_url(Document, "delete", published.pk), {"post": "yes"})
    assert response.status_code == 302
    assert statuses(published) == [None]
    assert not ImportConflict.objects.exists()


# --- The status field ---------------------------------------------------------------------------


def test_an_archivist_sees_the_status_but_cannot_change_it_even_by_a_crafted_post(clients):
    archivist, curator = clients["Archivist"], clients["Curator"]
    draft = make_document(status="draft")
    page = archivist.get(admin_url(Document, "change", draft.pk))
    assert "status" not in page.context["adminform"].form.fields
    assert 'name="status"' not in page.content.decode()
    assert "draft" in page.content.decode()  # shown, as text

    edit_document(archivist, draft, title="Edited by an archivist", status="published")
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Edited by an archivist", "draft")

    assert 'name="status"' in curator.get(admin_url(Document, "change", draft.pk)).content.decode()
    edit_document(curator, draft, status="published")
    draft.refresh_from_db()
    assert draft.status == "published"


@pytest.mark.parametrize("role, status", [("Archivist", "draft"), ("Curator", "published")])
def test_only_a_curator_creates_a_document_as_published(clients, authorities, role, status):
    client = clients[role]
    response = client.get(admin_url(Document, "add"))
    data = management_data(response)
    data.update(
        record_id="777001",
        title="A new document",
        document_type=Document._meta.get_field("document_type").related_model.objects.first().pk,
        status="published",
        date_precision="day",
        original_language="ru",
    )
    response = client.post(admin_url(Document, "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Document.objects.get(record_id=777001).status == status


def test_reverting_to_a_published_revision_is_publishing(clients, seed):
    archivist, curator = clients["Archivist"], clients["Curator"]
    edit_document(curator, seed, title="Published, retitled")
    published = versions_of(seed)[0]
    edit_document(curator, seed, status="draft")
    url = admin_url(Document, "revision", seed.pk, published.pk)

    response = archivist.get(url)  # looking is allowed: it changes nothing
    assert response.status_code == 200
    assert archivist.post(url, form_data(response)).status_code == 403
    seed.refresh_from_db()
    assert (seed.status, seed.title) == ("draft", "Published, retitled")

    assert curator.post(url, form_data(curator.get(url))).status_code == 302
    seed.refresh_from_db()
    assert seed.status == "published"


def test_recovering_a_deleted_published_document_is_publishing(clients):
    archivist, curator = clients["Archivist"], clients["Curator"]
    document = make_document(status="published")
    edit_document(curator, document, title="Recorded once")
    curator.post(admin_url(Document, "delete", document.pk), {"post": "yes"})
    (version,) = Version.objects.get_deleted(Document)
    url = admin_url(Document, "recover", version.pk)
    response = archivist.get(url)
    assert response.status_code == 200
    assert archivist.post(url, form_data(response)).status_code == 403
    assert not Document.objects.filter(pk=document.pk).exists()
    assert curator.post(url, form_data(curator.get(url))).status_code == 302
    assert Document.objects.get(pk=document.pk).status == "published"


# --- The edit history says who published what, and when ---------------------------------------


def test_the_history_shows_who_published_and_withdrew_from_the_list(clients):
    curator = clients["Curator"]
    document = make_document(status="draft")
    act(curator, "publish", document)
    act(curator, "unpublish", document)
    withdrawn, published = versions_of(document)
    assert (published.revision.comment, published.field_dict["status"]) == (
        "Published.",
        "published",
    )
    assert (withdrawn.revision.comment, withdrawn.field_dict["status"]) == (
        "Withdrawn to draft.",
        "draft",
    )
    assert {published.revision.user.username, withdrawn.revision.user.username} == {"curator"}
    assert published.revision.date_created <= withdrawn.revision.date_created

    page = curator.get(admin_url(Document, "history", document.pk)).content.decode()
    assert re.search(r"curator.*?Withdrawn to draft\.", page, re.S)
    assert re.search(r"curator.*?Published\.", page, re.S)


def test_the_history_shows_a_status_changed_on_the_form(clients):
    curator = clients["Curator"]
    document = make_document(status="draft")
    edit_document(curator, document, status="published", title="Now public")
    edit_document(curator, document, status="draft")
    edit_document(curator, document, title="Only retitled")
    retitled, withdrawn, published = versions_of(document)
    assert published.revision.comment == "Published. Changed Title and Status."
    assert withdrawn.revision.comment == "Withdrawn to draft. Changed Status."
    assert retitled.revision.comment == "Changed Title."
    assert published.revision.user.username == "curator"


# --- import_records --status published ----------------------------------------------------------


def import_published(tmp_path, *options):
    path = tmp_path / "record.txt"
    path.write_text(record(record_id=4242), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_records", str(path), "--status", "published", *options, stdout=out, stderr=out
    )
    return Document.objects.get(record_id=4242)


def test_importing_as_published_needs_an_account_that_may_publish(authorities, tmp_path):
    make_staff("archivist", "Archivist")
    make_staff("curator", "Curator")
    with pytest.raises(CommandError, match="needs --user with an account that may publish"):
        import_published(tmp_path)
    with pytest.raises(CommandError, match="“archivist” may not publish"):
        import_published(tmp_path, "--user", "archivist")
    with pytest.raises(CommandError, match="No active account named “nobody”"):
        import_published(tmp_path, "--user", "nobody")
    assert not Document.objects.exists()
    assert import_published(tmp_path, "--user", "curator").status == "published"


def test_an_archivists_import_waits_as_a_draft(authorities, tmp_path):
    make_staff("archivist", "Archivist")
    path = tmp_path / "record.txt"
    path.write_text(record(record_id=4243), encoding="utf-8")
    out = io.StringIO()
    call_command("import_records", str(path), "--user", "archivist", stdout=out, stderr=out)
    assert Document.objects.get(record_id=4243).status == "draft"


def test_an_import_for_a_user_is_their_revision_and_an_archivists_exchange_file_a_draft(
    seed, tmp_path
):
    from archive.exchange import export_document
    from archive.importing.batch import export_object

    make_staff("archivist", "Archivist")
    obj = export_document(Document.objects.for_exchange().get(record_id=110371))
    obj.update(record_id=4244, status="published")
    path = tmp_path / "4244.json"
    path.write_text(export_object(obj), encoding="utf-8")
    out = io.StringIO()
    call_command("import_records", str(path), "--format", "json", "--user", "archivist", stdout=out)
    document = Document.objects.get(record_id=4244)
    assert document.status == "draft"  # the file said published; a curator decides
    (version,) = Version.objects.get_for_object(document)
    assert version.revision.user.username == "archivist"


def test_reverting_a_texts_revision_that_would_change_its_documents_status_is_publishing(
    clients, seed
):
    from archive.models import Text

    archivist, curator = clients["Archivist"], clients["Curator"]
    edit_document(curator, seed, status="draft")
    text = seed.texts.get(code="en")
    response = archivist.get(admin_url(Text, "change", text.pk))
    data = form_data(response)
    assert archivist.post(admin_url(Text, "change", text.pk), data).status_code == 302
    as_draft = Version.objects.get_for_object(text).order_by("-pk").first()  # holds the draft
    assert act(curator, "publish", seed).status_code == 302
    url = admin_url(Text, "revision", text.pk, as_draft.pk)
    assert archivist.post(url, form_data(archivist.get(url))).status_code == 403
    seed.refresh_from_db()
    assert seed.status == "published"  # the archivist could not withdraw it this way


def test_a_revision_of_several_documents_is_not_reverted_as_one(clients):
    curator = clients["Curator"]
    first, second = make_document(status="draft"), make_document(status="draft")
    act(curator, "publish", first, second)
    together = versions_of(first)[0]
    assert together.revision.version_set.filter(content_type__model="document").count() == 2
    edit_document(curator, second, title="Worked on since")
    url = admin_url(Document, "revision", first.pk, together.pk)
    assert curator.post(url, form_data(curator.get(url))).status_code == 403
    second.refresh_from_db()
    assert second.title == "Worked on since"  # not taken back with the first


def test_a_revert_moves_the_documents_time_of_change_on(clients, seed):
    # Reverting a text's revision is a change to its document made now: a new time of change
    # (OAI's datestamp, the key its pages are cached under), not the revision's old one.
    from archive.models import Text

    from .admin_forms import edit_passage

    curator = clients["Curator"]
    text = seed.texts.get(code="en")
    passage = text.passages.order_by("position").first()
    edit_passage(curator, passage, "A first wording.")
    first = Version.objects.get_for_object(text).order_by("-pk").first()
    edit_passage(curator, passage, "A second wording.")
    before = Document.objects.get(pk=seed.pk).modified
    url = admin_url(Text, "revision", text.pk, first.pk)
    assert curator.post(url, form_data(curator.get(url))).status_code == 302
    passage.refresh_from_db()
    assert passage.content == "A first wording."
    assert Document.objects.get(pk=seed.pk).modified > before


def test_importing_as_drafts_for_a_user_who_may_not_withdraw_is_refused(authorities, tmp_path):
    make_staff("archivist", "Archivist")
    path = tmp_path / "record.txt"
    path.write_text(record(record_id=4245), encoding="utf-8")
    with pytest.raises(CommandError, match="would withdraw published documents"):
        call_command("import_records", str(path), "--status", "draft", "--user", "archivist")
    assert not Document.objects.filter(record_id=4245).exists()
