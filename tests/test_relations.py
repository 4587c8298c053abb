"""Typed links between documents: shown from both ends, suggested by the importer from the
documents' own words, and confirmed or rejected by an archivist before anyone sees them.

The exchange of 29 June – 1 July 1951 is composed here (the seed is its only real record):
Kim Il Sung asks Mao; Mao relays Kim's telegram to Stalin under his No. 3261 (received in
Moscow as No. 21336); Stalin answers Mao; Mao sends Stalin the text of his own telegram to
Kim; and on the American side the Joint Chiefs answer Ridgway's CX 66183.
"""

import datetime

import pytest
from django.test import Client

from archive.models import Alias, Document, DocumentRelation, Particular
from archive.relations.display import groups
from archive.relations.suggest import IMPORTER, read_date, references, suggest

from .admin_forms import admin_url, form_data, management_data
from .factory import make_document, make_person, make_role, make_staff, make_text
from .html import page_text

pytestmark = pytest.mark.django_db


def text_of(url):
    """The page as a visitor (no session, so through the page cache) sees it."""
    response = Client().get(url)
    assert response.status_code == 200
    return page_text(response.content.decode())


def day(d, month=6):
    return datetime.date(1951, month, d)


@pytest.fixture
def persons():
    kim = make_person("Kim Il Sung", name_ru="Ким Ир Сен", name_native="김일성")
    mao = make_person("Mao Zedong", name_ru="Мао Цзе-дун", name_native="毛泽东")
    stalin = make_person("Joseph Stalin", sort_name="Stalin, Joseph", name_ru="Иосиф Сталин")
    Alias.objects.create(person=stalin, name="Филиппов", kind="codename", language="ru")
    ridgway = make_person("Matthew Ridgway", sort_name="Ridgway, Matthew", name_ru="Риджуэй")
    jcs = make_person("Joint Chiefs of Staff")
    return {"kim": kim, "mao": mao, "stalin": stalin, "ridgway": ridgway, "jcs": jcs}


def telegram(author, recipient, date, title, ru=(), en=(), **roles):
    """A published telegram between two persons, with its Russian original and English
    translation (passages as strings, or (content, quote depth) pairs)."""
    document = make_document(title=title, date=date, original_language="ru")
    make_role(document, author, "author")
    make_role(document, recipient, "recipient")
    for role, person in roles.items():
        make_role(document, person, role)
    for language, kind, passages in (("ru", "transcription", ru), ("en", "translation", en)):
        if passages:
            text = make_text(document, language, kind, [_content(p) for p in passages])
            for passage, given in zip(text.passages.order_by("position"), passages, strict=True):
                if isinstance(given, tuple):
                    passage.quote_depth = given[1]
                    passage.save()
    return document


def _content(passage):
    return passage[0] if isinstance(passage, tuple) else passage


def number(document, kind, value, value_en=""):
    Particular.objects.create(document=document, kind=kind, value=value, value_en=value_en)


@pytest.fixture
def exchange(persons):
    kim, mao, stalin = persons["kim"], persons["mao"], persons["stalin"]
    asks = telegram(
        kim,
        mao,
        day(29),
        "Telegram from Kim Il Sung to Mao Zedong",
        ru=["Тов. Мао Цзе-дун!", "Как мы должны ответить, если Риджуэй захочет вести переговоры."],
        en=["Comrade Mao Zedong!", "How should we answer, if Ridgway wants to negotiate."],
    )
    relays = telegram(
        mao,
        stalin,
        day(30),
        "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
        ru=[
            "Товарищу ФИЛИПОВУ",
            "Телеграмма тов. Ким Ир Сена.",
            ('"Тов. Мао Цзе-дун! Прошу Вас срочно сообщить Ваше мнение."', 1),
            "МАО ЦЗЕ-ДУН",
        ],
        en=[
            "To Comrade FILIPPOV [Stalin]",
            "A telegram from Comrade Kim Il Sung.",
            ('"Comrade Mao Zedong! I ask you urgently to communicate your opinion."', 1),
            "Mao Zedong",
        ],
        relayed_author=kim,
        relayed_recipient=mao,
    )
    number(relays, "cipher_number", "ШИФРТЕЛЕГРАММА № 21336", "Ciphered telegram No. 21336")
    number(relays, "outgoing_number", "№ 3261\n30.6", "No. 3261, 30 June")
    answers = telegram(
        stalin,
        mao,
        day(1, 7),
        "Ciphered telegram from Filippov [Stalin] to Mao Zedong",
        ru=["Товарищу Мао Цзе-дуну.", "Вашу телеграмму № 3261 получил.", "ФИЛИППОВ"],
        en=["To Comrade Mao Zedong.", "Your telegram No. 3261 received.", "FILIPPOV"],
    )
    return {"asks": asks, "relays": relays, "answers": answers, **persons}


