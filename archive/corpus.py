"""A synthetic bilingual corpus for benchmarks: documents that look like the archive's, at scale.

Words are drawn with a Zipf-like frequency from Russian and English vocabularies
with their inflected forms, so that some words are in most documents and some
in few; persons come with Russian forms and aliases; every document has an
original of 1–3 KB, a translation of 1–3 KB aligned passage by passage, roles
and archival references. Deterministic for a given seed.
"""

import datetime
import itertools
import random

from django.utils.text import slugify

from .chronology.edtf import apply as apply_edtf
from .models import (
    Alias,
    Collection,
    Document,
    DocumentType,
    Passage,
    Person,
    Repository,
    Role,
    Source,
    Text,
)
from .sources.russian import format_reference

# Russian lemmas with the inflected forms the texts use.
RUSSIAN = {
    "переговоры": ["переговоры", "переговоров", "переговорам", "переговорами", "переговорах"],
    "война": ["война", "войны", "войне", "войну", "войной"],
    "перемирие": ["перемирие", "перемирия", "перемирию", "перемирием"],
    "войска": ["войска", "войск", "войскам", "войсками"],
    "действие": ["действия", "действий", "действиям", "действиями"],
    "прекращение": ["прекращение", "прекращения", "прекращению"],
    "военный": ["военных", "военные", "военного", "военной"],
    "телеграмма": ["телеграмма", "телеграммы", "телеграмму", "телеграммой"],
    "сообщение": ["сообщение", "сообщения", "сообщений", "сообщению"],
    "правительство": ["правительство", "правительства", "правительству"],
    "командование": ["командование", "командования", "командованию"],
    "мнение": ["мнение", "мнения", "мнению"],
    "вопрос": ["вопрос", "вопроса", "вопросу", "вопросе", "вопросов"],
    "предложение": ["предложение", "предложения", "предложению"],
    "генштаб": ["генштаб", "генштаба", "генштабу"],
    "фронт": ["фронт", "фронта", "фронте"],
    "линия": ["линия", "линии", "линию"],
    "пленные": ["пленные", "пленных", "пленным"],
    "делегация": ["делегация", "делегации", "делегацию"],
    "совещание": ["совещание", "совещания", "совещании"],
    "ответ": ["ответ", "ответа", "ответу"],
    "указание": ["указание", "указания", "указаний"],
    "оборона": ["оборона", "обороны", "обороне"],
    "армия": ["армия", "армии", "армию"],
    "народ": ["народ", "народа", "народу"],
    "радио": ["радио"],
    "агентство": ["агентство", "агентства"],
    "генерал": ["генерал", "генерала", "генералов"],
    "товарищ": ["товарищ", "товарища", "товарищу"],
    "срочно": ["срочно"],
    "считаем": ["считаем", "считаю", "считает"],
    "необходимо": ["необходимо"],
    "сообщить": ["сообщить", "сообщите", "сообщаем"],
    "предлагаем": ["предлагаем", "предлагает", "предложить"],
    "американский": ["американских", "американского", "американцы", "американцев"],
    "корейский": ["корейских", "корейского", "корейской"],
    "китайский": ["китайских", "китайского", "китайской"],
    "советский": ["советского", "советской", "советских"],
    "демаркационная": ["демаркационной", "демаркационная"],
    "кэсон": ["Кэсон", "Кэсоне", "Кэсона"],
    "пханмунджом": ["Пханмунджом", "Пханмунджоме"],
    "шифровка": ["шифровка", "шифровки", "шифровку"],
}
RUSSIAN_FILLER = [
    "и",
    "в",
    "на",
    "по",
    "с",
    "о",
    "что",
    "как",
    "для",
    "от",
    "из",
    "к",
    "это",
    "не",
    "мы",
    "он",
]

