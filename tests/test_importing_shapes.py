"""Real collections: records of every shape are imported, nothing refused for being unfamiliar.

The records in tests/data/shapes/ are composed after the shapes the Wilson Center's
collections hold: a Chinese original with its English translation and footnotes, an
English original alone, a lost Korean original known from its Russian and English
translations, a Russian original with a translator's credit, a provenance note, an
English translation alone. tests/records.py varies the parts the tests are about.
"""

import pytest

from archive.models import Person

from .factory import DATA
from .records import ORIGINAL, TRANSLATION, record
from .test_importing_record import import_text

pytestmark = pytest.mark.django_db

SHAPES = DATA / "shapes"


def shape(tmp_path, name, **options):
    return import_text(tmp_path, (SHAPES / name).read_bytes(), name, **options)


def passages(text):
    return [passage.content for passage in text.passages.all()]


# --- Texts in any language and combination --------------------------------------------------


def test_a_chinese_original_with_its_translation_and_footnotes(authorities, tmp_path):
    item, document = shape(tmp_path, "chinese-original-with-notes.txt")
    chinese, english = document.texts.all()
    assert (chinese.kind, chinese.language, chinese.label) == (
        "transcription", "zh", "Chinese Transcription",
    )  # fmt: skip
    assert (english.kind, english.language) == ("translation", "en")
    assert document.original_language == "zh"
    # The notes are notes of their texts, not passages; the markers stay where written.
    assert [(n.label, n.marker, n.content) for n in chinese.notes.all()] == [
        ("1", "[1]", "指板门店谈判。")
    ]
    note = english.notes.get()
    assert note.content.startswith("Referring to the Panmunjom negotiations.")
    assert not any(content.startswith("[1]") for content in passages(english))
    assert any("negotiations[1], we" in content for content in passages(english))
    # Passage beside passage: the salutation, both paragraphs and the signature pair up.
    pairs = {p.alignment_key: p.content for p in english.passages.all() if p.alignment_key}
    originals = {p.alignment_key: p.content for p in chinese.passages.all() if p.alignment_key}
    assert originals[next(k for k, c in pairs.items() if c == "Chairman Mao:")] == "毛主席："
    assert originals[next(k for k, c in pairs.items() if c == "Zhou Enlai")] == "周恩来"
    assert originals[next(k for k, c in pairs.items() if c.startswith("We believe"))].startswith(
        "我们认为"
    )
    roles = {(r.role, r.person.name) for r in document.roles.select_related("person")}
    assert {("author", "Zhou Enlai"), ("recipient", "Mao Zedong")} <= roles
    zhou = Person.objects.get(name="Zhou Enlai")
    assert zhou.name_native == "周恩来"  # the signature's name, in its own script
    assert item.new_persons == ["Zhou Enlai"]


def test_an_english_original_alone_is_one_text_with_its_own_headings(authorities, tmp_path):
    item, document = shape(tmp_path, "english-original.txt")
    (text,) = document.texts.all()
    assert (text.kind, text.language, text.label) == ("transcription", "en", "Original - English")
    contents = passages(text)
    assert contents[0] == "Message" and "Proposal" in contents  # Markdown headings, as words
    assert text.passages.get(content="Proposal").kind == "heading"
    assert contents[-1] == "M. B. RIDGWAY"
    roles = {(r.role, r.person.name) for r in document.roles.select_related("person")}
    # The signature's initials and surname find Ridgway; the title names both addressees.
    assert roles >= {
        ("author", "Matthew Ridgway"), ("recipient", "Kim Il Sung"), ("recipient", "Peng Dehuai"),
    }  # fmt: skip
    assert document.roles.get(role="author").name_as_written == "M. B. RIDGWAY"
    assert item.warnings == []


