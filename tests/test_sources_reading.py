"""Whole source strings into sources and credits: archive.sources.reading.

The strings in ISSUE_STRINGS are real ones collections print, copied exactly; each must
read into its sources (kind, relation, repository, standard printing) and its credits.
"""

import pytest

from archive.sources.credits import CONTRIBUTOR, FUNDER, OBTAINED_BY, TRANSLATOR
from archive.sources.reading import (
    ALSO_AT,
    ARCHIVAL,
    ARCHIVAL_OTHER,
    HELD,
    ORIGINAL_FROM,
    PROVENANCE,
    PUBLISHED,
    PUBLISHED_AS,
    PUBLISHED_IN,
    REPRINTED_IN,
    TRANSLATION_FROM,
    VERBATIM,
    read,
)
from archive.sources.repositories import Names

LEDOVSKII_STRING = (
    "APRF: F. 39, Op. 1, D. 31, L. 34. Reprinted in Andrei Ledovskii, Raisa Mirovitskaia and "
    "Vladimir Miasnikov, Sovetsko-Kitaiskie Otnosheniia, Vol. 5, Book 1, 1946-February 1950 "
    "(Moscow: Pamiatniki Istoricheskoi Mysli, 2005), p. 421. Translated for CWIHP from Russian "
    "by Sergey Radchenko. Published in CWIHP Bulletin #16."
)
ZHOU_ENLAI_STRING = (
    "Zhonggong zhongyang wenxian yanjiushi (CPC Central Historical Documents Research Office) "
    "and Zhongyang dang'anguan (Central Archives), eds., Jianguo yilai Zhou Enlai wengao (Zhou "
    "Enlai's Manuscripts since the Founding of the PRC), vol. 7 (Beijing: Zhongyang wenxian "
    "chubanshe, 2018), 37-39. Translated by David Cowhig."
)
SYNGMAN_RHEE_STRING = (
    "B-330-002, The Korean Legation in Vietnam, Reports from the Korean Mission to the United "
    "Nations and Republic of Korea Embassies and Legations, Syngman Rhee Institute, Yonsei "
    "University."
)
JAPAN_STRING = (
    "2002-113, Act on Access to Information Held by Administrative Organs. Also available at "
    "the Diplomatic Archives of the Ministry of Foreign Affairs of Japan. Obtained for CWIHP by "
    "Yutaka Kanda and translated by Ryo C. Kato."
)
CARTER_STRING = (
    "Collection: Office of Staff Secretary; Series: 1976 Campaign Transition File; Folder: "
    "Transition Letters Unfiled, 10/76-1/77; Container 2"
)

