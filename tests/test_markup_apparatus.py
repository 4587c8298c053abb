"""The editor's typed spans: sic/corr, unclear, gap, hand, stamp, supplied and notes, on the
page, in the reader's switch, in TEI (valid against tei_all) and in search."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from archive.markup import as_written, pieces, plain_text, render_passage, search_text
from archive.models import Document, Passage, Text

from .admin_forms import admin_url, management_data
from .factory import make_document, make_text
from .html import page_text
from .test_tei import TEI, jing

EVERY_SPAN = (
    "Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ}, от {unclear Елезова|faded|low} {gap illegible|~2 words} "
    "и {gap omitted} *рукой* {hand Stalin, blue pencil|тов. Молотову} "
    "{stamp registration|Вх. № 2204/ис|30.6.1951|Секретариат} {supplied Ким Ир Сен} "
    "{note editor|Шифр <не> ясен} {note translator|перевод} {note archive|лист 92} "
    "{sic Молотофу|Молотову} [Stalin]"
)


def test_every_span_is_shown_with_words_or_signs_and_labels():
    html = render_passage(EVERY_SPAN)
    # As written: the misspelling with [sic]; the correction present but hidden, for the switch.
    assert 'ФИЛИПОВУ<span class="apparatus-mark" aria-hidden="true" lang="la"> [sic]</span>' in html
    assert '<span class="corr" data-reading="corrected" hidden="">ФИЛИППОВУ' in html
    assert "corrected: ФИЛИППОВУ" in html  # said to screen readers
    assert (
        'Елезова<span class="apparatus-mark" aria-hidden="true" title="unclear: faded, low certainty"> (?'
        '<span class="print-only">: faded, low certainty</span>)' in html
    )
    assert "(unclear: faded, low certainty)" in html
    assert ">[illegible, ~2 words]<" in html  # a gap is always visible
    assert ">[…]<" in html and "Gap in the text: omitted" in html
    assert '<em class="handwriting">рукой</em>' in html
    assert (
        '<em class="handwriting">тов. Молотову</em>' in html
        and "in the hand of Stalin, blue pencil" in html
    )
    assert "[Stamp (registration): </span>Вх. № 2204/ис, 30.6.1951, Секретариат" in html
    assert '<span aria-hidden="true">[</span>Ким Ир Сен<span aria-hidden="true">]</span>' in html
    assert "supplied by the editor" in html
    assert (
        'role="note" aria-label="Editor&#x27;s note">[Editor&#x27;s note: Шифр &lt;не&gt; ясен]'
        in html
    )
    assert "Translator&#x27;s note" in html and "Archive&#x27;s note" in html
    assert (
        '<span class="editorial supplied">[Stalin]<span class="visually-hidden" lang="en"> (supplied by the editor)</span></span>'
        in html
    )
    assert "<не>" not in html  # always escaped


def test_a_sic_without_its_correction_is_marked_so_written(client, db):
    content = "Товарищу {sic ФИЛИПОВУ} и {sic Молотофу|}"
    assert [kind for kind, *_ in pieces(content)] == ["text", "span", "text"]  # {sic x|}: text
    html = str(render_passage(content))
    assert 'ФИЛИПОВУ</span><span class="apparatus-mark" aria-hidden="true" lang="la"> [sic]' in html
    assert "{sic Молотофу|}" in html
    make_text(make_document(record_id=15), passages=[content])
    assert client.get("/documents/15/", follow=True).status_code == 200


def test_the_corrected_reading_shows_the_correction_and_hides_the_misspelling():
    html = render_passage("Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ}", reading="corrected")
    assert '<span class="sic" data-reading="written" hidden="">ФИЛИПОВУ' in html
    assert '<span class="corr" data-reading="corrected">ФИЛИППОВУ' in html
    assert "written: ФИЛИПОВУ" in html


@pytest.mark.parametrize(
    "typed",
    [
        "{sic a|b|c}",
        "{unclear word|faded|sure}",
        "{note nobody|text}",
        "{hand Stalin}",
        "{gap }",
        "{sic}",
        "{stamp a|b|c|d|e}",
        "{unknown x}",
        "{sic a|b",
        "{supplied a|b|nobody}",
    ],
)
def test_anything_malformed_is_kept_verbatim(typed):
    content = f"до {typed} после"
    assert [kind for kind, *_ in pieces(content)] == ["text"]
    assert render_passage(content) == content.replace("<", "&lt;")
    assert plain_text(content) == search_text(content) == content


def test_highlights_reach_inside_spans():
    content = "Товарищу {sic ФИЛИПОВУ|ФИЛИППОВУ}"
    start = content.index("ФИЛИППОВУ")
    html = render_passage(content, [(start, start + 9)], reading="corrected")
    assert "<mark>ФИЛИППОВУ</mark>" in html


def test_search_text_has_both_readings_and_no_gap():
    text = search_text(EVERY_SPAN)
    assert "ФИЛИПОВУ ФИЛИППОВУ" in text and "Молотофу Молотову" in text
    assert "illegible" not in text and "omitted" not in text and "registration" not in text
    assert "Вх. № 2204/ис 30.6.1951 Секретариат" in text
    assert "Шифр <не> ясен" in text  # notes are searched, as inline notes are
    assert "Молотофу" in plain_text(EVERY_SPAN) and "Молотову Молотову" not in plain_text(
        EVERY_SPAN
    )


def test_as_written_undoes_corrections_only():
    assert as_written("А {sic Б|В} *Г* {gap omitted}") == "А Б *Г* {gap omitted}"


# --- Search ---------------------------------------------------------------------------------


def found(query):
    return [d.record_id for d in Document.objects.published().search(query).by_relevance(query)]


@pytest.mark.parametrize("query", ["ФИЛИППОВУ", "ФИЛИПОВУ"])
def test_the_seed_is_found_by_either_reading(seed, query):
    assert 110371 in found(query)


def test_both_readings_of_a_correction_find_it_and_a_gap_finds_nothing(db):
    make_text(make_document(record_id=7), passages=[EVERY_SPAN])
    assert found("Молотофу") == [7]
    assert found("Молотову") == [7]
    assert found("Секретариат") == [7]
    assert found("illegible") == []
    assert found("omitted") == []


@pytest.mark.parametrize(
    "query",
    [
        "Елезова",  # an unclear word
        "рукой",  # handwriting marked with asterisks
        "Молотову",  # a hand's words (and a correction's)
        "Ким",  # words supplied by the editor
        "2204",  # a stamp's number
        "Шифр",  # an editor's note
    ],
)
def test_the_words_of_every_span_find_their_document(db, query):
    make_text(make_document(record_id=8), passages=[EVERY_SPAN])
    assert found(query) == [8]


def test_who_supplied_words_is_said_from_the_text_or_the_span():
    typed = "[Stalin] {supplied Ким Ир Сен} {supplied Мао||editor} {supplied ЦК|so|translator}"
    # In a translation the translator's; in an original the editor's; unless the span says.
    translated = str(render_passage(typed, supplier="translator"))
    assert translated.count("(supplied by the translator)") == 2  # [Stalin] and Ким Ир Сен
    assert translated.count("(supplied by the editor)") == 1  # Мао: the span says so
    assert translated.count("(supplied by the translator: so)") == 1
    original = str(render_passage(typed))
    assert original.count("(supplied by the editor)") == 3
    assert original.count("(supplied by the translator: so)") == 1


def test_a_stamps_number_and_date_are_not_shown_twice():
    html = str(
        render_passage(
            "{stamp registration|Вх. № 2204/ис|30/VI 1951 г.|Вх. № 2204/ис от 30/VI 1951 г.}"
        )
    )
    assert page_text(html) == "[Stamp (registration): Вх. № 2204/ис от 30/VI 1951 г.]"
    html = str(render_passage("{stamp received|2204|30.6.1951|Секретариат}"))
    assert page_text(html) == "[Stamp (received): 2204, 30.6.1951, Секретариат]"
    # Only whole words count as shown: "2" is not the 2 of "1951".
    html = str(render_passage("{stamp copy|2|1951|Экз. № 12, 1951}"))
    assert page_text(html) == "[Stamp (copy): 2, Экз. № 12, 1951]"


# --- The page and the reader's switch -------------------------------------------------------


def test_the_page_offers_the_switch_and_obeys_it_without_javascript(seed):
    html = Client().get("/documents/110371/", follow=True).content.decode()
    assert 'name="reading" value="corrected" aria-pressed="false"' in html
    assert "ФИЛИПОВУ [sic]" in page_text(html)
    html = Client().get("/documents/110371/?reading=corrected", follow=True).content.decode()
    assert 'name="reading" value="corrected" aria-pressed="true"' in html
    assert '<span class="corr" data-reading="corrected">ФИЛИППОВУ' in html
    assert '<span class="sic" data-reading="written" hidden="">ФИЛИПОВУ' in html


def _misspelt(record_id=21):
    document = make_document(record_id=record_id, title="Telegram on a truce")
    make_text(document, passages=["Вопрос о {sic перимирии|перемирии} решён."])
    return document.get_absolute_url()


def test_a_search_for_the_correction_opens_the_page_as_corrected(db):
    page = _misspelt()
    html = Client().get(page, {"q": "перемирии"}).content.decode()
    assert '<span class="corr" data-reading="corrected"><mark>перемирии</mark>' in html
    assert 'name="reading" value="corrected" aria-pressed="true"' in html
    # Found as written, or asked for as written: the page opens as written.
    for asked in ({"q": "перимирии"}, {"q": "перемирии", "reading": "written"}):
        html = Client().get(page, asked).content.decode()
        assert '<span class="sic" data-reading="written">' in html
        assert 'name="reading" value="corrected" aria-pressed="false"' in html


def test_a_result_found_by_the_correction_shows_it_and_links_to_it(db):
    page = _misspelt()
    html = Client().get("/documents/", {"q": "перемирии"}).content.decode()
    assert "Вопрос о <mark>перемирии</mark> решён." in html
    assert (
        f"{page}?q=%D0%BF%D0%B5%D1%80%D0%B5%D0%BC%D0%B8%D1%80%D0%B8%D0%B8&amp;reading=corrected#"
        in html
    )
    html = Client().get("/documents/", {"q": "перимирии"}).content.decode()
    assert "Вопрос о <mark>перимирии</mark> решён." in html and "reading=corrected" not in html


def test_a_text_without_corrections_has_no_switch(db):
    make_text(make_document(record_id=8), passages=["Без ошибок {gap omitted}"])
    html = Client().get("/documents/8/", follow=True).content.decode()
    assert "reading-switch" not in html
    assert "[…]" in html


# --- TEI ------------------------------------------------------------------------------------


def test_the_seeds_registration_stamp_is_marked_on_the_page_and_in_tei(client, seed, tmp_path):
    html = client.get("/documents/110371/", follow=True).content.decode()
    assert "[Stamp (registration): Вх. № 2204/ис от 30/VI 1951 г.]" in page_text(html)
    content = client.get("/documents/110371/tei.xml").content
    path = tmp_path / "seed.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
    (stamp,) = ET.fromstring(content).find(f".//{TEI}body").iter(f"{TEI}stamp")
    # The words as stamped, once, with the number and the date marked where they stand.
    assert stamp.get("type") == "registration"
    assert "".join(stamp.itertext()) == "Вх. № 2204/ис от 30/VI 1951 г."
    assert (stamp.find(f"{TEI}num").text, stamp.find(f"{TEI}date").text) == (
        "Вх. № 2204/ис",
        "30/VI 1951 г.",
    )


def test_every_span_is_valid_tei_with_its_elements(client, db, tmp_path):
    make_text(make_document(record_id=9), passages=[EVERY_SPAN, "Строка\n{gap omitted} [Stalin]"])
    content = client.get("/documents/9/tei.xml").content
    path = tmp_path / "spans.xml"
    path.write_bytes(content)
    status, messages = jing(path)
    assert status == 0, messages
    block = ET.fromstring(content).find(f".//{TEI}body/{TEI}div/{TEI}ab")
    choices = block.findall(f"{TEI}choice")
    assert [(c.find(f"{TEI}sic").text, c.find(f"{TEI}corr").text) for c in choices] == [
        ("ФИЛИПОВУ", "ФИЛИППОВУ"),
        ("Молотофу", "Молотову"),
    ]
    unclear = block.find(f"{TEI}unclear")
    assert (unclear.text, unclear.get("reason"), unclear.get("cert")) == ("Елезова", "faded", "low")
    gaps = [(g.get("reason"), g.get("extent")) for g in block.findall(f"{TEI}gap")]
    assert gaps == [("illegible", "~2 words"), ("omitted", None)]
    hand = block.findall(f"{TEI}hi[@rend='handwriting']")[1]
    shift = hand.find(f"{TEI}handShift")
    assert (shift.get("scribe"), shift.get("medium"), shift.tail) == (
        "Stalin",
        "blue-pencil",
        "тов. Молотову",
    )
    stamp = block.find(f"{TEI}stamp")
    assert stamp.get("type") == "registration"
    assert (stamp.find(f"{TEI}num").text, stamp.find(f"{TEI}date").text) == (
        "Вх. № 2204/ис",
        "30.6.1951",
    )
    assert "".join(stamp.itertext()) == "Вх. № 2204/ис 30.6.1951 Секретариат"
    assert [s.text for s in block.findall(f"{TEI}supplied")] == ["Ким Ир Сен", "Stalin"]
    notes = [(n.get("type"), n.text) for n in block.findall(f"{TEI}note")]
    assert notes == [
        ("editor", "Шифр <не> ясен"),
        ("translator", "перевод"),
        ("archive", "лист 92"),
    ]


# --- The admin ------------------------------------------------------------------------------


def test_an_archivist_types_every_span_in_the_admin(staff_client, db):
    document = make_document(record_id=10)
    text = make_text(document, passages=["старый текст"])
    data = management_data(staff_client.get(admin_url(Text, "change", text.pk)))
    data.update(
        document=document.pk, language="ru", kind=text.kind, credit="", position=text.position,
        paste=EVERY_SPAN + "\r\n\r\nВторой абзац",
    )  # fmt: skip
    response = staff_client.post(admin_url(Text, "change", text.pk), data)
    assert response.status_code == 302, response.context["errors"]
    contents = [p.content for p in text.passages.order_by("position")]
    assert EVERY_SPAN in contents  # kept exactly as typed
    html = Client().get("/documents/10/", follow=True).content.decode()
    assert "[illegible, ~2 words]" in html and "Вх. № 2204/ис" in html
    assert 'aria-label="Archive&#x27;s note"' in html


def test_the_admin_keeps_and_reports_what_looks_like_a_span_but_is_not(staff_client, db):
    document = make_document(record_id=14)
    text = make_text(document, passages=["старый текст"])
    data = management_data(staff_client.get(admin_url(Text, "change", text.pk)))
    data.update(
        document=document.pk, language="ru", kind=text.kind, credit="", position=text.position,
        paste="{sic ФИЛИПОВУ|ФИЛИППОВУ} и {unclear слово|faded|sure}",
    )  # fmt: skip
    response = staff_client.post(admin_url(Text, "change", text.pk), data, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert any("“{unclear слово|faded|sure}”" in m and "kept" in m for m in said), said
    assert not any("{sic ФИЛИПОВУ" in m for m in said)  # a span as typed: nothing to say
    passage = text.passages.get(position=2)
    assert passage.content == "{sic ФИЛИПОВУ|ФИЛИППОВУ} и {unclear слово|faded|sure}"
    # Edited on its own page, the same.
    page = admin_url(Passage, "change", passage.pk)
    data = management_data(staff_client.get(page))
    data.update(text=text.pk, position=2, alignment_key=passage.alignment_key,
                content="{gap }", kind=passage.kind, quote_depth=0)  # fmt: skip
    response = staff_client.post(page, data, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert any("“{gap }”" in m for m in said), said
    assert Passage.objects.get(pk=passage.pk).content == "{gap }"


def test_the_index_entry_holds_both_readings_and_no_gap(db):
    from archive.search.index import entry_for, indexable
    from archive.search.text import word_keys

    document = make_document(record_id=11)
    make_text(document, passages=[EVERY_SPAN])
    body = entry_for(indexable([document.pk])[0])["body"].split()
    assert word_keys("Молотофу")[0] in body and word_keys("Молотову")[0] in body
    assert word_keys("illegible")[0] not in body and word_keys("registration")[0] not in body


def test_a_span_name_in_capitals_is_text_as_typed():
    from archive.markup import plain_text, render_passage, search_text

    typed = "Товарищу {SIC ФИЛИПОВУ|ФИЛИППОВУ}"
    assert str(render_passage(typed)) == "Товарищу {SIC ФИЛИПОВУ|ФИЛИППОВУ}"
    assert plain_text(typed) == search_text(typed) == typed
