"""Record files in the Wilson Center text format, written by the tests in different shapes.

`record()` gives the text of a file from its parts; each test changes the parts
it is about. The defaults are a short ciphered telegram of the seed's kind.
"""

ORIGINAL = """\
ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ

ШИФРТЕЛЕГРАММА № 4321

СОВЕРШЕННО СЕКРЕТНО

Из ПЕКИНА получена " I5 " ч. " 05 " м. " 2 " 7 195 I г. Экз. № 3

СЕРИЯ "Г"

Товарищу ФИЛИПОВУ

Прошу сообщить Ваше мнение о переговорах в Корее.

МАО ЦЗЕ-ДУН

№ 3300
2.7

расш. Елезов
16.10 2.7"""

TRANSLATION = """\
## SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY

CIPHERED TELEGRAM No. 4321

From BEIJING Received 15:05 2.7.1951

SERIES "G"

To Comrade FILIPPOV [Stalin]

I ask you to communicate your opinion on the negotiations in Korea.

Mao Zedong

No. 3300 2.7"""


def record(
    *,
    record_id=200101,
    date="July 2, 1951",
    title="Ciphered Telegram No. 4321 from Mao Zedong to Filippov [Stalin]",
    references="APRF, f. 45, op. 1, d. 340, l. 5",
    url=None,
    summary="Mao asks Stalin for his opinion on the negotiations.",
    language="Russian",
    contents=("Original Scan", "Translation - English"),
    original=ORIGINAL,
    translations=(TRANSLATION,),
    citation=None,
):
    """The text of a record file; None for a part leaves it out."""
    url = url or f"https://digitalarchive.wilsoncenter.org/document/{record_id}"
    if citation is None:
        citation = f'"{title}", {date}, Wilson Center Digital Archive, {references}.'
    parts = [f"**{date}**  ", f"**{title}**", ""]
    if citation is not False:
        parts += ["**Citation:**", "", citation + "  ", f"<{url}>", ""]
    if summary is not None:
        parts += ["**Summary:**", "", summary, ""]
    if language is not None:
        parts += ["**Original Language:**", "", language, ""]
    if contents is not None:
        parts += ["**Contents:**", "", *(f"{line}  " for line in contents), ""]
    if original:
        parts += [original, ""]
    for translation in translations:
        parts += [translation, ""]
    return "\n".join(parts)
