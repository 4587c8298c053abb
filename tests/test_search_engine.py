"""The search engine beside the database: its outbox, its catching up, and its answers.

The index is kept by each app server on its own disk and fed from the outbox rows
(SearchChange) that every change writes in its own transaction. These tests show
that nothing is lost on the way (rollbacks, changes committed out of order, a crash
between the index's commit and its record, a database replaced under it), that
what it counts is what the database counts, and that it ranks as before.
"""

import dataclasses
import fcntl
import io
import itertools
import json
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict

from archive.chronology.models import HandlingStep
from archive.corpus import CorpusWriter
from archive.filters import DocumentFilter, facet_counts
from archive.models import (
    Document,
    GlossaryEntry,
    GlossaryForm,
    GlossarySense,
    Passage,
    SearchChange,
)
from archive.search import engine, parse, rebuild
from archive.search.engine import disk, schema
from archive.search.engine.schema import TEXT_SLOTS, slot_of

from .factory import make_document, make_person, make_role, make_text

pytestmark = pytest.mark.django_db


def found(query):
    return sorted(Document.objects.search(query).values_list("record_id", flat=True))


def folder(path):
    return path / f"v{schema.VERSION}"


def state(path):
    return json.loads((folder(path) / disk.STATE).read_text())


def gaps_above(newest, path):
    # (Ids of earlier tests' rolled-back transactions lie below: gaps of the build.)
    return [gap[:2] for gap in state(path)["gaps"] if gap[0] > newest]


def test_a_change_and_its_outbox_row_are_committed_together(db):
    document = make_document(record_id=1)
    make_text(document, passages=["Первоначальный текст"])
    assert found("первоначальный") == [1]
    before = SearchChange.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Passage.objects.filter(text__document=document).get().delete()
        assert SearchChange.objects.count() > before  # in the outbox, within the edit
        raise RuntimeError("the edit fails")
    assert SearchChange.objects.count() == before
    assert found("первоначальный") == [1]


def test_another_server_catches_up_from_the_outbox_on_its_next_search(db, settings, tmp_path):
    document = make_document(record_id=1)
    make_text(document, passages=["Первое слово"])
    here = settings.ARCHIVE_SEARCH_INDEX_DIR
    settings.ARCHIVE_SEARCH_INDEX_DIR = tmp_path / "other-server"
    assert found("первое") == [1]  # the other server's index, built now
    built = state(tmp_path / "other-server")

    settings.ARCHIVE_SEARCH_INDEX_DIR = here
    make_text(document, "en", passages=["A second text, added through this server"])
    assert found("second") == [1]

    settings.ARCHIVE_SEARCH_INDEX_DIR = tmp_path / "other-server"
    assert found("second") == [1]
    caught_up = state(tmp_path / "other-server")
    assert caught_up["build"] == built["build"]  # applied from the outbox, not rebuilt
    assert caught_up["changes"] > built["changes"]
    disk.forget(tmp_path / "other-server")


def test_a_change_committed_after_a_later_one_is_not_skipped(db, own_search_index, monkeypatch):
    """On PostgreSQL ids are handed out at insert and transactions commit in any order: an
    id passed over is a gap, looked for again until it comes or is taken for a rollback."""
    first, second = make_document(record_id=1), make_document(record_id=2)
    for document in (first, second):
        make_text(document, passages=["Старое слово"])
    assert found("старое") == [1, 2]
    newest = SearchChange.objects.latest("id").id
    Passage.objects.update(content="Новое слово")  # no signals: the outbox is written below

    SearchChange.objects.create(id=newest + 5, document_id=first.pk)
    assert found("новое") == [1]
    assert gaps_above(newest, own_search_index) == [[newest + 1, newest + 4]]

    SearchChange.objects.create(id=newest + 2, document_id=second.pk)  # committed late
    assert found("новое") == [1, 2]
    assert gaps_above(newest, own_search_index) == [
        [newest + 1, newest + 1],
        [newest + 3, newest + 4],
    ]

    monkeypatch.setattr(disk, "GAP_PATIENCE", 0)
    SearchChange.objects.create(id=newest + 6, document_id=second.pk)
    found("новое")
    assert state(own_search_index)["gaps"] == []  # rolled back, it seems: forgotten