ENGLISH = {
    "negotiation": ["negotiation", "negotiations", "negotiating", "negotiate"],
    "war": ["war", "wars"],
    "armistice": ["armistice"],
    "troops": ["troops", "troop"],
    "military": ["military"],
    "action": ["action", "actions"],
    "cessation": ["cessation"],
    "telegram": ["telegram", "telegrams"],
    "report": ["report", "reports", "reported"],
    "government": ["government", "governments"],
    "command": ["command", "commander", "commanders"],
    "opinion": ["opinion", "opinions"],
    "question": ["question", "questions"],
    "proposal": ["proposal", "proposals", "propose", "proposed"],
    "general staff": ["General Staff"],
    "front": ["front", "fronts"],
    "line": ["line", "lines"],
    "prisoners": ["prisoners", "prisoner"],
    "delegation": ["delegation", "delegations"],
    "meeting": ["meeting", "meetings"],
    "answer": ["answer", "answers", "answered"],
    "instruction": ["instruction", "instructions"],
    "defense": ["defense"],
    "army": ["army", "armies"],
    "people": ["people"],
    "radio": ["radio"],
    "agency": ["agency"],
    "general": ["general", "generals"],
    "comrade": ["comrade", "comrades"],
    "urgently": ["urgently"],
    "consider": ["consider", "considers", "considered"],
    "necessary": ["necessary"],
    "communicate": ["communicate", "communicated"],
    "american": ["American", "Americans"],
    "korean": ["Korean", "Koreans"],
    "chinese": ["Chinese"],
    "soviet": ["Soviet"],
    "demarcation": ["demarcation"],
    "kaesong": ["Kaesong"],
    "panmunjom": ["Panmunjom"],
    "cipher": ["cipher", "ciphered"],
}
ENGLISH_FILLER = [
    "the",
    "of",
    "and",
    "in",
    "on",
    "to",
    "for",
    "that",
    "with",
    "from",
    "as",
    "this",
    "it",
    "we",
    "he",
]

# Each Russian lemma beside its English translation: a document's topic is the same on both sides.
TRANSLATIONS = {
    "переговоры": "negotiation", "война": "war", "перемирие": "armistice", "войска": "troops",
    "действие": "action", "прекращение": "cessation", "военный": "military",
    "телеграмма": "telegram", "сообщение": "report", "правительство": "government",
    "командование": "command", "мнение": "opinion", "вопрос": "question",
    "предложение": "proposal", "генштаб": "general staff", "фронт": "front", "линия": "line",
    "пленные": "prisoners", "делегация": "delegation", "совещание": "meeting",
    "ответ": "answer", "указание": "instruction", "оборона": "defense", "армия": "army",
    "народ": "people", "радио": "radio", "агентство": "agency", "генерал": "general",
    "товарищ": "comrade", "срочно": "urgently", "считаем": "consider",
    "необходимо": "necessary", "сообщить": "communicate", "предлагаем": "proposal",
    "американский": "american", "корейский": "korean", "китайский": "chinese",
    "советский": "soviet", "демаркационная": "demarcation", "кэсон": "kaesong",
    "пханмунджом": "panmunjom", "шифровка": "cipher",
}  # fmt: skip

# (English name, Russian form, aliases): real figures of the period, then invented staff.
FIGURES = [
    ("Joseph Stalin", "Сталин", [("Filippov", "codename"), ("Филиппов", "codename")]),
    ("Mao Zedong", "Мао Цзе-дун", [("Mao Tse-tung", "romanization")]),
    ("Kim Il Sung", "Ким Ир Сен", [("Kim Il-sung", "spelling")]),
    ("Matthew Ridgway", "Риджуэй", []),
    ("Yakov Malik", "Малик", []),
    ("Andrei Vyshinsky", "Вышинский", [("Vyshinskii", "romanization")]),
    ("Vyacheslav Molotov", "Молотов", []),
    ("Andrei Gromyko", "Громыко", []),
    ("Zhou Enlai", "Чжоу Энь-лай", [("Chou En-lai", "romanization")]),
    ("Peng Dehuai", "Пэн Дэ-хуай", []),
    ("Harry Truman", "Трумэн", []),
    ("Dean Acheson", "Ачесон", []),
    ("Nikolai Bulganin", "Булганин", []),
    ("Lavrentii Beria", "Берия", []),
    ("Georgii Malenkov", "Маленков", []),
]
SURNAMES = [
    "Иванов",
    "Петров",
    "Сидоров",
    "Кузнецов",
    "Смирнов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
]
LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюя", [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "y", "e", "iu", "ia",
], strict=True))  # fmt: skip
REPOSITORIES = [
    ("APRF", "АПРФ", "Archive of the President of the Russian Federation"),
    ("AVP RF", "АВП РФ", "Foreign Policy Archive of the Russian Federation"),
    ("RGASPI", "РГАСПИ", "Russian State Archive of Socio-Political History"),
    ("GARF", "ГАРФ", "State Archive of the Russian Federation"),
    ("RGANI", "РГАНИ", "Russian State Archive of Contemporary History"),
    ("TsAMO", "ЦАМО", "Central Archive of the Ministry of Defence"),
]
TYPES = ["ciphered telegram", "letter", "memorandum", "record of conversation", "report"]
COLLECTIONS = [
    "Korean War",
    "Korean War Armistice",
    "Sino-Soviet Relations",
    "Soviet Foreign Policy",
]


