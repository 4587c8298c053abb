"""Words to keys: romanization, folding and stemming, without a database."""

import random

import pytest

from archive.romanization import ALA_LC
from archive.search.text import (
    _FOLDS,
    SEPARATOR,
    WORD,
    fold,
    index_keys,
    prefix_keys,
    query_keys,
    romanize,
    searchable,
    word_keys,
    words,
)


def meet(query_word, text_word):
    """Whether a query word finds a text word: some key of one is a key of the other."""
    return bool(set(query_keys(query_word)) & set(word_keys(text_word)))


@pytest.mark.parametrize(
    ("cyrillic", "ala_lc"),
    [
        ("хрущев", "khrushchev"),
        ("малик", "malik"),
        ("генштаба", "genshtaba"),
        ("риджуэй", "ridzhuei"),
        ("юнайтед", "iunaited"),
        ("объявление", "obiavlenie"),
        ("цзе", "tsze"),
        ("ы", "y"),
    ],
)
def test_romanization_is_ala_lc_without_diacritics(cyrillic, ala_lc):
    assert romanize(cyrillic) == ala_lc


@pytest.mark.parametrize(
    ("variants"),
    [
        ("khrushchev", "hruschev", "khrushchyov"),
        ("yakov", "iakov", "jakov"),
        ("filippov", "filipov"),
        ("tsar", "car"),
        ("aleksandr", "alexandr"),
        ("yeltsin", "eltsin", "jeltsin"),
    ],
)
def test_spelling_variants_fold_together(variants):
    assert len({fold(variant) for variant in variants}) == 1


def test_romanization_replaces_each_letter_and_keeps_the_rest():
    for letter, latin in ALA_LC.items():
        assert romanize(f"1{letter}-{letter}ä") == f"1{latin}-{latin}ä"
    assert romanize("x9 漢字 ǆ") == "x9 漢字 ǆ"


def test_a_fold_skipped_for_want_of_its_needle_would_have_changed_nothing():
    """fold() tries a substitution only where the key holds one of its needles: on keys
    full of the letters the folds rewrite, it gives what every substitution in turn does."""

    def every_substitution(key):
        for _needles, pattern, replacement in _FOLDS:
            key = pattern.sub(replacement, key)
        return key

    # The letters the folds look for, and others around them: any fold added is tried too.
    letters = sorted({ch for needles, *_ in _FOLDS for needle in needles for ch in needle})
    letters += list("aeioubz1")
    draw = random.Random(14)
    for _ in range(20_000):
        key = "".join(draw.choice(letters) for _ in range(draw.randint(1, 10)))
        assert fold(key) == every_substitution(key), key


def test_doubled_digits_are_not_folded():
    assert fold("11") == "11" and fold("0092") == "0092"


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Malik", "Малика"),
        ("Малик", "Malik's"),
        ("Genshtab", "ГЕНШТАБА"),
        ("Ridzhuei", "Риджуэй"),
        ("Риджуэй", "Риджуэя"),
        ("переговоры", "переговоров"),
        ("peregovory", "переговоров"),
        ("negotiation", "negotiations"),
        ("Filippov", "ФИЛИПОВУ"),
        ("ФИЛИПОВ", "Filippov"),
        ("Хрущёв", "Хрущев"),
        ("Zhukov", "Жукова"),
        ("Jukov", "Жуков"),
        ("Mao", "МАО"),
        ("Müller", "Muller"),
        ("Yelezov", "Елезов"),
        ("Yosif", "Иосиф"),
        ("Fyodor", "Фёдор"),
        ("Pyotr", "Пётр"),
        ("Ridzhuey", "Риджуэй"),
        ("Kornyushina", "Корнюшина"),
    ],
)
def test_a_query_word_finds_the_text_word(query, text):
    assert meet(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Malik", "Молотов"),
        ("Stalin", "Сталинград"),
        ("переговоры", "перевороты"),
        ("11", "1"),
        # ы is not и: English words do not find common Russian ones.
        ("bill", "был"),
        ("bit", "быть"),
        ("vi", "вы"),
    ],
)
def test_unrelated_words_do_not_meet(query, text):
    assert not meet(query, text)


def test_index_keys_are_parallel_and_leave_out_stop_words():
    forms, stems = index_keys(["Выступление Малика по радио, the speech of Malik", "Сталину"])
    assert forms.split() == [
        "vystuplenie",
        "malika",
        "radio",
        "spech",
        "malik",
        SEPARATOR,
        "stalinu",
        SEPARATOR,
    ]
    assert len(stems.split()) == len(forms.split())
    assert stems.split()[1] == "malik"


@pytest.mark.parametrize("word", ["Тхэ", "Тхе", "thees", "theeing", "Thé"])
def test_a_word_keyed_as_the_separator_would_be_is_searchable(word):
    # Romanized and folded, Тхэ is "the" (kh → h); stemmed, "thees" is too. Keys are made
    # of a word's letters: the separator, which is not a word, is never one of them.
    assert searchable(word)
    assert not WORD.fullmatch(SEPARATOR)


def test_cjk_and_korean_names_are_kept_as_written():
    assert word_keys("毛泽东") == ("毛泽东", "毛泽东")
    assert meet("김일성", "김일성")


def test_stop_words_are_per_language():
    assert searchable("ли") is None
    assert searchable("Li") == ("li", "li")
    assert searchable("the") is None and searchable("и") is None


def test_signs_alone_are_not_words():
    assert searchable("ъ") is None and searchable("Ь") is None
    assert query_keys("ъ") == ()


def test_underscores_split_words():
    assert [word for word, _start, _end in words("Malik_radio")] == ["Malik", "radio"]


@pytest.mark.parametrize(
    ("prefix", "word"),
    [("Mik", "Михаил"), ("Bat", "Бацанов"), ("Khrush", "Хрущёв"), ("Риджу", "Ridzhuei")],
)
def test_a_prefix_that_stops_inside_a_folded_spelling_still_finds_the_word(prefix, word):
    assert word_keys(word)[0].startswith(prefix_keys(prefix))
