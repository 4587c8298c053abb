"""What the printed Soviet forms say, and how to say it in English.

A ciphered telegram of the General Staff arrives on a printed form: the issuing
office, the telegram's number, the secrecy markings, a distribution list of
copies, the time it was received, the series, and at the foot who deciphered,
typed and checked it. This module holds the words of those forms and turns
their filled-in values into English ("получена " II " ч. " 30 " м." → "Received
11:30"). Add a line to a table below to teach the importer a new office, rank
or stamp; nothing here is specific to one record.
"""

import re
from dataclasses import dataclass

from ..dates import MONTHS
from ..romanization import romanize

ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Office:
    name: str  # as printed at the head of the form, in the nominative
    genitive: str  # as it follows "в отдел" in the return instruction
    english: str
    place: str  # slug of the place where the office sat


OFFICES = [
    Office(
        "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ",
        "ВТОРОГО ГЛАВНОГО УПРАВЛЕНИЯ ГЕНШТАБА СОВЕТСКОЙ АРМИИ",
        "Second Main Administration of the General Staff of the Soviet Army",
        "moscow",
    ),
    Office(
        "ВОСЬМОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА ВООРУЖЕННЫХ СИЛ СССР",
        "ВОСЬМОГО ГЛАВНОГО УПРАВЛЕНИЯ ГЕНШТАБА ВООРУЖЕННЫХ СИЛ СССР",
        "Eighth Main Administration of the General Staff of the Armed Forces of the USSR",
        "moscow",
    ),
]

# Posts and ranks as the checker's block prints them.
POSTS = {
    "НАЧАЛЬНИК ОТДЕЛЕНИЯ": "head of section",
    "НАЧАЛЬНИК ОТДЕЛА": "head of department",
    "НАЧАЛЬНИК УПРАВЛЕНИЯ": "head of administration",
    "ДЕЖУРНЫЙ": "duty officer",
}
RANKS = {
    "ГЕНЕРАЛ-МАЙОР": "Major General",
    "ПОЛКОВНИК": "Colonel",
    "ПОДПОЛКОВНИК": "Lieutenant Colonel",
    "МАЙОР": "Major",
    "КАПИТАН": "Captain",
    "СТАРШИЙ ЛЕЙТЕНАНТ": "Senior Lieutenant",
    "ЛЕЙТЕНАНТ": "Lieutenant",
}

# Printed spaces of the form, by their words (line breaks as spaces).
FORM_FIELDS = {
    "Для заметок и резолюций": "For notes and resolutions",
}

# Secrecy markings in the bloc's other languages, under the English name of the archive's
# term for them (its Russian and English names the archive knows: "Совершенно секретно").
CLASSIFICATIONS = {
    "Ściśle tajne": "Top secret",
    "Tajne": "Secret",
    "Streng geheim": "Top secret",
    "Geheim": "Secret",
    "Přísně tajné": "Top secret",
    "Prísne tajné": "Top secret",
    "Tajné": "Secret",
    "Szigorúan titkos": "Top secret",
    "Titkos": "Secret",
    "Strict secret": "Top secret",
    "Строго секретно": "Top secret",
    "绝密": "Top secret",
    "絕密": "Top secret",
}

# Where a stamp sends the telegram back: pattern → (English, note on the registration).
STAMP_DESTINATIONS = [
    (
        re.compile(r"^в (?P<section>[IVX]+) часть ОС ЦК ВКП\(б\)$"),
        "the {section} section of the Special Sector of the CC VKP(b)",
        "Registration in the Special Sector of the CC VKP(b).",
    ),
]

# Where printed copies went ("экз. № 3-4 - дело").
COPY_DESTINATIONS = {"дело": "the file", "в дело": "the file"}

# Words of address before a name: "Товарищу ФИЛИПОВУ", "Тов. Мао Цзе-дун!", "To Comrade…",
# and the comrades and dears of the bloc's other languages ("Towarzyszu Chruszczow!",
# "Lieber Genosse Ulbricht!", "Kedves Kádár elvtárs!", "Другарю Живков").
# An office or a "to" addresses someone only before a name: "Premier Zhou Enlai:" is an
# address, "Premier Zhou Enlai arrived in Geneva on 3 June." a sentence (a lower-case word
# follows), and "To our regret, …" no address at all.
ADDRESS = re.compile(
    r"^(?:(?:to|chairman|premier|president|general|marshal|ambassador|minister|mr\.|mister)"
    r"(?=\s+(?![^\n]*?(?<!\S)(?-i:[a-zà-ÿа-яё])))|"
    r"товарищу|товарищ|тов\.|уважаемый|уважаемая|уважаемые|дорогой|дорогая|дорогие|"
    r"господину|господин|to comrade|to cde\.|comrade|cde\.|dear|"
    r"towarzyszu|towarzysz|drogi|droga|szanowny|szanowna|soudruhu|soudruh|súdruhu|súdruh|"
    r"vážený|vážená|milý|milá|genosse|genossin|genossen|lieber|liebe|werter|werte|"
    r"sehr geehrter|sehr geehrte|kedves|tisztelt|tovarășe|tovarăşe|tovarăș|tovarăş|stimate|"
    r"dragă|другарю|другар|уважаеми|скъпи|товаришу|товариш|шановний|druže|camarade|cher|"
    r"chère)\s+",
    re.IGNORECASE,
)
# What kind of message an introducing sentence announces: "Телеграмма тов. Ким Ир Сена."
MESSAGE_WORDS = [
    (re.compile(r"телеграмм|telegram", re.IGNORECASE), "telegram"),
    (re.compile(r"письм|letter", re.IGNORECASE), "letter"),
]