def test_a_lost_korean_original_known_from_two_translations(authorities, tmp_path):
    _item, document = shape(tmp_path, "lost-korean-original.txt")
    assert document.original_language == "ko"
    russian, english = document.texts.all()
    assert [(t.kind, t.language) for t in (russian, english)] == [
        ("translation", "ru"), ("translation", "en"),
    ]  # fmt: skip
    # Aligned with each other: the first translation is the reference.
    by_key = {p.alignment_key: p.content for p in russian.passages.all()}
    assert [(by_key[p.alignment_key], p.content) for p in english.passages.all()] == [
        ("Дорогой товарищ Сталин!", "Dear Comrade Stalin!"),
        (passages(russian)[1], passages(english)[1]),
        ("С приветом", "With greetings"),  # closing formulas pair up
        ("Ким Ир Сен", "Kim Il Sung"),
    ]
    roles = {(r.role, r.person.name) for r in document.roles.select_related("person")}
    assert roles >= {
        ("author", "Kim Il Sung"), ("recipient", "Joseph Stalin"), ("intermediary", "Shtykov"),
    }  # fmt: skip
    assert [s.citation for s in document.sources.all()] == ["APRF, f. 3, op. 65, d. 775, ll. 1-3"]
    assert [(str(c), c.text) for c in document.credits.all()] == [
        ("Obtained by Sergey Radchenko for NKIDP", None),
        ("Translated by Sergey Radchenko for NKIDP", english),
    ]


def test_a_russian_original_with_a_translators_credit(authorities, tmp_path):
    item, document = shape(tmp_path, "russian-with-credit.txt")
    assert item.warnings == []
    assert [s.citation for s in document.sources.all()] == ["RGASPI, f. 558, op. 11, d. 342, l. 92"]
    (credit,) = document.credits.all()
    assert (credit.role, credit.name, credit.text.language) == ("translator", "Mark Kramer", "en")
    assert document.source_site == "History and Public Policy Program Digital Archive"
    roles = {(r.role, r.person.slug, r.name_as_written) for r in document.roles.all()}
    assert ("author", "joseph-stalin", "ФИЛИППОВ") in roles
    assert ("recipient", "mao-zedong", "Мао Цзэ-дуну") in roles


def test_a_provenance_note_is_kept_with_the_reference_inside_it(authorities, tmp_path):
    _item, document = shape(tmp_path, "provenance-note.txt")
    kinds = [(s.kind, s.citation) for s in document.sources.all()]
    assert kinds[0] == (
        "provenance",
        "The document was found in the personal papers of the ambassador and was declassified "
        "in 1996",
    )
    assert ("archival", "RGASPI, f. 17, op. 162, d. 2/46, ll. 2, 2ob.") in kinds
    assert [(c.role, c.organisation) for c in document.credits.all()] == [
        ("funder", "the Leon Levy Foundation")
    ]
    assert document.date_precision == "year"
    participants = {r.person.name for r in document.roles.filter(role="participant")}
    assert participants == {"Mao Zedong", "Aleksandr Panyushkin"}


def test_an_english_translation_alone_takes_its_persons_from_the_title(authorities, tmp_path):
    item, document = shape(tmp_path, "english-only-cable.txt")
    (text,) = document.texts.all()
    assert (text.kind, text.language) == ("translation", "en")
    roles = {(r.role, r.person.slug) for r in document.roles.all()}
    assert {("author", "mao-zedong"), ("recipient", "joseph-stalin")} <= roles
    assert "“Flippov” is read as Joseph Stalin: a misspelling of a name of theirs?" in item.warnings
    (source,) = document.sources.all()
    assert (source.kind, source.title, source.volume, source.pages) == (
        "published", "Mao wengao", "5", "90",
    )  # fmt: skip
    assert str(document.credits.get()) == "Translated by Chen Jian for CWIHP"


def test_every_shape_imports_again_unchanged(authorities, tmp_path):
    for path in sorted(SHAPES.iterdir()):
        shape(tmp_path, path.name)
        again, _document = shape(tmp_path, path.name)
        assert again.outcome == "unchanged", path.name
        assert again.new_persons == []


# --- Nothing refused for being unfamiliar ---------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "warning"),
    [
        ({"references": "APRF, op. 1, d. 339"}, "kept as written, not understood"),
        ({"language": "Klingon"}, "“Klingon” is not a language the archive knows"),
        ({"translations": ()}, "the Contents list “Translation - English”, but the file has no"),
        ({"citation": '"Title", July 2, 1951, Wilson Center Digital Archive.'}, "names no source"),
    ],
)
def test_what_used_to_be_refused_is_imported_with_a_warning(authorities, tmp_path, parts, warning):
    item, document = import_text(tmp_path, record(**parts))
    assert any(warning in text for text in item.warnings), item.warnings
    assert document.texts.exists()