# string: ([(kind, relation, repository's abbreviation, standard printing)],
#          [(role, name, organisation)])
ISSUE = {
    "APRF, fond 45, opis 1, delo 335, list 3.": (
        [(ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 335, l. 3")],
        [],
    ),
    "APRF, Fond 45, Opis 1, Delo 336, List 122 and AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, List 13": (
        [
            (ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 336, l. 122"),
            (ARCHIVAL, HELD, "AVP RF", "AVP RF, f. 059a, op. 5a, d. 5, p. 11, l. 13"),
        ],
        [],
    ),
    "APRF, f. 45, op. 1, d. 348, ll. 20; AVP RF, f. 059a, op. 5a, d. 3, p. 11, ll. 198; and RGASPI, f. 558, op. 11, d. 348, ll. 0020.": (
        [
            (ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 348, ll. 20"),
            (ARCHIVAL, HELD, "AVP RF", "AVP RF, f. 059a, op. 5a, d. 3, p. 11, ll. 198"),
            (ARCHIVAL, HELD, "RGASPI", "RGASPI, f. 558, op. 11, d. 348, ll. 0020"),
        ],
        [],
    ),
    LEDOVSKII_STRING: (
        [
            (ARCHIVAL, HELD, "APRF", "APRF, f. 39, op. 1, d. 31, l. 34"),
            (
                PUBLISHED,
                REPRINTED_IN,
                None,
                "Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov, Sovetsko-Kitaiskie "
                "Otnosheniia, vol. 5, book 1, 1946-February 1950 (Moscow: Pamiatniki "
                "Istoricheskoi Mysli, 2005), p. 421",
            ),
            (PUBLISHED, PUBLISHED_IN, None, "CWIHP Bulletin, no. 16"),
        ],
        [(TRANSLATOR, "Sergey Radchenko", "CWIHP")],
    ),
    "AVPRF, fond 0102, opis 19, papka 97, delo 5, listy 161-162. Obtained and translated for NKIDP by Sergey Radchenko.": (
        [(ARCHIVAL, HELD, "AVP RF", "AVP RF, f. 0102, op. 19, d. 5, p. 97, ll. 161-162")],
        [
            (OBTAINED_BY, "Sergey Radchenko", "NKIDP"),
            (TRANSLATOR, "Sergey Radchenko", "NKIDP"),
        ],
    ),
    "GARF, f. 1235, op. 140, d.59, l. 20.": (
        [(ARCHIVAL, HELD, "GARF", "GARF, f. 1235, op. 140, d. 59, l. 20")],
        [],
    ),
    "GARF. F.R-9478. Op.1. D 2. L.3-4.": (
        [(ARCHIVAL, HELD, "GARF", "GARF, f. R-9478, op. 1, d. 2, ll. 3-4")],
        [],
    ),
    "АП РФ. Ф. 39. Оп. 1. Д. 31. Л. 33.": (
        [(ARCHIVAL, HELD, "APRF", "APRF, f. 39, op. 1, d. 31, l. 33")],
        [],
    ),
    "TsDAHOU, F. 1, Op. 25, Spr. 97, Ll. 1-62.": (
        [(ARCHIVAL, HELD, "TsDAHOU", "TsDAHOU, f. 1, op. 25, spr. 97, ark. 1-62")],
        [],
    ),
    "SSA SBU, f. 16, op. 1, spr. 368, ark. 256.": (
        [(ARCHIVAL, HELD, "HDA SBU", "HDA SBU, f. 16, op. 1, spr. 368, ark. 256")],
        [],
    ),
    "PRC FMA 106-00719-04, 39-40. Translated by Caixia Lu.": (
        [(ARCHIVAL_OTHER, HELD, "PRC FMA", "PRC FMA 106-00719-04, 39-40")],
        [(TRANSLATOR, "Caixia Lu", "")],
    ),
    "Mao wengao, vol. 5, p. 90. Translated for CWIHP by Chen Jian.": (
        [(PUBLISHED, PUBLISHED_IN, None, "Mao wengao, vol. 5, p. 90")],
        [(TRANSLATOR, "Chen Jian", "CWIHP")],
    ),
    ZHOU_ENLAI_STRING: (
        [
            (
                PUBLISHED,
                PUBLISHED_IN,
                None,
                "Zhonggong zhongyang wenxian yanjiushi (CPC Central Historical Documents "
                "Research Office) and Zhongyang dang'anguan (Central Archives), eds., Jianguo "
                "yilai Zhou Enlai wengao (Zhou Enlai's Manuscripts since the Founding of the "
                "PRC), vol. 7 (Beijing: Zhongyang wenxian chubanshe, 2018), pp. 37-39",
            )
        ],
        [(TRANSLATOR, "David Cowhig", "")],
    ),
    SYNGMAN_RHEE_STRING: (
        [
            (
                ARCHIVAL_OTHER,
                HELD,
                "Syngman Rhee Institute",
                SYNGMAN_RHEE_STRING.rstrip("."),
            )
        ],
        [],
    ),
    "MNL OL XIV-J-1-j Korea 25-005249/1980. Obtained by North Korean Materials Archive, IFES, Kyungnam University, and translated by Imre Májer.": (
        [(ARCHIVAL_OTHER, HELD, "MNL OL", "MNL OL XIV-J-1-j Korea 25-005249/1980")],
        [
            (OBTAINED_BY, "", "North Korean Materials Archive, IFES, Kyungnam University"),
            (TRANSLATOR, "Imre Májer", ""),
        ],
    ),
    JAPAN_STRING: (
        [
            (
                ARCHIVAL_OTHER,
                HELD,
                None,
                "2002-113, Act on Access to Information Held by Administrative Organs",
            ),
            (
                ARCHIVAL_OTHER,
                ALSO_AT,
                "DAMFA Japan",
                "the Diplomatic Archives of the Ministry of Foreign Affairs of Japan",
            ),
        ],
        [(OBTAINED_BY, "Yutaka Kanda", "CWIHP"), (TRANSLATOR, "Ryo C. Kato", "")],
    ),
    CARTER_STRING: ([(ARCHIVAL_OTHER, HELD, None, CARTER_STRING)], []),
}
ISSUE_STRINGS = list(ISSUE)


@pytest.fixture(scope="module")
def names():
    return Names()


def sources_of(reading):
    return [
        (s.kind, s.relation, getattr(s.repository, "abbreviation", None), s.citation)
        for s in reading.sources
    ]


def credits_of(reading):
    return [(c.role, c.name, c.organisation) for c in reading.credits]


@pytest.mark.parametrize("text", ISSUE_STRINGS)
def test_each_source_string_reads_into_its_sources(names, text):
    assert sources_of(read(text, names)) == ISSUE[text][0]


@pytest.mark.parametrize("text", ISSUE_STRINGS)
def test_each_source_string_gives_its_credits(names, text):
    assert credits_of(read(text, names)) == ISSUE[text][1]


@pytest.mark.parametrize("text", ISSUE_STRINGS)
def test_each_source_string_is_understood_without_anything_kept(names, text):
    assert read(text, names).kept == []


def test_names_default_to_the_gazetteer():
    (source,) = read("АП РФ. Ф. 39. Оп. 1. Д. 31. Л. 33.").sources
    assert source.repository.abbreviation == "APRF"


def test_a_russian_source_stores_its_levels_and_the_archive_as_written(names):
    (source,) = read(
        "AVPRF, fond 0102, opis 19, papka 97, delo 5, listy 161-162. Obtained by X.", names
    ).sources
    assert source.archive == "AVPRF"
    assert source.as_written == "AVPRF, fond 0102, opis 19, papka 97, delo 5, listy 161-162"
    assert source.levels == {
        "fond": "0102",
        "opis": "19",
        "delo": "5",
        "papka": "97",
        "por": "",
        "listy": "161-162",
        "listy_plural": True,
        "notation": "ru",
    }


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("АВП РФ, ф. 059а, оп. 5а, д. 4, п. 11, л. 11", "AVP RF"),
        ("AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11", "AVP RF"),
        ("AVPRF, f. 059a, op. 5a, d. 4, p. 11, l. 11", "AVP RF"),
        ("РГАСПИ, ф. 17, оп. 162, д. 38, лл. 1–3", "RGASPI"),
        ("GA RF, f. 5446, op. 1, d. 1, l. 2", "GARF"),
        ("Archive of the President of the Russian Federation (APRF), f. 45, op. 1, d. 334", "APRF"),
    ],
)
def test_a_repository_is_found_whatever_the_script_or_spacing_of_its_name(
    names, text, abbreviation
):
    (source,) = read(text, names).sources
    assert source.repository.abbreviation == abbreviation
    assert source.citation.startswith(abbreviation + ", f. ")


def test_an_unknown_archive_in_the_russian_hierarchy_is_still_read(names):
    # "APFR" is a typo: no repository, but the levels are read and print as written.
    (source,) = read("APFR, f. 45, op. 1, d. 331, ll. 59-61.", names).sources
    assert (source.kind, source.repository) == (ARCHIVAL, None)
    assert source.citation == "APFR, f. 45, op. 1, d. 331, ll. 59-61"


@pytest.mark.parametrize(
    ("text", "abbreviation", "reference"),
    [
        ("PRC FMA 106-00719-04, 39-40.", "PRC FMA", "106-00719-04, 39-40"),
        ("SAPMO-BArch, DY 30/3605, pp. 1-12.", "SAPMO-BArch", "DY 30/3605, pp. 1-12"),
        (
            "MOL, XIX-J-1-j Korea, 1957, 11. doboz, 5/f, 001654/1957.",
            "MNL OL",
            "XIX-J-1-j Korea, 1957, 11. doboz, 5/f, 001654/1957",
        ),
        (
            "AAN, zespół KC PZPR, teczka 2589, sygn. XI A/123.",
            "AAN",
            "zespół KC PZPR, teczka 2589, sygn. XI A/123",
        ),
        (
            "AMAE, Fond Coreea de Nord, Dosar 220/1972, pp. 3-5.",
            "AMAE",
            "Fond Coreea de Nord, Dosar 220/1972, pp. 3-5",
        ),
        ("TsDA, Sofia, fond 1-B, opis 64, a.e. 310.", "TsDA", "Sofia, fond 1-B, opis 64, a.e. 310"),
        (
            "NARA, RG 59, Central Decimal File 1955-59, Box 3911.",
            "NARA",
            "RG 59, Central Decimal File 1955-59, Box 3911",
        ),
        ("UN ARMS, S-0442-0187-02.", "UN ARMS", "S-0442-0187-02"),
        # "f." is a leaf (filă) in Romania and a Bulgarian reference has "a.e.": not a fond.
        (
            "ANIC, Fond CC al PCR - Secția Relații Externe, Dosar 12/1964, f. 1-30.",
            "ANIC",
            "Fond CC al PCR - Secția Relații Externe, Dosar 12/1964, f. 1-30",
        ),
        (
            "AMAE, Fond Coreea, Problema 220, 1958, f. 1-3.",
            "AMAE",
            "Fond Coreea, Problema 220, 1958, f. 1-3",
        ),
        ("TsDA, f. 1B, op. 5, a.e. 123, l. 4-7.", "TsDA", "f. 1B, op. 5, a.e. 123, l. 4-7"),
        ("SAPMO-BArch, DY 30/3682, Bl. 12-15.", "SAPMO-BArch", "DY 30/3682, Bl. 12-15"),
        # An archive named in its own script, with its own levels (fonds, catalogue, file).
        ("中央档案馆, 全宗 1, 目录 2, 卷 3.", "CCA", "全宗 1, 目录 2, 卷 3"),
        ("外務省外交史料館, 2002-113.", "DAMFA Japan", "2002-113"),
    ],
)
def test_other_systems_are_kept_as_written_and_never_forced_into_fond_and_opis(
    names, text, abbreviation, reference
):
    reading = read(text, names)
    assert reading.kept == []  # understood as it is, nothing to report
    (source,) = reading.sources
    assert source.kind == ARCHIVAL_OTHER
    assert source.repository.abbreviation == abbreviation
    assert source.reference == reference
    assert source.levels == {}
    assert source.citation == source.as_written == text.rstrip(".")


@pytest.mark.parametrize(
    ("text", "relation", "citation"),
    [
        (
            "APRF, f. 3, op. 1, d. 1, l. 2. Reprinted in Istochnik, no. 2 (1995), pp. 3-10.",
            REPRINTED_IN,
            "Istochnik, no. 2 (1995), pp. 3-10",
        ),
        (
            "APRF, f. 3, op. 1, d. 1, l. 2. Published in CWIHP Bulletin #16.",
            PUBLISHED_IN,
            "CWIHP Bulletin, no. 16",
        ),
        (
            "AVP RF, f. 0102, op. 9, p. 44, d. 1, ll. 104-109. Published as Document no. 26 in "
            "Sovetsko-Kitaiskie Otnosheniia, vol. 5, book 1 (Moscow, 2005), pp. 421-423.",
            PUBLISHED_AS,
            "Document no. 26 in Sovetsko-Kitaiskie Otnosheniia, vol. 5, book 1 (Moscow, 2005), "
            "pp. 421-423",
        ),
        (
            "GARF, f. 5446, op. 1, d. 1, ll. 1-5; translation from Sovetsko-Kitaiskie "
            "Otnosheniia, vol. 5, book 1 (Moscow, 2005), pp. 3-5.",
            TRANSLATION_FROM,
            "Sovetsko-Kitaiskie Otnosheniia, vol. 5, book 1 (Moscow, 2005), pp. 3-5",
        ),
    ],
)
def test_each_publication_is_a_source_of_its_own_with_its_relation(names, text, relation, citation):
    original, publication = read(text, names).sources
    assert (original.kind, original.relation) == (ARCHIVAL, HELD)
    assert (publication.kind, publication.relation, publication.citation) == (
        PUBLISHED,
        relation,
        citation,
    )


@pytest.mark.parametrize(
    ("text", "relation", "citation"),
    [
        (
            "Translation from RGANI, f. 5, op. 30, d. 2, l. 4.",
            TRANSLATION_FROM,
            "RGANI, f. 5, op. 30, d. 2, l. 4",
        ),
        (
            "Original from APRF, f. 3, op. 65, d. 827, l. 5.",
            ORIGINAL_FROM,
            "APRF, f. 3, op. 65, d. 827, l. 5",
        ),
        (
            "Sovetsko-Kitaiskie Otnosheniia, vol. 5, p. 421; translation from APRF, f. 45, op. 1, d. 334, l. 5.",
            TRANSLATION_FROM,
            "APRF, f. 45, op. 1, d. 334, l. 5",
        ),
    ],
)
def test_an_archival_copy_after_an_opening_phrase_is_read_as_a_reference(
    names, text, relation, citation
):
    source = read(text, names).sources[-1]
    assert (source.kind, source.relation, source.citation) == (ARCHIVAL, relation, citation)


@pytest.mark.parametrize(
    ("text", "relation"),
    [("Also available at NARA, RG 59, Box 3.", ALSO_AT), ("Source: TNA, FO 371/123456.", HELD)],
)
def test_where_else_a_document_is_held_is_a_source_of_its_own(names, text, relation):
    (source,) = read(text, names).sources
    assert (source.kind, source.relation) == (ARCHIVAL_OTHER, relation)


def test_the_translators_language_and_organisation_come_with_the_credit(names):
    (credit,) = read(LEDOVSKII_STRING, names).credits
    assert (credit.source_language, credit.organisation) == ("Russian", "CWIHP")
    assert credit.written == "Translated for CWIHP from Russian by Sergey Radchenko."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Translated by Gary Goldberg. This document was made possible with support from the Leon Levy Foundation.",
            [(TRANSLATOR, "Gary Goldberg", ""), (FUNDER, "", "the Leon Levy Foundation")],
        ),
        ("Contributed by Charles Kraus.", [(CONTRIBUTOR, "Charles Kraus", "")]),
        (
            "Obtained and translated for CWIHP by Jakub Tyszkiewicz.",
            [
                (OBTAINED_BY, "Jakub Tyszkiewicz", "CWIHP"),
                (TRANSLATOR, "Jakub Tyszkiewicz", "CWIHP"),
            ],
        ),
    ],
)
def test_credits_without_a_source_give_no_source(names, text, expected):
    reading = read(text, names)
    assert (reading.sources, credits_of(reading)) == ([], expected)


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        (
            "The original is held at RGASPI, f. 17, op. 162, d. 38, l. 5, where it was found by the translator in 1993.",
            "RGASPI, f. 17, op. 162, d. 38, l. 5",
        ),
        (
            "This document was found in APRF, f. 3, op. 65, d. 827, l. 5 by Kathryn Weathersby in 1995.",
            "APRF, f. 3, op. 65, d. 827, l. 5",
        ),
    ],
)
def test_provenance_prose_is_kept_verbatim_and_the_reference_inside_it_read(names, text, citation):
    prose, reference = read(text, names).sources
    assert (prose.kind, prose.as_written) == (PROVENANCE, text)
    assert (reference.kind, reference.citation) == (ARCHIVAL, citation)