def _zipf_weights(count):
    """Cumulative Zipf weights (random.choices recomputes plain weights on every call)."""
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(count)))


def _rare_words(rnd, count, syllables, endings):
    """Invented words for the long tail of a vocabulary: most appear in few documents."""
    words = set()
    while len(words) < count:
        stem = "".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 4)))
        words.add(stem + rnd.choice(endings))
    words = sorted(words)
    rnd.shuffle(words)  # frequency should not follow the alphabet
    return words


RARE_WORDS = 4000
RU_SYLLABLES = [
    "ка",
    "ро",
    "ми",
    "ту",
    "лен",
    "ск",
    "бо",
    "на",
    "ви",
    "гра",
    "до",
    "зе",
    "ль",
    "пе",
    "ша",
    "чу",
    "ян",
    "фа",
    "ры",
    "хо",
]
RU_ENDINGS = ["", "а", "ов", "ом", "ы", "ий", "ая", "ского"]
EN_SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "tu",
    "len",
    "sk",
    "bo",
    "na",
    "vi",
    "gra",
    "do",
    "ze",
    "pe",
    "sha",
    "chu",
    "yan",
    "fa",
    "ry",
    "ho",
]
EN_ENDINGS = ["", "a", "ov", "ian", "er", "ing", "s"]


PUBLISHED_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