def suggested(document):
    return list(DocumentRelation.objects.filter(source=document).order_by("pk"))


# --- Both ends of a relation on the page ---------------------------------------------------


def test_a_relation_reads_from_both_ends(persons):
    first = make_document(title="Mao to Stalin", date=day(30))
    reply = make_document(title="Stalin to Mao", date=day(1, 7))
    DocumentRelation.objects.create(
        source=reply,
        target=first,
        kind="reply_to",
        evidence="Вашу телеграмму № 3261",
        certainty="probable",
        asserted_by="Wilson Center editors",
    )
    on_reply = text_of(reply.get_absolute_url())
    assert (
        "Reply to (rico:isReplyTo) Mao to Stalin, 30 June 1951: Вашу телеграмму № 3261 "
        "(probable; asserted by Wilson Center editors)"
    ) in on_reply
    on_first = text_of(first.get_absolute_url())
    assert "Replied to by (inverse of rico:isReplyTo) Stalin to Mao, 1 July 1951" in on_first
    html = Client().get(first.get_absolute_url()).content.decode()
    assert f'<a href="{reply.get_absolute_url()}" lang="en">Stalin to Mao</a>' in html
    assert '<q lang="ru">Вашу телеграмму № 3261</q>' in html  # the evidence, in its language


def test_a_certain_relation_does_not_say_so(db):
    reply, first = make_document(title="The reply"), make_document(title="The telegram")
    DocumentRelation.objects.create(
        source=reply, target=first, kind="reply_to", evidence="Your telegram No. 3261"
    )
    html = Client().get(reply.get_absolute_url()).content.decode()
    assert "Reply to (rico:isReplyTo) The telegram" in page_text(html)
    assert '<q lang="en">Your telegram No. 3261</q>' in html
    assert "certain" not in page_text(html).split("Related documents")[1]


def test_groups_follow_the_vocabulary_each_read_from_this_end(db):
    document = make_document(title="The middle")
    later, earlier = make_document(date=day(20)), make_document(date=day(2))
    enclosing, draft = make_document(title="The covering letter"), make_document(title="Draft")
    DocumentRelation.objects.create(source=document, target=later, kind="forwards")
    DocumentRelation.objects.create(source=document, target=earlier, kind="forwards")
    DocumentRelation.objects.create(source=enclosing, target=document, kind="encloses")
    DocumentRelation.objects.create(source=draft, target=document, kind="draft_of")
    DocumentRelation.objects.create(source=document, target=earlier, kind="reply_to")
    shown = groups(Document.objects.for_detail().get(pk=document.pk))
    assert [(str(g.label), g.standard, g.inverse) for g in shown] == [
        ("reply to", "rico:isReplyTo", False),
        ("forwards", "tei:correspAction[@type=forwarded]", False),
        ("enclosed in", "rico:hasOrHadConstituent", True),
        ("has draft", "rico:isDraftOf", True),
    ]
    forwarded = shown[1].items
    assert [item.other for item in forwarded] == [earlier, later]  # in the order written
    text = text_of(document.get_absolute_url()).split("Related documents")[1]
    positions = [
        text.index(label) for label in ("Reply to", "Forwards", "Enclosed in", "Has draft")
    ]
    assert positions == sorted(positions)


