"""References in other archives' systems, kept as written: archive.sources.archives."""

import pytest

from archive.sources import archives
from archive.sources.repositories import Names

CARTER = (
    "Collection: Office of Staff Secretary; Series: 1976 Campaign Transition File; "
    "Folder: Transition Letters Unfiled, 10/76-1/77; Container 2"
)


@pytest.fixture(scope="module")
def names():
    return Names()


@pytest.mark.parametrize(
    ("written", "abbreviation", "reference"),
    [
        ("PRC FMA 106-00719-04, 39-40.", "PRC FMA", "106-00719-04, 39-40"),
        ("MNL OL XIV-J-1-j Korea 25-005249/1980.", "MNL OL", "XIV-J-1-j Korea 25-005249/1980"),
        ("SAPMO-BArch, DY 30/3605, pp. 1-12", "SAPMO-BArch", "DY 30/3605, pp. 1-12"),
        ("AAN, zespół KC PZPR, teczka 2589", "AAN", "zespół KC PZPR, teczka 2589"),
        (
            "NARA, RG 59, Box 3911, Folder 661.00/1-1757",
            "NARA",
            "RG 59, Box 3911, Folder 661.00/1-1757",
        ),
        ("UN ARMS, S-0442-0187-02", "UN ARMS", "S-0442-0187-02"),
        (
            "AMAE, Fond Coreea de Nord, Dosar 220/1972",
            "AMAE",
            "Fond Coreea de Nord, Dosar 220/1972",
        ),
        (
            "B-330-002, The Korean Legation in Vietnam, Syngman Rhee Institute, Yonsei University.",
            "Syngman Rhee Institute",
            "B-330-002, The Korean Legation in Vietnam",
        ),
        ("Box 187, Harry S. Truman Library", "Truman Library", "Box 187"),
    ],
)
def test_a_reference_is_kept_as_written_with_its_repository_first_or_last(
    names, written, abbreviation, reference
):
    found = archives.read(written, names)
    assert found.repository.abbreviation == abbreviation
    assert found.reference == reference
    assert found.written == written.rstrip(".")


@pytest.mark.parametrize(
    "written",
    [
        CARTER,
        "RG 59, Box 12",
        "106-00719-04, 39-40",
        "Hebei Provincial Archives, 855-4-1271",  # an archive named in words, and a number
        "Shaanxi Provincial Archives, file 12",
    ],
)
def test_level_words_or_a_shelfmark_make_a_reference_without_a_known_repository(names, written):
    found = archives.read(written, names)
    assert found.repository is None
    assert found.reference == found.written == written


# A level word in an ordinary sentence ("Document not found.") is no reference: read as one,
# the sentence would be neither understood nor reported as kept.


@pytest.mark.parametrize(
    "written",
    [
        "",
        "Translated by Mark Kramer",
        "Mao wengao",
        "Document not found.",
        "The document is lost.",
        "Series of telegrams.",
    ],
)
def test_text_without_a_repository_levels_or_shelfmark_is_no_reference(names, written):
    assert archives.read(written, names) is None


@pytest.mark.parametrize(
    ("reference", "levels"),
    [
        (
            "RG 59, Box 3911, Folder 661.00/1-1757",
            [("RG", "59"), ("Box", "3911"), ("Folder", "661.00/1-1757")],
        ),
        (
            "zespół KC PZPR, teczka 2589, sygn. XI A/123",
            [("zespół", "KC PZPR"), ("teczka", "2589"), ("sygn.", "XI A/123")],
        ),
        (
            "Fond Coreea de Nord, Dosar 220/1972",
            [("Fond", "Coreea de Nord"), ("Dosar", "220/1972")],
        ),
        ("106-00719-04, 39-40", [("", "106-00719-04, 39-40")]),
        ("全宗 1, 目录 2, 卷 3", [("全宗", "1"), ("目录", "2"), ("卷", "3")]),
        ("", []),
    ],
)
def test_levels_are_the_archives_own_labels_and_values(reference, levels):
    assert archives.levels(reference) == levels


@pytest.mark.parametrize(
    ("reference", "own"),
    [
        ("Dosar 12/1964, f. 1-30", True),  # Romanian: "f." is a leaf
        ("f. 1B, op. 5, a.e. 123", True),  # Bulgarian: an archival unit
        ("DY 30/3682, Bl. 12", True),
        ("op. 1", False),  # the Russian hierarchy, incomplete
        ("Fond 5", False),
        ("", False),
    ],
)
def test_a_reference_in_levels_of_its_own_system(reference, own):
    assert archives.has_own_levels(reference) is own


def test_a_level_value_runs_to_the_next_level_not_to_the_first_comma():
    assert archives.levels(CARTER) == [
        ("Collection", "Office of Staff Secretary"),
        ("Series", "1976 Campaign Transition File"),
        ("Folder", "Transition Letters Unfiled, 10/76-1/77"),
        ("Container", "2"),
    ]


def test_a_hungarian_box_number_before_its_label_is_a_level():
    levels = archives.levels("XIX-J-1-j Korea 1968, 58. doboz, 5, 001219/1968")
    assert ("doboz", "58") in levels


@pytest.mark.parametrize(
    "written",
    [
        "Courtesy of the National Security Archive",
        "A copy was sent to the National Security Archive by the donor",
        "Thanks to NARA staff",
    ],
)
def test_a_known_name_inside_a_sentence_makes_no_reference(names, written):
    # Its other words would be taken for the archive's levels: "Courtesy of".
    assert archives.read(written, names) is None


@pytest.mark.parametrize(
    ("written", "reference"),
    [
        ("the National Security Archive", ""),
        ("Box 3, the National Security Archive", "Box 3"),
        ("National Security Archive, Box 3", "Box 3"),
    ],
)
def test_a_known_name_first_or_last_is_the_references_archive(names, written, reference):
    found = archives.read(written, names)
    assert (found.repository.abbreviation, found.reference) == ("NSA", reference)
