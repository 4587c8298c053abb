"""Reading a record's Contents and cutting its body into the texts they list."""

from functools import cache

import pytest
from django.utils import translation

from archive.importing.sections import Listed, Section, read_contents, split_texts
from archive.importing.source import Line, read_record
from archive.languages import LANGUAGE_NAMES

from .factory import SEED_SOURCE_COPY


@cache
def codes():
    """{english name: code}, as the importer passes archive.languages."""
    with translation.override("en"):
        return {str(name).lower(): code for code, name in LANGUAGE_NAMES.items()}


def body(text, first=30):
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=first)]


def contents(*labels, language_codes=None):
    return read_contents(body("\n".join(labels), first=20), language_codes or codes())


def split(text, labels, original, language_codes=None):
    listed = contents(*labels, language_codes=language_codes)
    return split_texts(body(text), listed, original, language_codes or codes())


def shape(sections):
    return [(section.kind, section.language, section.label) for section in sections]


def texts(sections):
    return ["\n".join(line.text for line in section.lines) for section in sections]


def left_out(lines, sections):
    """The non-blank lines no section holds; fails if one is held twice or out of place."""
    held = [line.number for section in sections for line in section.lines]
    assert held == sorted(set(held)), "a line is held twice, or the texts are out of order"
    for section in sections:
        start = lines.index(section.lines[0])
        assert section.lines == lines[start : start + len(section.lines)], "a text has a gap"
        assert section.lines[0].text.strip() and section.lines[-1].text.strip()
    return [line.text for line in lines if line.text.strip() and line.number not in held]


RUSSIAN = """\
ШИФРТЕЛЕГРАММА № 4321

Товарищу ФИЛИПОВУ [Stalin]

Прошу сообщить Ваше мнение о переговорах в Корее. Американцы предлагают начать переговоры о прекращении военных действий.

Мы считаем, что следует согласиться на переговоры, но не уступать по вопросу о 38-й параллели.

МАО ЦЗЕ-ДУН

№ 3300
2.7"""

ENGLISH = """\
CIPHERED TELEGRAM No. 4321

To Comrade FILIPPOV [Stalin]

I ask you to communicate your opinion on the negotiations in Korea. The Americans propose to begin negotiations on the cessation of military actions.

We consider that it is necessary to agree to negotiations, but not to yield on the question of the 38th parallel.

MAO ZEDONG

No. 3300
2.7"""

CHINESE = """\
中央档案馆

毛泽东关于朝鲜停战谈判问题致斯大林电

（一九五一年六月三十日）

菲利波夫同志：

金日成同志来电询问，如李奇微提出停战谈判，我们应如何回答。请你考虑并将你的意见告诉我们。[1]

毛泽东
六月三十日

注释
[1] 李奇微，时任“联合国军”总司令。"""

CHINESE_IN_ENGLISH = """\
Central Archives

Telegram from Mao Zedong to Stalin on the Question of Armistice Negotiations in Korea

(June 30, 1951)

Comrade Filippov:

Comrade Kim Il Sung has asked by telegram how we should answer if Ridgway proposes armistice negotiations. Please consider this and tell us your opinion.[1]

Mao Zedong
June 30

Notes
[1] Ridgway, then commander of the "United Nations Command" (李奇微)."""

KOREAN_IN_RUSSIAN = """\
Посол СССР в КНДР

Председатель Кабинета Министров КНДР Ким Ир Сен принял меня и сообщил, что правительство республики готово к переговорам о перемирии.

Он просил передать товарищу Сталину, что корейские товарищи будут действовать согласно его советам.

Разуваев"""

KOREAN_IN_ENGLISH = """\
Soviet Ambassador to the DPRK

The Chairman of the Cabinet of Ministers of the DPRK Kim Il Sung received me and reported that the government of the republic is ready for negotiations on an armistice.

He asked me to tell Comrade Stalin that the Korean comrades will act according to his advice.

Razuvaev"""

GERMAN = """\
Botschaft der Deutschen Demokratischen Republik
in der Volksrepublik China

Peking, den 12. Mai 1957

Vermerk über ein Gespräch mit dem Genossen Zhou Enlai

Am 10. Mai empfing Genosse Zhou Enlai den Botschafter zu einem Gespräch. Er erklärte, dass die chinesische Regierung die Vorschläge der Sowjetunion unterstützt und die Lage in Ungarn aufmerksam verfolgt.

Der Botschafter dankte für die Auskunft und übermittelte die Grüße des Genossen Ulbricht.

gez. Wandel"""

