"""Broken record files: each gives a clear error naming the file and line, and changes nothing."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command

from archive.importing.batch import import_files
from archive.models import Document, Passage, Person, Repository

from .factory import SEED_SOURCE_COPY
from .records import ORIGINAL, TRANSLATION, record

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row the archive holds, as fixtures would write them."""
    from django.apps import apps

    models = [m for m in apps.get_app_config("archive").get_models()]
    return serializers.serialize("json", [obj for m in models for obj in m.objects.order_by("pk")])


BROKEN = {
    "empty": (b"", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    "not UTF-8 or Windows-1251": (
        record().encode("utf-8").replace("Прошу".encode(), b"\x98\x98\xff"),
        "neither UTF-8 nor Windows-1251",
    ),
    "no date or title": (
        record().split("\n", 1)[1].replace("**", "", 2).encode(),
        "line 1: expected the record's date in bold",
    ),
    "a date not in the calendar": (
        record(date="June 31, 1951").encode(),
        "line 1: “June 31, 1951” is not a date in the calendar",
    ),
    "unclosed title": (
        record().replace("Stalin]**", "Stalin]").encode(),
        "line 2: the title is not closed with **",
    ),
    "no citation": (record(citation=False).encode(), "the record gives no URL of its own"),
    "no URL": (
        record().replace("<https://digitalarchive.wilsoncenter.org/document/200101>", "").encode(),
        "line 6: the record gives no URL of its own",
    ),
    "a URL without the record number": (
        record(url="https://digitalarchive.wilsoncenter.org/document/").encode(),
        "does not end in the record's number",
    ),
    "a control character": (
        record().replace("Прошу", "Про\x07шу").encode(),
        "line 34: invisible control character U+0007",
    ),
    "a broken byte-order mark file": (
        b"\xef\xbb\xbf" + record().encode("utf-8")[:200] + b"\xc3\x28",
        "invalid utf-8 despite the byte-order mark",
    ),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_file_is_refused_with_its_line_and_changes_nothing(authorities, tmp_path, kind):
    data, message = BROKEN[kind]
    before = snapshot()
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    (item,) = import_files([path]).files
    assert item.outcome == "failed"
    assert message in item.error, item.error
    assert snapshot() == before


def test_a_broken_update_leaves_the_record_as_it_was(seed, tmp_path):
    before = snapshot()
    text = SEED_SOURCE_COPY.read_text(encoding="utf-8").replace("**June 30,", "**June 31,")
    path = tmp_path / "wilson-110371.txt"
    path.write_text(text, encoding="utf-8")
    (item,) = import_files([path]).files
    assert item.outcome == "failed"
    assert item.error.startswith("line 3: “June 31, 1951” is not a date in the calendar")
    assert snapshot() == before


def test_a_failure_after_writing_began_is_rolled_back(authorities, tmp_path):
    # An exchange object that is valid until its last passage, which has no content.
    good = tmp_path / "good.txt"
    good.write_text(record(), encoding="utf-8")
    call_command("import_records", str(good), verbosity=0)
    call_command("export_records", str(tmp_path / "out"), verbosity=0)
    exported = tmp_path / "out" / "200101.json"
    obj = json.loads(exported.read_text(encoding="utf-8"))
    obj["title"] = "A new title"
    obj["texts"][-1]["passages"][-1]["kind"] = "sonnet"
    exported.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    before = snapshot()
    (item,) = import_files([exported], file_format="json").files
    assert item.outcome == "failed"
    assert "kind: Value 'sonnet' is not a valid choice." in item.error
    assert snapshot() == before
    assert Document.objects.get().title != "A new title"


def test_the_run_goes_on_after_a_bad_file(authorities, tmp_path):
    (tmp_path / "a.txt").write_text(record(record_id=1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(record(record_id=2, date="June 31, 1951"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(record(record_id=3), encoding="utf-8")
    summary = import_files(sorted(tmp_path.iterdir()))
    assert [item.outcome for item in summary.files] == ["created", "failed", "created"]
    assert sorted(Document.objects.values_list("record_id", flat=True)) == [1, 3]
    assert Person.objects.filter(name="Elezov").count() == 1
    assert Repository.objects.filter(abbreviation="APRF").count() == 1
    assert Passage.objects.filter(text__document__record_id=2).count() == 0


@pytest.mark.parametrize("content", ["[1, 2]", '"a string"', "42", "null"])
def test_json_that_is_not_an_object_fails_alone(seed, tmp_path, content):
    call_command("export_records", str(tmp_path), verbosity=0)
    (tmp_path / "0-list.json").write_text(content, encoding="utf-8")
    summary = import_files(sorted(tmp_path.iterdir()), file_format="json")
    assert [item.outcome for item in summary.files] == ["failed", "unchanged"]
    assert "not an exchange object" in summary.files[0].error


def test_other_encodings_and_line_endings_read_the_same(authorities, tmp_path):
    text = record()
    variants = {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "cp1251.txt": text.replace("\n", "\r\n").encode("cp1251"),
        "utf16.txt": text.encode("utf-16"),
    }
    exports = {}
    for name, data in variants.items():
        Document.objects.all().delete()
        path = tmp_path / name
        path.write_bytes(data)
        (item,) = import_files([path]).files
        assert item.outcome == "created", (name, item.error)
        document = Document.objects.get()
        exports[name] = [
            (p.kind, p.content) for t in document.texts.all() for p in t.passages.all()
        ]
    assert all(passages == exports["utf8.txt"] for passages in exports.values())
    contents = [content for _kind, content in exports["cp1251.txt"]]
    assert "Прошу сообщить Ваше мнение о переговорах в Корее." in contents  # no mojibake
    assert not any("\r" in content for content in contents)


def test_decomposed_cyrillic_is_stored_composed(authorities, tmp_path):
    import unicodedata

    text = record(original=ORIGINAL.replace("Прошу", "Прошу й"), translations=(TRANSLATION,))
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    (item,) = import_files([path]).files
    assert item.outcome == "created", item.error
    passage = Passage.objects.get(content__startswith="Прошу")
    assert "й" in passage.content and unicodedata.is_normalized("NFC", passage.content)
