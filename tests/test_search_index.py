"""The index follows every change: admin edits, fixtures, deletes, publishing, renames."""

import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from archive import changes
from archive.models import Alias, Document, Passage, Place, Subject
from archive.search import engine
from archive.search.engine import disk

from .admin_forms import admin_url, management_data
from .factory import (
    make_document,
    make_person,
    make_reference,
    make_repository,
    make_role,
    make_text,
)

pytestmark = pytest.mark.django_db


def found(query):
    return sorted(Document.objects.search(query).values_list("record_id", flat=True))


def test_editing_a_passage_in_the_admin_changes_the_results_at_once(staff_client, seed):
    text = seed.texts.get(code="en")
    passage = text.passages.get(content__startswith="How should we relate")
    assert found("Eisenhower") == []
    url = admin_url(type(text), "change", text.pk)
    data = management_data(staff_client.get(url))
    index = list(text.passages.order_by("position")).index(passage)
    data[f"passages-{index}-content"] = "How should we answer Eisenhower?"
    data.update(document=seed.pk, language="en", kind="translation", code="en", position=1)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert found("Eisenhower") == [110371]
    assert found('"How should we relate"') == []


def test_publishing_and_withdrawing_in_the_admin(staff_client, db):
    draft = make_document(record_id=1, status="draft")
    make_text(draft, passages=["Переговоры в Кэсоне"])
    url = admin_url(Document, "changelist")
    assert found("Кэсоне") == []
    staff_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    assert found("Кэсоне") == [1]
    staff_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert found("Кэсоне") == []
    assert engine.indexed_ids() == set()


def test_deleting_passages_texts_and_documents(db):
    document = make_document(record_id=1)
    text = make_text(document, passages=["Первый абзац", "Второй абзац"])
    assert found("второй") == [1]
    Passage.objects.get(content="Второй абзац").delete()
    assert found("второй") == []
    text.delete()
    assert found("первый") == []
    assert found(document.title) == [1]
    document.delete()
    assert engine.indexed_ids() == set()


def test_deleting_a_document_with_everything_in_it(db):
    document = make_document(record_id=1)
    make_text(document, passages=["Каскадное удаление"])
    make_role(document, make_person("Someone", slug="someone"))
    document.delete()  # texts, passages and roles go with it, in one cascade
    assert engine.indexed_ids() == set()
    assert found("каскадное") == []


def test_moving_a_passage_or_an_alias_updates_both_sides(db):
    first, second = make_document(record_id=1), make_document(record_id=2)
    make_text(first, passages=["Перемещённый абзац"])
    target = make_text(second, passages=["Другой"])
    passage = Passage.objects.get(content="Перемещённый абзац")
    passage.text, passage.position = target, 2
    passage.save()
    assert found("перемещённый") == [2]

    stalin, molotov = make_person("Stalin", slug="stalin"), make_person("Molotov", slug="molotov")
    make_role(first, stalin)
    make_role(second, molotov)
    alias = Alias.objects.create(person=stalin, name="Filippov", kind="codename")
    assert found("Filippov") == [1]
    alias.person = molotov
    alias.save()
    assert found("Filippov") == [2]