def test_a_long_transaction_committed_late_is_applied_whole(db):
    """A rename of a person in thousands of documents writes thousands of outbox rows in
    one transaction; a shorter one may commit a later id first."""
    first, second = make_document(record_id=1), make_document(record_id=2)
    for document in (first, second):
        make_text(document, passages=["Старое слово"])
    assert found("старое") == [1, 2]
    newest = SearchChange.objects.latest("id").id
    Passage.objects.update(content="Новое слово")
    SearchChange.objects.create(id=newest + 3000, document_id=first.pk)
    assert found("новое") == [1]
    late = [SearchChange(id=newest + n, document_id=second.pk) for n in range(1, 3000)]
    SearchChange.objects.bulk_create(late)
    assert found("новое") == [1, 2]


def test_a_change_of_a_transaction_running_while_the_index_is_built_is_applied(
    db, own_search_index
):
    first, second = make_document(record_id=1), make_document(record_id=2)
    for document in (first, second):
        make_text(document, passages=["Старое слово"])
    newest = SearchChange.objects.latest("id").id
    SearchChange.objects.create(id=newest + 2, document_id=first.pk)
    assert found("старое") == [1, 2]  # the index is built now, newest + 1 still running
    Passage.objects.filter(text__document=second).update(content="Новое слово")
    SearchChange.objects.create(id=newest + 1, document_id=second.pk)  # it commits
    assert found("новое") == [2]


def test_a_database_put_back_to_another_history_is_noticed(db, own_search_index):
    make_text(make_document(record_id=1), passages=["Прежняя история"])
    assert found("прежняя") == [1]
    build = state(own_search_index)["build"]
    # As after a restore: the row the index applied last exists, written at another time.
    SearchChange.objects.filter(id=state(own_search_index)["applied"]).update(
        created=datetime(1999, 1, 1, tzinfo=UTC)
    )
    assert found("прежняя") == [1]
    assert state(own_search_index)["build"] != build  # built again from the database


