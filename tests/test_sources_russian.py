"""References in the Russian (and Soviet, and Ukrainian) hierarchy: archive.sources.russian."""

import pytest

from archive.sources.russian import (
    UKRAINIAN,
    Reference,
    format_levels,
    format_reference,
    format_references,
    read,
    starts_with_level,
)

SEED_CITATION = (
    "APRF, f. 45, op. 1, d. 339, l. 92; AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11; "
    "and RGASPI, f. 558, op. 11, d. 339, ll. 0092."
)
SEED_REFERENCES = [
    "APRF, f. 45, op. 1, d. 339, l. 92",
    "AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11",
    "RGASPI, f. 558, op. 11, d. 339, ll. 0092",
]


def printed(text):
    """Each reference of `text` in standard notation."""
    return [str(reference) for reference in read(text).references]


def test_the_seed_references_are_read_into_their_levels():
    aprf, avp, rgaspi = read(SEED_CITATION).references
    assert aprf == Reference(
        "APRF", fond="45", opis="1", delo="339", listy="92", written=SEED_REFERENCES[0]
    )
    assert avp == Reference(
        "AVP RF",
        fond="059a",
        opis="5a",
        delo="4",
        papka="11",
        listy="11",
        written=SEED_REFERENCES[1],
    )
    assert rgaspi == Reference(
        "RGASPI",
        fond="558",
        opis="11",
        delo="339",
        listy="0092",
        listy_plural=True,
        written=SEED_REFERENCES[2],
    )


@pytest.mark.parametrize("reference", SEED_REFERENCES)
def test_each_seed_reference_prints_back_exactly(reference):
    (read_back,) = read(reference).references
    assert str(read_back) == reference


def test_several_references_print_back_as_the_citation_writes_them():
    assert format_references(read(SEED_CITATION).references) + "." == SEED_CITATION


def test_one_reference_prints_alone_and_none_print_nothing():
    assert format_references(read(SEED_REFERENCES[0]).references) == SEED_REFERENCES[0]
    assert format_references([]) == ""


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("APRF, fond 45, opis 1, delo 335, list 3.", "APRF, f. 45, op. 1, d. 335, l. 3"),
        ("APRF, Fond 45, Opis 1, Delo 336, List 122", "APRF, f. 45, op. 1, d. 336, l. 122"),
        (
            "RGASPI, Fond 558, Opis 11, Delo 339, Listy 5-7",
            "RGASPI, f. 558, op. 11, d. 339, ll. 5-7",
        ),
        (
            "RGASPI, Fond 558, Opis' 11, Delo 65, Listy 1-10",
            "RGASPI, f. 558, op. 11, d. 65, ll. 1-10",
        ),
    ],
)
def test_spelled_out_levels_read_like_abbreviations(written, standard):
    assert printed(written) == [standard]


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("APRF, F. 45, Op. 1, D. 339, L. 92", "APRF, f. 45, op. 1, d. 339, l. 92"),
        ("APRF, F. 45, OP. 1, D. 339, LL. 92-93", "APRF, f. 45, op. 1, d. 339, ll. 92-93"),
        ("TsDAHOU, F. 1, Op. 25, Spr. 97, Ll. 1-62", "TsDAHOU, f. 1, op. 25, spr. 97, ark. 1-62"),
    ],
)
def test_abbreviations_are_read_in_any_case(written, standard):
    assert printed(written) == [standard]


def test_spelled_out_levels_take_a_default_archive():
    (reference,) = read("Fond 45, Opis 1, Delo 336, List 5", default_archive="APRF").references
    assert str(reference) == "APRF, f. 45, op. 1, d. 336, l. 5"


