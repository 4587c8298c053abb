"""The seed fixture against its source: every line of the source is in the database.

The source is a Markdown rendering of the Wilson Center record. Its Markdown is
not data: "**" around the header lines, "## " before a heading, the two trailing
spaces that force a line break, and "<…>" around a link. Everything else is
compared character for character. (The *asterisks* around handwriting are kept
in the stored text on purpose: they mark what was written by hand.)
"""

import datetime
import json
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings

from archive.markup import as_written
from archive.models import Person

from .factory import SEED_SOURCE_COPY, SEED_SOURCE_SHARED

SOURCES = [path for path in (SEED_SOURCE_SHARED, SEED_SOURCE_COPY) if path.exists()]


def source_lines(path):
    """The source's lines with Markdown line-break spaces removed, in order."""
    return [line.rstrip() for line in path.read_text(encoding="utf-8").split("\n")]


def section(lines, first, last=None):
    """Non-empty lines from the line `first` up to, not including, the line `last`."""
    start = lines.index(first)
    end = lines.index(last, start) if last else len(lines)
    return [line for line in lines[start:end] if line]


def header_value(lines, label):
    """The non-empty lines under a "**Label:**" heading, up to the next heading."""
    start = lines.index(f"**{label}:**") + 1
    block = []
    for line in lines[start:]:
        if line.startswith("**") and line.endswith(":**"):
            break
        if line:
            block.append(line)
    return block


def stored_lines(text):
    """The stored passages as the source lays them out: a run-on passage continues a line."""
    lines = []
    for passage in text.passages.order_by("position"):
        # An archivist's corrections ({sic …|…}) are marks on the text, not of the source.
        first, *rest = as_written(passage.content).split("\n")
        if passage.run_in:
            lines[-1] += " " + first
        else:
            lines.append(first)
        lines.extend(rest)
    return lines


@pytest.fixture(params=SOURCES, ids=lambda path: path.parent.name)
def source(request):
    return source_lines(request.param)


def test_every_russian_line_is_stored_character_for_character(seed, source):
    russian = section(
        source,
        "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ *тов. Сталину*",
        "## SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
    )
    original = seed.texts.get(kind="transcription")
    assert original.language == "ru"
    assert stored_lines(original) == russian


def test_every_english_line_is_stored_character_for_character(seed, source):
    english = section(
        source, "## SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"
    )
    english[0] = english[0].removeprefix("## ")  # a Markdown heading marker, kept as kind
    translation = seed.texts.get(kind="translation")
    assert translation.language == "en"
    assert stored_lines(translation) == english
    assert translation.passages.first().kind == "heading"


def test_the_header_of_the_record_is_stored(seed, source):
    title_lines = [line.strip("*") for line in source[3:5]]
    assert seed.title == " ".join(title_lines)
    assert seed.date_as_written == source[2].strip("*")
    assert seed.date == datetime.date(1951, 6, 30)
    assert seed.date_precision == "day"
    assert seed.summary == "\n".join(header_value(source, "Summary"))
    assert header_value(source, "Original Language") == ["Russian"]
    assert seed.original_language == "ru"


def test_the_citation_block_and_source_url_are_stored(seed, source):
    citation, link = header_value(source, "Citation")
    url = link.strip("<>")
    assert seed.recommended_citation == f"{citation}\n{url}"
    assert seed.source_url == url
    assert seed.source_site == "Wilson Center Digital Archive"
    assert seed.record_id == int(url.rsplit("/", 1)[1])


def test_the_references_print_back_as_the_citation_gives_them(seed, source):
    (citation, _link) = header_value(source, "Citation")
    printed = [reference.citation for reference in seed.sources.order_by("position")]
    assert printed == [
        "APRF, f. 45, op. 1, d. 339, l. 92",
        "AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11",
        "RGASPI, f. 558, op. 11, d. 339, ll. 0092",
    ]
    assert "; ".join(printed[:2]) + "; and " + printed[2] + "." in citation


def test_the_contents_and_the_page_stamps_are_stored(seed, source):
    contents = header_value(source, "Contents")
    assert contents[:2] == ["Original Scan", "Translation - English"]
    assert [scan.label for scan in seed.scans.all()] == ["Original Scan"]
    assert seed.texts.filter(kind="translation", language="en").exists()
    assert contents[2:5] == ["168", "IV н.", "92"]
    assert seed.archive_stamps.split("\n") == contents[2:5]