def test_an_unlisted_translation_is_kept_and_reported(authorities, tmp_path):
    item, document = import_text(tmp_path, record(contents=("Original Scan",)))
    text = "\n".join(p.content for t in document.texts.all() for p in t.passages.all())
    assert "I ask you to communicate your opinion" in text  # nothing lost
    assert any("the Contents list no text for it" in warning for warning in item.warnings)


def test_a_record_of_a_scan_only_keeps_its_description(authorities, tmp_path):
    item, document = import_text(
        tmp_path, record(original=None, translations=(), contents=("Original Scan",))
    )
    assert not document.texts.exists()
    assert [scan.label for scan in document.scans.all()] == ["Original Scan"]
    assert "no transcription or translation" in item.warnings[-1]


def test_a_record_without_contents_or_language_still_reads_its_texts(authorities, tmp_path):
    item, document = import_text(tmp_path, record(contents=None, language=None))
    assert document.original_language == "ru"  # as its text reads
    assert [t.language for t in document.texts.all()] == ["ru"]
    assert any("names no original language" in warning for warning in item.warnings)


def test_the_original_language_is_guessed_from_the_original_alone(authorities, tmp_path):
    # A translation without a "## " heading follows at once: read together, Russian and
    # English made Uzbek.
    translation = TRANSLATION.removeprefix("## ")
    item, document = import_text(
        tmp_path, record(contents=None, language=None, translations=(translation,))
    )
    assert document.original_language == "ru"
    assert "the record names no original language: Russian, as its text reads" in item.warnings


def test_titles_and_sources_of_any_length(authorities, tmp_path):
    title = "Memorandum " + "on the situation in the north of Korea and its consequences " * 12
    references = "; ".join(f"RGASPI, f. 17, op. {n}, d. {n}, l. {n}" for n in range(1, 30))
    _item, document = import_text(tmp_path, record(title=title.strip(), references=references))
    assert document.title == title.strip() and len(document.title) > 500
    assert len(document.recommended_citation) > 500
    assert document.sources.count() == 29


def test_year_and_month_dates_and_shared_titles(authorities, tmp_path):
    _item, first = import_text(tmp_path, record(record_id=1, date="1951"), "a.txt")
    _item, second = import_text(tmp_path, record(record_id=2, date="June 1951"), "b.txt")
    assert (first.date_precision, second.date_precision) == ("year", "month")
    assert first.title == second.title and first.slug == second.slug
    assert first.get_absolute_url() != second.get_absolute_url()


def test_a_misspelled_section_label_is_read_with_a_warning(authorities, tmp_path):
    text = record().replace("**Summary:**", "**Sumary:**")
    item, document = import_text(tmp_path, text)
    assert document.summary == "Mao asks Stalin for his opinion on the negotiations."
    assert any("“Sumary” is read as “Summary”" in warning for warning in item.warnings)


def test_an_unknown_section_is_kept_as_a_particular(authorities, tmp_path):
    text = record().replace(
        "**Contents:**", "**Keywords:**\n\nKorean War, armistice\n\n**Contents:**"
    )
    _item, document = import_text(tmp_path, text)
    kept = document.particulars.get(kind="other")
    assert (kept.value, kept.note) == ("Korean War, armistice", "“Keywords” in the source record")


# --- Persons from any text, never duplicated ------------------------------------------------


def test_a_bracketed_variant_in_the_text_becomes_an_alias(authorities, tmp_path):
    translation = TRANSLATION.replace(
        "I ask you", "Chou En-lai [Zhou Enlai] and Mao Zedong [Mao Tsetung] ask you"
    )
    item, _document = import_text(tmp_path, record(translations=(translation,)))
    mao = Person.objects.get(slug="mao-zedong")
    assert "Mao Tsetung" in mao.aliases.values_list("name", flat=True)
    assert "name “Mao Tsetung” of Mao Zedong" in item.new_terms