def test_cyrillic_abbreviations_with_commas_are_read():
    (reference,) = read("АПРФ, ф. 45, оп. 1, д. 339, л. 92").references
    # The archive stays as written; the repository is found by its name (repositories.py).
    assert reference.archive == "АПРФ"
    assert (reference.fond, reference.opis, reference.delo, reference.listy) == (
        "45",
        "1",
        "339",
        "92",
    )


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("АП РФ. Ф. 39. Оп. 1. Д. 31. Л. 33.", "АП РФ, f. 39, op. 1, d. 31, l. 33"),
        ("АП РФ, Ф. 3, Оп. 65, Д. 827, Лл. 12-14", "АП РФ, f. 3, op. 65, d. 827, ll. 12-14"),
        (
            "АВП РФ. Ф. 0100. Оп. 46. П. 362. Д. 2. Л. 5.",
            "АВП РФ, f. 0100, op. 46, d. 2, p. 362, l. 5",
        ),
        ("РГАСПИ, ф. 17, оп. 162, д. 38, лл. 1–3", "РГАСПИ, f. 17, op. 162, d. 38, ll. 1–3"),
    ],
)
def test_cyrillic_abbreviations_with_full_stops_or_commas_print_in_latin(written, standard):
    assert printed(written) == [standard]


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("GARF. F.R-9478. Op.1. D 2. L.3-4.", "GARF, f. R-9478, op. 1, d. 2, ll. 3-4"),
        ("GARF, f. 1235, op. 140, d.59, l. 20.", "GARF, f. 1235, op. 140, d. 59, l. 20"),
        ("РГАСПИ. Ф. 17. Оп.163. Д. 1620. Л. 20 об.", "РГАСПИ, f. 17, op. 163, d. 1620, l. 20ob."),
    ],
)
def test_levels_are_read_with_or_without_a_space_after_the_full_stop(written, standard):
    assert printed(written) == [standard]


def test_papka_before_or_after_delo_reads_the_same():
    before = read("AVPRF, fond 0102, opis 19, papka 97, delo 5, listy 161-162").references
    after = read("AVPRF, fond 0102, opis 19, delo 5, papka 97, listy 161-162").references
    assert [str(r) for r in before] == [str(r) for r in after]
    assert str(before[0]) == "AVPRF, f. 0102, op. 19, d. 5, p. 97, ll. 161-162"


def test_avp_rf_poryadkovyi_nomer_is_a_level_of_its_own():
    (reference,) = read("AVP RF, f. 0100, op. 46, por. 12, p. 362, d. 2, l. 5").references
    assert (reference.por, reference.papka, reference.delo) == ("12", "362", "2")
    assert str(reference) == "AVP RF, f. 0100, op. 46, d. 2, p. 362, por. 12, l. 5"


@pytest.mark.parametrize(
    "written",
    ["APRF: F. 39, Op. 1, D. 31, L. 34", "RGANI: f. 3, op. 14, d. 1, l. 2"],
)
def test_an_archive_name_may_be_followed_by_a_colon(written):
    (reference,) = read(written).references
    assert reference.archive == written.split(":")[0]
    assert reference.written == written


@pytest.mark.parametrize(
    ("written", "listy"),
    [
        ("APRF, f. 45, op. 1, d. 339, l. 92ob.", "92ob."),
        ("APRF, f. 45, op. 1, d. 339, l. 92 ob.", "92ob."),
        ("АП РФ, ф. 3, оп. 65, д. 827, л. 12 об.", "12ob."),
        ("APRF, f. 45, op. 1, d. 339, ll. 92-92ob", "92-92ob."),
        ("RGANI, F. 5, Op. 30, D. 2/46, Ll. 2, 2ob", "2, 2ob."),
        ("РГАСПИ, Ф. 558, оп. 11, д. 348, лл. 20 об., 21", "20ob., 21"),
    ],
)
def test_a_verso_is_written_ob_whatever_its_script_or_spacing(written, listy):
    (reference,) = read(written).references
    assert reference.listy == listy