GERMAN_IN_ENGLISH = """\
Embassy of the German Democratic Republic
in the People's Republic of China

Beijing, 12 May 1957

Memorandum on a Conversation with Comrade Zhou Enlai

On 10 May Comrade Zhou Enlai received the ambassador for a conversation. He explained that the Chinese government supports the proposals of the Soviet Union and is following the situation in Hungary closely.

The ambassador thanked him for the information and conveyed the greetings of Comrade Ulbricht.

signed Wandel"""

HUNGARIAN = """\
Szigorúan titkos!

Jegyzőkönyv a Magyar Dolgozók Pártja Politikai Bizottságának 1956. október 23-i üléséről

Gerő elvtárs beszámolt arról, hogy a tüntetés egyre nagyobb méreteket ölt, és a rádiónál lövöldözés kezdődött.

A Politikai Bizottság elhatározta, hogy segítséget kér a szovjet csapatoktól, és hogy a rendet minden áron helyre kell állítani.

Budapest, 1956. október 23."""

HUNGARIAN_IN_ENGLISH = """\
Strictly secret!

Minutes of the meeting of the Political Committee of the Hungarian Workers' Party on October 23, 1956

Comrade Gerő reported that the demonstration is growing larger and larger, and that shooting has begun at the radio building.

The Political Committee decided to ask the Soviet troops for help, and that order must be restored at any price.

Budapest, October 23, 1956"""

MONGOLIAN = """\
Бүгд Найрамдах Монгол Ард Улсын Сайд нарын Зөвлөлийн дарга Ю. Цэдэнбал

Эрхэм нөхөр Хрущев!

Монгол Ардын Хувьсгалт Намын Төв Хороо болон Засгийн газар таны захидлыг хүлээн авсан бөгөөд энэ асуудлыг хэлэлцэж байна. Бид хоёр орны хамтын ажиллагааг улам өргөжүүлэх нь чухал гэж үзэж байгаа юм.

Улаанбаатар хот, 1960 оны 5 сарын 12"""

MONGOLIAN_IN_RUSSIAN = """\
Председатель Совета Министров Монгольской Народной Республики Ю. Цеденбал

Уважаемый товарищ Хрущев!

Центральный Комитет Монгольской Народно-революционной партии и Правительство получили Ваше письмо и обсуждают этот вопрос. Мы считаем, что важно и дальше расширять сотрудничество между нашими странами.

г. Улан-Батор, 12 мая 1960 года"""

ENGLISH_WITH_HEADINGS = """\
## MEMORANDUM FOR THE PRESIDENT

SUBJECT: The Situation in Korea

## I. Background

The Chinese have proposed that negotiations on an armistice begin at Kaesong. We believe that the proposal should be accepted.

## II. Recommendations

That the Commander in Chief be instructed to meet the Communist commanders.

Dean Acheson"""


def seed_body():
    """The seed's lines after its Contents, as a source.Line list, and its Contents."""
    data = SEED_SOURCE_COPY.read_bytes()
    record = read_record(data)
    lines = [
        Line(number, text.rstrip(" "))
        for number, text in enumerate(data.decode("utf-8").split("\n"), start=1)
    ]
    return lines[record.sections["Contents"][-1].number :], record


def test_the_seed_is_its_russian_original_then_the_english_translation():
    lines, record = seed_body()
    listed = read_contents(record.sections["Contents"], codes())
    assert [(entry.kind, entry.language) for entry in listed] == [
        ("scan", ""),
        ("translation", "en"),
    ]
    sections, warnings = split_texts(lines, listed, "ru", codes())
    assert warnings == []
    assert shape(sections) == [
        ("transcription", "ru", ""),
        ("translation", "en", "Translation - English"),
    ]
    original, english = sections
    assert english.lines[0].text.startswith("## SECOND MAIN ADMINISTRATION")
    assert original.lines[-1].text == "ИТ МВО"
    assert english.lines[0].number == original.lines[-1].number + 2  # only a blank between
    assert original.lines[0].text == "168"
    assert english.lines[-1].text == "30.6"
    assert left_out(lines, sections) == []


