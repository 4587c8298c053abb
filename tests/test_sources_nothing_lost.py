"""Nothing a source string says is lost, and no text makes reading fail.

A source string is read once, when a record is imported; a word dropped then is gone
from the archive for good. So every word of the input must land in some source's text
as written, some credit's sentence, or the texts kept as not understood.
"""

import re
from dataclasses import astuple

import pytest

from archive.sources import archives, credits, notes, published, russian
from archive.sources.reading import (
    ALSO_AT,
    HELD,
    ORIGINAL_FROM,
    PUBLISHED_AS,
    PUBLISHED_IN,
    REPRINTED_IN,
    TRANSLATION_FROM,
    read,
)
from archive.sources.repositories import Names, name_key

from .test_sources_reading import ISSUE_STRINGS

# Strings of the kinds collections print, beyond the issue's: other archives' systems,
# a reference inside prose, archives of two systems in one string, typos.
COMPOSED_STRINGS = [
    "AAN, KC PZPR, sygn. V/37, k. 1-15. Translated by Małgorzata Gnoińska.",
    "AAN, zespół KC PZPR, teczka 2589, sygn. XI A/123. Translated by L.W. Głuchowski.",
    "IPN BU 0296/124, t. 2, k. 33-37. Obtained and translated for CWIHP by Jakub Tyszkiewicz.",
    "MOL, XIX-J-1-j Korea, 1957, 11. doboz, 5/f, 001654/1957. Translated by Balázs Szalontai.",
    "MNL OL XIX-J-1-j Korea 1968, 58. doboz, 5, 001219/1968. Obtained and translated for NKIDP by Balázs Szalontai.",
    "SAPMO-BArch, DY 30/3605, pp. 1-12. Translated for CWIHP by Bernd Schaefer.",
    "SAPMO-BArch, DY 30/J IV 2/202/5. Obtained by Bernd Schaefer and translated by Karen Riechert.",
    "NARA, RG 59, Central Decimal File 1955-59, Box 3911, Folder 661.00/1-1757.",
    "UN ARMS, S-0442-0187-02, United Nations Commission for the Unification and Rehabilitation of Korea.",
    "Harry S. Truman Library, Papers of Harry S. Truman, President's Secretary's File, Box 187, Folder \"Korea\".",
    "Jimmy Carter Library, NSA Brzezinski Material, Country File, Box 43, Folder: Korea, Republic of, 1-6/77.",
    "Jiangsu Provincial Archives, 3124-long-198. Translated by Charles Kraus.",
    "Gansu Provincial Archives, 91-18-494, 23-26. Translated by Jeffrey Wang and Charles Kraus.",
    "ANIC, fond CC al PCR - Relatii Externe, dosar 12/1965, f. 1-15. Translated by Larry L. Watts.",
    "AMAE, Fond Coreea de Nord, Dosar 220/1972, pp. 3-5. Translated for NKIDP by Eliza Gheorghe.",
    "TsDA, Sofia, fond 1-B, opis 64, a.e. 310. Translated by Kalina Bratanova.",
    "NA CR, KSC-UV 1954-1962, sv. 152, a.j. 191, b. 1. Translated by Adolf Kotlik.",
    "The original is held at RGASPI, f. 17, op. 162, d. 38, l. 5, where it was found by the translator in 1993.",
    "RGASPI, f. 558, op. 11, d. 334, ll. 4-8; and PRC FMA 109-00042-01, 1-5.",
    "RGASPI, f. 17, op. 162, d. 38, l. 5 and PRC FMA 109-00042-01, 1-5.",
    "中华人民共和国外交部档案馆 109-00042-01. Translated by Charles Kraus.",
    "APRF, f. 45, op, 1, d. 331, ll. 59-61. Translted by Gary Goldberg.",
    "РГАСПИ. Ф. 17. Оп.163. Д. 1620. Л. 20 об. Перевод Г. Гольдберга.",
    "AVP RF, f. 0102, op. 9, p. 44, d. 1, ll. 104-109. Published as Document no. 26 in Sovetsko-Kitaiskie Otnosheniia, vol. 5, book 1 (Moscow, 2005), pp. 421-423.",
    "Hungarian National Archives, XIX-J-1-j Korea, 5. doboz; translation from the Russian copy in RGANI, f. 5, op. 30, d. 2, l. 4.",
    "Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 339, l. 92.",
    "Translated by Jennifer Lee; edited by Charles Kraus. This document was made possible with support from the Leon Levy Foundation.",
    'Reprinted in Kathryn Weathersby, "New Russian Documents on the Korean War," Cold War International History Project Bulletin, no. 6-7 (Winter 1995/1996), pp. 30-35.',
    # Understood only in part: what is not must still be there, kept as written.
    "Fond 558, opis 11, delo 342, RGASPI.",
    "Fond 558, opis 11, delo 342; PRC FMA 109-00042-01, 1-5.",
    "The document was found in Moscow, f. 45, op. 1, d. 339, l. 92.",
    "APRF, f. 45, op. 1, d. 339, l. 3 and l. 5.",
    "APRF, f. 45, op. 1, d. 339, d. 340; and PRC FMA 109-00042-01, 1-5.",
    "Courtesy of the National Security Archive.",
    "APRF, f. 45, op. 1, d. 339, l. 92. Also available at the family papers of Ivan Ivanov.",
    "Translated from the original Chinese by Chen Jian of the Institute for Recent History, obtained by Charles Kraus.",
]

