import pytest

from archive.citations import (
    CitationError,
    ParsedReference,
    format_reference,
    format_references,
    parse_references,
)

SEED_CITATION = (
    "APRF, f. 45, op. 1, d. 339, l. 92; AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11; "
    "and RGASPI, f. 558, op. 11, d. 339, ll. 0092."
)


def test_the_seed_references_parse_into_their_levels():
    aprf, avp, rgaspi = parse_references(SEED_CITATION)
    assert aprf == ParsedReference("APRF", fond="45", opis="1", delo="339", listy="92")
    assert avp == ParsedReference(
        "AVP RF", fond="059a", opis="5a", delo="4", papka="11", listy="11"
    )
    assert rgaspi == ParsedReference(
        "RGASPI", fond="558", opis="11", delo="339", listy="0092", listy_plural=True
    )


@pytest.mark.parametrize(
    "reference",
    [
        "APRF, f. 45, op. 1, d. 339, l. 92",
        "AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11",
        "RGASPI, f. 558, op. 11, d. 339, ll. 0092",
    ],
)
def test_each_seed_reference_prints_back_exactly(reference):
    (parsed,) = parse_references(reference)
    assert str(parsed) == reference


def test_several_references_print_back_as_the_citation_writes_them():
    assert format_references(parse_references(SEED_CITATION)) + "." == SEED_CITATION


def test_spelled_out_levels_read_like_abbreviations():
    (parsed,) = parse_references("APRF, Fond 45, Opis 1, Delo 336, List 5")
    assert str(parsed) == "APRF, f. 45, op. 1, d. 336, l. 5"
    (plural,) = parse_references("RGASPI, Fond 558, Opis 11, Delo 339, Listy 5-7")
    assert str(plural) == "RGASPI, f. 558, op. 11, d. 339, ll. 5-7"


def test_spelled_out_levels_take_a_default_archive():
    (parsed,) = parse_references("Fond 45, Opis 1, Delo 336, List 5", default_archive="APRF")
    assert str(parsed) == "APRF, f. 45, op. 1, d. 336, l. 5"


def test_russian_abbreviations_are_read():
    (parsed,) = parse_references("АПРФ, ф. 45, оп. 1, д. 339, л. 92")
    assert parsed == ParsedReference("АПРФ", fond="45", opis="1", delo="339", listy="92")


def test_archives_joined_by_and_without_semicolon():
    first, second = parse_references("APRF, f. 45, op. 1 and RGASPI, f. 558, op. 11")
    assert (first.archive, second.archive) == ("APRF", "RGASPI")


def test_several_listy_continue_after_a_comma():
    (parsed,) = parse_references("APRF, f. 3, op. 65, d. 827, ll. 12, 14")
    assert parsed.listy == "12, 14"
    assert str(parsed) == "APRF, f. 3, op. 65, d. 827, ll. 12, 14"


def test_a_verso_abbreviation_at_the_end_is_kept():
    (parsed,) = parse_references("APRF, f. 45, op. 1, d. 339, l. 92ob.")
    assert parsed.listy == "92ob."


def test_letters_and_leading_zeros_are_kept():
    (parsed,) = parse_references("AVP RF, f. 059a, op. 5a, d. 0004")
    assert (parsed.fond, parsed.opis, parsed.delo) == ("059a", "5a", "0004")


def test_printing_leaves_out_empty_levels():
    assert format_reference("APRF", fond="45", delo="339") == "APRF, f. 45, d. 339"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("f. 45, op. 1", "before any archive"),
        ("APRF", "has no fond"),
        ("APRF, op. 1, d. 339", "has no fond"),
        ("APRF, f. 45, f. 46", "fond twice"),
        ("APRF, d. 339, f. 45", "order is fond, opis"),
        ("APRF, f. 45; 339", "not an archive name"),
    ],
)
def test_bad_input_raises_a_clear_error(text, message):
    with pytest.raises(CitationError, match=message):
        parse_references(text)


def test_an_archive_and_its_fond_without_a_comma():
    (parsed,) = parse_references("APRF f. 45, op. 1, d. 339")
    assert str(parsed) == "APRF, f. 45, op. 1, d. 339"
    (spelled,) = parse_references("RGASPI Fond 558, Opis 11")
    assert str(spelled) == "RGASPI, f. 558, op. 11"