def test_suggestions_rejections_and_drafts_are_never_shown(db):
    question = make_document(title="Question from Beijing")
    suggested_one = make_document(title="Suggested answer")
    rejected_one = make_document(title="Rejected answer")
    draft = make_document(title="Draft answer", status="draft")
    for source, status in ((suggested_one, "suggested"), (rejected_one, "rejected")):
        DocumentRelation.objects.create(
            source=source, target=question, kind="reply_to", status=status, certainty="probable"
        )
    DocumentRelation.objects.create(source=draft, target=question, kind="reply_to")
    DocumentRelation.objects.create(source=question, target=draft, kind="references")
    DocumentRelation.objects.create(  # a suggestion whose document is not known yet
        source=question, target=None, kind="reply_to", status="suggested", evidence="№ 9999"
    )
    on_question = text_of(question.get_absolute_url())
    assert "Related documents" not in on_question
    for title in ("Suggested answer", "Rejected answer", "Draft answer", "№ 9999"):
        assert title not in on_question
    for answer in (suggested_one, rejected_one):
        text = text_of(answer.get_absolute_url())
        assert "Related documents" not in text and "Question from Beijing" not in text


# --- Reading references -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "kind", "evidence", "number", "date"),
    [
        ("Ваша телеграмма № 3261 получена.", "reply_to", "Ваша телеграмма № 3261", "3261", None),
        ("Your telegram No. 3261 received.", "reply_to", "Your telegram No. 3261", "3261", None),
        ("YOUR TELEGRAM NO. 3261", "reply_to", "YOUR TELEGRAM NO. 3261", "3261", None),
        ("Reur CX 66183. JCS concurs.", "reply_to", "Reur CX 66183", "CX 66183", None),
        (
            "Your telegram of 21 February received.",
            "reply_to",
            "Your telegram of 21 February",
            "",
            datetime.date(1951, 2, 21),
        ),
        (
            "Получил вашу телеграмму от 21 февраля.",
            "reply_to",
            "вашу телеграмму от 21 февраля",
            "",
            datetime.date(1951, 2, 21),
        ),
        (
            "Ваша телеграмма № 3261 от 30.6 получена.",
            "reply_to",
            "Ваша телеграмма № 3261 от 30.6",
            "3261",
            day(30),
        ),
        (
            "I send you the text of my telegram to Kim Il Sung:",
            "forwards",
            "I send you the text of my telegram to Kim Il Sung",
            "",
            None,
        ),
        (
            "Посылаю Вам текст моей телеграммы тов. Ким Ир Сену.",
            "forwards",
            "Посылаю Вам текст моей телеграммы тов. Ким Ир Сену",
            "",
            None,
        ),
        ("Телеграмма тов. Ким Ир Сена.", "forwards", "Телеграмма тов. Ким Ир Сена", "", None),
        (
            "A telegram from Comrade Kim Il Sung.",
            "forwards",
            "A telegram from Comrade Kim Il Sung",
            "",
            None,
        ),
    ],
)
def test_references_are_read_in_english_and_russian(words, kind, evidence, number, date):
    # A relayed message's line is followed by the message, quoted.
    (found,) = references(words, on=day(1, 7), quotation_follows=True)
    assert (found.kind, found.evidence, found.number, found.date) == (kind, evidence, number, date)


@pytest.mark.parametrize(
    "words",
    [
        "I agree with your message.",  # no number, no date: no one telegram
        "I had a telegram from Comrade Kim Il Sung yesterday, asking for advice.",  # a mention
        "Наш ответ будет дан позже.",
        "Телеграмма Ким Ир Сена Мао Цзэдуну",  # a heading: no message quoted after it
    ],
)
def test_words_that_name_no_telegram_are_passed_over(words):
    assert references(words, on=day(1, 7)) == []


def test_a_relayed_message_is_the_quotation_its_line_introduces():
    (found,) = references('Телеграмма тов. Ким Ир Сена.\n"Тов. Мао Цзе-дун!"')
    assert (found.kind, found.name) == ("forwards", "Ким Ир Сена")


