"""Search end to end, on whichever database the suite runs on (SQLite or PostgreSQL)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import search
from archive.models import Alias, Credit, Document, Place, Subject
from archive.search import results as results_module
from archive.search.details import RELATED, details_of, labelled_details
from archive.search.index import indexable

from .factory import (
    make_document,
    make_person,
    make_reference,
    make_repository,
    make_role,
    make_text,
)
from .html import page_text, row_containing

pytestmark = pytest.mark.django_db

DOCUMENT = (
    "/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/"
)


def found(query):
    return [d.record_id for d in Document.objects.published().search(query).by_relevance(query)]


def explanation(document, query):
    return search.explain([document], search.parse(query))[document.pk]


# --- The seed record ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Filippov", "“Filippov” — codename of Joseph Stalin (recipient, as “ФИЛИПОВУ”)"),
        ("Филиппов", "“Филиппов” — codename of Joseph Stalin"),
        ("ФИЛИПОВ", "“ФИЛИПОВУ” — codename of Joseph Stalin"),
        ("Сталин", "“Иосиф Виссарионович Сталин” — Russian name of Joseph Stalin"),
        ("Stalin", "Joseph Stalin (recipient, as “ФИЛИПОВУ”)"),
        ("Mao Tse-tung", "“Mao Tse-tung” — romanization of Mao Zedong"),
        ("Мао Цзе-дун", "“Мао Цзе-дун” — Russian name of Mao Zedong"),
        ("Ким Ир Сен", "“Ким Ир Сен” — Russian name of Kim Il Sung (author of relayed message"),
        ("Kim", "Kim Il Sung (author of relayed message, as “Ким Ир Сен”)"),
        ("Kim Il-sung", "“Kim Il-sung” — spelling variant of Kim Il Sung"),
    ],
)
def test_any_name_of_a_person_finds_their_documents_and_says_why(seed, query, reason):
    assert found(query) == [110371]
    reasons = explanation(seed, query).reasons
    assert any(r.startswith(reason) for r in reasons), reasons


@pytest.mark.parametrize("query", ["Риджуэй", "Ridgway", "Ridzhuei", "Риджуэя", "Риджу*"])
def test_ridgway_in_either_script(seed, query):
    assert found(query) == [110371]


def test_malik_radio_in_english_shows_the_english_first(seed):
    snippets = explanation(seed, "Malik radio").snippets
    assert snippets[0].label == "Translation, English"
    assert "<mark>Malik</mark>&#x27;s speech on the <mark>radio</mark>" in snippets[0].html
    assert snippets[0].anchor == "en-9"


def test_malika_radio_in_russian_shows_the_russian_first(seed):
    snippets = explanation(seed, "Малика радио").snippets
    assert snippets[0].label == "Original transcription, Russian"
    assert "Выступление <mark>Малика</mark> по <mark>радио</mark>" in snippets[0].html


def test_phrases_match_only_as_phrases(seed):
    assert found('"прекращения военных действий"') == [110371]
    assert found('"prekrashcheniia voennykh deistvii"') == [110371]
    assert found('"peregovory s komanduiushchim"') == [110371]  # "с" is left out of the index
    assert found('"cessation of military actions"') == [110371]
    assert found('"прекращения военных переговоров"') == []
    assert found('"military cessation"') == []


def test_stemming_in_both_languages(seed):
    for query in ("переговоры", "переговорами", "negotiation", "negotiating", "генштаб"):
        assert found(query) == [110371], query


def test_script_insensitive(seed):
    for query in ("Malik", "Genshtab", "GENSHTABA", "ВАШИНГТОН", "vashington", "Korea", "Корее"):
        assert found(query) == [110371], query


def test_exclusion_prefix_and_or(seed):
    other = make_document(record_id=2, title="About Eisenhower")
    make_text(other, "en", "translation", ["Eisenhower and Ridgway."])
    assert found("Ridgway -Malik") == [2]
    assert found("Ridgway -Eisenhower") == [110371]
    assert found("-Eisenhower") == [110371]
    assert found("-Malik") == [2]
    assert sorted(found("Eisenhower OR Filippov")) == [2, 110371]
    assert found("Eisenhower Filippov") == []
    assert found("Генш*") == [110371]


def test_references_particulars_and_numbers(seed):
    assert found("21336") == [110371]
    assert found('"f. 059a, op. 5a"') == [110371]
    assert found("2204") == [110371]
    assert found("Елезов") == [110371]
    assert found("Yelezov") == [110371]
    snippets = explanation(seed, '"f. 45, op. 1"').snippets
    assert snippets[0].label == "Archival reference"
    assert "<mark>f. 45, op. 1</mark>" in snippets[0].html


def test_nothing_found_for_what_is_not_there(seed):
    for query in ("Eisenhower", "Молотов", '"Kim Il Sung Malik"', "zzzz*"):
        assert found(query) == [], query


# --- Small records made for the test ------------------------------------------------------


def test_folding_of_case_diacritics_yo_hyphens_and_quotes(db):
    make_text(make_document(record_id=1), passages=["Хрущёв и «Мюллер» — Mao Tse-tung, Café"])
    for query in (
        "хрущев",
        "ХРУЩЁВ",
        "Khrushchev",
        "Hrushchev",
        "Мюллер",
        "Tse tung",
        "tse-tung",
        "cafe",
        "CAFÉ",
        "«Мюллер»",
    ):
        assert found(query) == [1], query


def test_a_draft_is_never_found(db):
    make_text(make_document(record_id=1, status="draft"), passages=["Секретный черновик"])
    make_text(make_document(record_id=2), passages=["Опубликованный документ"])
    assert found("черновик") == []
    # Not even without published(), and not by excluding something else.
    assert Document.objects.search("черновик").count() == 0
    assert list(Document.objects.search("-Eisenhower").values_list("record_id", flat=True)) == [2]


def test_title_and_names_rank_above_a_passing_mention(db):
    mention = make_document(record_id=1, title="A report")
    make_text(mention, "en", "translation", ["A long report that mentions Gromyko once."])
    about = make_document(record_id=2, title="Gromyko to Molotov")
    make_role(about, make_person("Andrei Gromyko", slug="gromyko"))
    assert found("Gromyko") == [2, 1]
    scores = [d.search_score for d in Document.objects.search("Gromyko").by_relevance("Gromyko")]
    assert scores[0] > scores[1]


def test_every_field_is_searched(db):
    document = make_document(record_id=1, title="Title word", summary="Summary word")
    make_role(document, make_person("Some Person", slug="p", name_ru="Некто"))
    make_reference(document, make_repository("RGANI"), fond="5", opis="30")
    document.particulars.create(kind="received", value="получена утром", value_en="in the evening")
    for query in ("title", "summary", "некто", "RGANI", '"f. 5, op. 30"', "утром", "evening"):
        assert found(query) == [1], query


def test_a_result_explained_by_its_title_or_summary_reads_no_other_details(
    db, django_assert_num_queries
):
    by_summary = make_document(record_id=1, title="A letter", summary="About the Kaesong talks")
    make_reference(by_summary, make_repository("RGANI"), fond="5", opis="30")
    by_reference = make_document(record_id=2, title="A note", summary="Kaesong")
    make_reference(by_reference, make_repository("RGANI"), fond="5", opis="30")
    make_text(by_summary, passages=["Nothing of the town"])
    documents = list(Document.objects.filter(pk__in=[by_summary.pk, by_reference.pk]))
    assert sorted(found("Kaesong")) == [1, 2]  # the index is made
    # Roles, particulars and the index's state; no texts (the engine says that none holds
    # the word), no sources, no credits.
    with django_assert_num_queries(3):
        explained = search.explain(documents, search.parse("Kaesong"))
    assert [s.label for s in explained[by_summary.pk].snippets] == ["Summary"]
    # A reference only: the details are read, for that document alone.
    explained = search.explain(documents, search.parse('"f. 5, op. 30"'))
    assert [s.label for s in explained[by_summary.pk].snippets] == ["Archival reference"]
    assert "<mark>f. 5, op. 30</mark>" in explained[by_reference.pk].snippets[0].html


def related_one_by_one(document):
    return {name: list(getattr(document, name).all()) for name in RELATED}


def test_a_place_or_subject_explains_a_result_with_the_other_details_in_four_queries(
    db, django_assert_num_queries
):
    kaesong = Place.objects.create(name="Kaesong", slug="kaesong", name_ru="Кэсон")
    truce = Subject.objects.create(name="Armistice talks", slug="armistice-talks")
    by_place, by_subject = make_document(record_id=1), make_document(record_id=2)
    by_place.places.add(kaesong)
    by_subject.subjects.add(truce)
    make_reference(by_subject, make_repository("RGANI"), fond="5", opis="30")
    documents = list(
        Document.objects.filter(pk__in=[by_place.pk, by_subject.pk]).select_related("document_type")
    )
    assert sorted(found("Кэсон OR armistice")) == [1, 2]
    # Particulars, sources, credits, and the places and subjects together.
    with django_assert_num_queries(4):
        details = details_of(documents)
    # What the index's meta field is made of, read as the index reads it.
    # The index reads the same, and so does each relation read on its own, in its order.
    indexed = indexable([d.pk for d in documents])
    assert details == {item.document.pk: item.details for item in indexed}
    assert details == {d.pk: labelled_details(d, related_one_by_one(d)) for d in documents}
    explained = search.explain(documents, search.parse("Кэсон OR armistice"))
    assert [(s.label, s.html) for s in explained[by_place.pk].snippets] == [
        ("Place", "<mark>Кэсон</mark>")
    ]
    assert [(s.label, s.html) for s in explained[by_subject.pk].snippets] == [
        ("Subject", "<mark>Armistice</mark> talks")
    ]


def test_the_details_a_result_is_explained_by_are_those_the_index_holds(
    seed, db, django_assert_num_queries
):
    make_reference(seed, make_repository("RGANI"), fond="5", opis="30")  # a second source
    for position, name in ((2, "Sergey Radchenko"), (1, "Gary Goldberg")):
        Credit.objects.create(
            document=seed, role=Credit.Role.TRANSLATOR, name=name, position=position
        )
    documents = list(Document.objects.for_list())
    with django_assert_num_queries(4):
        details = details_of(documents)
    # The index reads the same, and so does each relation read on its own, in its order.
    indexed = indexable([d.pk for d in documents])
    assert details == {item.document.pk: item.details for item in indexed}
    assert details == {d.pk: labelled_details(d, related_one_by_one(d)) for d in documents}
    labels = {str(label) for label, _words in details[seed.pk]}
    assert {"Archival reference", "Translated by", "Deciphered by", "Place"} <= labels, labels


def test_a_result_matched_outside_its_texts_and_names_reads_no_passages(db):
    document = make_document(record_id=1, title="A note")
    make_text(document, "ru", "transcription", ["Переговоры в Кэсоне.", "Мао согласен."])
    make_reference(document, make_repository("RGANI"), fond="5", opis="30")
    make_role(document, make_person("Mao Zedong", slug="mao", name_ru="Мао Цзэдун"))
    documents = list(Document.objects.for_list().filter(pk=document.pk))
    assert found('"f. 5, op. 30"') == [1]
    with CaptureQueriesContext(connection) as queries:
        explained = search.explain(documents, search.parse('"f. 5, op. 30"'))
    assert [s.label for s in explained[document.pk].snippets] == ["Archival reference"]
    assert not [q for q in queries.captured_queries if "archive_passage" in q["sql"]]
    # Its words, or the name of a person in it, and the passages are read.
    for query, shown in (
        ("Кэсон", "в <mark>Кэсоне</mark>."),
        ("Mao", "<mark>Мао</mark> согласен."),
    ):
        with CaptureQueriesContext(connection) as queries:
            explained = search.explain(documents, search.parse(query))
        assert [q for q in queries.captured_queries if "archive_passage" in q["sql"]], query
        assert shown in explained[document.pk].snippets[0].html


def test_only_the_texts_holding_the_words_are_read_and_every_text_for_a_person_named(
    db, monkeypatch
):
    document = make_document(record_id=1, title="A note")
    # Made in another order than they stand (position): the page numbers them as the index.
    texts = [
        make_text(document, "en", "translation", [f"Copy {n}, nothing more."], position=int(n))
        for n in "12345"
    ]
    texts.insert(0, make_text(document, "ru", passages=["В Кэсоне.", "Сталин согласен."]))
    person = make_person("Joseph Stalin", slug="stalin", name_ru="Сталин")
    Alias.objects.create(person=person, name="Filippov", kind="codename")
    make_role(document, person, role="recipient")
    documents = list(Document.objects.for_list().filter(pk=document.pk))
    assert found("Кэсон") == found("nothing") == found("Filippov") == [1]  # the index is made
    read, original = [], results_module._texts

    def texts_read(*args):
        texts = original(*args)
        read.append([text.code for text in texts.get(document.pk, [])])
        return texts

    monkeypatch.setattr(results_module, "_texts", texts_read)

    def explained(query):
        return [
            s.html for s in search.explain(documents, search.parse(query))[document.pk].snippets
        ]

    assert explained("Кэсон") == ["В <mark>Кэсоне</mark>."]
    assert read.pop() == [texts[0].code]
    # The texts past the engine's last field for them share it, and are read together.
    assert explained("nothing") == [f"Copy {n}, <mark>nothing</mark> more." for n in "12345"]
    assert read.pop() == [text.code for text in texts[1:]]
    # Another name of the person the query named may stand in any text.
    assert explained("Filippov") == ["<mark>Сталин</mark> согласен."]
    assert read.pop() == [text.code for text in texts]


def test_phrases_do_not_run_from_one_passage_or_name_into_the_next(db):
    document = make_document(record_id=1, title="Маршал")
    make_text(document, passages=["Приказ маршала", "Жукову"])
    make_role(document, make_person("Georgii Zhukov", slug="zhukov", name_ru="Жуков"))
    assert found('"маршала жукову"') == []
    assert found('"Маршал Жуков"') == []
    assert found('"приказ маршала"') == [1]


def test_a_korean_name_as_russian_writes_it_is_found_and_marked(db):
    # Тхэ folds to "the", which the index once wrote between parts: it was never found.
    document = make_document(record_id=1, title="Записка")
    make_text(document, passages=["Пак Тхэ Ген прибыл.", "Ничего."])
    make_text(document, "en", "translation", ["A foo theeing here."])
    documents = list(Document.objects.for_list().filter(pk=document.pk))
    assert found("Тхэ") == found('"Пак Тхэ"') == found('"foo thees"') == [1]
    html = [
        s.html for s in search.explain(documents, search.parse('"Тхэ Ген"'))[document.pk].snippets
    ]
    assert html == ["Пак <mark>Тхэ Ген</mark> прибыл."]
    html = [
        s.html for s in search.explain(documents, search.parse('"foo thees"'))[document.pk].snippets
    ]
    assert html == ["A <mark>foo theeing</mark> here."]


def test_names_are_not_taken_for_common_words(db):
    make_role(make_document(record_id=1), make_person("Li Kenong", slug="li-kenong"))
    assert found("Li") == [1]
    assert found('"Li Kenong"') == [1]


def test_prefixes_across_folded_spellings(db):
    make_role(make_document(record_id=1), make_person("Mikhail", slug="m", name_ru="Михаил"))
    make_text(make_document(record_id=2), passages=["Хрущёв и Бацанов"])
    assert found("Mik*") == [1]
    assert found("Khrush*") == [2]
    assert found("Bat*") == [2]


@pytest.mark.parametrize("query", ["ъ", "Ь", "Коммерсантъ Ъ", "Malik ь", "Malik _", "_"])
def test_words_of_signs_or_underscores_alone(seed, query):
    found(query)  # no error from either database
    assert found(query) in ([], [110371])


def test_an_alias_added_later_finds_the_documents(db):
    person = make_person("Joseph Stalin", slug="stalin")
    make_role(make_document(record_id=1), person, role="recipient")
    assert found("Filippov") == []
    Alias.objects.create(person=person, name="Filippov", kind="codename")
    assert found("Filippov") == [1]


# --- Pages ------------------------------------------------------------------------------------


def test_browse_results_show_reasons_and_snippets_and_link_with_the_query(client, seed):
    html = client.get("/documents/", {"q": "Filippov"}).content.decode()
    text = page_text(html)
    assert "Matched: “Filippov” — codename of Joseph Stalin" in text
    assert (
        'href="/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/?q=Filippov"'
        in html
    )
    assert (
        'href="/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/?q=Filippov#ru-10"'
        in html
    )


def test_search_combines_with_facets_and_counts_reflect_it(client, seed):
    other = make_document(record_id=2, title="A letter about Malik")
    make_text(other, "en", "translation", ["Malik again."])
    text = page_text(client.get("/documents/", {"q": "Malik"}).content.decode())
    assert "2 documents" in text
    assert "Ciphered telegram 1" in text and "Telegram 1" in text
    narrowed = client.get("/documents/", {"q": "Malik", "type": "ciphered-telegram"})
    assert "1 document" in page_text(narrowed.content.decode())
    assert "Ciphered telegram 1" in page_text(
        client.get("/documents/", {"q": "Filippov"}).content.decode()
    )


def test_the_document_opens_with_the_matched_words_highlighted_in_both_panes(client, seed):
    html = client.get(DOCUMENT, {"q": "Malik radio"}).content.decode()
    row = row_containing(html, "Выступление")
    assert row[0].text and row[1].text
    assert "Выступление <mark>Малика</mark> по <mark>радио</mark>" in html
    assert "<mark>Malik</mark>&#x27;s speech on the <mark>radio</mark>" in html
    assert "Words matching “Malik radio” are highlighted." in page_text(html)


def test_a_codename_search_highlights_every_name_of_the_person(client, seed):
    html = client.get(DOCUMENT, {"q": "Filippov"}).content.decode()
    # The misspelling as written, and its correction (shown by the reader's switch).
    assert '<span class="sic" data-reading="written"><mark>ФИЛИПОВУ</mark>' in html
    assert '<span class="corr" data-reading="corrected" hidden=""><mark>ФИЛИППОВУ</mark>' in html
    assert '<span class="editorial supplied">[<mark>Stalin</mark>]<span' in html
    assert '<em class="handwriting">тов. <mark>Сталину</mark></em>' in html


def test_an_empty_or_common_word_query_says_so(client, seed):
    response = client.get("/documents/", {"q": "the of и"})
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert "only very common words" in text
    assert "0 documents" in text


def test_a_misspelt_name_that_finds_nothing_gets_a_suggestion(client, seed):
    assert found("Flippov") == []
    html = client.get("/documents/", {"q": "Flippov radio"}).content.decode()
    assert "Did you mean" in page_text(html)
    assert 'href="?q=Filippov+radio"' in html
    assert "Did you mean" not in page_text(
        client.get("/documents/", {"q": "Filippov"}).content.decode()
    )
    assert "Did you mean" not in page_text(
        client.get("/documents/", {"q": "zzzqqq"}).content.decode()
    )


def test_a_suggestion_is_made_only_if_it_finds_something_within_the_other_filters(client, seed):
    html = client.get("/documents/", {"q": "Flippov", "language": "ru"}).content.decode()
    assert "Did you mean" in page_text(html)
    response = client.get("/documents/", {"q": "Flippov", "language": "zh"})
    assert response.status_code == 200  # a valid filter, under which Filippov finds nothing
    assert "Did you mean" not in page_text(response.content.decode())


def test_a_snippet_of_a_long_passage_marks_the_match_far_into_it(db):
    document = make_document(record_id=1, title="A long report")
    filler = "Обстановка на фронте без существенных изменений. " * 60
    passage = f"{filler}Переговоры в Кэсоне начнутся десятого июля. {filler}"
    make_text(document, "ru", "transcription", [passage])
    assert found("Кэсон") == [1]
    html = explanation(document, "Кэсон").snippets[0].html
    assert html.startswith("… ") and html.endswith(" …")
    assert "Переговоры в <mark>Кэсоне</mark> начнутся десятого июля." in html
    assert html.count("<mark>") == 1


@pytest.mark.parametrize(
    "query",
    [
        "переговоры",
        "negot* Кэсон",
        '"прекращения военных действий"',
        "Malik radio",
        "говоры",
        '"прекращения военных" военных',  # a phrase and a word of it
        '"прекращения военных" "военных действий"',  # phrases that overlap
    ],
)
def test_the_matches_of_a_part_of_a_text_are_those_of_the_whole_within_it(query):
    """A snippet reads only the words it shows (Matcher.first, then ranges() of a part):
    what it finds is what reading the whole text finds, wherever the part's edges fall."""
    text = (
        "Переговоры о прекращения военных действий; negotiations в Кэсоне (Kaesong), "
        "по радио Малика: Malik's radio_talk, переговорах 1951 г. — ПЕРЕГОВОРЫ! Говоры. "
    ) * 4
    matcher = search.Matcher(search.parse(query))
    whole = matcher.ranges(text)
    assert whole and matcher.first(text) == whole[0][0]
    assert matcher.first(text[: whole[0][0]]) is None
    for start in range(0, len(text), 7):
        for end in (start + 1, start + 40, start + 240):
            within = [(low, high) for low, high in whole if start <= low and high <= end]
            assert search.Matcher(search.parse(query)).ranges(text, start, end) == within


def test_a_phrase_is_marked_wherever_it_stands_and_only_where_it_is_whole():
    phrase = "военных действий"
    text = f"{phrase} и {phrase}: прекращение {phrase.upper()}, военных. Военных действий"
    matcher = search.Matcher(search.parse('"военных действия"'))  # any form of its words
    where = [match.span() for match in re.finditer(phrase, text, re.IGNORECASE)]
    assert len(where) == 4 and matcher.ranges(text) == where
    assert search.Matcher(search.parse('"прекращение действий"')).ranges(text) == []