def test_plain_loaddata_indexes_the_fixtures(db):
    call_command("loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=0)
    assert found("Filippov") == [110371]


def test_renaming_a_person_or_an_alias_reaches_their_documents(db):
    person = make_person("Stalin", slug="stalin")
    make_role(make_document(record_id=1), person, "recipient")
    make_role(make_document(record_id=2), person, "mentioned")
    alias = Alias.objects.create(person=person, name="Filippov", kind="codename")
    assert found("Filippov") == [1, 2]
    alias.name = "Filipov"
    alias.save()
    assert found("Filipov") == [1, 2]  # folded: Filippov and Filipov are one spelling
    alias.delete()
    assert found("Filipov") == []
    person.name = "Joseph Stalin"
    person.save()
    assert found("Joseph") == [1, 2]


def test_renaming_a_repository_reaches_the_documents_citing_it(db):
    repository = make_repository("RGANI")
    make_reference(make_document(record_id=1), repository)
    repository.abbreviation_ru = "РГАНИ"
    repository.save()
    assert found("РГАНИ") == [1]


def test_deleting_a_place_or_a_subject_removes_it(db):
    document = make_document(record_id=1)
    kaesong = Place.objects.create(name="Kaesong", slug="kaesong", name_ru="Кэсон")
    truce = Subject.objects.create(name="Truce talks", slug="truce", name_ru="Перемирие")
    document.places.add(kaesong)
    document.subjects.add(truce)
    assert found("Кэсон") == [1] and found("перемирие") == [1]
    kaesong.delete()
    truce.delete()
    assert found("Kaesong") == [] and found("перемирие") == []


def test_a_person_named_in_a_particular_is_searchable(db):
    document = make_document(record_id=1)
    elezov = make_person("Elezov", slug="elezov", name_ru="Елезов")
    document.particulars.create(kind="deciphered", value="расш.", person=elezov)
    assert found("Елезов") == [1]
    elezov.name = "Yelezov"
    elezov.save()
    assert found("Yelezov") == [1]


def test_places_added_and_cleared_either_way(db):
    document = make_document(record_id=1)
    kaesong = Place.objects.create(name="Kaesong", slug="kaesong", name_ru="Кэсон")
    document.places.add(kaesong)
    assert found("Kaesong") == [1]
    kaesong.documents.clear()
    assert found("Kaesong") == []
    kaesong.documents.add(document)
    kaesong.name = "Kaesŏng"
    kaesong.save()
    assert found("Kaesong") == [1]  # diacritics folded


def test_a_failed_edit_leaves_the_index_as_it_was(db):
    document = make_document(record_id=1)
    make_text(document, passages=["Исходный текст"])
    with pytest.raises(RuntimeError), transaction.atomic():
        passage = Passage.objects.get(text__document=document)
        passage.content = "Изменённый текст"
        passage.save()
        raise RuntimeError("the edit fails")
    assert found("исходный") == [1]
    assert found("изменённый") == []


def test_deferred_changes_reindex_each_document_once(db, monkeypatch):
    calls = []
    original = changes.reindex
    monkeypatch.setattr(changes, "reindex", lambda ids: calls.append(set(ids)) or original(ids))
    assert found("слово5") == []  # the index is there before the block
    with changes.deferred():
        document = make_document(record_id=1)
        for n in range(20):
            make_text(document, "ru", passages=[f"слово{n}"])
        assert found("слово5") == []  # not yet: the entry is written at the end
    assert found("слово5") == [1]
    assert calls == [{document.pk}]


def test_a_lost_index_is_built_again(db, own_search_index):
    make_text(make_document(record_id=1), passages=["Потерянный индекс"])
    make_text(make_document(record_id=2, status="draft"), passages=["Потерянный черновик"])
    assert found("потерянный") == [1]
    disk.forget(own_search_index)
    shutil.rmtree(own_search_index)
    assert found("потерянный") == [1]  # the first search builds it from the database


def test_rebuild_command(db):
    make_text(make_document(record_id=1), passages=["Потерянный индекс"])
    make_text(make_document(record_id=2, status="draft"), passages=["Потерянный черновик"])
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert found("потерянный") == [1]
    assert "Search index rebuilt: 1 published documents." in out.getvalue()
    assert "Indexing: 1/1 (100%)" in err.getvalue()


def _rich_document(record_id, persons):
    """A document with some of everything an index entry is made of."""
    from archive.models import Collection

    document = make_document(record_id=record_id, summary=f"Summary {record_id}")
    author, recipient, decipherer = persons
    make_role(document, author, name_as_written="Мао Цзэдун", position=2)
    make_role(document, recipient, role="recipient", name_as_written="Филиппову", position=1)
    document.particulars.create(kind="deciphered", value="расш.", person=decipherer)
    document.particulars.create(kind="typed", value="печ. 3 экз.")  # names no one
    make_reference(document, make_repository("APRF"), opis="1", delo="339")
    english = make_text(document, language="en", kind="translation", position=2)
    for position, content in ((2, "How should we answer?"), (1, "Comrade Filippov!")):
        Passage.objects.create(text=english, position=position, content=content)
    russian = make_text(document, position=1, passages=["Товарищу Филиппову!"])
    make_text(document, language="ko", kind="translation", position=3)  # lost: no passages
    for text, label in ((english, "2"), (english, "1"), (russian, "1")):
        text.notes.create(label=label, position=int(label), content=f"Note {label} of {text.pk}")
    collection, _ = Collection.objects.get_or_create(slug="korean-war", name="Korean War")
    document.collections.add(collection)
    document.places.add(Place.objects.get_or_create(slug="kaesong", name="Kaesong")[0])
    return document


def test_documents_are_read_for_the_index_in_queries_that_do_not_grow_with_them(db):
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    from archive.search.index import indexable

    mao = make_person("Mao Zedong", slug="mao", name_ru="Мао Цзэдун", name_native="毛泽东")
    stalin = make_person("Stalin", slug="stalin")
    for name, kind in (("Сталин", "spelling"), ("Filippov", "codename"), ("Druzhkov", "codename")):
        Alias.objects.create(person=stalin, name=name, kind=kind)
    elezov = make_person("Elezov", slug="elezov", name_ru="Елезов")
    first = _rich_document(1, (mao, stalin, elezov))
    others = [_rich_document(n, (stalin, elezov, mao)) for n in (2, 3, 4)]
    draft = make_document(record_id=5, status="draft")

    # Every query names the database it reads (the primary's, for the engine): a router
    # is never asked, so no read can go to a replica that may lag.
    with CaptureQueriesContext(connection) as one, override_settings(DATABASE_ROUTERS=[Unrouted()]):
        [item] = indexable([first.pk, draft.pk])
    with CaptureQueriesContext(connection) as four:
        items = indexable([first.pk, draft.pk] + [d.pk for d in others])
    assert len(four) == len(one)
    assert [item.document.pk for item in items] == [first.pk] + [d.pk for d in others]

    # Roles in their order, each person's names and aliases, then the name as written;
    # then a person a particular names.
    assert item.names == ["Stalin", "Druzhkov", "Filippov", "Сталин", "Филиппову",
                          "Mao Zedong", "Мао Цзэдун", "毛泽东", "Мао Цзэдун",
                          "Elezov", "Елезов"]  # fmt: skip
    assert items[1].names == ["Elezov", "Елезов", "Филиппову", "Stalin", "Druzhkov", "Filippov", "Сталин",
                              "Мао Цзэдун", "Mao Zedong", "Мао Цзэдун", "毛泽东"]  # fmt: skip
    # Texts in their order, each with its passages and notes in theirs.
    russian, english = first.texts.get(language="ru"), first.texts.get(language="en")
    assert item.texts == [
        (["Товарищу Филиппову!"], [f"Note 1 of {russian.pk}"]),
        (["Comrade Filippov!", "How should we answer?"],
         [f"Note 1 of {english.pk}", f"Note 2 of {english.pk}"]),
        ([], []),
    ]  # fmt: skip
    assert item.roles == {(stalin.pk, "recipient"), (mao.pk, "author")}
    assert item.collections == set(first.collections.values_list("pk", flat=True))
    assert item.repositories == {make_repository("APRF").pk}
    words = [words for _label, words in item.details]
    assert "Kaesong" in words and "расш." in words and "печ. 3 экз." in words


class Unrouted:
    def db_for_read(self, model, **hints):
        raise AssertionError(f"{model.__name__} read without naming its database")

    db_for_write = db_for_read