# The opening phrase of a clause is stored as the source's relation, not in its text, and
# the "and" that joins two references as their being two: those words are not lost.
RELATION_WORDS = {
    REPRINTED_IN: {"reprinted", "in"},
    PUBLISHED_IN: {"published", "in"},
    PUBLISHED_AS: {"published", "as"},
    TRANSLATION_FROM: {"translation", "from"},
    ORIGINAL_FROM: {"original", "from"},
    ALSO_AT: {"also", "available", "at"},
    HELD: {"source"},
}


def words(text):
    return {word.casefold() for word in re.findall(r"\w+", text)}


def lost_words(text, reading):
    """The words of `text` that no part of its reading holds."""
    held = [s.as_written for s in reading.sources]
    held += [c.written for c in reading.credits]
    held += reading.kept
    stored = set().union(*(RELATION_WORDS.get(s.relation, set()) for s in reading.sources))
    if len(reading.sources) > 1:
        stored.add("and")
    return words(text) - words(" ".join(held)) - stored


@pytest.fixture(scope="module")
def names():
    return Names()


@pytest.mark.parametrize("text", ISSUE_STRINGS + COMPOSED_STRINGS)
def test_no_word_of_a_source_string_is_lost(names, text):
    assert lost_words(text, read(text, names)) == set()


ODD_TEXTS = [
    "",
    " ",
    "\u00a0\u2003",
    ".",
    ";;;",
    ",,,",
    "...",
    "—",
    "…",
    "?!",
    "()",
    "(((",
    ")))",
    "[",
    "a (b (c (d",
    "a ) b ) c",
    "(Moscow: Nauka, 2005",
    "Translated by (Sergey",
    "APRF, f. 45, op. 1 (d. 339, l. 92",
    "f.",
    "Ф.",
    "ll. ",
    "op. 1",
    "APRF,",
    "APRF:",
    "and",
    "; and",
    "Translated by",
    "Translated by .",
    "Obtained and",
    "Reprinted in",
    "Published as Document no.",
    "translation from",
    "Also available at",
    "Source:",
    "(Moscow: , )",
    "vol.",
    "#",
    "№",
    "[1]",
    "1)",
    "x/",
    "Ελληνικά κείμενα, τόμος 3, σ. 12",
    "日本語の文書、第3巻、12頁",
    "中华人民共和国外交部档案馆 106-00719-04",
    "한국어 문서 제3권",
    "מסמך בעברית, תיק 3",
    "وثيقة عربية، ملف ٣",
    "ქართული დოკუმენტი",
    "Հայերեն փաստաթուղթ",
    "हिन्दी दस्तावेज़, फ़ाइल 3",
    "เอกสารภาษาไทย",
    "Монгол баримт, ф. 1, д. 2",
    "Ёжик, ф. ё, оп. ъ",
    "ﬁ ligature ǅ title",
    "𝔉𝔬𝔫𝔡 45, 𝔬𝔭. 1",
    "Ⅻ Ⅳ ⅱ",
    "٣٤ ф. ٥",
    "Lorem ipsum dolor sit amet. " * 72,  # some 2,000 characters of prose
    "APRF, f. 45, op. 1, d. 339, l. 92; " * 57,
    "Ф. 1. " * 340,
    "(" * 1000 + ")" * 1000,
    "Translated by " * 150,
    "x/ " * 700,
]


def pieces_of(reading):
    """Every text a reading holds: each must be a piece of the input, never rewritten."""
    return (
        [s.as_written for s in reading.sources]
        + [c.written for c in reading.credits]
        + reading.kept
    )


@pytest.mark.parametrize("text", ISSUE_STRINGS + COMPOSED_STRINGS)
def test_every_text_a_reading_holds_is_a_piece_of_the_string(names, text):
    written = " ".join(text.split())
    assert [piece for piece in pieces_of(read(text, names)) if piece not in written] == []


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_reading_odd_text_never_raises_nor_rewrites_it(names, text):
    reading = read(text, names)
    written = " ".join(text.split())
    assert [piece for piece in pieces_of(reading) if piece not in written] == []
    # Printing is where a half-read source would fail: print every one.
    assert all(isinstance(source.citation, str) for source in reading.sources)
    assert all(isinstance(str(credit), str) for credit in reading.credits)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_russian_references_in_odd_text_are_pieces_of_it(text):
    assert all(reference.written in text for reference in russian.read(text).references)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_another_systems_reference_in_odd_text_is_a_piece_of_it(names, text):
    found = archives.read(text, names)
    assert found is None or found.written in text
    assert all(isinstance(label, str) for label, _value in archives.levels(text))


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_a_publication_read_from_odd_text_holds_only_its_words(text):
    publication = published.read(text)
    parts = [value for value in astuple(publication) if isinstance(value, str)]
    assert words(" ".join(parts)) <= words(text)
    assert isinstance(str(publication), str)
    assert isinstance(published.looks_published(text), bool)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_credits_read_from_odd_text_remember_it(text):
    assert all(credit.written == text.strip() for credit in credits.read(text))
    assert isinstance(credits.is_credit(text), bool)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_notes_split_from_odd_text_are_pieces_of_it(text):
    passages, found = notes.split_notes([text, text])
    assert set(passages) <= {0, 1}
    assert all(note.content in text for note in found)
    assert notes.kind_of(text) in {"note", "translator", "editor"}
    assert isinstance(notes.markers_in(text), set)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_names_looked_up_in_odd_text_are_gazetteer_entries_or_nothing(names, text):
    assert isinstance(name_key(text), str)
    found = [
        names.get(text),
        (names.at_start(text) or [None])[0],
        (names.within(text) or [None])[0],
    ]
    assert all(entry is None or entry in names.known for entry in found)