def test_a_date_without_a_year_is_the_last_such_day_before_the_document():
    assert read_date("21 February", on=datetime.date(1951, 6, 30)) == datetime.date(1951, 2, 21)
    assert read_date("21 December", on=datetime.date(1951, 6, 30)) == datetime.date(1950, 12, 21)
    assert read_date("29.6.51", on=None) == day(29)
    assert read_date("June 30, 1951") == day(30)
    assert read_date("30 February", on=day(30)) is None
    assert read_date("21 February", on=None) is None  # no year to be had


# --- Suggesting them -----------------------------------------------------------------------


def test_a_relayed_telegram_is_suggested_as_forwarded(exchange):
    (relation,) = suggest(exchange["relays"])
    assert relation.target == exchange["asks"]
    assert (relation.kind, relation.status, relation.asserted_by) == (
        "forwards",
        "suggested",
        IMPORTER,
    )
    # Read in the original first: the translation's words for it are the same reference.
    assert relation.evidence == "Телеграмма тов. Ким Ир Сена"
    assert relation.certainty == "possible"  # by persons and date: no number names it
    assert suggested(exchange["relays"]) == [relation]


def test_a_reply_is_suggested_by_the_number_it_cites(exchange):
    (relation,) = suggest(exchange["answers"])
    assert (relation.target, relation.kind) == (exchange["relays"], "reply_to")
    assert relation.evidence == "Вашу телеграмму № 3261"
    assert relation.certainty == "probable"
    # The quoted message inside the relaying telegram says "Ваше мнение": no reference.
    assert suggest(exchange["asks"]) == []


def test_a_reply_is_suggested_by_date_and_persons(exchange):
    later = telegram(
        exchange["stalin"],
        exchange["mao"],
        day(2, 7),
        "Filippov to Mao, 2 July",
        en=["Your telegram of 30 June has been considered."],
    )
    (relation,) = suggest(later)
    # Mao's telegram of 30 June to Stalin, not Kim's of the day before to Mao.
    assert relation.target == exchange["relays"]
    assert (relation.evidence, relation.certainty) == ("Your telegram of 30 June", "possible")


def test_the_authors_own_telegram_sent_on_is_suggested_as_forwarded(exchange):
    mao, kim, stalin = exchange["mao"], exchange["kim"], exchange["stalin"]
    to_kim = telegram(mao, kim, day(1, 7), "Mao Zedong to Kim Il Sung", ru=["Тов. Ким Ир Сен!"])
    sends_on = telegram(
        mao,
        stalin,
        day(1, 7),
        "Mao Zedong to Filippov, 1 July",
        ru=["Посылаю Вам текст моей телеграммы Ким Ир Сену.", ("Тов. Ким Ир Сен!", 1)],
    )
    (relation,) = suggest(sends_on)
    # Not the telegram Mao sent Stalin the day before: this one went to Kim.
    assert (relation.target, relation.kind) == (to_kim, "forwards")
    assert relation.evidence == "Посылаю Вам текст моей телеграммы Ким Ир Сену"


def test_reur_finds_the_message_by_its_number(persons):
    ridgway, jcs = persons["ridgway"], persons["jcs"]
    asks = telegram(ridgway, jcs, day(29), "CINCFE to JCS", en=["Request instructions."])
    number(asks, "outgoing_number", "CX 66183")
    longer = telegram(ridgway, jcs, day(28), "CINCFE to JCS, earlier", en=["Situation report."])
    number(longer, "outgoing_number", "CX 661830")  # another number, which merely begins so
    answers = telegram(jcs, ridgway, day(30), "JCS to CINCFE", en=["Reur CX 66183. JCS concurs."])
    (relation,) = suggest(answers)
    assert (relation.target, relation.evidence, relation.certainty) == (
        asks,
        "Reur CX 66183",
        "probable",
    )


