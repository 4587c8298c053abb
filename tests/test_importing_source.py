"""Reading a record file's bytes and finding its parts."""

import codecs

import pytest

from archive.importing.source import RecordFileError, decode, read_record

from .factory import SEED_SOURCE_COPY
from .records import record


def test_encodings_are_recognised_without_being_told():
    text = "Товарищу ФИЛИПОВУ — 毛泽东"
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8 with BOM")
    assert decode(text.encode("utf-16")) == (text, "utf-16")
    russian = "Товарищу ФИЛИПОВУ, № 21336 — «срочно»"
    assert decode(russian.encode("cp1251")) == (russian, "windows-1251")


def test_an_encoding_can_be_named():
    assert decode("Пекин".encode("koi8-r"), "koi8-r") == ("Пекин", "koi8-r")
    with pytest.raises(RecordFileError, match="cannot be read as ascii"):
        decode("Пекин".encode(), "ascii")


def test_bytes_that_are_no_known_text_are_refused_with_the_line():
    data = b"first line\nsecond line " + "é".encode("latin-1") * 3 + b"\x98"
    with pytest.raises(RecordFileError, match=r"^line 2: the file is neither UTF-8 nor"):
        decode(data)


def test_the_seed_is_read_into_its_parts():
    source = read_record(SEED_SOURCE_COPY.read_bytes())
    assert source.date_as_written == "June 30, 1951"
    assert source.title.endswith("Mao Zedong to Cde. Filippov [Stalin]")
    assert source.section_text("Original Language") == "Russian"
    assert source.section_text("Contents") == "Original Scan\nTranslation - English"
    assert source.original[0].text == "168"
    assert source.original[-1].text == "ИТ МВО"
    (translation,) = source.translations
    assert translation[0].text.startswith("## SECOND MAIN ADMINISTRATION")
    assert translation[-1].text == "30.6"


def test_line_numbers_survive_windows_line_endings_and_markdown_breaks():
    source = read_record(record().replace("\n", "\r\n").encode())
    assert source.sections["Citation"][0].number == 6
    assert not source.sections["Citation"][0].text.endswith(" ")  # a Markdown break, not text
    assert all("\r" not in line.text for line in source.original)


def test_tabs_and_inner_spaces_are_text():
    original = "ШИФРТЕЛЕГРАММА № 1\n\nЭкз. № 1\tТов. Сталину\t\n\nТоварищу  ФИЛИПОВУ"
    source = read_record(record(original=original).encode())
    texts = [line.text for line in source.original]
    assert "Экз. № 1\tТов. Сталину\t" in texts
    assert "Товарищу  ФИЛИПОВУ" in texts


def test_a_translation_ends_only_where_the_contents_say_another_begins():
    inner = "## SECOND MAIN ADMINISTRATION\n\nText.\n\n## A heading inside it\n\nMore text."
    source = read_record(record(translations=(inner,)).encode())
    (translation,) = source.translations
    assert [line.text for line in translation if line.text.startswith("## ")] == [
        "## SECOND MAIN ADMINISTRATION",
        "## A heading inside it",
    ]
    unlisted = read_record(record(contents=("Original Scan",), translations=(inner,)).encode())
    assert len(unlisted.translations) == 1  # looked for, so that the importer can report it
