"""The text importer on the seed and on records of other shapes."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.exchange import export_document
from archive.importing.batch import import_files
from archive.importing.record import Reading, Terms
from archive.markup import as_written
from archive.models import Document, Person, Repository

from .factory import SEED_SOURCE_COPY
from .records import ORIGINAL, TRANSLATION, record

pytestmark = pytest.mark.django_db

# What a record file does not carry, and an archivist adds: kept by an import, so compared apart.
CURATED = {"collections", "subjects", "published_at", "events", "inferred_datings"}


def import_text(tmp_path, text, name="record.txt", **options):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    summary = import_files([path], **options)
    (item,) = summary.files
    assert item.outcome != "failed", item.error
    return item, Document.objects.get(record_id=item.record_id)


def exported(record_id):
    return export_document(Document.objects.for_exchange().get(record_id=record_id))


# --- The seed -------------------------------------------------------------------------------


def test_importing_the_seed_gives_the_fixture_record_field_for_field(authorities, tmp_path):
    item, _document = import_text(
        tmp_path, SEED_SOURCE_COPY.read_bytes(), "wilson-110371.txt", status="published"
    )
    assert item.outcome == "created"
    assert (item.warnings, item.new_persons, item.new_terms) == ([], [], [])
    imported = exported(110371)

    Document.objects.all().delete()
    call_command("loaddata", "wilson-110371", verbosity=0)
    fixture = exported(110371)
    assert set(imported) == set(fixture)
    # The addressee's misspelling is marked {sic ФИЛИПОВУ|ФИЛИППОВУ} by an archivist: the
    # file has it as written, every character of it.
    for text in fixture["texts"]:
        for passage in text["passages"]:
            passage["content"] = as_written(passage["content"])
    for key in sorted(set(fixture) - CURATED):
        assert imported[key] == fixture[key], key
    assert imported["collections"] == [] and fixture["collections"]  # curation is not in the file
    # What the text says it relays is suggested, for an archivist to confirm: Kim's telegram,
    # which the archive does not hold, so the suggestion names no document yet.
    assert [(r["kind"], r["record_id"], r["status"]) for r in imported["relations"]] == [
        ("forwards", None, "suggested")
    ]
    assert imported["relations"][0]["evidence"].startswith("Телеграмма тов. Ким Ир Сена")


def test_reimporting_the_seed_over_the_fixture_changes_nothing(seed, tmp_path):
    before = exported(110371)
    modified = seed.modified

    def writes(queries):
        return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]

    with CaptureQueriesContext(connection) as queries:
        item, document = import_text(tmp_path, SEED_SOURCE_COPY.read_bytes(), status="published")
    assert item.outcome == "unchanged"
    # Recognised before writing: nothing of the document is written, not even a rolled-back
    # write. The first import keeps what it read, the base of the next (archive.merging).
    assert [sql for sql in writes(queries) if "SAVEPOINT" not in sql] == [
        next(sql for sql in writes(queries) if sql.startswith('INSERT INTO "archive_importbase"'))
    ]
    # The next import of the same file has nothing at all to write.
    with CaptureQueriesContext(connection) as queries:
        item, document = import_text(tmp_path, SEED_SOURCE_COPY.read_bytes(), status="published")
    assert item.outcome == "unchanged"
    assert writes(queries) == []
    assert exported(110371) == before  # collections and subjects an archivist chose are kept
    assert document.modified == modified


def test_reimporting_updates_in_place_and_keeps_curation(seed, tmp_path):
    text = SEED_SOURCE_COPY.read_text(encoding="utf-8")
    text = text.replace("Telegram from Mao to Stalin", "A telegram from Mao to Stalin")
    item, document = import_text(tmp_path, text)
    assert item.outcome == "updated"
    assert item.changed == ["summary"]
    assert Document.objects.count() == 1
    assert document.summary.startswith("A telegram from Mao")
    assert document.status == "published"  # a text import does not unpublish
    assert document.collections.count() == 3


def test_the_seed_into_a_truly_empty_archive_creates_and_reports_persons(db, tmp_path):
    item, document = import_text(tmp_path, SEED_SOURCE_COPY.read_bytes())
    assert item.outcome == "created"
    assert document.status == "draft"  # not published until someone says so
    assert sorted(item.new_persons) == sorted(Person.objects.values_list("name", flat=True))
    names = {role.role: role.person for role in document.roles.select_related("person")}
    assert names["author"].name_ru == "Мао Цзе-дун"
    assert names["recipient"].name_ru == "Филипов"  # the dative of the address, undone
    assert names["relayed_author"].name_ru == "Ким Ир Сен"
    assert names["decipherer"].name == "Elezov"
    assert document.document_type.name == "Ciphered telegram"
    assert "new document type “Ciphered telegram”" in item.warnings
    assert sorted(Repository.objects.values_list("abbreviation", flat=True)) == [
        "APRF",
        "AVP RF",
        "RGASPI",
    ]
    # Imported twice, nobody is created twice.
    again, _document = import_text(tmp_path, SEED_SOURCE_COPY.read_bytes())
    assert again.outcome == "unchanged" and again.new_persons == []
    assert Person.objects.count() == len(item.new_persons)


# --- Other shapes ---------------------------------------------------------------------------


def test_a_short_telegram_is_read_whole(authorities, tmp_path):
    item, document = import_text(tmp_path, record())
    assert item.outcome == "created", item
    assert document.title == "Ciphered Telegram No. 4321 from Mao Zedong to Filippov [Stalin]"
    assert str(document.date) == "1951-07-02"
    particulars = {p.kind: p.value_en for p in document.particulars.all()}
    assert particulars["cipher_number"] == "Ciphered telegram No. 4321"
    assert particulars["received"] == "Received 15:05, 2 July 1951"
    assert particulars["origin"] == "From Beijing"
    assert particulars["outgoing_number"] == "No. 3300, 2 July"
    assert particulars["deciphered"] == "Deciphered by Elezov, 16:10, 2 July"
    roles = {(r.person.slug, r.role) for r in document.roles.select_related("person")}
    assert roles == {
        ("mao-zedong", "author"),
        ("joseph-stalin", "recipient"),
        ("elezov", "decipherer"),
    }
    assert {p.slug for p in document.places.all()} == {"beijing", "korea", "moscow"}
    original, translation = document.texts.all()
    pairs = {p.alignment_key: p.content for p in translation.passages.all() if p.alignment_key}
    for passage in original.passages.exclude(alignment_key=None):
        assert passage.alignment_key in pairs
    body = original.passages.get(content__startswith="Прошу")
    assert pairs[body.alignment_key].startswith("I ask you")


def test_the_spelled_out_reference_notation(authorities, tmp_path):
    text = record(references="APRF, Fond 45, Opis 1, Delo 336, List 5; and RGASPI, F. 558, Op. 11")
    _item, document = import_text(tmp_path, text)
    assert [r.citation for r in document.sources.all()] == [
        "APRF, f. 45, op. 1, d. 336, l. 5",
        "RGASPI, f. 558, op. 11",
    ]


def test_the_russian_reference_notation_finds_the_repository(authorities, tmp_path):
    _item, document = import_text(
        tmp_path, record(references="АПРФ, ф. 45, оп. 1, д. 339, лл. 90-92")
    )
    (reference,) = document.sources.all()
    assert reference.repository.abbreviation == "APRF"
    assert reference.citation == "APRF, f. 45, op. 1, d. 339, ll. 90-92"


RELAYED_ORIGINAL = """\
ШИФРТЕЛЕГРАММА № 5005