def test_provenance_prose_without_a_reference_is_one_source(names):
    text = "This document was donated to the archive by the family of Marshal Zhukov in 1998."
    reading = read(text, names)
    assert [(s.kind, s.as_written) for s in reading.sources] == [(PROVENANCE, text)]
    assert reading.kept == []


def test_a_russian_and_a_chinese_archive_joined_by_a_semicolon(names):
    reading = read("RGASPI, f. 558, op. 11, d. 334, ll. 4-8; and PRC FMA 109-00042-01, 1-5.", names)
    assert sources_of(reading) == [
        (ARCHIVAL, HELD, "RGASPI", "RGASPI, f. 558, op. 11, d. 334, ll. 4-8"),
        (ARCHIVAL_OTHER, HELD, "PRC FMA", "PRC FMA 109-00042-01, 1-5"),
    ]


def test_a_custom_gazetteer_identifies_the_archives_own_repositories():
    class Repository:
        abbreviation = "Jiangsu PA"

    names = Names()
    names.add(Repository, ["Jiangsu Provincial Archives"])
    (source,) = read("Jiangsu Provincial Archives, 3124-long-198.", names).sources
    assert (source.kind, source.repository, source.reference) == (
        ARCHIVAL_OTHER,
        Repository,
        "3124-long-198",
    )


