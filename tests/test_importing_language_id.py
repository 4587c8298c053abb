"""Guessing the language of a block of a record's body."""

import pytest

from archive.importing.language_id import (
    guess_language,
    knows,
    language_scores,
    letter_count,
    script_of,
)

CYRILLIC = ["ru", "bg", "uk", "mn", "sr", "mk", "be", "kk"]
LATIN = ["en", "de", "hu", "pl", "ro", "cs", "sk", "fr", "es", "it", "hr", "nl", "vi", "tr"]
EVERYWHERE = [*CYRILLIC, *LATIN, "zh", "ja", "ko", "el", "ar", "fa", "he", "ka", "hy"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Прошу Вас срочно сообщить Ваше конкретное мнение по данному вопросу.", "ru"),
        ("Това е писмо до министъра, което са изпратили от София, и че ще бъде прието.", "bg"),
        ("Це лист до міністра, який було надіслано з Києва, і ми його отримали.", "uk"),
        ("Монгол Ардын Хувьсгалт Намын Төв Хороо энэ асуудлыг хэлэлцэж байна.", "mn"),
        ("Ово је писмо које су послали из Београда и да се не зна шта ће бити.", "sr"),
        ("I ask you urgently to communicate your concrete opinion on this question.", "en"),
        ("Die Botschaft teilt mit, dass die Delegation am Montag in Berlin eintrifft.", "de"),
        ("A küldöttség hétfőn érkezik, és a miniszter azt mondta, hogy nem lesz tárgyalás.", "hu"),
        ("Delegacja przyjedzie w poniedziałek, a minister powiedział, że nie będzie rozmów.", "pl"),
        ("Delegația va sosi luni și ministrul a spus că nu vor fi negocieri.", "ro"),
        ("Delegace přijede v pondělí a ministr řekl, že nebudou žádná jednání.", "cs"),
        (
            "La délégation arrivera lundi et le ministre a dit qu'il n'y aura pas de négociations.",
            "fr",
        ),
        ("Đoàn đại biểu của Việt Nam đã đến Bắc Kinh và các đồng chí được đón tiếp.", "vi"),
        ("毛泽东同志：关于朝鲜停战谈判问题，请你考虑并告诉我们你的意见。", "zh"),
        ("金日成同志への電報を送ります。会談について意見をお知らせください。", "ja"),
        ("김일성 동지에게 보내는 전보입니다. 정전 담판에 대하여 의견을 알려 주십시오.", "ko"),
        ("Η αντιπροσωπεία θα φτάσει τη Δευτέρα στην Αθήνα.", "el"),
        ("وصل الوفد إلى القاهرة في يوم الاثنين مع الوزير", "ar"),
        ("هیئت روز دوشنبه به تهران رسید و این گزارش را با خود آورد", "fa"),
        ("המשלחת תגיע ביום שני לירושלים", "he"),
        ("დელეგაცია ორშაბათს ჩამოვა თბილისში", "ka"),
        ("Պատվիրակությունը կժամանի երկուշաբթի Երևան", "hy"),
    ],
)
def test_the_language_of_a_sentence_is_guessed_among_many(text, language):
    assert guess_language(text, EVERYWHERE) == language


def test_kana_means_japanese_and_han_alone_chinese():
    assert guess_language("東京で会議", ["zh", "ja"]) == "zh"
    assert guess_language("東京での会議", ["zh", "ja"]) == "ja"
    assert guess_language("ソビエト", ["zh", "ja", "ko"]) == "ja"


def test_the_classical_mongolian_script_is_mongolian():
    assert guess_language("ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ", ["ru", "mn", "zh"]) == "mn"


def test_text_without_letters_scores_nothing():
    for text in ("", "168\n92", "№ 3261\n30.6", "— 1951 —", "[12]"):
        assert language_scores(text, ["ru", "en", "zh", "xx"]) == {
            "ru": 0.0,
            "en": 0.0,
            "zh": 0.0,
            "xx": 0.0,
        }
        assert guess_language(text, ["ru", "en"]) is None
        assert letter_count(text) == 0


