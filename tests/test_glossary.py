"""The glossary: terms found in the texts, its pages, search by its terms, and SKOS."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from archive.apparatus.glossary import documents_using, form_pattern, is_abbreviation, terms_for
from archive.models import Collection, Document, GlossaryEntry, GlossaryForm, GlossarySense
from archive.search.query import expand, parse

from .factory import make_document, make_text


def make_entry(slug, headword, forms, senses=(("A sense", "An explanation."),), **fields):
    entry = GlossaryEntry.objects.create(slug=slug, headword=headword, **fields)
    for form in forms:
        GlossaryForm.objects.create(entry=entry, form=form, language="ru")
    for position, (label, definition) in enumerate(senses):
        GlossarySense.objects.create(
            entry=entry, label=label, definition_en=definition, position=position
        )
    return entry


def texts_of(document):
    return list(document.texts.prefetch_related("passages").order_by("position"))


def linked(document):
    """{passage content: [the words linked, entry slug]} of a document's texts."""
    spans, _entries = terms_for(document, texts_of(document))
    found = {}
    for text in texts_of(document):
        for passage in text.passages.all():
            for start, end, href, _title in spans.get(passage.pk, []):
                slug = href.rstrip("/").rsplit("/", 1)[-1]
                found.setdefault(passage.content, []).append((passage.content[start:end], slug))
    return found


# -- the fixtures ---------------------------------------------------------------------------


def test_the_seed_fixtures_load_in_order_with_the_glossary(seed):
    assert "glossary" in settings.ARCHIVE_SEED_FIXTURES
    entries = {entry.slug: entry for entry in GlossaryEntry.objects.prefetch_related("forms")}
    assert set(entries) == {"vkp-b", "tsk", "genshtab", "os", "shifrtelegramma", "ekz"}
    assert {form.form for form in entries["genshtab"].forms.all()} >= {"ГЕНШТАБА", "General Staff"}
    assert list(entries["tsk"].senses.values_list("label", flat=True)) == [
        "Central Committee",
        "Chinese Communists",
    ]
    for entry in entries.values():  # bilingual: every sense defined in both languages
        assert all(sense.definition_en and sense.definition_ru for sense in entry.senses.all())


def test_the_glossary_fixture_names_its_entries_by_natural_key():
    with open(settings.BASE_DIR / "fixtures" / "glossary.json", encoding="utf-8") as file:
        objects = json.load(file)
    slugs = {o["fields"]["slug"] for o in objects if o["model"] == "archive.glossaryentry"}
    parts = [o for o in objects if o["model"] != "archive.glossaryentry"]
    assert parts and all(o["fields"]["entry"] in [[slug] for slug in slugs] for o in parts)
    assert all("pk" not in o for o in objects if o["model"] == "archive.glossaryentry")


# -- finding terms ----------------------------------------------------------------------------


def test_the_seed_links_each_term_once_in_each_text(seed):
    found = linked(seed)
    heading = "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ *тов. Сталину*"
    assert found[heading] == [("ГЕНШТАБА", "genshtab")]
    assert found["SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"] == [
        ("GENERAL STAFF", "genshtab")
    ]
    stamp = next(content for content in found if "ОС ЦК" in content)
    assert found[stamp] == [("ОС", "os"), ("ЦК", "tsk"), ("ВКП(б)", "vkp-b")]
    assert ("ШИФРТЕЛЕГРАММА", "shifrtelegramma") in found["ШИФРТЕЛЕГРАММА № 21336"]
    assert ("CIPHERED TELEGRAM", "shifrtelegramma") in found["CIPHERED TELEGRAM No. 21336"]
    # Later uses are not linked again: ГЕНШТАБА in the return instruction, "генштаба" and
    # "General Staff" in the quoted report, the second "экз.".
    every = [slug for links in found.values() for _words, slug in links]
    assert every.count("genshtab") == 2 and every.count("ekz") == 1


def test_the_panel_lists_the_terms_used_with_their_senses_and_forms(seed):
    _spans, entries = terms_for(seed, texts_of(seed))
    by_slug = {entry.slug: entry for entry in entries}
    assert set(by_slug) == {"vkp-b", "tsk", "genshtab", "os", "shifrtelegramma", "ekz"}
    assert [s.label for s in by_slug["tsk"].used_senses] == [
        "Central Committee",
        "Chinese Communists",
    ]
    forms = dict(by_slug["genshtab"].used_forms)
    assert {"ГЕНШТАБА", "генштаба", "GENERAL STAFF", "General Staff"} <= set(forms)
    assert forms["GENERAL STAFF"] == "en" and forms["ГЕНШТАБА"] == "ru"


def test_the_links_title_explains_the_term(seed):
    spans, _entries = terms_for(seed, texts_of(seed))
    titles = {title for links in spans.values() for *_, title in links}
    assert "ЦК: Central Committee; Chinese Communists" in titles


