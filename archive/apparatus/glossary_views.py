"""The glossary's pages, and its export as SKOS.

    /glossary/             every entry with its senses
    /glossary/<slug>/      one entry: forms, senses, and the published documents using it
    /glossary/skos.ttl     the glossary as a SKOS concept scheme, in Turtle
    /glossary/skos.jsonld  the same in JSON-LD

In SKOS an entry is one skos:Concept: its headword the prefLabel, every other form an
altLabel in its language. The archive links a form, not a meaning (where ЦК is written
the reader tells the Central Committee from the Chinese Communists by the context), so
an entry with two senses stays one concept, its definition in each language numbering
the senses, and each sense's label is a skos:note. Two concepts would need two
addresses for one link, and the same prefLabel twice in one scheme, which SKOS advises
against.
"""

import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from .glossary import documents_using, localized
from .models import GlossaryEntry, GlossarySense

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"


def _entries():
    return GlossaryEntry.objects.select_related("collection").prefetch_related(
        "forms", Prefetch("senses", queryset=GlossarySense.objects.order_by("position", "pk"))
    )


def _headword_language(entry):
    # The headword is one of the forms, and the form says its language (ВКП(б): ru).
    for glossary_form in entry.forms.all():
        if glossary_form.form == entry.headword:
            return glossary_form.language
    return ""


def _for_reading(entry):
    entry.senses_here = [localized(sense) for sense in entry.senses.all()]
    entry.headword_language = _headword_language(entry)
    return entry


def glossary_list(request):
    entries = [_for_reading(entry) for entry in _entries()]
    return render(request, "archive/glossary_list.html", {"entries": entries})


def glossary_entry(request, slug):
    entry = _for_reading(get_object_or_404(_entries(), slug=slug))
    context = {
        "entry": entry,
        "forms": list(entry.forms.all()),
        "documents": documents_using(entry),
    }
    return render(request, "archive/glossary_entry.html", context)


# -- SKOS ----------------------------------------------------------------------------------


def concept_scheme(request):
    """The glossary as plain data: (scheme, [concept]), each a dict of SKOS properties whose
    values are ("literal", text, language), ("uri", address) or lists of them."""
    scheme_uri = request.build_absolute_uri(reverse("archive:glossary_list"))
    concepts = []
    for entry in _entries():
        uri = request.build_absolute_uri(entry.get_absolute_url())
        senses = list(entry.senses.all())
        headword_language = _headword_language(entry)
        concept = {
            "uri": uri,
            "prefLabel": [(entry.headword, headword_language)],
            # A label is a prefLabel or an altLabel of a concept, never both (SKOS S13).
            "altLabel": [
                (glossary_form.form, glossary_form.language)
                for glossary_form in entry.forms.all()
                if glossary_form.form != entry.headword
            ],
            "definition": _definitions(senses),
            "note": [(sense.label, "en") for sense in senses if len(senses) > 1]
            + [(sense.label_ru, "ru") for sense in senses if len(senses) > 1 and sense.label_ru],
            "scopeNote": [(entry.note, "en")] if entry.note else [],
        }
        if entry.collection is not None:
            concept["scopeNote"].append(
                (f"Used in the collection “{entry.collection}” only.", "en")
            )
        concepts.append(concept)
    scheme = {"uri": scheme_uri, "prefLabel": [("Glossary of the Cold War Archive", "en")]}
    return scheme, concepts


def _definitions(senses):
    found = []
    for language, field in (("en", "definition_en"), ("ru", "definition_ru")):
        parts = [(sense, getattr(sense, field)) for sense in senses if getattr(sense, field)]
        if len(parts) == 1:
            found.append((parts[0][1], language))
        elif parts:
            label = "label_ru" if language == "ru" else "label"
            found.append(
                (
                    " ".join(
                        f"({n}) {getattr(sense, label) or sense.label}: {text}"
                        for n, (sense, text) in enumerate(parts, 1)
                    ),
                    language,
                )
            )
    return found


@require_safe
def skos_turtle(request):
    scheme, concepts = concept_scheme(request)
    lines = [
        f"@prefix skos: <{SKOS}> .",
        f"@prefix dct: <{DCT}> .",
        "",
        f"<{scheme['uri']}> a skos:ConceptScheme ;",
        f"    skos:prefLabel {_literals(scheme['prefLabel'])} ;",
        f"    dct:title {_literals(scheme['prefLabel'])}" + (" ;" if concepts else " ."),
    ]
    if concepts:
        tops = ", ".join(f"<{concept['uri']}>" for concept in concepts)
        lines.append(f"    skos:hasTopConcept {tops} .")
    for concept in concepts:
        lines += ["", f"<{concept['uri']}> a skos:Concept ;"]
        lines.append(f"    skos:inScheme <{scheme['uri']}> ;")
        lines.append(f"    skos:topConceptOf <{scheme['uri']}> ;")
        properties = [
            (name, concept[name])
            for name in ("prefLabel", "altLabel", "definition", "note", "scopeNote")
            if concept[name]
        ]
        for n, (name, values) in enumerate(properties):
            end = " ." if n == len(properties) - 1 else " ;"
            lines.append(f"    skos:{name} {_literals(values)}{end}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/turtle; charset=utf-8")


def _literals(values):
    return ", ".join(_literal(text, language) for text, language in values)


_TURTLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _literal(text, language):
    # A short string literal: every character that could end or break it is escaped.
    quoted = '"' + text.translate(_TURTLE_ESCAPES) + '"'
    return f"{quoted}@{language}" if language else quoted


@require_safe
def skos_jsonld(request):
    scheme, concepts = concept_scheme(request)
    graph = [
        {
            "@id": scheme["uri"],
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": _values(scheme["prefLabel"]),
            "dct:title": _values(scheme["prefLabel"]),
            "skos:hasTopConcept": [{"@id": concept["uri"]} for concept in concepts],
        }
    ]
    for concept in concepts:
        node = {
            "@id": concept["uri"],
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme["uri"]},
            "skos:topConceptOf": {"@id": scheme["uri"]},
        }
        for name in ("prefLabel", "altLabel", "definition", "note", "scopeNote"):
            if concept[name]:
                node[f"skos:{name}"] = _values(concept[name])
        graph.append(node)
    document = {"@context": {"skos": SKOS, "dct": DCT}, "@graph": graph}
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )


def _values(values):
    return [
        {"@value": text, "@language": language} if language else {"@value": text}
        for text, language in values
    ]


# Added to archive/urls.py's urlpatterns, so the names are archive:glossary_list and so on.
urlpatterns = [
    path("glossary/", require_safe(glossary_list), name="glossary_list"),
    path("glossary/skos.ttl", skos_turtle, name="glossary_skos_turtle"),
    path("glossary/skos.jsonld", skos_jsonld, name="glossary_skos_jsonld"),
    path("glossary/<slug:slug>/", require_safe(glossary_entry), name="glossary_entry"),
]