# A short sentence must reach `kept`, or the importer never reports it to an archivist.


@pytest.mark.parametrize(
    "text",
    [
        "Translted by Gary Goldberg.",  # a typo in the verb: no credit can be read
        "Original in Russian.",
        "Handwritten, undated.",
        "Document not found.",
    ],
)
def test_what_is_not_understood_is_kept_verbatim_and_listed(names, text):
    reading = read(text, names)
    assert [(s.kind, s.as_written) for s in reading.sources] == [(VERBATIM, text)]
    assert reading.kept == [text]


def test_a_typo_after_a_reference_is_kept_and_the_reference_still_read(names):
    reading = read("APRF, f. 45, op. 1, d. 339, l. 92. Translted by Gary Goldberg.", names)
    assert sources_of(reading)[0] == (ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 339, l. 92")
    assert reading.kept == ["Translted by Gary Goldberg."]


def test_a_garbled_level_keeps_the_reference_whole_with_its_repository(names):
    # "op, 1" for "op. 1": not read into levels, but neither lost nor garbled.
    (source,) = read("APRF, f. 45, op, 1, d. 331, ll. 59-61.", names).sources
    assert source.repository.abbreviation == "APRF"
    assert source.citation == source.as_written == "APRF, f. 45, op, 1, d. 331, ll. 59-61"


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("IPN BU 0296/124, t. 2, k. 33-37.", "IPN"),
        ("AAN, PZPR KC, sygn. 237/V-28, t. 1, k. 20-25.", "AAN"),
    ],
)
def test_a_polish_volume_tom_in_a_known_archive_is_no_publication(names, text, abbreviation):
    (source,) = read(text, names).sources
    assert (source.kind, source.repository.abbreviation) == (ARCHIVAL_OTHER, abbreviation)
    assert source.citation == text.rstrip(".")