def test_an_abbreviation_is_found_as_written_a_word_in_any_case(db):
    make_entry("os", "ОС", ["ОС"])
    make_entry("tsk", "ЦК", ["ЦК"])
    make_entry("genshtab", "Генштаб", ["Генштаба"])
    document = make_document()
    make_text(document, "ru", passages=["Осы, ос и ЦКБ; генштаба нет. Потом ОС ЦК и ГЕНШТАБА."])
    (links,) = linked(document).values()
    assert links == [("генштаба", "genshtab"), ("ОС", "os"), ("ЦК", "tsk")]


@pytest.mark.parametrize(
    "form, abbreviation",
    [("ЦК", True), ("ВКП(б)", True), ("экз.", True), ("ГЕНШТАБА", False), ("General Staff", False)],
)
def test_which_forms_are_abbreviations(form, abbreviation):
    assert is_abbreviation(form) is abbreviation


def test_a_form_with_a_space_spans_a_line_break_but_not_a_longer_word():
    pattern = re.compile(form_pattern("ВКП (б)"))
    assert pattern.search("ЦК\nВКП\n(б)") and not pattern.search("ВКП (бб)")
    assert not re.search(form_pattern("Генштаб"), "Генштаба")


def test_terms_in_notes_and_editors_insertions_are_not_linked(db):
    make_entry("tsk", "ЦК", ["ЦК"])
    document = make_document()
    make_text(document, "en", passages=["[ЦК] and [Translator's note: ЦК] before ЦК."])
    (links,) = linked(document).values()
    content = "[ЦК] and [Translator's note: ЦК] before ЦК."
    spans, _ = terms_for(document, texts_of(document))
    ((start, _end, _href, _title),) = next(iter(spans.values()))
    assert links == [("ЦК", "tsk")] and start == content.rindex("ЦК")


def test_a_collections_term_is_found_in_that_collections_documents_only(db):
    collection = Collection.objects.create(name="Korean War", slug="korean-war")
    make_entry("kpa", "КНА", ["КНА"], collection=collection)
    inside, outside = make_document(), make_document()
    inside.collections.add(collection)
    for document in (inside, outside):
        make_text(document, "ru", passages=["Войска КНА."])
    assert linked(inside) == {"Войска КНА.": [("КНА", "kpa")]}
    assert linked(outside) == {}