def office_at_start(line):
    for office in OFFICES:
        if line.startswith(office.name):
            return office
    return None


def office_in_genitive(text):
    for office in OFFICES:
        if text.strip() == office.genitive:
            return office
    return None


def typewritten_number(text):
    """A number as a typewriter wrote it, or None: "II" is 11 and "195 I" is 1951.

    Typewriters of the time had no key for 1; the capital I stood in for it.
    """
    digits = re.sub(r"\s+", "", text).replace("I", "1").replace("l", "1")
    digits = digits.replace("О", "0").replace("O", "0")
    return int(digits) if digits.isdigit() else None


def roman(text):
    """The value of a Roman numeral of I, V and X ("VI" → 6), or None."""
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for ch, following in zip(text, text[1:] + " ", strict=True):
        value = ROMAN[ch]
        total += -value if following in ROMAN and ROMAN[following] > value else value
    return total


def month_name(number):
    return MONTHS[number - 1] if number and 1 <= number <= 12 else None


def month_number(text):
    """A month as a form writes it, in Arabic or Roman numerals ("6", "VI"), as a number."""
    return int(text) if text.isdigit() else roman(text)


def day_month(day, month, year=None):
    """ "30 June", or "30 June 1951"; None if the month is not a month."""
    name = month_name(month)
    if name is None or not 1 <= day <= 31:
        return None
    return f"{day} {name} {year}" if year else f"{day} {name}"


def latin(text):
    """Cyrillic letters in Latin ones, keeping capitals: "ИТ МВО" → "IT MVO"."""
    out = []
    for ch in text:
        romanized = romanize(ch.lower())
        out.append(
            romanized.capitalize() if ch.isupper() and romanized != ch.lower() else romanized
        )
    result = "".join(out)
    # A word in capitals stays in capitals ("ПЕКИНА" → "PEKINA", not "PEkINA").
    return re.sub(r"\b[A-Z][a-z]*[A-Z][\w]*\b", lambda m: m.group().upper(), result)


def name_in_latin(name):
    """A Russian name as an English text would spell it: "МАКАРОВ" → "Makarov"."""
    return " ".join(
        "-".join(_capitalized_like(romanize(part.lower()), part) for part in word.split("-"))
        for word in name.split()
    )


def _capitalized_like(latin_part, model):
    return latin_part[:1].upper() + latin_part[1:] if model[:1].isupper() else latin_part


def name_in_cyrillic_case(name):
    """A name in capitals written as a name: "МАО ЦЗЕ-ДУН" → "Мао Цзе-дун"."""
    if not name.isupper():
        return name
    return " ".join(word[:1] + word[1:].lower() for word in name.split())


def nominative(name):
    """A surname in the dative, as an address gives it, in the nominative: "ФИЛИПОВУ" →
    "ФИЛИПОВ", "Ивановой" → "Иванова". Other names are returned as they are."""
    for ending, replacement in (("ОВОЙ", "ОВА"), ("ЕВОЙ", "ЕВА"), ("ИНОЙ", "ИНА")):
        if name.upper().endswith(ending):
            return name[: -len(ending)] + _same_case(replacement, name[-len(ending) :])
    if re.search(r"(?:ОВ|ЕВ|ИН|ЫН)У$", name.upper()):
        return name[:-1]
    return name


def _same_case(text, model):
    return text if model.isupper() else text.lower()


def message_kind(sentence):
    for pattern, kind in MESSAGE_WORDS:
        if pattern.search(sentence):
            return kind
    return "message"


def strip_address(text):
    """The name in an address or salutation: '"Тов. Мао Цзе-дун!' → "Мао Цзе-дун"."""
    name = text.strip().lstrip('"«“„').strip()
    while ADDRESS.match(name):  # "Дорогой товарищ Сталин!": both words of address
        name = ADDRESS.sub("", name, count=1)
    name = re.sub(r"\s*\[[^\]]*\]", "", name)  # the translator's "[Stalin]"
    name = name.rstrip("!,.:：！，").strip()
    name = _TITLE_AFTER.sub("", name)  # "Kádár elvtárs": Comrade Kádár
    return _CJK_TITLE.sub("", name)  # "毛主席": Chairman Mao; "김일성 동지": Comrade Kim


# Titles after a name in Chinese and Korean ("毛主席", "周总理", "김일성 동지").
_CJK_TITLE = re.compile(
    r"\s*(?:主席|总理|總理|同志|先生|首相|元帅|将军|동지|위원장|수상|원수|장군|선생)$"
)
# Hungarian puts its comrade after the name ("Kádár elvtárs", "Kádár elvtársnak").
_TITLE_AFTER = re.compile(r"\s+(?:elvtárs|elvtársnak|elvtársnő|elvtársak)$", re.IGNORECASE)


def enumerate_numbers(numbers):
    """ "1 and 2", "1, 2 and 5"."""
    numbers = [str(n) for n in numbers]
    if len(numbers) < 2:
        return "".join(numbers)
    return ", ".join(numbers[:-1]) + " and " + numbers[-1]