def test_a_search_never_waits_for_another_process_writing_the_index(client, db, own_search_index):
    make_text(make_document(record_id=1), passages=["Первый документ"])
    assert found("первый") == [1]
    make_text(make_document(record_id=2), passages=["Первый ответ"])
    with open(folder(own_search_index) / disk.LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as another process applying a large backlog
        response = client.get("/documents/", {"q": "первый"})
        assert [d.record_id for d in response.context["documents"]] == [1]
        assert "no-cache" in response["Cache-Control"]  # never cached as this version's page
        fcntl.flock(lock, fcntl.LOCK_UN)
    response = client.get("/documents/", {"q": "первый"})
    assert [d.record_id for d in response.context["documents"]] == [1, 2]


def test_a_query_of_common_words_counts_nothing(client, db):
    make_text(make_document(record_id=1), passages=["The letter"])
    response = client.get("/documents/", {"q": "the"})
    assert list(response.context["documents"]) == []
    assert all(not facet["options"] for facet in response.context["facets"])


def test_a_crash_before_the_record_only_applies_changes_again(db, own_search_index):
    documents = [make_document(record_id=n) for n in (1, 2, 3)]
    for document in documents:
        make_text(document, passages=["Повторное применение"])
    assert found("повторное") == [1, 2, 3]
    # The index committed, the record of how far it got was not written: it is behind.
    record = state(own_search_index)
    first = SearchChange.objects.earliest("id").id
    behind = {**record, "applied": first, "applied_at": disk._written_at(first)}
    (folder(own_search_index) / disk.STATE).write_text(json.dumps(behind))
    assert found("повторное") == [1, 2, 3]
    assert len(engine.indexed_ids()) == 3  # each once, however often applied
    assert state(own_search_index)["applied"] == record["applied"]


def test_the_update_command_applies_a_backlog_at_once(db):
    make_text(make_document(record_id=1), passages=["Старое слово"])
    assert found("старое") == [1]
    Passage.objects.update(content="Новое слово")  # as a bulk load would, without signals
    SearchChange.objects.create(document_id=Document.objects.get().pk)
    out = io.StringIO()
    call_command("update_search_index", stdout=out, stderr=io.StringIO())
    assert "1 changes applied" in out.getvalue()
    assert found("новое") == [1]


def test_an_index_of_another_version_is_kept_apart_and_built_anew(
    db, own_search_index, monkeypatch
):
    make_text(make_document(record_id=1), passages=["Версия индекса"])
    assert found("версия") == [1]
    old = state(own_search_index)
    monkeypatch.setattr(schema, "VERSION", schema.VERSION + 1)
    assert found("версия") == [1]
    assert state(own_search_index)["generation"] == 1  # a new folder, built from the database
    monkeypatch.setattr(schema, "VERSION", schema.VERSION - 1)
    assert state(own_search_index) == old  # the older release's index, untouched


def test_drafts_are_never_shown_even_if_the_index_has_not_heard(client, db):
    make_text(make_document(record_id=1), passages=["Секретный черновик"])
    make_text(make_document(record_id=2), passages=["Секретный документ"])
    assert found("секретный") == [1, 2]
    Document.objects.filter(record_id=1).update(status="draft")  # no signals, no outbox
    response = client.get("/documents/", {"q": "секретный"})
    assert [d.record_id for d in response.context["documents"]] == [2]
    assert response.context["page"].paginator.count == 2  # the index's count, until it hears
    assert [d.record_id for d in Document.objects.published().search("секретный")] == [2]


def test_title_and_names_rank_first_and_equal_scores_go_by_date(db):
    make_text(make_document(record_id=1, title="A letter"), passages=["About the armistice."])
    make_document(record_id=2, title="The armistice")
    make_text(
        make_document(record_id=3, title="Telegram", date=date(1951, 7, 2)), passages=["Ceasefire"]
    )
    make_text(
        make_document(record_id=4, title="Telegram", date=date(1951, 6, 30)), passages=["Ceasefire"]
    )
    make_text(make_document(record_id=5, title="Telegram", date=None), passages=["Ceasefire"])
    ranked = Document.objects.published().search("armistice").by_relevance("armistice")
    assert [d.record_id for d in ranked] == [2, 1]
    ranked = Document.objects.published().search("ceasefire").by_relevance("ceasefire")
    assert [d.record_id for d in ranked] == [4, 3, 5]


def test_equal_scores_of_one_day_go_by_the_first_moment_known(db):
    for record_id, title, time in [(1, "A", None), (2, "B", time_of(11, 30)), (3, "C", time_of(7))]:
        document = make_document(record_id=record_id, title=title, date=date(1951, 6, 30))
        make_text(document, passages=["Ceasefire"])
        if time:
            HandlingStep.objects.create(
                document=document,
                kind="sent",
                local_date=date(1951, 6, 30),
                local_time=time,
                zone="Europe/Moscow",
            )
    make_text(make_document(record_id=4, title="D", date=date(1951, 6, 29)), passages=["Ceasefire"])
    ranked = Document.objects.published().search("ceasefire").by_relevance("ceasefire")
    assert [d.title for d in ranked] == ["D", "C", "B", "A"]


def test_thousands_of_equal_scores_are_paged_by_date_moment_and_record(db):
    """More ties than a page, of days shuffled, some of one day with moments: each page
    holds what the whole list's order puts there (the ties beyond the page read in part)."""
    days = [date(1951, 6, 1) + timedelta(days=(n * 37) % 45) for n in range(120)]
    for n, day in enumerate(days):
        document = make_document(record_id=1000 + (n * 53) % 120, title="T", date=day)
        make_text(document, passages=["Ceasefire"])
        if n % 3 == 0:
            HandlingStep.objects.create(
                document=document, kind="sent", local_date=day, local_time=time_of(n % 24),
                zone="Europe/Moscow",
            )  # fmt: skip
    everything = engine.ranked(parse("ceasefire"), {}, 0, 120)[1]
    assert len({score for _pk, score in everything}) == 1  # all tie
    documents = Document.objects.in_bulk([pk for pk, _score in everything])

    def key(pk):
        document = documents[pk]
        moment = document.first_instant or datetime.max.replace(tzinfo=UTC)
        return document.date, moment, document.record_id

    in_list_order = sorted(documents, key=key)
    assert [pk for pk, _score in everything] == in_list_order
    for offset in (0, 25, 50, 100):
        count, page = engine.ranked(parse("ceasefire"), {}, offset, 25)
        assert count == 120
        assert [pk for pk, _score in page] == in_list_order[offset : offset + 25]


def test_ties_beyond_the_hits_read_are_paged_as_the_whole_list_orders_them(db):
    """An alias in half the archive scores the same everywhere: the tied documents are read
    by date, skipping those that score lower, though these are dated earlier."""
    start = date(1951, 1, 1)
    for n in range(20):  # in the title too: above the ties, whatever their date
        document = make_document(record_id=100 + n, title="Ceasefire", date=start + timedelta(n))
        make_text(document, passages=["Ceasefire"])
    # The ties, written in three batches, the earliest in the middle one: whichever
    # batch the engine gives first of equal scores, it is not the one wanted first.
    for batch, first_day in enumerate((100, 30, 200)):
        for n in range(50):
            day = start + timedelta(days=first_day + (n * 37) % 50)
            document = make_document(record_id=1000 + 50 * batch + n, title="T", date=day)
            make_text(document, passages=["Ceasefire"])
        engine.searcher()  # the batch indexed
    for n in range(60):  # below the ties (the word among many), dated before them all
        document = make_document(record_id=5000 + n, title="L", date=start + timedelta(n))
        make_text(document, passages=["Ceasefire " + " ".join(f"word{k}" for k in range(40))])
    query = parse("ceasefire")
    count, everything = engine.ranked(query, {}, 0, 230)  # every hit read: no tie beyond
    assert count == 230
    assert len({round(score, 4) for _pk, score in everything}) == 3
    titles = Document.objects.in_bulk([pk for pk, _score in everything])
    assert [titles[pk].title for pk, _score in everything] == ["Ceasefire"] * 20 + ["T"] * 150 + [
        "L"
    ] * 60
    for offset in (0, 25, 100, 150, 175):
        assert engine.ranked(query, {}, offset, 25) == (230, everything[offset : offset + 25])
    # The first hundred, as a results page ranks them with its count.
    assert engine.ranked(query, {}, 0, 100) == (230, everything[:100])


def test_ties_dated_after_every_match_read_by_date_are_read_by_score(db, monkeypatch):
    """Undated ties come after every dated match: past MAX_TIED read by date, the hits are
    read on by score instead, as far as MAX_TIED, and put in the list's order."""
    monkeypatch.setattr(engine, "MAX_TIED", 150)
    start = date(1951, 1, 1)
    for n in range(120):  # below the ties, and dated
        document = make_document(record_id=5000 + n, title="L", date=start + timedelta(n))
        make_text(document, passages=["Ceasefire " + " ".join(f"word{k}" for k in range(40))])
    for batch in range(2):  # the ties, undated, in two batches
        for n in range(40):
            record = 1000 + (n * 7) % 40 * 2 + batch
            make_text(make_document(record_id=record, title="T", date=None), passages=["Ceasefire"])
        engine.searcher()
    query = parse("ceasefire")
    everything = engine.ranked(query, {}, 0, 200)[1]  # every hit read: no tie beyond
    records = {d.pk: d.record_id for d in Document.objects.all()}
    assert [records[pk] for pk, _score in everything[:80]] == sorted(range(1000, 1080))
    read_on = []
    monkeypatch.setattr(engine, "_read_on", _spy(engine._read_on, read_on))
    assert engine.ranked(query, {}, 0, 25) == (200, everything[:25])
    assert read_on  # reading by date did not reach the undated ties


def _spy(function, calls):
    def spy(*args):
        calls.append(args)
        return function(*args)

    return spy


def test_a_ranking_is_kept_for_every_process_until_the_index_changes(db, monkeypatch):
    make_text(make_document(record_id=1, title="A"), passages=["Ceasefire"])
    make_text(make_document(record_id=2, title="B"), passages=["Ceasefire Ceasefire"])
    query = parse("ceasefire")
    first = engine.ranked(query, {}, 0, 100)
    monkeypatch.setattr(engine, "_ranked_now", lambda *args: pytest.fail("ranked again"))
    assert engine.ranked(parse("ceasefire"), {}, 0, 100) == first  # the next page's request
    engine._ranked.clear()  # another process of the server: it reads what this one kept
    assert engine.ranked(parse("ceasefire"), {}, 0, 100) == first
    monkeypatch.undo()
    # A later page is kept by the process that ranked it, not written for the others.
    later = engine.ranked(query, {}, 1, 1)
    engine._ranked.clear()
    ranked_again = []
    monkeypatch.setattr(engine, "_ranked_now", _spy(engine._ranked_now, ranked_again))
    assert engine.ranked(parse("ceasefire"), {}, 1, 1) == later and ranked_again
    monkeypatch.undo()
    make_text(make_document(record_id=3, title="C"), passages=["Ceasefire"])
    count, rows = engine.ranked(query, {}, 0, 100)
    assert count == 3 and len(rows) == 3  # the new state ranked anew


def test_a_kept_ranking_is_not_asked_of_the_engine_again(db, monkeypatch):
    make_text(make_document(record_id=1, title="A"), passages=["Ceasefire"])
    first = engine.ranked(parse("cease*"), {}, 0, 100)
    built = []
    monkeypatch.setattr(engine.queries, "text_query", _spy(engine.queries.text_query, built))
    with engine.reading():  # another page: the same search, as a new request parses it
        assert engine.ranked(parse("cease*"), {}, 0, 100) == first
    assert not built  # nor its query made (a prefix looks up the index to make it)


def test_a_ranking_of_every_match_is_not_kept(db, monkeypatch):
    make_text(make_document(record_id=1, title="A"), passages=["Ceasefire"])
    engine._ranked.clear()
    assert engine.ranked(parse("ceasefire"), {}, 0, engine.KEEP_RANKED + 1)[0] == 1
    assert engine.ranked(parse("ceasefire"), {}, 0, engine.KEEP_RANKED)[0] == 1
    assert len(engine._ranked) == 1  # the first hits only: their size has a bound


def test_facet_counts_made_by_one_process_are_read_by_the_others_until_the_index_changes(
    db, monkeypatch
):
    make_text(make_document(record_id=1, title="A"), passages=["Ceasefire"])
    make_text(make_document(record_id=2, title="B"), passages=["Ceasefire"])
    query = parse("ceasefire")
    counted = engine.facet_counts(query, {})
    assert dict(counted["language"]) == {"ru": 2}

    # Another process of the server: its own kept counts are empty; the engine is not asked.
    engine._counted.clear()
    monkeypatch.setattr(engine, "_facet_counts", lambda *args: pytest.fail("counted again"))
    assert engine.facet_counts(query, {}) == counted
    monkeypatch.undo()

    # A change to the index: its new state is counted anew, not read from the old one's.
    make_text(make_document(record_id=3, title="C"), passages=["Ceasefire"])
    engine._counted.clear()
    assert dict(engine.facet_counts(query, {})["language"]) == {"ru": 3}


def test_facet_counts_follow_an_edit_to_the_glossary_though_the_index_stays(db):
    make_text(make_document(record_id=1, title="A"), passages=["Доклад ГЕНШТАБА"])

    def counted():
        with engine.reading():  # one page: the query read anew, as each request reads it
            return dict(engine.facet_counts(parse("General Staff"), {})["language"])

    assert counted() == {}
    entry = GlossaryEntry.objects.create(slug="genshtab", headword="Генштаб")
    GlossaryForm.objects.create(entry=entry, form="ГЕНШТАБА", language="ru")
    GlossarySense.objects.create(entry=entry, label="General Staff", position=0)
    assert counted() == {"ru": 1}  # not the counts of the query before the glossary knew it


def test_a_kept_ranking_follows_an_edit_to_the_glossary_though_the_index_stays(db):
    make_text(make_document(record_id=1, title="A"), passages=["Доклад ГЕНШТАБА"])

    def ranked():
        with engine.reading():  # one page: the query parsed anew, as each request does
            return engine.ranked(parse("General Staff"), {}, 0, 100)[0]

    assert ranked() == 0
    entry = GlossaryEntry.objects.create(slug="genshtab", headword="Генштаб")
    GlossaryForm.objects.create(entry=entry, form="ГЕНШТАБА", language="ru")
    GlossarySense.objects.create(entry=entry, label="General Staff", position=0)
    assert ranked() == 1  # not the ranking of the query before the glossary knew it


def test_kept_counts_of_earlier_states_are_removed_and_later_ones_kept(tmp_path, monkeypatch):
    from archive.search.engine import counts

    monkeypatch.setattr(counts, "PRUNE_EVERY", 1)  # every write prunes
    old_build, build = f"{10**18:x}", f"{2 * 10**18:x}"
    counts.save(tmp_path, (old_build, 1), "q", {"type": [[1, 2]]})
    counts.save(tmp_path, (build, 3), "q", {"type": [[1, 3]]})
    counts.save(tmp_path, (build, 5), "q", {"type": [[1, 5]]})
    # A process still reading an older generation writes too: it takes nothing newer away.
    counts.save(tmp_path, (build, 4), "other", {"type": [[1, 4]]})
    assert counts.load(tmp_path, (old_build, 1), "q") is None
    assert counts.load(tmp_path, (build, 3), "q") is None
    assert counts.load(tmp_path, (build, 5), "q") == {"type": [[1, 5]]}
    assert counts.load(tmp_path, (build, 4), "other") == {"type": [[1, 4]]}


def test_facet_counts_that_cannot_be_kept_are_counted_all_the_same(db, settings):
    make_text(make_document(record_id=1, title="A"), passages=["Ceasefire"])
    (settings.ARCHIVE_SEARCH_INDEX_DIR / "counts").write_text("not a folder")
    assert dict(engine.facet_counts(parse("ceasefire"), {})["language"]) == {"ru": 1}
    engine._counted.clear()
    assert dict(engine.facet_counts(parse("ceasefire"), {})["language"]) == {"ru": 1}


def test_the_engine_says_which_texts_hold_the_words_of_a_query(db, monkeypatch):
    two_texts = make_document(record_id=1, title="A", summary="")
    make_text(two_texts, passages=["Товарищу Филиппову", "о прекращении военных действий"])
    make_text(two_texts, language="en", kind="translation", passages=["To Comrade Filippov"])
    in_names = make_document(record_id=2, title="B", summary="")
    make_text(in_names, passages=["Товарищу Сталину"])
    make_role(in_names, make_person("Kaesong Filippov", slug="filippov"))
    in_summary = make_document(record_id=3, title="C", summary="About Kaesong, the town")
    make_text(in_summary, passages=["Nothing of it"])
    # Texts past the last field share it. They are numbered in their order (position, then
    # as made), among those with passages.
    six_texts = make_document(record_id=4, title="D", summary="")
    for n in range(6):
        make_text(six_texts, "en", "translation", [f"Text {n} of six"], position=n + 1)
    make_text(six_texts, passages=["Сталину"], position=9)
    make_text(six_texts, "de", "translation", passages=[], position=0)
    make_text(six_texts, "en", "translation", ["Lenin"], position=1)
    ids = [two_texts.pk, in_names.pk, in_summary.pk, six_texts.pk]

    def held(raw):
        query = parse(raw)
        engine.count(query, {})  # the index is made, and the query read as a search reads it
        items = [item for clause in query.clauses for item in clause]
        return engine.texts_holding(items, ids)

    assert slot_of(0) == "text_0" and slot_of(3) == slot_of(9) == "text_3"
    # Names, title and summary are not texts; the stem finds another form of the word.
    assert held("Kaesong") == {}
    assert held("товарищ") == {two_texts.pk: {"text_0"}, in_names.pk: {"text_0"}}
    assert held("comrades") == {two_texts.pk: {"text_1"}}
    # Romanized, a word is found in either script.
    assert held("Filippov") == {two_texts.pk: {"text_0", "text_1"}}
    assert held('"прекращении военных"') == {two_texts.pk: {"text_0"}}
    assert held('"военных прекращении"') == {two_texts.pk: {"text_0"}}  # the words: may hold
    assert held('"Comrade прекращении"') == {}  # never in one text
    assert held("Сталин*") == {in_names.pk: {"text_0"}, six_texts.pk: {"text_3"}}
    assert held("военных OR Comrade") == {two_texts.pk: {"text_0", "text_1"}}
    assert held("six") == {six_texts.pk: {"text_0", "text_2", "text_3"}}
    assert held('"text 0"') == {six_texts.pk: {"text_0"}}
    assert held("Lenin") == {six_texts.pk: {"text_1"}}  # made after "Text 0", at its position
    assert held('"text 1"') == {six_texts.pk: {"text_2"}}
    assert held('"text 2" OR "text 5"') == {six_texts.pk: {"text_3"}}
    assert held("Ridgway") == {}
    # Many documents are asked for as a set of ids, a page's as terms: the same answer.
    monkeypatch.setattr(engine, "TERMS_NOT_SET", 2)
    assert held("военных OR Comrade") == {two_texts.pk: {"text_0", "text_1"}}
    # An index known to lag the database may number the texts as they were: all may hold it.
    reading = engine.current
    monkeypatch.setattr(engine, "current", lambda: dataclasses.replace(reading(), behind=True))
    assert held("Ridgway") == {pk: set(TEXT_SLOTS) for pk in ids}


@pytest.fixture
def corpus(db):
    CorpusWriter(seed=14).write(120, first_record_id=500)
    # Dates as the archive knows them besides single days: inferred, ranges, open ends.
    for n, document in enumerate(Document.objects.order_by("record_id")[:60]):
        if n % 2:
            document.date_reason = "inferred_content" if n % 4 == 1 else "editor"
        if n % 3 == 0:
            last = document.date + timedelta(days=500)
            document.date_edtf = f"{document.date.isoformat()}/{last.isoformat()}"
        elif n % 7 == 0:
            document.date_edtf = f"{document.date.year}/.." if n % 2 else f"../{document.date.year}"
        elif n % 11 == 0:
            document.date_edtf = ""  # undated
        document.save()
    rebuild()
    return Document.objects.published()


QUERIES = ["", "переговоры", "Filippov", "negot*", '"прекращения военных действий"',
           "Ridgway -Malik", "Gromyko OR Vyshinsky", "-Malik"]  # fmt: skip


def _filters(corpus):
    first = corpus.exclude(document_type=None).first()
    role = first.roles.first()
    source = first.sources.exclude(repository=None).first()
    collection = first.collections.first()
    yield {}
    yield {"type": first.document_type.slug}
    yield {"language": first.original_language}
    if role:
        yield {"person": role.person.slug}
        yield {"person": role.person.slug, "role": role.role}
        yield {"role": role.role}
    if source:
        yield {"repository": source.repository.slug}
    if collection:
        yield {"collection": collection.slug, "type": first.document_type.slug}
    yield {"date_from": "1951-06-20", "date_to": "1952-12-31"}
    yield {"date_from": "1970-01-01"}
    yield {"date_to": "1950-06-30"}
    yield {"inferred": "exclude"}
    yield {"inferred": "exclude", "date_from": "1951-06-20", "date_to": "1960-12-31"}
    yield {"inferred": "exclude", "type": first.document_type.slug}
    if role:
        yield {"inferred": "exclude", "person": role.person.slug, "date_to": "1980-01-01"}


def test_the_engine_counts_as_the_database_counts(corpus):
    """Every facet and the number of results, for words, phrases, prefixes, exclusions and
    each filter, by the engine and by SQL over the same documents."""
    for q, filters in itertools.product(QUERIES, list(_filters(corpus))):
        data = QueryDict(mutable=True)
        data.update({**filters, **({"q": q} if q else {})})
        filterset = DocumentFilter(data, queryset=Document.objects.published())
        assert filterset.is_valid(), filterset.errors
        values = engine.filter_values(filterset.form.cleaned_data)
        query = parse(q)
        by_engine = facet_counts(filterset, counted=engine.facet_counts(query, values))
        by_database = facet_counts(filterset)
        assert by_engine == by_database, (q, filters)
        if query.clauses:
            assert engine.count(query, values) == filterset.qs.count(), (q, filters)


def test_a_results_page_is_ranked_by_the_engine_within_the_filters(client, corpus):
    person = corpus.exclude(roles=None).first().roles.first().person
    response = client.get("/documents/", {"q": "переговоры", "person": person.slug})
    shown = [d.record_id for d in response.context["documents"]]
    expected = (
        Document.objects.published()
        .search("переговоры")
        .filter(roles__person=person)
        .distinct()
        .by_relevance("переговоры")
    )
    assert shown == [d.record_id for d in expected][: len(shown)]
    assert response.context["page"].paginator.count == len(expected)


def test_counts_kept_for_a_search_are_made_again_once_the_index_changes(client, db):
    make_text(make_document(record_id=1), passages=["Подсчёт фасетов"])
    first = client.get("/documents/", {"q": "подсчёт"}).context["facets"]
    again = client.get("/documents/", {"q": "подсчёт", "page": "1"}).context["facets"]
    assert first == again  # the second page: the same counts, kept
    make_text(make_document(record_id=2, original_language="en"), passages=["Подсчёт снова"])
    counts = {
        option["value"]: option["count"]
        for facet in client.get("/documents/", {"q": "подсчёт"}).context["facets"]
        if facet["name"] == "language"
        for option in facet["options"]
    }
    assert counts == {"ru": 1, "en": 1}
