import datetime

import pytest
from django.forms.renderers import DjangoTemplates
from django.test import override_settings

from archive.filters import SORTS, DocumentFilter, WidgetsWritten, facet_counts
from archive.languages import LANGUAGES
from archive.models import Collection, Document, DocumentType

from .factory import (
    make_document,
    make_document_type,
    make_person,
    make_reference,
    make_repository,
    make_role,
    make_text,
)
from .html import page_text

pytestmark = pytest.mark.django_db


def results(**params):
    filterset = DocumentFilter(params, queryset=Document.objects.published())
    assert filterset.is_valid(), filterset.errors
    return sorted(document.title for document in filterset.qs)


def browse(client, **params):
    return client.get("/documents/", params)


# --- Each filter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Ridgway",
        "Риджуэй",
        "Filippov",
        "ФИЛИПОВУ",
        "Mao Tse-tung",
        "21336",
        "Елезов",
        "Kim Il Sung",
    ],
)
def test_text_query_finds_the_seed_by_text_names_and_particulars(seed, query):
    assert results(q=query) == [seed.title]


def test_every_word_of_the_query_must_match(seed):
    assert results(q="Ridgway Malik") == [seed.title]
    assert results(q="Ridgway Eisenhower") == []


def test_date_range(db):
    make_document(title="May", date=datetime.date(1951, 5, 31))
    make_document(title="June", date=datetime.date(1951, 6, 30))
    make_document(title="July", date=datetime.date(1951, 7, 1))
    assert results(date_from="1951-06-01", date_to="1951-06-30") == ["June"]
    assert results(date_from="1951-06-30") == ["July", "June"]
    assert results(date_to="1951-06-29") == ["May"]


def test_a_date_known_to_the_month_or_year_matches_any_day_it_can_mean(db):
    make_document(title="June 1951", date=datetime.date(1951, 6, 1), date_precision="month")
    make_document(title="1951", date=datetime.date(1951, 1, 1), date_precision="year")
    assert results(date_from="1951-06-20", date_to="1951-06-25") == ["1951", "June 1951"]
    assert results(date_from="1951-07-01") == ["1951"]
    assert results(date_from="1952-01-01") == []


def test_person_and_role_narrow_one_role_together(seed):
    assert results(person="joseph-stalin") == [seed.title]
    assert results(person="joseph-stalin", role="recipient") == [seed.title]
    assert results(person="joseph-stalin", role="author") == []
    assert results(role="relayed_author") == [seed.title]
    assert results(role="author", person="kim-il-sung") == []


def test_repository_language_type_and_collection(seed):
    other = make_document(title="Other", original_language="zh", document_type=make_document_type())
    make_reference(other, make_repository("RGANI"))
    assert results(repository="avp-rf") == [seed.title]
    assert results(repository="rgani") == ["Other"]
    assert results(language="zh") == ["Other"]
    assert results(type="ciphered-telegram") == [seed.title]
    assert results(collection="korean-war-armistice") == [seed.title]


# --- Facets --------------------------------------------------------------------------------


def test_facet_counts_reflect_the_other_filters(db):
    telegram, letter = make_document_type("telegram"), make_document_type("letter", "Letter")
    korea = Collection.objects.create(name="Korea", slug="korea")
    for n in range(3):
        document = make_document(document_type=telegram, original_language="ru")
        if n < 2:
            document.collections.add(korea)
    make_document(document_type=letter, original_language="en").collections.add(korea)

    filterset = DocumentFilter({"type": "telegram"}, queryset=Document.objects.published())
    assert filterset.is_valid()
    facets = {facet["name"]: facet["options"] for facet in facet_counts(filterset)}
    # The type facet ignores its own filter, so both types stay choosable.
    assert [(o["value"], o["count"], o["active"]) for o in facets["type"]] == [
        ("telegram", 3, True),
        ("letter", 1, False),
    ]
    # Other facets count only telegrams.
    assert [(o["value"], o["count"]) for o in facets["language"]] == [("ru", 3)]
    assert [(o["value"], o["count"]) for o in facets["collection"]] == [("korea", 2)]


def test_role_facet_counts_for_the_chosen_person(seed):
    filterset = DocumentFilter({"person": "mao-zedong"}, queryset=Document.objects.published())
    assert filterset.is_valid()
    facets = {facet["name"]: facet["options"] for facet in facet_counts(filterset)}
    assert {o["value"] for o in facets["role"]} == {"author", "relayed_recipient"}


def test_facet_options_are_links_that_keep_the_whole_state(client, seed):
    html = browse(client, q="Ridgway", sort="-date").content.decode()
    assert 'href="?q=Ridgway&amp;sort=-date&amp;type=ciphered-telegram"' in html
    active = browse(client, q="Ridgway", type="ciphered-telegram").content.decode()
    # An active option's link removes it again.
    assert 'href="?q=Ridgway" lang="en" aria-current="true"' in active


def test_browse_page_shows_counts_beside_options(client, seed):
    text = page_text(browse(client).content.decode())
    assert "Ciphered telegram 1" in text
    assert "Joseph Stalin 1" in text
    assert "AVP RF 1" in text


# --- Bad input, sorting, pages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"person": "nobody"}, "Select a valid choice"),
        ({"date_from": "30 June"}, "Enter a valid date"),
        ({"date_from": "1951-07-01", "date_to": "1951-06-01"}, "before its start"),
        ({"language": "xx"}, "Select a valid choice"),
        ({"sort": "secret_field"}, "Select a valid choice"),
        ({"role": "emperor"}, "Select a valid choice"),
    ],
)
def test_invalid_values_are_shown_as_form_errors(client, seed, params, message):
    response = browse(client, **params)
    assert response.status_code == 400
    text = page_text(response.content.decode())
    assert message in text
    assert "Please correct the marked filter" in text