def test_a_reference_to_a_document_not_held_keeps_its_words_and_waits(exchange):
    later = telegram(
        exchange["stalin"],
        exchange["mao"],
        day(3, 7),
        "Filippov to Mao, 3 July",
        ru=["Ваша телеграмма № 4000 получена."],
    )
    (relation,) = suggest(later)
    assert relation.target is None
    assert (relation.evidence, relation.status) == ("Ваша телеграмма № 4000", "suggested")
    assert suggest(later) == []  # not suggested twice
    # Mao's No. 4000 is imported afterwards: suggesting again completes the same row.
    missing = telegram(exchange["mao"], exchange["stalin"], day(2, 7), "Mao to Filippov, 2 July")
    number(missing, "outgoing_number", "№ 4000")
    (completed,) = suggest(later)
    assert completed.pk == relation.pk and completed.target == missing
    assert completed.certainty == "probable"
    assert len(suggested(later)) == 1


def test_a_reference_that_fits_several_documents_names_them_and_chooses_none(exchange):
    telegram(exchange["mao"], exchange["stalin"], day(30), "Another telegram of 30 June")
    later = telegram(
        exchange["stalin"],
        exchange["mao"],
        day(2, 7),
        "Filippov to Mao, 2 July",
        en=["Your telegram of 30 June received."],
    )
    (relation,) = suggest(later)
    assert relation.target is None
    assert str(exchange["relays"].record_id) in relation.note


def test_nothing_is_suggested_twice_not_even_what_was_rejected(exchange):
    answers = exchange["answers"]
    (relation,) = suggest(answers)
    assert suggest(answers) == []
    relation.status = "rejected"
    relation.save()
    assert suggest(answers) == []
    assert suggested(answers) == [relation]


def test_a_link_an_archivist_made_is_not_suggested_again(exchange):
    made = DocumentRelation.objects.create(
        source=exchange["answers"], target=exchange["relays"], kind="references"
    )
    assert suggest(exchange["answers"]) == []
    assert suggested(exchange["answers"]) == [made]


def test_the_seed_suggests_the_telegram_it_relays_which_the_archive_does_not_hold(seed):
    # The fixture holds the suggestion the importer made; made afresh, it is the same.
    DocumentRelation.objects.filter(source=seed).delete()
    (relation,) = suggest(seed)
    assert (relation.kind, relation.target) == ("forwards", None)
    assert relation.evidence == "Телеграмма тов. Ким Ир Сена"
    assert (relation.status, relation.asserted_by) == ("suggested", IMPORTER)
    assert "Related documents" not in text_of(seed.get_absolute_url())


def test_suggestions_are_not_public(exchange):
    suggest(exchange["answers"])
    suggest(exchange["relays"])
    for document in exchange["asks"], exchange["relays"], exchange["answers"]:
        assert "Related documents" not in text_of(document.get_absolute_url())


# --- Confirming and rejecting them in the admin --------------------------------------------


def decide(client, action, *relations, follow=True):
    return client.post(
        admin_url(DocumentRelation, "changelist"),
        {"action": action, "_selected_action": [relation.pk for relation in relations]},
        follow=follow,
    )


def test_a_confirmed_suggestion_shows_on_both_pages_at_once(exchange, staff_client):
    relays, answers = exchange["relays"], exchange["answers"]
    (relation,) = suggest(answers)
    before = {d: Client().get(d.get_absolute_url()) for d in (relays, answers)}  # now cached
    response = decide(staff_client, "confirm", relation)
    assert "1 suggestion set to confirmed." in page_text(response.content.decode())
    relation.refresh_from_db()
    assert relation.status == "confirmed"
    on_reply = text_of(answers.get_absolute_url())
    assert f"Reply to (rico:isReplyTo) {relays.title}, 30 June 1951" in on_reply
    assert "Вашу телеграмму № 3261 (probable; asserted by importer)" in on_reply
    on_first = text_of(relays.get_absolute_url())
    assert f"Replied to by (inverse of rico:isReplyTo) {answers.title}" in on_first
    for document, response in before.items():
        again = Client().get(document.get_absolute_url())
        assert again["ETag"] != response["ETag"]  # a new version of each page, not the cached


def test_a_rejected_suggestion_is_never_shown_nor_suggested_again(exchange, staff_client):
    (relation,) = suggest(exchange["relays"])
    decide(staff_client, "reject", relation)
    relation.refresh_from_db()
    assert relation.status == "rejected"
    assert "Related documents" not in text_of(exchange["relays"].get_absolute_url())
    assert "Related documents" not in text_of(exchange["asks"].get_absolute_url())
    assert suggest(exchange["relays"]) == []


