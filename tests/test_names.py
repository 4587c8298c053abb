"""Names found under any spelling, script, case or inflection."""

import pytest

from archive.names import NameIndex
from archive.persons import PersonDirectory, short_name, sort_name_of, surnames

from .factory import make_person


def index_of(*entries):
    index = NameIndex()
    for item, names, family in entries:
        index.add(item, names, family)
    return index


def test_whole_names_in_any_script_case_and_inflection():
    index = index_of(
        ("kim", ["Kim Il Sung", "Ким Ир Сен", "김일성"], []),
        ("korea", ["Korea", "Корея"], []),
    )
    for name in ["Kim Il Sung", "КИМ ИР СЕН", "Ким Ир Сена", "김일성", "Kim Il-sung"]:
        assert index.find(name) == "kim", name
    # The stemmer cuts "Корея" to "kore" and "Корее" to "kor": either key matches either way.
    assert [index.find(name) for name in ["Корее", "Кореи", "Korea"]] == ["korea"] * 3
    assert index.find("Ким") is None  # a part of a name is not the name


def test_a_surname_alone_finds_only_an_unambiguous_person():
    index = index_of(
        ("malik", ["Yakov Malik"], ["Malik", "Малик"]),
        ("ivanov-1", ["Ivan Ivanov"], ["Ivanov"]),
        ("ivanov-2", ["Petr Ivanov"], ["Ivanov"]),
    )
    assert index.find_or_surname("Малика") == "malik"
    assert index.find_or_surname("Ivanov") is None  # two persons: neither for certain
    assert index.find("Малика") is None  # find() wants a whole name


def test_scanning_running_text_finds_the_longest_names():
    index = index_of(
        ("ridgway", ["Matthew Ridgway"], ["Ridgway"]),
        ("washington", ["Washington"], []),
    )
    text = "[U.S. Commander Matthew] Ridgway met the press in Washington; Ridgway said"
    found = [(item, text[start:end]) for item, start, end in index.scan(text)]
    assert found == [
        ("ridgway", "Matthew] Ridgway"),
        ("washington", "Washington"),
        ("ridgway", "Ridgway"),
    ]


def test_initials_are_part_of_a_name():
    # "В", "A" and "I" are stop words in running text; a capital alone is an initial.
    index = index_of(
        ("kuznetsov", ["В. Кузнецов"], []),
        ("gromyko", ["A. Gromyko"], []),
    )
    assert [index.find(name) for name in ["В. Кузнецов", "V. Kuznetsov", "В.Кузнецов"]] == [
        "kuznetsov"
    ] * 3
    assert index.find("А. Громыко") == "gromyko"
    assert index.find("Кузнецов") is None  # a part of a name is not the name
    assert index.find("в Кузнецов") is None  # a preposition is no initial
    text = "Письмо В. Кузнецова в Москву"
    assert [text[start:end] for _item, start, end in index.scan(text)] == ["В. Кузнецова"]


def test_a_family_name_written_first_is_not_someone_elses_name():
    index = NameIndex()
    index.add("kim", ["Kim Il Sung", "Ким Ир Сен"], ["Kim"], family_first=True)
    index.add("mao", ["Mao Zedong", "Mao Tse-tung", "Мао Цзэдун"], ["Mao"], family_first=True)

    def scan(text):
        return [(item, text[start:end]) for item, start, end in index.scan(text)]

    # Kim Jong Il and Kim Chaek are not Kim Il Sung, though all three are "Kim".
    assert scan("The comrades said that Kim Jong Il will attend; Kim Chaek too.") == []
    # A family name alone, or before a word that is no name, is still the person.
    assert scan("Kim said so to Chairman Mao. Kim, Mao and others") == [
        ("kim", "Kim"),
        ("mao", "Mao"),
        ("kim", "Kim"),
        ("mao", "Mao"),
    ]
    # A given name spelled another way still finds the person: "Tsetung" as "Tse-tung".
    assert scan("Mao Tsetung agreed") == [("mao", "Mao")]
    assert scan("Kim Il Sung agreed") == [("kim", "Kim Il Sung")]
    # A surname written last (Western order) is not held to this.
    western = NameIndex()
    western.add("ridgway", ["Matthew Ridgway"], ["Ridgway"])
    assert [item for item, _s, _e in western.scan("Ridgway Proposes Talks")] == ["ridgway"]


@pytest.mark.django_db
def test_the_directory_knows_persons_by_aliases_and_surnames(authorities):
    directory = PersonDirectory()
    assert directory.find("ФИЛИПОВУ").slug == "joseph-stalin"
    assert directory.find_or_surname("Сталину").slug == "joseph-stalin"
    stalin = directory.get("joseph-stalin")
    assert directory.alias_kind(stalin, "ФИЛИППОВУ") == "codename"
    assert directory.alias_kind(stalin, "Сталин") == ""
    assert short_name(stalin) == "Stalin"
    assert short_name(directory.get("mao-zedong")) == "Mao Zedong"
    # A Chinese or Korean name begins with the family name: "Chairman Mao".
    assert surnames(directory.get("mao-zedong")) == ["Mao"]


@pytest.mark.django_db
def test_a_new_person_is_found_again_and_forgotten_on_rollback(authorities):
    directory = PersonDirectory()
    person, created = directory.resolve({"name": "Peng Dehuai", "name_ru": "Пэн Дэ-хуай"})
    assert created and person.slug == "peng-dehuai"
    again, created = directory.resolve({"name": "Peng Te-huai", "name_ru": "ПЭН ДЭ-ХУАЙ"})
    assert (again, created) == (person, False)
    directory.forget_created()
    assert directory.find("Пэн Дэ-хуай") is None


@pytest.mark.django_db
def test_a_new_persons_slug_is_free(authorities):
    make_person("Ivan Petrov", slug="ivan-petrov")
    person, _created = PersonDirectory().resolve({"name": "Ivan Petrov", "name_ru": "Иван Петров"})
    assert person.slug == "ivan-petrov"  # found, not duplicated
    other, created = PersonDirectory().resolve({"name": "Ivan  Petrov!"})
    assert not created and other == person


@pytest.mark.parametrize(
    "name, sort_name",
    [
        ("V. Kuznetsov", "Kuznetsov, V."),
        ("V. V. Kuznetsov", "Kuznetsov, V. V."),
        ("Kuznetsov V.V.", "Kuznetsov, V.V."),
        ("Ivan Petrovich Kuznetsov", "Kuznetsov, Ivan Petrovich"),
        ("Zhou Enlai", ""),  # which word is the family name, the name does not say
        ("Vasily Kuznetsov", ""),
    ],
)
def test_a_new_persons_sort_name_begins_with_the_family_name(name, sort_name):
    assert sort_name_of(name) == sort_name


@pytest.mark.django_db
def test_a_person_with_initials_is_found_by_their_initials_and_surname(authorities):
    directory = PersonDirectory()
    person, _created = directory.resolve(
        {"name": "V. Kuznetsov", "sort_name": "Kuznetsov, V.", "name_ru": "В. Кузнецов"}
    )
    assert surnames(person) == ["Kuznetsov", "Кузнецов"]  # not the initial "В."
    again = PersonDirectory()
    for name in ["В. Кузнецов", "V. Kuznetsov", "В. В. Кузнецов", "Кузнецов В. В.", "КУЗНЕЦОВ"]:
        found = again.find_or_surname(name) or again.find_by_initials(name)
        assert found == person, name
    assert again.find_by_initials("А. Кузнецов") is None  # another initial, another person
