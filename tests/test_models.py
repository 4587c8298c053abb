import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from archive.models import Document, DocumentRelation, Passage, Person, Source, Text

from .factory import make_document, make_person, make_repository, make_role, make_text

pytestmark = pytest.mark.django_db

DECOMPOSED = unicodedata.normalize("NFD", "Корнюшина й ё")  # и + breve, е + diaeresis


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_text_is_stored_in_nfc_with_unix_line_ends():
    assert unicodedata.normalize("NFC", DECOMPOSED) != DECOMPOSED
    person = make_person(name=DECOMPOSED)
    text = make_text(make_document(), passages=[DECOMPOSED + "\r\nвторая строка\r"])
    passage = text.passages.get()
    assert raw("archive_person", "name", person.pk) == "Корнюшина й ё"
    assert raw("archive_passage", "content", passage.pk) == "Корнюшина й ё\nвторая строка\n"
    assert person.name == "Корнюшина й ё"  # the instance matches what was stored


def test_passage_form_field_keeps_leading_and_trailing_whitespace():
    field = Passage._meta.get_field("content").formfield()
    assert field.clean("\tЭкз. № 1\t") == "\tЭкз. № 1\t"


@pytest.mark.parametrize(
    ("precision", "approximate", "shown"),
    [
        ("day", False, "30 June 1951"),
        ("month", False, "June 1951"),
        ("year", False, "1951"),
        ("year", True, "c. 1951"),
    ],
)
def test_dates_are_shown_as_precisely_as_known(precision, approximate, shown):
    document = Document(
        date=datetime.date(1951, 6, 30), date_precision=precision, date_approximate=approximate
    )
    assert document.display_date == shown


def test_an_undated_document_shows_no_date():
    assert Document(date=None).display_date == ""


def test_life_dates():
    assert (
        Person(
            birth_date=datetime.date(1878, 12, 18), death_date=datetime.date(1953, 3, 5)
        ).life_dates
        == "1878–1953"
    )
    assert Person(birth_date=datetime.date(1912, 4, 15)).life_dates == "b. 1912"
    assert Person(death_date=datetime.date(1980, 2, 11)).life_dates == "d. 1980"
    assert Person().life_dates == ""


def test_sort_name_defaults_to_the_name():
    assert make_person("Elezov").sort_name == "Elezov"


def test_wikidata_ids_are_checked():
    person = Person(name="Joseph Stalin", slug="joseph-stalin", wikidata_id="855")
    with pytest.raises(ValidationError, match="Q855"):
        person.full_clean()
    person.wikidata_id = "Q855"
    person.full_clean()
    assert person.wikidata_url == "https://www.wikidata.org/wiki/Q855"


def test_texts_are_named_by_language_and_a_second_in_one_language_is_numbered():
    document = make_document()
    russian = make_text(document, "ru", passages=["Первый"])
    english = make_text(document, "en", "translation")
    second_english = make_text(document, "en", "translation", credit="Another translator")
    assert (russian.code, english.code, second_english.code) == ("ru", "en", "en-2")
    assert second_english.passages.count() == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        Text.objects.create(document=document, language="de", kind="translation", code="ru")


def test_one_passage_per_position():
    text = make_text(make_document(), "ru", passages=["Первый"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(text=text, position=1, content="Второй")


def test_a_person_can_hold_several_roles_but_each_once():
    document, person = make_document(), make_person()
    make_role(document, person, "author")
    make_role(document, person, "relayed_recipient")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_role(document, person, "author")


def test_a_document_cannot_relate_to_itself():
    document = make_document()
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentRelation.objects.create(source=document, target=document)


def test_natural_keys():
    person, document = make_person(slug="kim-il-sung"), make_document(record_id=110371)
    assert Person.objects.get_by_natural_key(*person.natural_key()) == person
    assert Document.objects.get_by_natural_key(*document.natural_key()) == document
    repository = make_repository("AVP RF")
    assert repository.natural_key() == ("AVP RF",)


def test_references_print_in_standard_notation():
    reference = Source(
        repository=make_repository("AVP RF"),
        fond="059a",
        opis="5a",
        delo="4",
        papka="11",
        listy="11",
    )
    assert str(reference) == "AVP RF, f. 059a, op. 5a, d. 4, p. 11, l. 11"
    assert reference.levels == "f. 059a, op. 5a, d. 4, p. 11, l. 11"


def test_a_ukrainian_reference_prints_its_own_labels():
    reference = Source(
        repository=make_repository("TsDAHOU"), fond="1", opis="25", delo="97", listy="1-62",
        notation="uk",
    )  # fmt: skip
    assert reference.citation == "TsDAHOU, f. 1, op. 25, spr. 97, ark. 1-62"


def test_a_reference_in_another_system_prints_as_written():
    source = Source(
        kind="archival_other",
        repository=make_repository("MNL OL"),
        as_written="MNL OL XIV-J-1-j Korea 25-005249/1980",
        reference="XIV-J-1-j Korea 25-005249/1980",
    )
    assert source.citation == "MNL OL XIV-J-1-j Korea 25-005249/1980"
    assert source.levels == ""


def test_a_publication_prints_in_standard_form():
    source = Source(
        kind="published", relation="reprinted_in", title="Mao wengao", volume="5", pages="90",
        as_written="Mao wengao, vol. 5, p. 90",
    )  # fmt: skip
    assert source.citation == "Mao wengao, vol. 5, p. 90"


def test_a_russian_reference_needs_its_repository_and_fond():
    with pytest.raises(ValidationError, match="repository and at least a fond"):
        Source(document=make_document(), kind="archival", fond="45").full_clean()
    with pytest.raises(ValidationError, match="as written"):
        Source(document=make_document(), kind="verbatim").full_clean()


def test_passage_anchor_and_label():
    text = make_text(make_document(), "en", "translation", ["x" * 100])
    passage = text.passages.get()
    assert passage.anchor == "en-1"
    assert str(passage) == "x" * 79 + "…"
    assert str(text) == "translation (English)"


def test_invisible_control_characters_are_refused():
    person = Person(name="Bell\x07", slug="bell")
    with pytest.raises(ValidationError, match="invisible control character"):
        person.full_clean()
    field = Passage._meta.get_field("content").formfield()
    assert field.clean("\tTab\nand line\r\n") == "\tTab\nand line\r\n"