def test_the_seed_splits_the_same_without_language_names():
    lines, record = seed_body()
    listed = read_contents(record.sections["Contents"], codes())
    sections, warnings = split_texts(lines, listed, "ru")
    assert (shape(sections), warnings) == (
        [("transcription", "ru", ""), ("translation", "en", "Translation - English")],
        [],
    )


@pytest.mark.parametrize(
    "labels",
    [
        ("Original Scan", "Translation - English"),
        ("Scan of Original Document", "Chinese Transcription", "English Translation"),
    ],
)
def test_chinese_original_and_english_translation_with_footnotes(labels):
    sections, warnings = split(f"{CHINESE}\n\n{CHINESE_IN_ENGLISH}", labels, "zh")
    assert warnings == []
    assert [section.language for section in sections] == ["zh", "en"]
    assert texts(sections) == [CHINESE, CHINESE_IN_ENGLISH]


@pytest.mark.parametrize("labels", [("Original Scan",), ("Original - English",), ()])
def test_an_english_original_keeps_its_own_headings(labels):
    sections, warnings = split(ENGLISH_WITH_HEADINGS, labels, "en")
    assert warnings == []
    assert [(section.kind, section.language) for section in sections] == [("transcription", "en")]
    assert texts(sections) == [ENGLISH_WITH_HEADINGS]


def test_a_lost_korean_original_leaves_its_two_translations():
    sections, warnings = split(
        f"{KOREAN_IN_RUSSIAN}\n\n{KOREAN_IN_ENGLISH}",
        ("Translation - Russian", "Translation - English"),
        "ko",
    )
    assert warnings == []
    assert shape(sections) == [
        ("translation", "ru", "Translation - Russian"),
        ("translation", "en", "Translation - English"),
    ]
    assert texts(sections) == [KOREAN_IN_RUSSIAN, KOREAN_IN_ENGLISH]


@pytest.mark.parametrize("translation", [ENGLISH, "## " + ENGLISH])
def test_a_translation_alone_is_not_taken_for_the_original(translation):
    sections, warnings = split(
        f"\n{translation}\n\n", ("Original Scan", "Translation - English"), "ru"
    )
    assert warnings == []
    assert shape(sections) == [("translation", "en", "Translation - English")]
    assert texts(sections) == [translation]


def test_german_original_and_english_translation():
    sections, warnings = split(
        f"{GERMAN}\n\n{GERMAN_IN_ENGLISH}",
        ("Original Scan", "Transcript - German", "Translation - English"),
        "de",
    )
    assert warnings == []
    assert shape(sections) == [
        ("transcription", "de", "Transcript - German"),
        ("translation", "en", "Translation - English"),
    ]
    assert texts(sections) == [GERMAN, GERMAN_IN_ENGLISH]


def test_hungarian_original_and_english_translation():
    sections, warnings = split(
        f"{HUNGARIAN}\n\n\n{HUNGARIAN_IN_ENGLISH}", ("Original Scan", "English Translation"), "hu"
    )
    assert warnings == []
    assert shape(sections) == [
        ("transcription", "hu", ""),
        ("translation", "en", "English Translation"),
    ]
    assert texts(sections) == [HUNGARIAN, HUNGARIAN_IN_ENGLISH]


def test_mongolian_original_and_russian_translation_both_in_cyrillic():
    sections, warnings = split(
        f"{MONGOLIAN}\n\n{MONGOLIAN_IN_RUSSIAN}", ("Original Scan", "Translation - Russian"), "mn"
    )
    assert warnings == []
    assert [section.language for section in sections] == ["mn", "ru"]
    assert texts(sections) == [MONGOLIAN, MONGOLIAN_IN_RUSSIAN]


POLISH = """\
Ściśle tajne

Notatka z rozmowy z ambasadorem ZSRR w Warszawie

Ambasador poinformował, że rząd radziecki nie zgadza się na propozycję, a sprawa zostanie omówiona w Moskwie.

Marian Spychalski"""

POLISH_IN_ENGLISH = """\
Top secret

Note from a conversation with the USSR ambassador in Warsaw

The ambassador informed that the Soviet government does not agree to the proposal, and the matter will be discussed in Moscow.

Jan Kowalski"""