def test_sort_by_title_and_by_date_descending(client, db):
    make_document(title="B", date=datetime.date(1950, 1, 1))
    make_document(title="A", date=datetime.date(1952, 1, 1))
    make_document(title="C", date=datetime.date(1951, 1, 1))
    assert results(sort="title") == ["A", "B", "C"]
    filterset = DocumentFilter({"sort": "-date"}, queryset=Document.objects.published())
    assert [d.title for d in filterset.qs] == ["A", "C", "B"]
    default = DocumentFilter({}, queryset=Document.objects.published())
    assert [d.title for d in default.qs] == ["B", "C", "A"]


def test_undated_documents_come_last_and_ties_are_broken(db):
    make_document(title="Undated", date=None)
    for record_id in (7, 3, 5):
        make_document(record_id=record_id, title="Same", date=datetime.date(1951, 6, 30))
    for sort in ("date", "-date"):
        filterset = DocumentFilter({"sort": sort}, queryset=Document.objects.published())
        documents = list(filterset.qs)
        assert documents[-1].title == "Undated"
        assert [d.record_id for d in documents[:3]] == [3, 5, 7]


@override_settings(ARCHIVE_PAGE_SIZE=2)
@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("1", "Page 1 of 3"),
        ("3", "Page 3 of 3"),
        ("99", "Page 3 of 3"),
        ("x", "Page 1 of 3"),
        ("-4", "Page 1 of 3"),
    ],
)
def test_pagination_is_forgiving(client, db, page, shown):
    for _ in range(5):
        make_document()
    response = browse(client, page=page)
    assert response.status_code == 200
    assert shown in page_text(response.content.decode())


def test_the_query_box_keeps_hidden_facets(client, seed):
    html = browse(client, type="ciphered-telegram").content.decode()
    assert '<input type="hidden" name="type" value="ciphered-telegram">' in html


def test_text_in_titles_is_escaped_in_lists(client, db):
    make_document(title="<img src=x onerror=alert(1)>")
    html = browse(client).content.decode()
    assert "<img src=x" not in html


def test_person_in_several_roles_is_counted_once_per_document(db):
    person, document = make_person(), make_document()
    make_role(document, person, "author")
    make_role(document, person, "mentioned")
    make_text(document, passages=["Текст"])
    filterset = DocumentFilter({}, queryset=Document.objects.published())
    assert filterset.is_valid()
    facets = {facet["name"]: facet["options"] for facet in facet_counts(filterset)}
    assert [o["count"] for o in facets["person"]] == [1]
    assert DocumentType.objects.count() == 1


@pytest.mark.parametrize(
    ("query", "name", "value", "expected"),
    [
        ("q=Ridgway&page=3", "type", "letter", "?q=Ridgway&type=letter"),  # page dropped
        ("q=Ridgway&type=letter", "type", "letter", "?q=Ridgway"),  # chosen: taken away
        ("type=memo&q=%D0%A4+x", "type", "letter", "?type=letter&q=%D0%A4+x"),  # in its place
        ("q=a%26b&type=memo&type=letter", "type", "letter", "?q=a%26b"),
    ],
)
def test_each_facet_option_toggles_its_value_in_the_query(query, name, value, expected):
    from django.http import QueryDict

    from archive.filters import _Toggler

    assert _Toggler(QueryDict(query))(name, value) == expected


def test_the_form_class_is_made_once_and_each_form_has_fields_of_its_own(db):
    first = DocumentFilter({"q": "Filippov"}, queryset=Document.objects.all())
    second = DocumentFilter({"q": "Ridgway"}, queryset=Document.objects.all())
    assert type(first.form) is type(second.form)
    first.form.fields["language"].choices = [("ru", "Russian")]
    assert len(second.form.fields["language"].choices) > 2  # untouched: a copy of its own
    assert first.is_valid() and second.is_valid()
    assert (first.form.cleaned_data["q"], second.form.cleaned_data["q"]) == ("Filippov", "Ridgway")


def test_choices_written_in_the_code_are_shared_by_every_copy_and_still_offered_and_checked(db):
    first = DocumentFilter({"language": "ru", "sort": "title"}, queryset=Document.objects.all())
    second = DocumentFilter({"language": "xx"}, queryset=Document.objects.all())
    assert first.is_valid() and not second.is_valid()
    # Not copied for each request, as filters and fields are.
    for name in ("language", "sort", "role", "inferred"):
        assert first.filters[name].extra["choices"] is second.filters[name].extra["choices"]
    assert list(first.form.fields["sort"].choices) == list(SORTS)
    select = str(first.form["sort"])
    assert select.count("<option") == len(SORTS)
    assert '<option value="title" selected>' in select
    assert len(list(first.form.fields["language"].choices)) == len(LANGUAGES) + 1  # and none


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": 'Filippov "f. 45" <b>&', "sort": "title", "date_from": "1951-06-01"},
        {"date_from": "30 June", "date_to": "1951-13-01", "sort": "secret_field"},
        {"language": "ru", "role": "recipient", "inferred": "exclude", "sort": "-date"},
    ],
)
def test_the_form_writes_the_html_django_templates_write(seed, query):
    """The browse form's inputs are written in Python (filters.WidgetsWritten), as Django's
    widget templates write them: every field, valid or not, chosen or not."""
    query = query | {"person": seed.roles.first().person.slug}
    form = DocumentFilter(query, queryset=Document.objects.all()).form
    form.is_valid()
    assert isinstance(form.renderer, WidgetsWritten)
    written = {name: str(form[name]) for name in form.fields}
    form.renderer = DjangoTemplates()
    assert written == {name: str(form[name]) for name in form.fields}
    assert written["q"].startswith("<input") and written["sort"].startswith("<select")
