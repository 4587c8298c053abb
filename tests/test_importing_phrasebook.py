"""The words of the printed forms, and their English."""

import pytest

from archive.importing import phrasebook


@pytest.mark.parametrize(
    "typed, number",
    [("II", 11), ("195 I", 1951), ("30", 30), ("I5", 15), ("О5", 5), ("x", None)],
)
def test_typewritten_numbers(typed, number):
    assert phrasebook.typewritten_number(typed) == number


def test_roman_numerals_and_months():
    assert [phrasebook.roman(r) for r in ["IV", "VI", "IX", "XII", "ABC"]] == [4, 6, 9, 12, None]
    assert phrasebook.day_month(30, 6, 1951) == "30 June 1951"
    assert phrasebook.day_month(31, 13) is None


def test_names_in_latin_and_in_the_nominative():
    assert phrasebook.latin("ИТ МВО") == "IT MVO"
    assert phrasebook.latin("2204/ис") == "2204/is"
    assert phrasebook.name_in_latin("Мао Цзе-дун") == "Mao Tsze-dun"
    assert phrasebook.name_in_latin("Римский-Корсаков") == "Rimskii-Korsakov"
    assert phrasebook.name_in_cyrillic_case("МАО ЦЗЕ-ДУН") == "Мао Цзе-дун"
    assert phrasebook.nominative("ФИЛИПОВУ") == "ФИЛИПОВ"
    assert phrasebook.nominative("Ивановой") == "Иванова"
    assert phrasebook.nominative("Мао Цзе-дун") == "Мао Цзе-дун"


def test_the_name_in_an_address():
    assert phrasebook.strip_address("Товарищу ФИЛИПОВУ") == "ФИЛИПОВУ"
    assert phrasebook.strip_address('"Тов. Мао Цзе-дун!') == "Мао Цзе-дун"
    assert phrasebook.strip_address("Дорогой товарищ Сталин!") == "Сталин"
    assert phrasebook.strip_address("To Comrade FILIPPOV [Stalin]") == "FILIPPOV"
    # The comrades and dears of the other languages of the bloc.
    assert phrasebook.strip_address("Towarzyszu Chruszczow!") == "Chruszczow"
    assert phrasebook.strip_address("Lieber Genosse Ulbricht!") == "Ulbricht"
    assert phrasebook.strip_address("Kedves Kádár elvtárs!") == "Kádár"
    assert phrasebook.strip_address("Другарю Живков,") == "Живков"
    assert phrasebook.strip_address("Stimate tovarășe Ceaușescu,") == "Ceaușescu"


@pytest.mark.parametrize(
    "line, name",
    [
        ("Premier Zhou Enlai:", "Zhou Enlai"),
        ("To Kim Il Sung", "Kim Il Sung"),
        ("Dear Mr. President,", "President"),  # an office alone: roles makes no person of it
        ("To Comrade FILIPPOV [Stalin]", "FILIPPOV"),
    ],
)
def test_an_office_or_to_before_a_name_is_an_address(line, name):
    assert phrasebook.ADDRESS.match(line)
    assert phrasebook.strip_address(line) == name


@pytest.mark.parametrize(
    "sentence",
    [
        "Premier Zhou Enlai arrived in Geneva on 3 June.",
        "To our great regret, the talks were broken off.",
        "President Truman said that the war must end.",
    ],
)
def test_an_office_or_to_before_a_sentence_is_no_address(sentence):
    assert phrasebook.ADDRESS.match(sentence) is None