ROMANIAN = """\
Strict secret

Stenograma ședinței Biroului Politic al C.C. al P.M.R. din 5 noiembrie 1956

Tovarășul Gheorghiu-Dej a arătat că situația din Ungaria este gravă și că partidul trebuie să ia măsuri.

București"""

BULGARIAN = """\
Строго секретно

Протокол от заседанието на Политбюро на ЦК на БКП

Другарят Живков каза, че това е въпрос, който трябва да се реши бързо, и че партията ще действа.

София"""

JAPANESE = """\
外務省

金日成首相への電報

朝鮮における停戦交渉について、わが政府の見解を次のとおりお知らせします。

昭和二十六年七月一日"""

JAPANESE_IN_ENGLISH = """\
Ministry of Foreign Affairs

Telegram to Premier Kim Il Sung

We inform you of the views of our government on the armistice negotiations in Korea as follows.

July 1, 1951"""


@pytest.mark.parametrize(
    "original, language, translation",
    [
        (POLISH, "pl", POLISH_IN_ENGLISH),
        (ROMANIAN, "ro", ENGLISH),
        (BULGARIAN, "bg", ENGLISH),
        (JAPANESE, "ja", JAPANESE_IN_ENGLISH),
        (ENGLISH, "en", RUSSIAN),
        (CHINESE, "zh", KOREAN_IN_RUSSIAN),
    ],
)
def test_an_unlisted_original_and_its_translation(original, language, translation):
    other = "Translation - Russian" if translation in (RUSSIAN, KOREAN_IN_RUSSIAN) else None
    sections, warnings = split(
        f"{original}\n\n{translation}",
        ("Original Scan", other or "Translation - English"),
        language,
    )
    assert warnings == []
    assert [section.language for section in sections] == [language, "ru" if other else "en"]
    assert texts(sections) == [original, translation]


def test_a_listed_text_missing_from_the_body_is_reported():
    sections, warnings = split(
        f"{RUSSIAN}\n\n{ENGLISH}",
        ("Original Scan", "Translation - English", "Translation - Russian"),
        "ru",
    )
    assert shape(sections) == [
        ("transcription", "ru", ""),
        ("translation", "en", "Translation - English"),
    ]
    assert texts(sections) == [RUSSIAN, ENGLISH]
    assert warnings == [
        "the Contents list “Translation - Russian”, but the file has no text for it"
    ]


def test_a_listed_transcription_missing_from_the_body_is_reported():
    sections, warnings = split(ENGLISH, ("Transcript - Russian", "Translation - English"), "ru")
    assert shape(sections) == [("translation", "en", "Translation - English")]
    assert warnings == ["the Contents list “Transcript - Russian”, but the file has no text for it"]


def test_a_heading_inside_the_original_does_not_cut_it():
    russian = RUSSIAN.replace("Товарищу ФИЛИПОВУ", "## Товарищу ФИЛИПОВУ")
    sections, warnings = split(
        f"{russian}\n\n{ENGLISH}", ("Transcript - Russian", "Translation - English"), "ru"
    )
    assert texts(sections) == [russian, ENGLISH]
    assert warnings == []


def test_a_block_that_does_not_tell_stays_with_the_text_before():
    russian = RUSSIAN + "\n\n1951"
    sections, warnings = split(
        f"{russian}\n\n{ENGLISH}", ("Original Scan", "Translation - English"), "ru"
    )
    assert (texts(sections), warnings) == ([russian, ENGLISH], [])


@pytest.mark.parametrize(
    "label, kind, language, name",
    [
        ("Original Scan", "scan", "", ""),
        ("Scan of Original Document", "scan", "", ""),
        ("Original Document", "scan", "", ""),
        ("Transcript - Russian", "transcription", "ru", "Russian"),
        ("Original - English", "transcription", "en", "English"),
        ("English Transcription", "transcription", "en", "English"),
        ("Chinese Transcription", "transcription", "zh", "Chinese"),
        ("Transcription - Korean", "transcription", "ko", "Korean"),
        ("Russian Original", "transcription", "ru", "Russian"),
        ("Translation - English", "translation", "en", "English"),
        ("English Translation", "translation", "en", "English"),
        ("Translation - Russian", "translation", "ru", "Russian"),
        ("Translation – Romanian", "translation", "ro", "Romanian"),
        ("Translation: Polish", "translation", "pl", "Polish"),
        ("**Translation - German**", "translation", "de", "German"),
        ("[Translation - Bulgarian](https://example.org/x)", "translation", "bg", "Bulgarian"),
        ("Japanese Translation (excerpt)", "translation", "ja", "Japanese"),
        ("Transcript - Klingon", "transcription", "", "Klingon"),
        ("Translation", "translation", "", ""),
        ("Memorandum of conversation", "", "", ""),
        ("Mongolian", "", "mn", "Mongolian"),
    ],
)
def test_contents_wordings(label, kind, language, name):
    (entry,) = contents(label)
    assert entry == Listed(label, kind, language, name, 20)


