"""Pairing passages of an original and a translation."""

from archive.importing.aligner import Features, align


def passage(text, kind="paragraph", zone="body", names=(), numbers=(), prefixes=()):
    return Features(
        frozenset(numbers), frozenset(names), frozenset(prefixes), kind, zone, len(text)
    )


def test_numbers_and_names_pair_passages_and_what_has_no_counterpart_stays_alone():
    original = [
        passage("ШИФРТЕЛЕГРАММА № 21336", "heading", "header", numbers={"21336"}),
        passage("СОВЕРШЕННО СЕКРЕТНО", "marking", "header"),
        passage("Товарищу ФИЛИПОВУ", "salutation", names={"stalin"}),
        passage("Выступление Малика 23.6 вызвало интерес " * 3, names={"malik"}, numbers={"23"}),
        passage("Прошу Вас срочно сообщить Ваше мнение."),
        passage("МАО ЦЗЕ-ДУН", "signature", names={"mao"}),
        passage("№ 3261\n30.6", "note", "footer", numbers={"3261", "30", "6"}),
    ]
    translation = [
        passage("CIPHERED TELEGRAM No. 21336", "heading", "header", numbers={"21336"}),
        passage("To Comrade FILIPPOV [Stalin]", "salutation", names={"stalin"}),
        passage("Malik's speech on June 23 aroused interest " * 3, names={"malik"}, numbers={"23"}),
        passage("I ask you urgently for your opinion."),
        passage("Mao Zedong", "signature", names={"mao"}),
        passage("No. 3261", "note", "footer", numbers={"3261"}),
        passage("30.6", "note", "footer", numbers={"30", "6"}),
    ]
    assert align(original, translation) == [
        ([0], [0]),
        ([2], [1]),
        ([3], [2]),
        ([4], [3]),
        ([5], [4]),
        ([6], [5, 6]),  # one passage beside two
    ]


def test_unrelated_texts_are_not_forced_together():
    original = [passage("Совершенно секретно", "marking", "header")]
    translation = [passage("A long paragraph about something else entirely. " * 4, numbers={"1"})]
    assert align(original, translation) == []