def test_a_suggestion_without_its_document_cannot_be_confirmed(exchange, staff_client):
    (found,) = suggest(exchange["answers"])
    waiting = DocumentRelation.objects.create(
        source=exchange["relays"],
        kind="reply_to",
        evidence="Ваша телеграмма № 9999",
        status="suggested",
        certainty="probable",
        asserted_by=IMPORTER,
    )
    response = decide(staff_client, "confirm", found, waiting)
    text = page_text(response.content.decode())
    assert "Nothing was confirmed: 1 of the selected suggestions names no document" in text
    assert "“Ваша телеграмма № 9999”" in text
    found.refresh_from_db(), waiting.refresh_from_db()
    assert (found.status, waiting.status) == ("suggested", "suggested")
    # On its own page, confirming it without a document is refused in words.
    response = staff_client.get(admin_url(DocumentRelation, "change", waiting.pk))
    data = form_data(response) | {"status": "confirmed"}
    response = staff_client.post(admin_url(DocumentRelation, "change", waiting.pk), data)
    assert response.status_code == 200
    assert "A confirmed relation needs its document" in page_text(response.content.decode())
    # With its document chosen, it is confirmed.
    data["target"] = exchange["asks"].pk
    response = staff_client.post(admin_url(DocumentRelation, "change", waiting.pk), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.target) == ("confirmed", exchange["asks"])


def test_the_actions_leave_decided_relations_as_they_are(exchange, staff_client):
    made = DocumentRelation.objects.create(
        source=exchange["relays"], target=exchange["asks"], kind="forwards"
    )
    response = decide(staff_client, "reject", made)
    assert "1 selected relation was not a suggestion" in page_text(response.content.decode())
    made.refresh_from_db()
    assert made.status == "confirmed"


def test_an_archivist_lists_the_suggestions_and_decides(exchange, client):
    suggest(exchange["answers"])
    suggest(exchange["relays"])
    DocumentRelation.objects.create(
        source=exchange["answers"], target=exchange["asks"], kind="references"
    )
    client.force_login(make_staff("archivist", "Archivist"))
    listed = client.get(admin_url(DocumentRelation, "changelist"), {"status__exact": "suggested"})
    assert listed.status_code == 200
    shown = list(listed.context["cl"].result_list)
    assert {r.status for r in shown} == {"suggested"} and len(shown) == 2
    text = page_text(listed.content.decode())
    assert "“Вашу телеграмму № 3261”" in text and "“Телеграмма тов. Ким Ир Сена”" in text
    assert "Confirm the selected suggestions" in listed.content.decode()
    searched = client.get(admin_url(DocumentRelation, "changelist"), {"q": "3261"})
    assert [r.evidence for r in searched.context["cl"].result_list] == ["Вашу телеграмму № 3261"]
    decide(client, "confirm", *shown)
    assert set(DocumentRelation.objects.values_list("status", flat=True)) == {"confirmed"}
    assert "Forwarded in" in text_of(exchange["asks"].get_absolute_url())


def test_a_relation_is_entered_with_its_document(exchange, staff_client):
    relays, asks = exchange["relays"], exchange["asks"]
    url = admin_url(Document, "change", relays.pk)
    response = staff_client.get(url)
    (inline,) = [
        i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "relations_from"
    ]
    fields = list(inline.formset.form.base_fields)
    assert fields[:7] == [
        "kind",
        "target",
        "evidence",
        "certainty",
        "asserted_by",
        "status",
        "note",
    ]
    row = {
        "kind": "forwards",
        "target": asks.pk,
        "evidence": "Телеграмма тов. Ким Ир Сена",
        "certainty": "certain",
        "asserted_by": "Wilson Center editors",
        "status": "confirmed",
    }
    data = form_data(response) | management_data(response, relations_from=[row])
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert "Forwarded in (inverse of tei:correspAction[@type=forwarded])" in text_of(
        asks.get_absolute_url()
    )
    assert "asserted by Wilson Center editors" in text_of(relays.get_absolute_url())