def test_contents_skip_blank_lines_and_keep_line_numbers():
    lines = [Line(21, "Original Scan  "), Line(22, ""), Line(23, "  Translation - English")]
    assert read_contents(lines, codes()) == [
        Listed("Original Scan", "scan", "", "", 21),
        Listed("Translation - English", "translation", "en", "English", 23),
    ]


def test_lines_naming_the_texts_are_dropped():
    text = (
        f"Transcript - Russian\n\n{RUSSIAN}\n\n**English Translation**\n{ENGLISH}"
        f"\n\n## Translation - Russian\n\n{KOREAN_IN_RUSSIAN}"
    )
    sections, warnings = split(
        text, ("Transcript - Russian", "English Translation", "Translation - Russian"), "ru"
    )
    assert warnings == []
    assert texts(sections) == [RUSSIAN, ENGLISH, KOREAN_IN_RUSSIAN]
    assert left_out(body(text), sections) == [
        "Transcript - Russian",
        "**English Translation**",
        "## Translation - Russian",
    ]


def test_a_line_naming_a_text_is_text_where_no_text_begins():
    english = "Translation\n\nThe translation of the telegram was made in Moscow."
    sections, warnings = split(english, ("Original - English",), "en")
    assert (texts(sections), warnings) == ([english], [])


def test_texts_in_one_language_are_cut_at_a_heading():
    second = "## " + ENGLISH.replace("FILIPPOV", "PHILIPPOV")
    sections, warnings = split(
        f"{ENGLISH}\n\n{second}", ("Translation - English", "Translation - English"), "ko"
    )
    assert warnings == []
    assert texts(sections) == [ENGLISH, second]


def test_texts_in_one_language_without_a_cue_stay_together_with_a_warning():
    sections, warnings = split(
        f"{ENGLISH}\n\n{ENGLISH}",
        ("Translation - English", "Translation - English (second)"),
        "ko",
    )
    assert texts(sections) == [f"{ENGLISH}\n\n{ENGLISH}"]
    assert warnings == [
        "the Contents list “Translation - English (second)”, but the file has no text for it"
    ]


def test_texts_in_one_language_are_cut_in_order_at_the_cues_there_are():
    text = f"{ENGLISH}\n\n## {ENGLISH}\n\n{ENGLISH}"
    sections, warnings = split(text, ("Translation - English",) * 3, "ru")
    assert texts(sections) == [ENGLISH, f"## {ENGLISH}\n\n{ENGLISH}"]
    assert warnings == [
        "the Contents list “Translation - English”, but the file has no text for it"
    ]
    assert left_out(body(text), sections) == []


def test_texts_in_unknown_languages_are_cut_at_lines_naming_them():
    first, second = "Qapla' batlh je.\n\nHeghlu'meH QaQ jajvam.", "Nuq bop?\n\nTlhIngan maH!"
    sections, warnings = split(
        f"Transcript - Klingon\n{first}\n\nTranslation - Klingon\n\n{second}",
        ("Transcript - Klingon", "Translation - Klingon"),
        "",
        language_codes={"klingon": "tlh"},
    )
    assert (warnings, texts(sections)) == ([], [first, second])
    assert [section.language for section in sections] == ["tlh", "tlh"]


def test_an_unlisted_trailing_text_stays_in_the_last_text_with_a_warning():
    sections, warnings = split(f"{RUSSIAN}\n\n{ENGLISH}", ("Original Scan",), "ru")
    assert texts(sections) == [f"{RUSSIAN}\n\n{ENGLISH}"]
    first_english = next(
        line for line in body(f"{RUSSIAN}\n\n{ENGLISH}") if line.text.startswith("CIPHERED")
    )
    assert warnings == [
        f"from line {first_english.number} on the text seems to be in English, but the "
        "Contents list no text for it: it is kept in the original transcription"
    ]


