"""Passages: their kind, zone and quotation depth."""

from types import SimpleNamespace

from archive.importing.blocks import (
    Block,
    is_salutation,
    quote_marks,
    read_text,
    signature_name,
)

TERMS = SimpleNamespace(
    type_in=lambda line: line.upper().startswith(("ШИФРТЕЛЕГРАММА", "CIPHERED TELEGRAM")),
    classification=lambda line: line.upper() == "СОВЕРШЕННО СЕКРЕТНО",
    is_person=lambda name: name in {"МАО ЦЗЕ-ДУН", "Макаров"},
)


def read(*contents):
    blocks = [Block(content, line) for line, content in enumerate(contents, start=1)]
    return [(b.zone, b.kind, b.quote_depth, b.run_in, b.content) for b in read_text(blocks, TERMS)]


def test_quotation_marks_open_and_close_but_form_blanks_do_neither():
    assert quote_marks('"Тов. Мао!') == [(0, 1)]
    assert quote_marks('ООН".') == [(3, -1)]
    assert quote_marks('СЕРИЯ "Г"') == [(6, 1), (8, -1)]
    assert quote_marks('получена " II " ч. " 30 " м.') == []
    assert quote_marks("«Правда» пишет") == [(0, 1), (7, -1)]


def test_salutations_and_signatures():
    assert is_salutation("Товарищу ФИЛИПОВУ")
    assert is_salutation('"Тов. Мао Цзе-дун!')
    assert is_salutation("To Comrade FILIPPOV [Stalin]")
    assert not is_salutation("Телеграмма тов. Ким Ир Сена.")
    assert signature_name('Ким Ир Сен. 29.6.51 г."') == "Ким Ир Сен"
    assert signature_name("МАО ЦЗЕ-ДУН") == "МАО ЦЗЕ-ДУН"
    assert signature_name("С уважением,\nКим Ир Сен") == "Ким Ир Сен"
    assert signature_name("Согласен.") is None
    # A signer and the office: the name is the signer's.
    assert signature_name("Kálmán Papp, ambassador") == "Kálmán Papp"
    assert signature_name("A. Gromyko, chargé d'affaires") == "A. Gromyko"
    assert signature_name("Pyongyang, 12 March 1951") is None
    assert is_salutation("Towarzyszu Chruszczow!")
    # In minutes, a speaker's name and what they say: no salutation, no person "Zhou: We…".
    assert not is_salutation("Comrade Zhou Enlai: We are glad to receive the delegation.")
    assert not is_salutation("Dear Comrade Stalin! I ask you to answer.")
    assert is_salutation("Chairman Mao:")
    assert signature_name("Прошу Вас срочно сообщить") is None


def test_a_telegram_in_its_three_zones():
    assert read(
        "ШИФРТЕЛЕГРАММА № 5",
        "СОВЕРШЕННО СЕКРЕТНО",
        "Экз. № 1\tТов. Сталину",
        "Из ПЕКИНА получена",
        "Товарищу ФИЛИПОВУ",
        "Передаю телеграмму.",
        '"Тов. Мао Цзе-дун!',
        "Текст телеграммы, в которой сказано:",
        '"Цитата внутри цитаты".',
        'Пэн Дэ-хуай. 3.7.51 г."',
        "МАО ЦЗЕ-ДУН",
        "№ 3300\n2.7",
        "*Макаров* /Макаров/",
        "ИТ МВО",
    ) == [
        ("header", "heading", 0, False, "ШИФРТЕЛЕГРАММА № 5"),
        ("header", "marking", 0, False, "СОВЕРШЕННО СЕКРЕТНО"),
        ("header", "table", 0, False, "Экз. № 1\tТов. Сталину"),
        ("header", "note", 0, False, "Из ПЕКИНА получена"),
        ("body", "salutation", 0, False, "Товарищу ФИЛИПОВУ"),
        ("body", "paragraph", 0, False, "Передаю телеграмму."),
        ("body", "salutation", 1, False, '"Тов. Мао Цзе-дун!'),
        ("body", "paragraph", 1, False, "Текст телеграммы, в которой сказано:"),
        ("body", "paragraph", 2, False, '"Цитата внутри цитаты".'),
        ("body", "signature", 1, False, 'Пэн Дэ-хуай. 3.7.51 г."'),
        ("body", "signature", 0, False, "МАО ЦЗЕ-ДУН"),
        ("footer", "note", 0, False, "№ 3300\n2.7"),
        ("footer", "signature", 0, False, "*Макаров* /Макаров/"),
        ("footer", "marking", 0, False, "ИТ МВО"),
    ]


def test_a_quotation_running_on_from_mid_paragraph_gets_a_passage_of_its_own():
    rows = read(
        "Dear Comrade!",
        'The report says: "Among generals the hope grows.',
        "From the reports it is known.",
        "How should we answer?",
    )
    assert rows[1:3] == [
        ("body", "paragraph", 0, False, "The report says:"),
        ("body", "paragraph", 1, True, '"Among generals the hope grows.'),
    ]
    assert rows[3][2] == 1  # the quotation never closes: the translator left it open


def test_an_inline_quotation_stays_in_its_paragraph():
    rows = read("Dear Comrade!", 'He said: "no" and left.')
    assert rows[1] == ("body", "paragraph", 0, False, 'He said: "no" and left.')