def test_every_string_in_the_fixtures_is_nfc():
    fixtures = Path(settings.FIXTURE_DIRS[0])
    strings = []

    def collect(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for path in fixtures.glob("*.json"):
        collect(json.loads(path.read_text(encoding="utf-8")))
    assert len(strings) > 500
    assert [s for s in strings if not unicodedata.is_normalized("NFC", s)] == []


def test_the_persons_and_their_roles(seed):
    roles = {(role.person.slug, role.role) for role in seed.roles.select_related("person")}
    assert roles == {
        ("mao-zedong", "author"),
        ("joseph-stalin", "recipient"),
        ("kim-il-sung", "relayed_author"),
        ("mao-zedong", "relayed_recipient"),
        ("yakov-malik", "mentioned"),
        ("matthew-ridgway", "mentioned"),
        ("elezov", "decipherer"),
        ("korniushina", "typist"),
        ("makarov", "checker"),
    }
    assert seed.roles.get(role="recipient").name_as_written == "ФИЛИПОВУ"


def test_native_names_and_stalins_codename_in_all_its_forms(seed):
    stalin = Person.objects.get(slug="joseph-stalin")
    codenames = set(stalin.aliases.filter(kind="codename").values_list("name", flat=True))
    assert codenames == {"Filippov", "Филиппов", "ФИЛИПОВУ"}
    names = {p.slug: (p.name_ru, p.name_native) for p in Person.objects.all()}
    assert names["mao-zedong"] == ("Мао Цзе-дун", "毛泽东")
    assert names["kim-il-sung"] == ("Ким Ир Сен", "김일성")
    assert "Сталин" in names["joseph-stalin"][0]
    assert "Риджуэй" in names["matthew-ridgway"][0]
    assert names["elezov"][0] == "Елезов"
    assert names["korniushina"][0] == "Корнюшина"
    assert names["makarov"][0] == "Макаров"


def test_the_particulars_keep_the_apparatus_as_written(seed):
    particulars = [(p.kind, p.value, p.value_en) for p in seed.particulars.all()]
    expected = [
        ("cipher_number", "ШИФРТЕЛЕГРАММА № 21336", "Ciphered telegram No. 21336"),
        ("series", 'СЕРИЯ "Г"\nТ', 'Series "G", T'),
        ("origin", "Из ПЕКИНА", "From Beijing"),
        (
            "received",
            'получена " II " ч. " 30 " м. " 30 " 6 195 I г.',
            "Received 11:30, 30 June 1951",
        ),
        (
            "incoming_number",
            "Вх. № 2204/ис от 30/VI 1951 г.",
            "Incoming No. 2204/is of 30 June 1951",
        ),
        ("outgoing_number", "№ 3261\n30.6", "No. 3261, 30 June"),
        (
            "copies",
            'Экз. № 1\tТов. Сталину\n" № 2\tТов. Сталину',
            "Copies No. 1 and 2 to Comrade Stalin",
        ),
        (
            "copies",
            "отп. 4 экз.\nэкз. № 3-4 - дело",
            "4 copies printed; copies No. 3–4 to the file",
        ),
        ("deciphered", "расш. Елезов\n12.00 30.6", "Deciphered by Elezov, 12:00, 30 June"),
        ("typed", "отп. Корнюшина\n12.15 30.6", "Typed by Korniushina, 12:15, 30 June"),
        ("registration", "№ 1402", "No. 1402"),
        (
            "return_instruction",
            "ПОДЛЕЖИТ ВОЗВРАТУ\nв IV часть ОС ЦК ВКП(б)",
            "To be returned to the IV section of the Special Sector of the CC VKP(b)",
        ),
    ]
    for item in expected:
        assert item in particulars
    issuing = seed.particulars.get(kind="issuing_office")
    assert issuing.value_en == "Second Main Administration of the General Staff of the Soviet Army"
    checked = seed.particulars.get(kind="checked")
    assert (checked.person.slug, checked.value_en) == (
        "makarov",
        "Checked by the head of section, Colonel Makarov (signed)",
    )
    assert seed.particulars.get(kind="deciphered").person.slug == "elezov"


def test_each_particular_is_copied_from_the_original(seed, source):
    # The values are the original's own words: each line of each value is on the page.
    original = "\n".join(source)
    for particular in seed.particulars.all():
        for line in particular.value.split("\n"):
            assert line in original, (particular.kind, line)


def test_classification_collections_places(seed):
    assert {c.name_ru for c in seed.classifications.all()} == {
        "Совершенно секретно",
        "Снятие копий воспрещается",
    }
    assert {c.name for c in seed.collections.all()} >= {
        "Korean War",
        "Korean War Armistice",
        "Sino-Soviet Relations",
    }
    assert {p.name for p in seed.places.all()} >= {"Beijing", "Moscow", "Washington"}
    assert seed.document_type.name == "Ciphered telegram"
    assert seed.status == "published"


def test_aligned_passages_pair_the_right_paragraphs(seed):
    original, translation = seed.texts.order_by("position")
    key = original.passages.get(content__startswith="Выступление Малика").alignment_key
    assert translation.passages.get(alignment_key=key).content.startswith("Malik's speech")
    report = original.passages.get(content__startswith='"У американских')
    counterpart = translation.passages.get(alignment_key=report.alignment_key)
    assert counterpart.content.startswith('"Among American generals')
    assert (counterpart.quote_depth, counterpart.run_in) == (2, True)
    unaligned = original.passages.filter(alignment_key=None)
    assert unaligned.filter(content__startswith="ПОДЛЕЖИТ ВОЗВРАТУ").count() == 2
    assert unaligned.filter(content__startswith="Для заметок").exists()
    # The translation condenses the distribution list into one line, and stands beside it.
    copies = original.passages.get(content__startswith="Экз. № 1")
    assert translation.passages.get(alignment_key=copies.alignment_key).content == (
        "Copies: Stalin (2)"
    )
    quoted = original.passages.filter(quote_depth__gt=0)
    assert quoted.filter(content__startswith='"Тов. Мао Цзе-дун!').exists()
    assert quoted.get(content__startswith='"У американских').quote_depth == 2
