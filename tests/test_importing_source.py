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
    # The body: the texts, one after another (sections.py tells them apart).
    assert source.body[0].text == "168"
    assert source.body[-1].text == "30.6"
    assert any(line.text.startswith("## SECOND MAIN ADMINISTRATION") for line in source.body)


def test_line_numbers_survive_windows_line_endings_and_markdown_breaks():
    source = read_record(record().replace("\n", "\r\n").encode())
    assert source.sections["Citation"][0].number == 6
    assert not source.sections["Citation"][0].text.endswith(" ")  # a Markdown break, not text
    assert all("\r" not in line.text for line in source.body)


def test_tabs_and_inner_spaces_are_text():
    original = "ШИФРТЕЛЕГРАММА № 1\n\nЭкз. № 1\tТов. Сталину\t\n\nТоварищу  ФИЛИПОВУ"
    source = read_record(record(original=original).encode())
    texts = [line.text for line in source.body]
    assert "Экз. № 1\tТов. Сталину\t" in texts
    assert "Товарищу  ФИЛИПОВУ" in texts


def test_an_unknown_section_is_kept_and_a_misspelled_one_read():
    text = record().replace("**Summary:**", "**Sumary:**")
    text = text.replace("**Contents:**", "**Keywords:**\n\nKorean War\n\n**Contents:**")
    source = read_record(text.encode())
    assert source.section_text("Summary").startswith("Mao asks Stalin")
    assert source.section_text("Keywords") == "Korean War"
    assert any("“Sumary” is read as “Summary”" in warning for warning in source.warnings)
    assert any("“Keywords” is not one the importer reads" in w for w in source.warnings)


def test_a_record_without_contents_begins_its_body_after_the_original_language():
    source = read_record(record(contents=None).encode())
    assert "Contents" not in source.sections
    assert source.body[0].text == "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ"