def test_the_document_page_shows_the_panel_of_its_terms(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    start = html.index('<section class="glossary-terms" id="glossary-terms"')
    panel = html[start : html.index("</section>", start)]
    for slug in ("vkp-b", "tsk", "genshtab", "os", "shifrtelegramma", "ekz"):
        entry = GlossaryEntry.objects.get(slug=slug)
        assert f'<dt id="term-{slug}"><a href="{entry.get_absolute_url()}">' in panel
    assert "<strong>Central Committee</strong>" in panel
    assert "<strong>Chinese Communists</strong>" in panel


# -- the glossary's pages -----------------------------------------------------------------------


def test_every_page_links_to_the_glossary_and_the_sitemap_lists_its_entries(client, seed):
    for path in ("/", "/documents/", seed.get_absolute_url(), "/persons/"):
        html = client.get(path).content.decode()
        assert f'href="{reverse("archive:glossary_list")}"' in html, path
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/glossary/</loc>" in xml
    for entry in GlossaryEntry.objects.all():
        assert f"<loc>http://testserver{entry.get_absolute_url()}</loc>" in xml
        assert f"<loc>http://testserver/ru{entry.get_absolute_url()}</loc>" in xml


def test_a_collections_term_lists_only_that_collections_documents(client, db):
    collection = Collection.objects.create(name="Korean War", slug="korean-war")
    make_entry("kpa", "КНА", ["КНА"], collection=collection)
    inside = make_document(title="Inside the collection")
    outside = make_document(title="Outside the collection")
    inside.collections.add(collection)
    for document in (inside, outside):
        make_text(document, "ru", passages=["Войска КНА."])
    page = client.get(reverse("archive:glossary_entry", args=["kpa"])).content.decode()
    assert inside.title in page and outside.title not in page


def test_an_entry_page_lists_the_published_documents_using_the_term(client, seed):
    draft = make_document(status="draft", title="A draft with the General Staff")
    make_text(draft, "ru", passages=["ГЕНШТАБА"])
    other = make_document(title="Without the term")
    make_text(other, "ru", passages=["Штаб войск ООН."])
    entry = GlossaryEntry.objects.get(slug="genshtab")
    assert documents_using(entry) == [seed]
    page = client.get(reverse("archive:glossary_entry", args=["genshtab"])).content.decode()
    assert seed.title in page and draft.title not in page and other.title not in page
    assert "General Staff" in page and "Генерального штаба" in page  # senses and forms


def test_the_glossary_lists_every_entry_and_its_export(client, seed):
    page = client.get(reverse("archive:glossary_list")).content.decode()
    for entry in GlossaryEntry.objects.all():
        assert entry.get_absolute_url() in page
    assert reverse("archive:glossary_skos_turtle") in page
    assert client.get("/glossary/no-such-term/").status_code == 404


def test_the_russian_glossary_gives_the_russian_definitions(client, seed):
    page = client.get("/ru" + reverse("archive:glossary_entry", args=["genshtab"])).content
    assert "Генеральный штаб" in page.decode()


# -- search -------------------------------------------------------------------------------------


def test_expansion_adds_the_forms_to_the_clauses_that_name_the_term():
    glossary = [(["General Staff", "ГЕНШТАБА"], ["ГЕНШТАБА", "Генштаба"])]
    query = expand(parse("General Staff Ridgway"), glossary)
    texts = [[item.text for item in clause] for clause in query.clauses]
    assert texts == [
        ["General", "ГЕНШТАБА", "Генштаба"],
        ["Staff", "ГЕНШТАБА", "Генштаба"],
        ["Ridgway"],
    ]
    assert [len(c) for c in expand(parse("Staff"), glossary).clauses] == [1]  # not the term


def test_general_staff_finds_a_russian_text_that_says_genshtaba(db):
    make_entry("genshtab", "Генштаб", ["ГЕНШТАБА", "General Staff"])
    russian = make_document(title="Телеграмма")
    make_text(russian, "ru", passages=["ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА"])
    unrelated = make_document(title="Другая")
    make_text(unrelated, "ru", passages=["Штаб войск ООН."])
    assert list(Document.objects.search("General Staff")) == [russian]
    assert list(Document.objects.search('"General Staff"')) == [russian]


def test_central_committee_finds_the_seeds_tsk_vkp_b(seed):
    other = make_document(title="A committee elsewhere")
    make_text(other, "en", passages=["The central heating committee met."])
    found = list(Document.objects.search("Central Committee").order_by("pk"))
    assert seed in found and other in found  # the words as typed still match
    assert list(Document.objects.search('"Central Committee"')) == [seed]


# -- SKOS -----------------------------------------------------------------------------------------

_LITERAL = re.compile(r'"(?:[^"\\\n]|\\["\\nrt])*"(?:@[a-z]+(?:-[a-z0-9]+)*)?')
_URI = re.compile(r"<[^<>\"\s]+>")


def test_the_turtle_export_is_a_concept_scheme_of_well_formed_statements(client, seed):
    response = client.get(reverse("archive:glossary_skos_turtle"))
    assert response["Content-Type"].startswith("text/turtle")
    turtle = response.content.decode()
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in turtle
    # Once literals and addresses are taken out, only prefixed names and punctuation remain.
    bare = _URI.sub(" U ", _LITERAL.sub(" L ", turtle))
    leftovers = re.sub(r"@prefix\s+\w+:\s+U\s+\.|\b(?:skos|dct):\w+\b|\ba\b|[U L;,.]|\n", " ", bare)
    assert leftovers.strip() == ""
    # Each subject's statements end with one full stop.
    statements = [s for s in re.split(r"\s\.\n", _LITERAL.sub("L", turtle)) if s.strip()]
    subjects = [s for s in statements if not s.lstrip().startswith("@prefix")]
    assert len(subjects) == 1 + GlossaryEntry.objects.count()
    assert "a skos:ConceptScheme" in subjects[0]
    entry = "http://testserver" + reverse("archive:glossary_entry", args=["vkp-b"])
    concept = next(s for s in subjects if s.lstrip().startswith(f"<{entry}>"))
    # ВКП(б): its headword, its two other forms, a definition in each language.
    assert "skos:prefLabel L ;" in concept and "skos:altLabel L, L ;" in concept
    assert "skos:definition L, L" in concept
    assert 'skos:prefLabel "ВКП(б)"@ru ;' in turtle and '"VKP(b)"@en' in turtle


def test_the_json_ld_export_has_a_context_and_a_concept_per_entry(client, seed):
    response = client.get(reverse("archive:glossary_skos_jsonld"))
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    concepts = [node for node in data["@graph"] if node["@type"] == "skos:Concept"]
    assert len(concepts) == GlossaryEntry.objects.count()
    tsk = next(node for node in concepts if node["skos:prefLabel"][0]["@value"] == "ЦК")
    assert {"@value": "CC", "@language": "en"} in tsk["skos:altLabel"]
    definitions = {value["@language"]: value["@value"] for value in tsk["skos:definition"]}
    assert definitions["en"].startswith("(1) Central Committee:")
    assert "(2) Chinese Communists:" in definitions["en"] and "(2)" in definitions["ru"]
    # The headword is the prefLabel only: SKOS forbids the same label as both.
    assert all(
        label not in node.get("skos:altLabel", [])
        for node in concepts
        for label in node["skos:prefLabel"]
    )


# -- the admin --------------------------------------------------------------------------------------


def test_an_entry_is_edited_with_its_forms_and_senses(staff_client, seed):
    entry = GlossaryEntry.objects.get(slug="tsk")
    page = staff_client.get(reverse("admin:archive_glossaryentry_change", args=[entry.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="forms-0-form"' in html and 'name="senses-1-label"' in html
    assert "Chinese Communists" in html