@pytest.mark.parametrize(
    "written",
    [
        "APRF, f. 45, op. 1, d. 348, ll. 20",  # as written: one sheet cited as "ll."
        "APRF, f. 3, op. 65, d. 827, l. 12, 14",
        "GARF. F.R-9478. Op.1. D 2. L.3-4.",
    ],
)
def test_sheets_written_ll_or_as_a_range_or_list_are_plural(written):
    (reference,) = read(written).references
    assert reference.listy_plural
    assert ", ll. " in str(reference)


def test_several_sheets_continue_after_a_comma():
    (reference,) = read("APRF, f. 3, op. 65, d. 827, ll. 12, 14").references
    assert reference.listy == "12, 14"
    assert str(reference) == "APRF, f. 3, op. 65, d. 827, ll. 12, 14"


def test_a_slash_in_delo_is_part_of_its_value():
    (reference,) = read("RGANI, f. 5, op. 30, d. 2/46, l. 2").references
    assert reference.delo == "2/46"


@pytest.mark.parametrize(
    ("written", "levels"),
    [
        ("AVP RF, f. 059a, op. 5a, d. 0004", ("059a", "5a", "0004")),
        ("GARF, f. R-9401, op. 2, d. 98c", ("R-9401", "2", "98c")),
        # Cyrillic letters in values are written in Latin: "Р-9401", "059а" (Cyrillic а).
        ("ГАРФ. Ф. Р-9401. Оп. 2. Д. 98c.", ("R-9401", "2", "98c")),
        ("АВП РФ, ф. 059а, оп. 5а, д. 4", ("059a", "5a", "4")),
    ],
)
def test_letters_and_leading_zeros_in_values_are_kept(written, levels):
    (reference,) = read(written).references
    assert (reference.fond, reference.opis, reference.delo) == levels


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("TsDAHOU, F. 1, Op. 25, Spr. 97, Ll. 1-62.", "TsDAHOU, f. 1, op. 25, spr. 97, ark. 1-62"),
        ("SSA SBU, f. 16, op. 1, spr. 368, ark. 256.", "SSA SBU, f. 16, op. 1, spr. 368, ark. 256"),
        ("ЦДАГО, ф. 1, оп. 24, спр. 4263, арк. 5", "ЦДАГО, f. 1, op. 24, spr. 4263, ark. 5"),
        (
            "ЦДАГО України. Ф. 1. Оп. 16. Спр. 91. Арк. 12-15.",
            "ЦДАГО України, f. 1, op. 16, spr. 91, ark. 12-15",
        ),
    ],
)
def test_ukrainian_sprava_and_arkush_print_as_spr_and_ark(written, standard):
    (reference,) = read(written).references
    assert reference.notation == UKRAINIAN
    assert str(reference) == standard


@pytest.mark.parametrize(
    "written",
    [
        "APRF, f. 45, op. 1; RGASPI, f. 558, op. 11",
        "APRF, f. 45, op. 1; and RGASPI, f. 558, op. 11",
        "APRF, f. 45, op. 1 and RGASPI, f. 558, op. 11",
        "APRF f. 45, op. 1 and RGASPI f. 558, op. 11",
    ],
)
def test_archives_joined_by_semicolon_or_and(written):
    assert printed(written) == ["APRF, f. 45, op. 1", "RGASPI, f. 558, op. 11"]


def test_a_reference_without_an_archive_is_in_the_one_before_it():
    first, second = read("APRF, f. 3, op. 1; f. 45, op. 1").references
    assert (first.archive, second.archive) == ("APRF", "APRF")
    assert second.written == "f. 45, op. 1"


def test_an_archive_and_its_fond_without_a_comma():
    assert printed("APRF f. 45, op. 1, d. 339") == ["APRF, f. 45, op. 1, d. 339"]
    assert printed("RGASPI Fond 558, Opis 11") == ["RGASPI, f. 558, op. 11"]