Товарищу ФИЛИППОВУ

Передаю Вам телеграмму товарища Пэн Дэ-хуая.

"Тов. Мао Цзе-дун!

Противник ведет наступление на фронте. Прошу указаний.

Пэн Дэ-хуай. 3.7.51 г."

ЧЖОУ ЭНЬ-ЛАЙ"""

RELAYED_TRANSLATION = """\
## CIPHERED TELEGRAM No. 5005

To Comrade FILIPPOV [Stalin]

I pass on to you the telegram of Comrade Peng Dehuai.

"Comrade Mao Zedong!

The enemy is attacking on the front. I ask for instructions.

Peng Dehuai 3.7.51"

Zhou Enlai"""


def test_a_telegram_that_relays_another_persons_message(authorities, tmp_path):
    text = record(
        title="Ciphered Telegram No. 5005 from Zhou Enlai to Filippov [Stalin]",
        original=RELAYED_ORIGINAL,
        translations=(RELAYED_TRANSLATION,),
    )
    item, document = import_text(tmp_path, text)
    roles = {r.role: r for r in document.roles.select_related("person")}
    assert roles["author"].person.name_ru == "Чжоу Энь-лай"
    assert roles["recipient"].person.slug == "joseph-stalin"
    assert roles["relayed_author"].person.name_ru == "Пэн Дэ-хуай"
    assert roles["relayed_author"].note == "Telegram to Mao Zedong of 3 July 1951, quoted whole."
    assert roles["relayed_recipient"].person.slug == "mao-zedong"
    # The title's English name is the new person's name; the signature's, their Russian one.
    assert sorted(item.new_persons) == ["Pen De-khuai", "Zhou Enlai"]
    assert roles["author"].name_as_written == "ЧЖОУ ЭНЬ-ЛАЙ"
    original = document.texts.get(kind="transcription")
    depths = [p.quote_depth for p in original.passages.all()]
    assert depths == [0, 0, 0, 1, 1, 1, 0]
    translation = document.texts.get(kind="translation")
    assert [p.quote_depth for p in translation.passages.all()] == depths
    assert [p.alignment_key for p in translation.passages.all()] == [
        p.alignment_key for p in original.passages.all()
    ]


LETTER = """\
Дорогой товарищ Сталин!