def test_a_new_person_in_two_scripts_is_made_once(authorities, tmp_path):
    original = ORIGINAL.replace("МАО ЦЗЕ-ДУН", "ЧЖОУ ЭНЬ-ЛАЙ")
    translation = TRANSLATION.replace("Mao Zedong", "Zhou Enlai")
    title = "Ciphered Telegram No. 4321 from Zhou Enlai to Filippov [Stalin]"
    item, document = import_text(
        tmp_path, record(title=title, original=original, translations=(translation,))
    )
    assert item.new_persons == ["Zhou Enlai"]
    zhou = Person.objects.get(name="Zhou Enlai")
    assert zhou.name_ru == "Чжоу Энь-лай"
    assert document.roles.get(role="author").person == zhou
    # A second record finds the person under either name.
    again, _document = import_text(
        tmp_path, record(record_id=200102, title=title, original=original), "second.txt"
    )
    assert again.new_persons == []
    assert Person.objects.filter(name="Zhou Enlai").count() == 1


def test_another_kim_is_not_kim_il_sung(authorities, tmp_path):
    translation = TRANSLATION.replace(
        "I ask you", "Kim Jong Il and Kim Chaek will attend. Comrade Kim Il Sung asks you"
    )
    _item, document = import_text(tmp_path, record(translations=(translation,)))
    kims = [r.name_as_written for r in document.roles.filter(person__slug="kim-il-sung")]
    assert kims == ["Kim Il Sung"]


def test_a_polish_original_reads_its_salutation_and_signature(authorities, tmp_path):
    original = (
        "Towarzyszu Chruszczow!\n\nSytuacja na Węgrzech jest bardzo poważna. Uważamy, że "
        "należy działać ostrożnie i szybko.\n\nZ pozdrowieniami\n\nW. Gomułka"
    )
    translation = (
        "Comrade Khrushchev!\n\nThe situation in Hungary is very serious. We believe one "
        "must act carefully and quickly.\n\nWith greetings\n\nW. Gomulka"
    )
    _item, document = import_text(
        tmp_path,
        record(
            title="Note from Władysław Gomułka to Nikita Khrushchev",
            references="AAN, KC PZPR, sygn. 2661, k. 45-47",
            language="Polish",
            contents=("Transcript - Polish", "Translation - English"),
            original=original,
            translations=(translation,),
        ),
    )
    polish, english = document.texts.all()
    assert (polish.language, english.language) == ("pl", "en")
    roles = {(r.role, r.person.name, r.name_as_written) for r in document.roles.all()}
    assert ("recipient", "Nikita Khrushchev", "Chruszczow") in roles
    assert ("author", "Władysław Gomułka", "W. Gomułka") in roles
    source = document.sources.get()
    assert (source.kind, source.repository.abbreviation) == ("archival_other", "AAN")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Talking Points for the Meeting with Kim Il Sung", "Talking points"),
        ("Minutes of Conversation, Nicolae Ceaușescu and Zhou Enlai", "Minutes"),
        ("Information on the Visit of the Delegation", "Information"),
        ("Japanese Foreign Ministry, 'On the Sino-Soviet Border Clashes'", "Document"),
        ("Hungarian Embassy in Pyongyang, Report", "Document"),
    ],
)
def test_a_new_type_is_taken_only_from_words_that_name_a_kind_of_document(
    authorities, tmp_path, title, kind
):
    body = "The delegation arrived on Monday and was received by the leadership."
    item, document = import_text(
        tmp_path,
        record(
            title=title,
            language="English",
            contents=("Original - English",),
            original=body,
            translations=(),
        ),
    )
    assert document.document_type.name == kind
    if kind == "Document":  # a title that begins with its author: reported, not a new type
        assert not any(w.startswith("new document type") for w in item.warnings)