def first_line_of(part, text):
    return next(line.number for line in body(text) if line.text == part.split("\n", 1)[0])


def test_an_unlisted_trailing_text_in_a_language_no_listed_text_has_is_reported():
    # Chinese is not among the languages the Contents name, which alone were compared.
    text = f"{RUSSIAN}\n\n{ENGLISH}\n\n{CHINESE}"
    sections, warnings = split(text, ("Original Scan", "Translation - English"), "ru")
    assert texts(sections) == [RUSSIAN, f"{ENGLISH}\n\n{CHINESE}"]
    assert warnings == [
        f"from line {first_line_of(CHINESE, text)} on the text seems to be in Chinese, but the "
        "Contents list no text for it: it is kept in “Translation - English”"
    ]


@pytest.mark.parametrize("original, language", [(HUNGARIAN, "hu"), (GERMAN, "de")])
def test_an_unlisted_russian_text_after_a_translation_is_reported(original, language):
    text = f"{original}\n\n{ENGLISH}\n\n{RUSSIAN}"
    _sections, warnings = split(text, ("Translation - English",), language)
    assert warnings == [
        f"from line {first_line_of(RUSSIAN, text)} on the text seems to be in Russian, but the "
        "Contents list no text for it: it is kept in “Translation - English”"
    ]


def test_two_unlisted_trailing_texts_are_each_reported():
    text = f"{RUSSIAN}\n\n{ENGLISH}\n\n{CHINESE}"
    sections, warnings = split(text, ("Original Scan",), "ru")
    assert texts(sections) == [text]
    assert warnings == [
        f"from line {first_line_of(part, text)} on the text seems to be in {name}, but the "
        "Contents list no text for it: it is kept in the original transcription"
        for part, name in ((ENGLISH, "English"), (CHINESE, "Chinese"))
    ]


def test_an_empty_body_has_no_texts():
    for text in ("", "\n\n  \n"):
        sections, warnings = split(text, ("Original Scan", "Translation - English"), "ru")
        assert sections == []
        assert warnings == [
            "the Contents list “Translation - English”, but the file has no text for it"
        ]
        assert split(text, ("Original Scan",), "ru") == ([], [])


def test_odd_bodies_do_not_raise():
    for text in ("168\n\n92", "## \n\n##", "Translation - English", "**\n\n[]"):
        for labels in ((), ("Translation - English",), ("Transcript", "Translation", "Scan")):
            for original in ("ru", "", "xx"):
                sections, _warnings = split(text, labels, original)
                assert all(isinstance(section, Section) for section in sections)
                assert set(left_out(body(text), sections)) <= {"Translation - English"}


SHAPES = [
    (f"{RUSSIAN}\n\n## {ENGLISH}", ("Original Scan", "Translation - English"), "ru"),
    (f"\n\n{CHINESE}\n\n\n{CHINESE_IN_ENGLISH}\n\n", ("Translation - English",), "zh"),
    (ENGLISH_WITH_HEADINGS, ("Original Scan",), "en"),
    (f"{KOREAN_IN_RUSSIAN}\n\n{KOREAN_IN_ENGLISH}", ("Translation - Russian",), "ko"),
    (f"{GERMAN}\n\n{GERMAN_IN_ENGLISH}", ("Transcript - German", "Translation - English"), "de"),
    (f"{HUNGARIAN}\n\n{ENGLISH}\n\n{RUSSIAN}", ("Translation - English",), "hu"),
    (f"{RUSSIAN}\n\n{ENGLISH}", ("Translation - English", "Translation - Russian"), "ru"),
    (f"{ENGLISH}\n\n## {ENGLISH}\n\n## {ENGLISH}", ("Translation - English",) * 2, "en"),
    (f"{MONGOLIAN}\n\n{MONGOLIAN_IN_RUSSIAN}\n\n{ENGLISH}", ("Translation - English",), "mn"),
]


@pytest.mark.parametrize("text, labels, original", SHAPES)
def test_every_line_is_kept_once_and_in_order(text, labels, original):
    sections, _warnings = split(text, labels, original)
    assert left_out(body(text), sections) == []
    assert "\n\n".join(texts(sections)).split() == text.split()