Благодарю Вас за помощь, оказанную нашему народу в трудное время войны.

Ким Ир Сен"""

LETTER_TRANSLATION = """\
## Dear Comrade Stalin!

I thank you for the help given to our people in the difficult time of war.

Kim Il Sung"""


def test_a_letter_with_no_particulars(authorities, tmp_path):
    text = record(
        title="Letter from Kim Il Sung to Stalin",
        date="September 1950",
        original=LETTER,
        translations=(LETTER_TRANSLATION,),
    )
    item, document = import_text(tmp_path, text)
    assert document.document_type.slug == "letter"
    assert (str(document.date), document.date_precision) == ("1950-09-01", "month")
    assert document.particulars.count() == 0
    assert item.warnings == []
    roles = {(r.person.slug, r.role) for r in document.roles.select_related("person")}
    assert roles == {("kim-il-sung", "author"), ("joseph-stalin", "recipient")}
    original, translation = document.texts.all()
    assert [p.kind for p in original.passages.all()] == ["salutation", "paragraph", "signature"]
    assert [p.alignment_key for p in translation.passages.all()] == [1, 2, 3]


CHINESE = """\
## 苏联陆军总参谋部第二总局

第4321号密电

菲利波夫同志：

请告知您对朝鲜谈判的意见。

毛泽东

第3300号 2.7"""


def test_a_record_with_two_translations(authorities, tmp_path):
    text = record(
        contents=("Original Scan", "Translation - English", "Translation - Chinese"),
        translations=(TRANSLATION, CHINESE),
    )
    _item, document = import_text(tmp_path, text, status="published")
    texts = list(document.texts.all())
    assert [(t.code, t.kind) for t in texts] == [
        ("ru", "transcription"),
        ("en", "translation"),
        ("zh", "translation"),
    ]
    chinese = texts[2].passages.all()
    assert chinese[0].content == "苏联陆军总参谋部第二总局"
    number = texts[0].passages.get(content="ШИФРТЕЛЕГРАММА № 4321")
    assert texts[2].passages.get(alignment_key=number.alignment_key).content == "第4321号密电"
    # The page shows all three.
    response = Client().get(document.get_absolute_url() + "?translation=zh")
    assert "第4321号密电" in response.content.decode()


def test_two_english_translations_get_their_own_codes(authorities, tmp_path):
    second = TRANSLATION.replace("I ask you to communicate", "Please tell me")
    text = record(
        contents=("Translation - English", "Translation - English"),
        translations=(TRANSLATION, second),
    )
    _item, document = import_text(tmp_path, text)
    assert [t.code for t in document.texts.all()] == ["ru", "en", "en-2"]


def test_a_record_without_a_translation_is_imported_with_its_original(authorities, tmp_path):
    item, document = import_text(tmp_path, record(contents=("Original Scan",), translations=()))
    assert [t.kind for t in document.texts.all()] == ["transcription"]
    assert item.warnings == []


def test_a_record_without_an_original_is_imported_with_its_translation(authorities, tmp_path):
    item, document = import_text(tmp_path, record(original=None))
    assert [t.kind for t in document.texts.all()] == ["translation"]
    assert item.warnings == []  # a translation alone is a shape collections hold


def test_unrecognised_lines_of_the_form_are_kept_and_reported(authorities, tmp_path):
    original = ORIGINAL.replace('СЕРИЯ "Г"', 'СЕРИЯ "Г"\n\nОтметка о прочтении')
    item, document = import_text(tmp_path, record(original=original))
    assert any("Отметка о прочтении" in warning for warning in item.warnings)
    assert (
        document.texts.get(kind="transcription")
        .passages.filter(content="Отметка о прочтении")
        .exists()
    )


def test_a_record_of_a_new_repository_creates_it_and_says_so(authorities, tmp_path):
    item, document = import_text(tmp_path, record(references="GAKhO, f. 5, op. 918, d. 12"))
    assert document.sources.get().repository.abbreviation == "GAKhO"
    assert "new repository “GAKhO”: add its full name" in item.warnings
    assert "repository “GAKhO”" in item.new_terms


def test_an_archive_the_gazetteer_knows_is_made_with_its_full_name(authorities, tmp_path):
    item, document = import_text(tmp_path, record(references="ЦАМО РФ, ф. 5, оп. 918, д. 12"))
    repository = document.sources.get().repository
    assert (repository.abbreviation, repository.name_en) == (
        "TsAMO",
        "Central Archive of the Ministry of Defence of the Russian Federation",
    )
    assert repository.location == "Podolsk"
    assert "ЦАМО РФ" in repository.names.values_list("name", flat=True)
    assert "repository “TsAMO”" in item.new_terms
    assert not item.warnings


def test_names_in_three_scripts_survive(authorities, tmp_path):
    original = ORIGINAL.replace("Прошу сообщить", "毛泽东 и 김일성 просят сообщить")
    _item, document = import_text(tmp_path, record(original=original))
    passage = document.texts.get(kind="transcription").passages.get(content__contains="просят")
    assert passage.content == "毛泽东 и 김일성 просят сообщить Ваше мнение о переговорах в Корее."
    roles = {r.person.slug for r in document.roles.filter(role="mentioned")}
    assert roles == {"kim-il-sung"}  # Mao is the author already; Kim by his Korean name


def test_two_entries_for_one_person_hold_each_role_once(authorities):
    # A new person whose names find someone the archive holds is that person when the
    # record is imported; two "author" roles of one person would break the import.
    reading = Reading(Terms(), record=None)
    stalin = reading.known(reading.terms.persons.get("joseph-stalin"))
    reading.add_role(stalin, "author", "Stalin")
    new = reading.person("И. Джугашвили")
    reading.add_alias(new, "Иосиф Виссарионович Сталин")
    reading.add_role(new, "author", "И. Джугашвили", "Signed with his own name.")
    reading.add_role(new, "recipient", "И. Джугашвили")
    reading.merge_same_persons()
    assert [(r["person"], r["role"]) for r in reading.roles] == [
        ("joseph-stalin", "author"),
        ("joseph-stalin", "recipient"),
    ]
    assert reading.roles[0]["note"] == "Signed with his own name."
    assert list(reading.persons) == ["joseph-stalin"]
    assert "И. Джугашвили" in [alias["name"] for alias in reading.persons[stalin]["aliases"]]


NO_SALUTATION = """\
Благодарю Вас за помощь, оказанную нашему народу в трудное время войны.

