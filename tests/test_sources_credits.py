"""Who obtained, contributed and translated a document, and who paid: archive.sources.credits."""

import pytest

from archive.languages import language_code
from archive.sources import credits
from archive.sources.credits import CONTRIBUTOR, FUNDER, OBTAINED_BY, TRANSLATOR, Credit


def people(sentence):
    """(role, name, organisation) of each credit a sentence gives, in its order."""
    return [(c.role, c.name, c.organisation) for c in credits.read(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Translated by Mark Kramer.", [(TRANSLATOR, "Mark Kramer", "")]),
        ("Translated by Caixia Lu.", [(TRANSLATOR, "Caixia Lu", "")]),
        (
            "Translated by Gary Goldberg and Sergey Radchenko.",
            [(TRANSLATOR, "Gary Goldberg", ""), (TRANSLATOR, "Sergey Radchenko", "")],
        ),
        (
            "Translated by Gary Goldberg, Mark Kramer and Sergey Radchenko.",
            [
                (TRANSLATOR, "Gary Goldberg", ""),
                (TRANSLATOR, "Mark Kramer", ""),
                (TRANSLATOR, "Sergey Radchenko", ""),
            ],
        ),
        ("Translated for CWIHP by Chen Jian.", [(TRANSLATOR, "Chen Jian", "CWIHP")]),
        (
            "Translated for CWIHP from Russian by Sergey Radchenko.",
            [(TRANSLATOR, "Sergey Radchenko", "CWIHP")],
        ),
        (
            "Translated for NKIDP from Russian by Sergey Radchenko.",
            [(TRANSLATOR, "Sergey Radchenko", "NKIDP")],
        ),
        ("Obtained by James Person.", [(OBTAINED_BY, "James Person", "")]),
        ("Obtained for CWIHP by Sergey Radchenko.", [(OBTAINED_BY, "Sergey Radchenko", "CWIHP")]),
        (
            "Obtained and translated by Sergey Radchenko.",
            [(OBTAINED_BY, "Sergey Radchenko", ""), (TRANSLATOR, "Sergey Radchenko", "")],
        ),
        (
            "Obtained and translated for NKIDP by Sergey Radchenko.",
            [(OBTAINED_BY, "Sergey Radchenko", "NKIDP"), (TRANSLATOR, "Sergey Radchenko", "NKIDP")],
        ),
        (
            "Obtained by North Korean Materials Archive, IFES, Kyungnam University, and translated by Imre Májer.",
            [
                (OBTAINED_BY, "", "North Korean Materials Archive, IFES, Kyungnam University"),
                (TRANSLATOR, "Imre Májer", ""),
            ],
        ),
        (
            "Obtained for CWIHP by Yutaka Kanda and translated by Ryo C. Kato.",
            [(OBTAINED_BY, "Yutaka Kanda", "CWIHP"), (TRANSLATOR, "Ryo C. Kato", "")],
        ),
        ("Contributed by Charles Kraus.", [(CONTRIBUTOR, "Charles Kraus", "")]),
        (
            "Contributed and translated by Charles Kraus.",
            [(CONTRIBUTOR, "Charles Kraus", ""), (TRANSLATOR, "Charles Kraus", "")],
        ),
        (
            "Translated by Sergey Radchenko (NKIDP).",
            [(TRANSLATOR, "Sergey Radchenko", "NKIDP")],
        ),
    ],
)
def test_credit_sentences_give_a_role_a_name_and_an_organisation(sentence, expected):
    assert people(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "This document was made possible with support from the Leon Levy Foundation.",
        "Made possible with support from the Leon Levy Foundation.",
        "With the generous support of the Leon Levy Foundation.",
    ],
)
def test_support_credits_a_funder(sentence):
    (credit,) = credits.read(sentence)
    assert credit.role == FUNDER
    assert credit.name == ""
    assert "Leon Levy Foundation" in credit.organisation


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Translated for CWIHP from Russian by Sergey Radchenko.", "Russian"),
        ("Translated from Russian by Svetlana Savranskaya.", "Russian"),
        ("Translated for NKIDP from the Korean by Jae Hoon Lee.", "Korean"),
        ("Translated by Mark Kramer.", ""),
    ],
)
def test_the_language_translated_from_is_kept(sentence, language):
    assert {credit.source_language for credit in credits.read(sentence)} == {language}