@pytest.mark.parametrize(
    ("written", "value", "precision", "warning"),
    [
        ("Late June 1950", "1950-06-01", "month", "dated c. June 1950"),
        ("Midsummer 1951", "1951-01-01", "year", "dated c. 1951"),
        ("June 30, 1951 [approximately]", "1951-06-30", "day", "dated c. 30 June 1951"),
        ("Undated", None, "day", "the document is undated"),
    ],
)
def test_a_date_in_an_unfamiliar_notation_is_kept_and_reported(
    authorities, tmp_path, written, value, precision, warning
):
    item, document = import_text(tmp_path, record(date=written))
    assert item.outcome == "created"
    assert document.date_as_written == written  # as the record gives it, shown beside the date
    assert (str(document.date) if document.date else None, document.date_precision) == (
        value,
        precision,
    )
    assert document.date_approximate is (value is not None)
    assert any(w.startswith(f"the date “{written}” is kept as written") for w in item.warnings)
    assert any(warning in w for w in item.warnings)


@pytest.mark.parametrize(
    ("written", "edtf", "first", "last"),
    [
        ("June 25-26, 1950", "1950-06-25/1950-06-26", "1950-06-25", "1950-06-26"),
        ("29 June – 2 July 1951", "1951-06-29/1951-07-02", "1951-06-29", "1951-07-02"),
        ("1950-1953", "1950/1953", "1950-01-01", "1953-12-31"),
        ("Summer 1953", "1953-22", "1953-06-01", "1953-08-31"),
    ],
)
def test_a_written_range_is_read_exactly_as_edtf(authorities, tmp_path, written, edtf, first, last):
    item, document = import_text(tmp_path, record(date=written))
    assert document.date_as_written == written
    assert (document.date_edtf, str(document.date), str(document.date_last)) == (edtf, first, last)
    assert not document.date_approximate
    assert not any("date" in w for w in item.warnings)


def test_a_date_in_the_russian_notation_is_read(authorities, tmp_path):
    item, document = import_text(tmp_path, record(date="30.06.1951"))
    assert (str(document.date), document.date_precision) == ("1951-06-30", "day")
    assert not any("date" in w for w in item.warnings)


def test_a_record_without_a_date_line_is_undated_not_refused(authorities, tmp_path):
    item, document = import_text(tmp_path, record().split("\n", 1)[1])
    assert document.title == "Ciphered Telegram No. 4321 from Mao Zedong to Filippov [Stalin]"
    assert (document.date, document.date_as_written) == (None, "")
    assert "the record gives no date: the document is undated" in item.warnings


def test_a_credits_section_and_sections_after_the_contents(authorities, tmp_path):
    text = record(references="AVP RF, f. 059a, op. 5a, d. 3, p. 11, ll. 65-66. Translated by "
                  "Kathryn Weathersby")  # fmt: skip
    text = text.replace(
        "**Original Language:**",
        "**Credits:**\n\nThis document was made possible with support from the Leon Levy "
        "Foundation.  \nTranslated by Kathryn Weathersby.  \nScanned in 2004.\n\n"
        "**Original Language:**",
    )
    text = text.replace(
        "Translation - English  \n\n",
        "Translation - English  \n\n**Associated Places:**\n\nKorea (North)\n\n"
        "**Associated Topics:**\n\nKorean War\n\n",
    )
    item, document = import_text(tmp_path, text)
    credits = [(c.role, c.name, c.organisation) for c in document.credits.all()]
    # The translator, named twice, is credited once; the funder from the Credits section.
    assert credits == [
        ("translator", "Kathryn Weathersby", ""),
        ("funder", "", "the Leon Levy Foundation"),
    ]
    # A line of the Credits that is no credit is kept, and said.
    kept = {(p.value, p.note) for p in document.particulars.filter(kind="other")}
    assert ("Scanned in 2004.", "“Credits” in the source record") in kept
    assert "in the Credits, not read as a credit and kept: “Scanned in 2004.”" in item.warnings
    # Sections after the Contents are sections, not text.
    assert ("Korea (North)", "“Associated Places” in the source record") in kept
    assert ("Korean War", "“Associated Topics” in the source record") in kept
    for stored in document.texts.all():
        contents = [passage.content for passage in stored.passages.all()]
        assert not any("Associated" in c or c == "Korea (North)" for c in contents)