Ким Ир Сен"""

NO_SALUTATION_TRANSLATION = """\
## I thank you for the help given to our people in the difficult time of war.

Kim Il Sung"""


def test_a_recipient_named_only_in_the_title_has_one_full_stop(authorities, tmp_path):
    text = record(
        title="Letter from Kim Il Sung to Stalin",
        original=NO_SALUTATION,
        translations=(NO_SALUTATION_TRANSLATION,),
    )
    _item, document = import_text(tmp_path, text)
    recipient = document.roles.get(role="recipient")
    assert (recipient.person.slug, recipient.note) == ("joseph-stalin", "Named in the title.")


POLISH_LETTER = """\
Drogi Towarzyszu Stalin!

Dziękuję Wam za pomoc udzieloną naszemu narodowi w trudnym czasie wojny.

Bolesław Bierut"""

GERMAN_LETTER = """\
Lieber Genosse Stalin!

Ich danke Ihnen für die Hilfe, die unserem Volk in der schweren Zeit des Krieges gewährt wurde.

Walter Ulbricht"""


@pytest.mark.parametrize(
    "language, marking, letter",
    [
        ("English", "TOP SECRET", LETTER_TRANSLATION.removeprefix("## ")),
        ("Polish", "Ściśle tajne", POLISH_LETTER),
        ("German", "Streng geheim", GERMAN_LETTER),
    ],
)
def test_the_classification_of_an_original_in_any_language(
    authorities, tmp_path, language, marking, letter
):
    text = record(
        title="Letter to Stalin",
        language=language,
        contents=(f"Original - {language}",),
        original=f"{marking}\n\n{letter}",
        translations=(),
    )
    _item, document = import_text(tmp_path, text)
    assert [term.slug for term in document.classifications.all()] == ["top-secret"]


def test_an_office_or_a_sentence_after_words_of_address_is_no_person(authorities, tmp_path):
    original = """\
Mr. President:

Premier Zhou Enlai arrived in Geneva on 3 June.

The delegation is expected to stay until the end of the conference.

John Foster Dulles"""
    text = record(
        title="Memorandum for the President",
        language="English",
        contents=("Original - English",),
        original=original,
        translations=(),
    )
    item, document = import_text(tmp_path, text)
    assert item.new_persons == ["John Foster Dulles"]
    roles = [(r.person.name, r.role) for r in document.roles.select_related("person")]
    assert roles == [("John Foster Dulles", "author")]
    passages = document.texts.get().passages.all()
    assert [p.kind for p in passages] == ["salutation", "paragraph", "paragraph", "signature"]