def test_each_credit_remembers_its_sentence():
    sentence = "Obtained for CWIHP by Yutaka Kanda and translated by Ryo C. Kato."
    assert {credit.written for credit in credits.read(sentence)} == {sentence}


@pytest.mark.parametrize(
    "sentence",
    [
        "Translated by Mark Kramer.",
        "Obtained and translated for NKIDP by Sergey Radchenko.",
        "Contributed by Charles Kraus.",
        "This document was made possible with support from the Leon Levy Foundation.",
    ],
)
def test_credit_sentences_are_recognised(sentence):
    assert credits.is_credit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "APRF, f. 45, op. 1, d. 339, l. 92.",
        "Reprinted in CWIHP Bulletin #16.",
        "The translator obtained a copy.",
    ],
)
def test_other_sentences_give_no_credit(sentence):
    assert not credits.is_credit(sentence)
    assert credits.read(sentence) == []


@pytest.mark.parametrize(
    ("credit", "printed"),
    [
        (Credit(TRANSLATOR, "Mark Kramer"), "Translated by Mark Kramer"),
        (
            Credit(TRANSLATOR, "Sergey Radchenko", "CWIHP"),
            "Translated by Sergey Radchenko for CWIHP",
        ),
        (
            Credit(OBTAINED_BY, organisation="Kyungnam University"),
            "Obtained by Kyungnam University",
        ),
        (
            Credit(FUNDER, organisation="the Leon Levy Foundation"),
            "Made possible with support from the Leon Levy Foundation",
        ),
    ],
)
def test_a_credit_prints_as_a_sentence(credit, printed):
    assert str(credit) == printed


def test_a_credit_reads_back_from_its_own_printing():
    credit = Credit(TRANSLATOR, "Ryo C. Kato", "CWIHP")
    assert people(str(credit) + ".") == [(TRANSLATOR, "Ryo C. Kato", "CWIHP")]


def test_a_name_ends_where_its_clause_ends():
    assert people("Translated by Jennifer Lee; edited by Charles Kraus.") == [
        (TRANSLATOR, "Jennifer Lee", "")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Translated by Sergey Radchenko, obtained by Charles Kraus.",
            [(TRANSLATOR, "Sergey Radchenko", ""), (OBTAINED_BY, "Charles Kraus", "")],
        ),
        (
            "Translated by Gary Goldberg, Contributed by Mark Kramer.",
            [(TRANSLATOR, "Gary Goldberg", ""), (CONTRIBUTOR, "Mark Kramer", "")],
        ),
    ],
)
def test_clauses_joined_by_a_comma_are_credits_of_their_own(sentence, expected):
    assert people(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "language", "code"),
    [
        ("Translated from Serbo-Croatian by Jovan Čavoški.", "Serbo-Croatian", "sh"),
        ("Translated from the original Chinese by Chen Jian.", "Chinese", "zh"),
        ("Translated from the Russian original for CWIHP by Gary Goldberg.", "Russian", "ru"),
        ("Translated from Classical Chinese by David Cowhig.", "Classical Chinese", "zh"),
        ("Translated from a photocopy by Mark Kramer.", "", ""),
    ],
)
def test_the_language_translated_from_is_the_languages_name(sentence, language, code):
    (credit,) = credits.read(sentence)
    assert credit.source_language == language
    assert language_code(credit.source_language) == code  # as the importer stores it


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Translated by Jovan Čavoški of the Institute for Recent History of Serbia.",
            [(TRANSLATOR, "Jovan Čavoški", "the Institute for Recent History of Serbia")],
        ),
        (
            "Translated by Jae Hoon Lee and Kim Ji-young of Kyungnam University.",
            [
                (TRANSLATOR, "Jae Hoon Lee", "Kyungnam University"),
                (TRANSLATOR, "Kim Ji-young", "Kyungnam University"),
            ],
        ),
        # An organisation's own "of" stays in its name.
        (
            "Obtained by the Archive of Foreign Policy of the Russian Federation.",
            [(OBTAINED_BY, "", "the Archive of Foreign Policy of the Russian Federation")],
        ),
    ],
)
def test_a_persons_affiliation_is_their_organisation(sentence, expected):
    assert people(sentence) == expected