def test_a_russian_and_a_chinese_archive_joined_by_and(names):
    reading = read("RGASPI, f. 17, op. 162, d. 38, l. 5 and PRC FMA 109-00042-01, 1-5.", names)
    assert sources_of(reading) == [
        (ARCHIVAL, HELD, "RGASPI", "RGASPI, f. 17, op. 162, d. 38, l. 5"),
        (ARCHIVAL_OTHER, HELD, "PRC FMA", "PRC FMA 109-00042-01, 1-5"),
    ]


def test_a_reference_after_words_in_a_translation_from_clause_is_read(names):
    reading = read(
        "Hungarian National Archives, XIX-J-1-j Korea, 5. doboz; translation from the "
        "Russian copy in RGANI, f. 5, op. 30, d. 2, l. 4.",
        names,
    )
    assert (ARCHIVAL, TRANSLATION_FROM, "RGANI", "RGANI, f. 5, op. 30, d. 2, l. 4") in (
        sources_of(reading)
    )


def test_a_russian_reference_after_a_prefix_is_read_and_the_prefix_kept(names):
    reading = read("Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 339, l. 92.", names)
    assert (ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 339, l. 92") in sources_of(reading)
    assert any("Wilson Center Digital Archive" in s.as_written for s in reading.sources)


@pytest.mark.parametrize(
    "text",
    [
        "Jiangsu Provincial Archives, 3124-long-198.",
        "Gansu Provincial Archives, 91-18-494, 23-26.",
    ],
)
def test_an_unknown_archive_with_a_shelfmark_is_an_archival_reference(names, text):
    reading = read(text, names)
    assert [(s.kind, s.repository, s.as_written) for s in reading.sources] == [
        (ARCHIVAL_OTHER, None, text.rstrip("."))
    ]
    assert reading.kept == []


def test_an_unknown_clause_after_a_credit_is_kept_not_made_part_of_a_name(names):
    reading = read("Translated by Jennifer Lee; edited by Charles Kraus.", names)
    assert credits_of(reading) == [(TRANSLATOR, "Jennifer Lee", "")]
    assert any("edited by Charles Kraus" in kept for kept in reading.kept)


@pytest.mark.parametrize("text", ["Reprinted in", "Also available at", "Source:"])
def test_an_opening_phrase_with_nothing_after_it_is_kept(names, text):
    reading = read(text, names)
    assert reading.kept == [text]


# An archival source with no archive fails Source.clean, and with it the whole import.


def test_an_archive_named_after_the_levels_holds_them(names):
    reading = read("Fond 558, opis 11, delo 342, RGASPI.", names)
    assert sources_of(reading) == [(ARCHIVAL, HELD, "RGASPI", "RGASPI, f. 558, op. 11, d. 342")]
    assert reading.sources[0].as_written == "Fond 558, opis 11, delo 342, RGASPI"
    assert reading.kept == []


@pytest.mark.parametrize(
    "text",
    [
        "f. 45, op. 1, d. 339.",
        "Fond 558, opis 11, delo 342, Moscow.",
        "Fond 558, opis 11, delo 342; PRC FMA 109-00042-01, 1-5.",
        "f. 45, op. 1 and RGASPI, f. 17, op. 162.",
    ],
)
def test_levels_in_no_archive_are_kept_and_reported_never_an_archive_without_a_name(names, text):
    reading = read(text, names)
    assert all(s.archive for s in reading.sources if s.kind == ARCHIVAL)
    assert reading.kept


# A sentence that ends in a place is no archive: only the gazetteer's names narrow it.


@pytest.mark.parametrize(
    "text",
    [
        "The document was found in Moscow, f. 45, op. 1, d. 339, l. 92.",
        "It was copied and the copy is kept in the Soviet Union, f. 45, op. 1, d. 3.",
        "The papers were kept in Moscow and Soviet Union, f. 45, op. 1, d. 3 by the ministry.",
    ],
)
def test_a_sentence_ending_in_no_known_archive_invents_no_repository(names, text):
    reading = read(text, names)
    assert [s for s in reading.sources if s.kind == ARCHIVAL] == []
    assert reading.kept == [text]
    assert [s.as_written for s in reading.sources] == [text]


def test_words_before_a_known_archive_are_no_part_of_its_name(names):
    (source,) = read("Moscow and APRF, f. 45, op. 1, d. 3.", names).sources
    assert (source.archive, source.repository.abbreviation) == ("APRF", "APRF")
    assert source.as_written == "Moscow and APRF, f. 45, op. 1, d. 3"


def test_sheets_given_twice_are_both_cited(names):
    reading = read("APRF, f. 45, op. 1, d. 339, l. 3 and l. 5.", names)
    assert sources_of(reading) == [(ARCHIVAL, HELD, "APRF", "APRF, f. 45, op. 1, d. 339, ll. 3, 5")]
    assert reading.kept == []


def test_a_level_given_twice_before_another_archive_is_kept_not_half_read(names):
    reading = read("APRF, f. 45, op. 1, d. 339, d. 340; and PRC FMA 109-00042-01, 1-5.", names)
    assert [s for s in reading.sources if s.kind == ARCHIVAL] == []
    assert reading.kept == ["APRF, f. 45, op. 1, d. 339, d. 340"]
    assert sources_of(reading)[-1] == (ARCHIVAL_OTHER, HELD, "PRC FMA", "PRC FMA 109-00042-01, 1-5")


@pytest.mark.parametrize(
    ("text", "relation", "kept"),
    [
        (
            "APRF, f. 45, op. 1, d. 339, l. 92. Also available at the family papers of Ivan Ivanov.",
            ALSO_AT,
            "the family papers of Ivan Ivanov.",
        ),
        ("Reprinted in", REPRINTED_IN, "Reprinted in"),
        (
            "A copy is held at the family papers of Ivan Ivanov.",
            ALSO_AT,
            "the family papers of Ivan Ivanov.",
        ),
    ],
)
def test_a_clause_kept_as_written_keeps_the_relation_its_phrase_gave(names, text, relation, kept):
    source = read(text, names).sources[-1]
    assert (source.kind, source.relation, source.as_written) == (VERBATIM, relation, kept)


def test_a_sentence_naming_a_known_archive_in_passing_is_kept(names):
    reading = read("Courtesy of the National Security Archive.", names)
    assert [(s.kind, s.repository) for s in reading.sources] == [(VERBATIM, None)]
    assert reading.kept == ["Courtesy of the National Security Archive."]