def test_an_archive_full_name_with_its_abbreviation_in_parentheses_is_one_name():
    (reference,) = read(
        "Archive of the President of the Russian Federation (APRF), f. 45, op. 1, d. 334"
    ).references
    assert reference.archive == "Archive of the President of the Russian Federation (APRF)"


def test_words_before_the_first_archive_are_given_apart():
    reading = read("Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 339, l. 92")
    assert reading.before.strip(" ,") == "Wilson Center Digital Archive"
    assert [str(r) for r in reading.references] == ["APRF, f. 45, op. 1, d. 339, l. 92"]


def test_each_reference_remembers_the_words_it_was_read_from():
    # The whole reference as written, without the "and" or "; and" that joined it.
    written = [r.written for r in read(SEED_CITATION).references]
    assert written == SEED_REFERENCES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "f. 45, op. 1",  # levels before any archive
        "APRF",  # an archive with no fond
        "APRF, op. 1, d. 339",  # no fond
        "APRF, d. 339, f. 45",  # levels out of order
        "APRF, f. 45; 339",  # words that are neither a level nor an archive
        "Sovetsko-Kitaiskie Otnosheniia, vol. 5",
    ],
)
def test_text_that_is_not_a_reference_is_not_read_as_one(text):
    # Not refused: the caller (reading.py) keeps such text as written.
    assert not read(text)


def test_printing_leaves_out_empty_levels():
    assert format_reference("APRF", fond="45", delo="339") == "APRF, f. 45, d. 339"
    assert format_levels() == ""


def test_levels_print_in_their_order_whatever_order_they_are_given():
    assert format_levels(listy="5", papka="11", delo="4", opis="5a", fond="059a") == (
        "f. 059a, op. 5a, d. 4, p. 11, l. 5"
    )


def test_ukrainian_notation_prints_spr_and_ark():
    assert format_levels(fond="1", delo="97", listy="1-3", notation=UKRAINIAN) == (
        "f. 1, spr. 97, ark. 1-3"
    )


def test_sheets_print_ll_only_when_plural():
    assert format_levels(listy="92") == "l. 92"
    assert format_levels(listy="92-93", listy_plural=True) == "ll. 92-93"


@pytest.mark.parametrize(
    "text", ["Ф. 39. Оп. 1.", "Op.1. D 2.", "F.R-9478", "L.3-4", "Opis 1", "Spr. 97"]
)
def test_a_level_at_the_start_is_recognised(text):
    # The caller must not end a sentence at "АП РФ." when "Ф. 39" follows.
    assert starts_with_level(text)


@pytest.mark.parametrize(
    "text", ["", "Oppenheimer", "Folder 3", "Dear Comrade", "fond", "Lenin 5", "Vol. 5"]
)
def test_a_word_that_only_begins_like_a_label_is_no_level(text):
    assert not starts_with_level(text)


@pytest.mark.parametrize(
    ("written", "listy"),
    [
        ("APRF, f. 45, op. 1, d. 339, l. 3 and l. 5", "3, 5"),
        ("APRF, f. 45, op. 1, d. 339, l. 3, l. 5", "3, 5"),
        ("АП РФ, ф. 3, оп. 65, д. 827, л. 12 и л. 14 об.", "12, 14ob."),
        ("APRF, f. 45, op. 1, d. 339, ll. 3-4 and l. 7", "3-4, 7"),
    ],
)
def test_sheets_given_twice_are_a_list_of_both(written, listy):
    found = read(written)
    assert found  # read whole: the list prints as "ll. 3, 5"
    (reference,) = found.references
    assert (reference.listy, reference.listy_plural) == (listy, True)
    assert reference.written == written


def test_another_level_given_twice_keeps_its_first_value_and_is_not_read_whole():
    found = read("APRF, f. 45, op. 1, d. 339, d. 340, l. 5")
    assert not found  # for the caller to keep as written and report
    (reference,) = found.references
    assert reference.delo == "339"
    assert reference.written == "APRF, f. 45, op. 1, d. 339, d. 340, l. 5"
