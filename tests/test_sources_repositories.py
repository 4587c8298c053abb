"""The archives under every name citations give them: archive.sources.repositories."""

import pytest

from archive.sources.repositories import Names, name_key


@pytest.fixture(scope="module")
def names():
    return Names()


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["АП РФ", "АПРФ", "AP RF", "APRF", "A.P.R.F.", "aprf"], "aprf"),
        (["РГАСПИ", "RGASPI", "Rgaspi"], "rgaspi"),
        (["АВП РФ", "AVP RF", "AVPRF", "A.V.P. R.F."], "avprf"),
        (["GA RF", "GARF", "ГАРФ", "G-ARF"], "garf"),
    ],
)
def test_a_name_has_one_key_whatever_its_script_case_or_spacing(spellings, key):
    assert {name_key(spelling) for spelling in spellings} == {key}


def test_the_key_of_nothing_is_empty():
    assert name_key("") == name_key(None) == ""


@pytest.mark.parametrize(
    ("name", "abbreviation"),
    [
        ("АП РФ", "APRF"),
        ("APRF", "APRF"),
        ("Presidential Archive", "APRF"),
        ("РГАСПИ", "RGASPI"),
        ("RTsKhIDNI", "RGASPI"),
        ("АВП РФ", "AVP RF"),
        ("AVPRF", "AVP RF"),
        ("AVP RF", "AVP RF"),
        ("GA RF", "GARF"),
        ("ГАРФ", "GARF"),
        ("ЦДАГО", "TsDAHOU"),
        ("SSA SBU", "HDA SBU"),
        ("MOL", "MNL OL"),
        ("Hungarian National Archives", "MNL OL"),
        ("SAPMO", "SAPMO-BArch"),
        ("UNARMS", "UN ARMS"),
        ("Harry S. Truman Library", "Truman Library"),
        ("Jimmy Carter Library", "Carter Library"),
        ("中华人民共和国外交部档案馆", "PRC FMA"),
        # A full name with its abbreviation in parentheses: either part finds it.
        ("Archive of the President of the Russian Federation (APRF)", "APRF"),
        ("Foreign Policy Archive (AVP RF)", "AVP RF"),
    ],
)
def test_get_finds_a_repository_by_any_of_its_names(names, name, abbreviation):
    assert names.get(name).abbreviation == abbreviation


@pytest.mark.parametrize("name", ["", "Kremlin", "NA", "Wilson Center Digital Archive"])
def test_get_finds_nothing_for_a_name_it_does_not_know(names, name):
    assert names.get(name) is None


@pytest.mark.parametrize(
    ("text", "abbreviation", "name"),
    [
        ("MNL OL XIV-J-1-j Korea 25-005249/1980", "MNL OL", "MNL OL"),
        ("PRC FMA 106-00719-04, 39-40", "PRC FMA", "PRC FMA"),
        ("АВП РФ, ф. 059а, оп. 5а", "AVP RF", "АВП РФ"),
        ("Hungarian National Archives, XIX-J-1-j Korea", "MNL OL", "Hungarian National Archives"),
        ("SAPMO-BArch, DY 30/3605", "SAPMO-BArch", "SAPMO-BArch"),
    ],
)
def test_at_start_finds_the_longest_name_a_text_begins_with(names, text, abbreviation, name):
    repository, end = names.at_start(text)
    assert repository.abbreviation == abbreviation
    assert text[:end] == name


@pytest.mark.parametrize("text", ["", "Prosecutor's office", "Sovetsko-Kitaiskie Otnosheniia"])
def test_at_start_finds_nothing_where_no_name_begins_the_text(names, text):
    assert names.at_start(text) is None


def test_within_finds_a_name_at_the_end_of_a_reference(names):
    text = "B-330-002, The Korean Legation in Vietnam, Syngman Rhee Institute, Yonsei University"
    repository, start, end = names.within(text)
    assert repository.abbreviation == "Syngman Rhee Institute"
    assert text[start:end] == "Syngman Rhee Institute, Yonsei University"


def test_within_finds_a_name_inside_a_sentence(names):
    text = "a report held at the Hungarian National Archives in Budapest"
    repository, start, end = names.within(text)
    assert repository.abbreviation == "MNL OL"
    assert text[start:end] == "Hungarian National Archives"


@pytest.mark.parametrize("text", ["", "NA", "a PRO forma copy", "found by the NA staff"])
def test_within_ignores_short_names_that_could_be_anything(names, text):
    # "NA" and "PRO" are names of archives, and also just letters inside a sentence.
    assert names.within(text) is None


def test_the_archives_own_repositories_are_found_after_the_gazetteer():
    class Repository:
        abbreviation = "Jiangsu PA"

    names = Names()
    names.add(Repository, ["Jiangsu Provincial Archives", "江苏省档案馆"])
    assert names.get("jiangsu provincial archives") is Repository
    assert names.get("江苏省档案馆") is Repository
    assert names.at_start("Jiangsu Provincial Archives, 3124-long-198")[0] is Repository


def test_an_added_repository_replaces_the_gazetteers_entry_of_the_same_name():
    # The database's record of a repository is the one sources link to.
    class Repository:
        abbreviation = "APRF"

    names = Names()
    names.add(Repository, ["APRF", "АП РФ"])
    assert names.get("АПРФ") is Repository