class CorpusWriter:
    """Writes `count` documents with bulk inserts; the search index is built afterwards."""

    def __init__(self, seed=1951):
        self.random = random.Random(seed)
        self.ru_lemmas = list(RUSSIAN)
        self.en_lemmas = [TRANSLATIONS[lemma] for lemma in self.ru_lemmas]
        # A document is about a handful of the lemmas ("topic"), the more common ones more
        # often, so that a common word is in about half the documents and a rare one in 5%.
        self.topic_weights = list(
            itertools.accumulate(rank**-0.5 for rank in range(1, len(self.ru_lemmas) + 1))
        )
        self.ru_rare = _rare_words(self.random, RARE_WORDS, RU_SYLLABLES, RU_ENDINGS)
        self.en_rare = _rare_words(self.random, RARE_WORDS, EN_SYLLABLES, EN_ENDINGS)
        self.rare_weights = _zipf_weights(RARE_WORDS)

    def vocabulary(self):
        """Types, collections, repositories and persons, created once."""
        self.types = [
            DocumentType.objects.get_or_create(
                slug=name.replace(" ", "-"), defaults={"name": name.capitalize()}
            )[0]
            for name in TYPES
        ]
        self.collections = [
            Collection.objects.get_or_create(
                slug=name.lower().replace(" ", "-"), defaults={"name": name}
            )[0]
            for name in COLLECTIONS
        ]
        self.repositories = [
            Repository.objects.get_or_create(
                abbreviation=abbreviation,
                defaults={
                    "abbreviation_ru": ru,
                    "name_en": name,
                    "slug": abbreviation.lower().replace(" ", "-"),
                },
            )[0]
            for abbreviation, ru, name in REPOSITORIES
        ]
        self.persons = []
        for name, russian, aliases in FIGURES:
            person, created = Person.objects.get_or_create(
                slug="corpus-" + slugify(name),
                defaults={"name": name, "name_ru": russian},
            )
            if created:
                Alias.objects.bulk_create(
                    Alias(person=person, name=a, kind=kind) for a, kind in aliases
                )
            self.persons.append((person, russian))
        for surname in SURNAMES:
            latin = "".join(LATIN.get(ch, ch) for ch in surname.lower()).capitalize()
            person, _ = Person.objects.get_or_create(
                slug=f"corpus-{slugify(latin)}", defaults={"name": latin, "name_ru": surname}
            )
            self.persons.append((person, surname))
        self.person_weights = _zipf_weights(len(self.persons))

    def _topic(self):
        chosen = set()
        size = self.random.randint(6, 10)
        while len(chosen) < size:
            lemmas = range(len(self.ru_lemmas))
            chosen.add(self.random.choices(lemmas, cum_weights=self.topic_weights)[0])
        return sorted(chosen)

    def _sentence(self, lemmas, forms, filler, names, rare=()):
        words = []
        for _ in range(self.random.randint(8, 16)):
            roll = self.random.random()
            if roll < 0.3:
                words.append(self.random.choice(filler))
            elif roll < 0.36 and names:
                words.append(self.random.choice(names))
            elif roll < 0.56 and rare:
                words.append(self.random.choices(rare, cum_weights=self.rare_weights)[0])
            else:
                lemma = self.random.choice(lemmas)
                words.append(self.random.choice(forms[lemma]))
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."

    def _passages(self, names_ru, names_en):
        """Aligned pairs of passages, 1–3 KB of text on each side, on one topic."""
        topic = self._topic()
        ru_lemmas = [self.ru_lemmas[index] for index in topic]
        en_lemmas = [self.en_lemmas[index] for index in topic]
        pairs, size = [], self.random.randint(1000, 3000)
        russian_length = english_length = 0
        while russian_length < size or english_length < size:
            count = self.random.randint(2, 4)
            russian = " ".join(
                self._sentence(ru_lemmas, RUSSIAN, RUSSIAN_FILLER, names_ru, self.ru_rare)
                for _ in range(count)
            )
            english = " ".join(
                self._sentence(en_lemmas, ENGLISH, ENGLISH_FILLER, names_en, self.en_rare)
                for _ in range(count)
            )
            pairs.append((russian, english))
            russian_length += len(russian.encode())
            english_length += len(english)
        return pairs

    def write(self, count, first_record_id=1_000_000, batch=500, progress=None):
        self.vocabulary()
        start = datetime.date(1945, 1, 1)
        for offset in range(0, count, batch):
            size = min(batch, count - offset)
            self._write_batch(first_record_id + offset, size, start)
            if progress:
                progress(offset + size, count)

    def _write_batch(self, first_record_id, size, start):
        rnd = self.random
        documents, plans = [], []
        for n in range(size):
            cast = []
            while len(cast) < rnd.randint(2, 5):
                person = rnd.choices(self.persons, cum_weights=self.person_weights)[0]
                if person not in cast:
                    cast.append(person)
            date = start + datetime.timedelta(days=rnd.randint(0, 46 * 365))
            kind = rnd.choice(self.types)
            author, recipient = cast[0][0], cast[1][0]
            documents.append(
                Document(
                    record_id=first_record_id + n,
                    title=f"{kind.name} from {author.name} to {recipient.name}, {date:%d %B %Y}",
                    date=date,
                    document_type=kind,
                    summary=self._sentence(self.en_lemmas[:12], ENGLISH, ENGLISH_FILLER, []),
                    original_language="ru",
                    status=Document.Status.PUBLISHED,
                    published_at=PUBLISHED_AT,  # bulk_create() skips the save() that sets it
                )
            )
            plans.append(cast)
        for document in documents:  # bulk_create() skips save(), which writes the EDTF value
            apply_edtf(document)
        Document.objects.bulk_create(documents)  # sets the new primary keys on both databases

        texts, roles, references, memberships = [], [], [], []
        passages_by_text = []
        for document, cast in zip(documents, plans, strict=True):
            names_ru = [russian for _person, russian in cast]
            names_en = [person.name.split()[-1] for person, _russian in cast]
            pairs = self._passages(names_ru, names_en)
            original = Text(
                document=document, language="ru", kind="transcription", code="ru", position=0
            )
            translation = Text(
                document=document, language="en", kind="translation", code="en", position=1
            )
            texts += [original, translation]
            passages_by_text.append((original, [ru for ru, _en in pairs]))
            passages_by_text.append((translation, [en for _ru, en in pairs]))
            for position, ((person, _russian), role) in enumerate(
                zip(
                    cast,
                    ["author", "recipient", "mentioned", "mentioned", "mentioned"],
                    strict=False,
                ),
                start=1,
            ):
                roles.append(Role(document=document, person=person, role=role, position=position))
            for position in range(1, rnd.randint(1, 3) + 1):
                repository = rnd.choice(self.repositories)
                levels = {
                    "fond": str(rnd.randint(1, 600)),
                    "opis": str(rnd.randint(1, 40)),
                    "delo": str(rnd.randint(1, 2000)),
                    "listy": str(rnd.randint(1, 300)),
                }
                written = format_reference(repository.abbreviation, **levels)
                references.append(
                    Source(
                        document=document,
                        position=position,
                        as_written=written,
                        repository=repository,
                        **levels,
                    )
                )
            memberships += [
                Document.collections.through(document=document, collection=collection)
                for collection in rnd.sample(self.collections, rnd.randint(1, 2))
            ]
        Text.objects.bulk_create(texts)
        Passage.objects.bulk_create(
            Passage(text=text, position=position, alignment_key=position, content=content)
            for text, contents in passages_by_text
            for position, content in enumerate(contents, start=1)
        )
        Role.objects.bulk_create(roles)
        Source.objects.bulk_create(references)
        Document.collections.through.objects.bulk_create(memberships)