def test_no_candidates_no_guess():
    assert guess_language("Товарищу ФИЛИПОВУ", []) is None
    assert language_scores("Товарищу ФИЛИПОВУ", []) == {}


def test_latin_names_and_numerals_in_a_russian_text_do_not_make_it_english():
    for text in (
        "Товарищу ФИЛИПОВУ [Stalin]",
        "Тов. [Stalin]",
        "IV н.",
        'Из ПЕКИНА получена " II " ч. " 30 " м. " 30 " 6 195 I г.',
        "Риджуэй (Ridgway) получит указания",
    ):
        assert guess_language(text, ["en", "ru"]) == "ru", text


def test_a_line_without_accents_is_not_hungarian_or_mongolian():
    assert guess_language("Strictly secret!", ["hu", "en"]) == "en"
    assert guess_language("Top secret", ["pl", "en"]) == "en"
    assert guess_language("Председатель Совета Министров", ["mn", "ru"]) == "ru"


def test_names_with_foreign_letters_in_an_english_text_do_not_make_it_hungarian():
    text = "Rákosi and Gerő told the Soviet ambassador that the Central Committee would meet."
    assert guess_language(text, ["hu", "en"]) == "en"


def test_bracketed_words_count_when_they_are_all_there_is():
    assert guess_language("[Stalin]", ["ru", "en"]) == "en"
    assert letter_count("[Stalin]") == 6
    assert letter_count("Тов. [Stalin] IV") == 3


def test_evidence_grows_with_the_text():
    sentence = "Прошу Вас срочно сообщить Ваше мнение по этому вопросу. "

    def margin(text, right, wrong):
        scores = language_scores(text, [right, wrong])
        return scores[right] - scores[wrong]

    assert 0 < margin("Прошу", "ru", "en") < margin(sentence, "ru", "en")
    assert margin(sentence * 4, "ru", "en") == pytest.approx(4 * margin(sentence, "ru", "en"))
    # Within one script the margin is smaller, but it grows the same way.
    assert 0 < margin(sentence, "ru", "bg") < margin(sentence * 3, "ru", "bg")
    assert margin(sentence, "ru", "bg") < margin(sentence, "ru", "en")


def test_scores_rank_the_candidates_for_one_text():
    scores = language_scores("Die Botschaft der DDR teilt mit, dass die Delegation kommt.", LATIN)
    ranked = sorted(scores, key=scores.get, reverse=True)
    assert ranked[0] == "de"
    assert scores["de"] - max(scores[code] for code in LATIN if code != "de") > 5


def test_an_unknown_language_wins_only_over_plainly_wrong_ones():
    russian = "Прошу Вас срочно сообщить Ваше мнение."
    english = "Please tell us your opinion on this question."
    assert not knows("xx") and not knows("")
    assert knows("ru") and knows("zh") and knows("ja")
    assert guess_language(russian, ["en", "xx"]) == "xx"
    assert guess_language(russian, ["ru", "xx"]) == "ru"
    assert guess_language(english, ["xx", "en"]) == "en"
    scores = language_scores(russian, ["ru", "xx", "en"])
    assert scores["ru"] > scores["xx"] > scores["en"]


def test_ties_go_to_the_first_candidate():
    assert guess_language("Москва", ["ru", "bg"]) == "ru"
    assert guess_language("Москва", ["bg", "ru"]) == "bg"


@pytest.mark.parametrize(
    "letter, script",
    [
        ("a", "Latin"),
        ("ő", "Latin"),
        ("ệ", "Latin"),
        ("ж", "Cyrillic"),
        ("ө", "Cyrillic"),
        ("毛", "Han"),
        ("の", "Kana"),
        ("ソ", "Kana"),
        ("김", "Hangul"),
        ("ᠮ", "Mongolian"),
        ("α", "Greek"),
        ("ა", "Georgian"),
        ("Ա", "Armenian"),
        ("ש", "Hebrew"),
        ("ع", "Arabic"),
        ("ก", None),
    ],
)
def test_scripts_of_letters(letter, script):
    assert script_of(letter) == script
