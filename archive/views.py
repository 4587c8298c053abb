"""Public pages. Each view evaluates its queries and hands plain lists to its template."""

from django import forms
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import override as override_language

from . import search
from .alignment import align, choose_pair
from .apparatus import discrepancies
from .apparatus.glossary import terms_for
from .chronology.display import document_date
from .chronology.readings import readings
from .chronology.views import IN_DATE_ORDER, event_dates
from .correspondence import correspondents, person_arrows
from .filters import PERSON_FACET_LIMIT, DocumentFilter, facet_counts
from .formats import chicago, embedded
from .formats.record import record_for
from .markup import (
    CORRECTED,
    WRITTEN,
    has_corrections,
    reading_shown,
    render_passage,
    supplier_of,
)
from .models import Collection, Document, Event, Person, Repository, Role, Source
from .pagination import GracefulPaginator, page_of_list
from .pictures import person_network
from .relations.display import groups as relation_groups

SHOW_CHOICES = ("both", "original", "translation")
# Sources shown as words rather than as references or publications.
NOTE_KINDS = (Source.Kind.PROVENANCE, Source.Kind.VERBATIM)
# Browse filters typed into the form; the others are chosen from the facet lists.
FORM_INPUTS = ("q", "date_from", "date_to", "sort")


def home(request):
    documents = Document.objects.published()
    return render(
        request,
        "archive/home.html",
        {
            "document_count": documents.count(),
            "person_count": Person.objects.public().count(),
            "repositories": list(Repository.objects.cited()),
            "collections": list(Collection.objects.with_document_counts()),
            "latest": list(documents.for_list().order_by("-created", "-pk")[:6]),
        },
    )


def document_list(request):
    filterset = DocumentFilter(request.GET, queryset=Document.objects.published())
    if not filterset.is_valid():
        # The form shows what is wrong with which field; no results are guessed at.
        context = {"filter": filterset, "facets": [], "page": None, "form_inputs": FORM_INPUTS}
        context["active_filters"] = _active_filters(request, filterset)
        return render(request, "archive/document_list.html", context, status=400)
    cleaned = filterset.form.cleaned_data
    query = search.parse(cleaned.get("q") or "")
    relevance = filterset.ranks_by_relevance(cleaned)
    # The engine counts the facets and, for a search, ranks the page; rows come from the
    # database, published ones only.
    values = search.engine.filter_values(cleaned)
    with search.materialized(query):
        if relevance and query.clauses:
            published = Document.objects.published().for_list()
            documents = search.RankedResults(published, query, filters=values)
        elif relevance:  # only exclusions, or only common words: nothing to rank by
            documents = filterset.qs.for_list().in_reading_order()
        else:
            documents = filterset.qs.for_list()
        page = GracefulPaginator(documents, settings.ARCHIVE_PAGE_SIZE).page_for(
            request.GET.get("page")
        )
        results = list(page.object_list)
        if cleaned.get("q") and not query:  # only common words: nothing found, nothing counted
            counted = {}
        else:
            counted = search.engine.facet_counts(query, values, persons=PERSON_FACET_LIMIT)
        facets = facet_counts(filterset, counted=counted)
        # In the block: the explanations ask the engine too, of the same state of the index.
        explanations = search.explain(results, query)
        lagging = search.engine.behind()
    suggestion = ""
    if query and not results:
        # Within the other filters: the suggestion's link keeps them.
        suggestion = search.suggestion(query, filterset.without("q"))
    for document in results:
        document.explanation = explanations[document.pk]
    context = {
        "filter": filterset,
        "form_inputs": FORM_INPUTS,
        "page": page,
        "documents": results,
        "facets": facets,
        "search_messages": query.messages,
        "suggestion": suggestion,
        # Results open with the query's words highlighted.
        "result_query": urlencode({"q": query.raw}) if query else "",
        "active_filters": _active_filters(request, filterset),
    }
    response = page_of_list(render(request, "archive/document_list.html", context), page)
    if lagging:
        # Read from an index behind the database (a backlog, or another process writing
        # it): shown, but never kept in a cache as the page of this version.
        response["Cache-Control"] = "no-cache"
    return response


def document_detail(request, record_id, slug=None):
    visible = Document.objects.visible_to(request.user)
    if slug is None:
        # The permanent address, /documents/110371/, which citations use: its redirect needs
        # only the title (the slug is made from it), not everything the page shows.
        title = visible.filter(record_id=record_id).values_list("title", flat=True).first()
        if title is None:
            raise Http404("No such document.")
        stub = Document(record_id=record_id, title=title)
        if stub.slug:
            return _moved_to(stub, request)
    document = get_object_or_404(visible.for_detail(), record_id=record_id)
    if slug != document.slug and (slug or document.slug):
        # Old or mistyped slugs: one canonical address.
        return _moved_to(document, request)
    texts = list(document.texts.all())
    translations = [text for text in texts if not text.is_original]
    # The two texts side by side: "original" and "translation" name the columns, whichever
    # texts they hold (two translations of a lost original, say).
    original, translation = choose_pair(
        texts,
        request.GET.get("left", ""),
        request.GET.get("right") or request.GET.get("translation", ""),
    )
    show = request.GET.get("show")
    if show not in SHOW_CHOICES or translation is None:
        show = "both"
    query = search.parse(request.GET.get("q", ""))
    # Glossary terms: the first of each in each text links to its entry.
    glossary_spans, glossary_terms = terms_for(document, texts)
    reading = render_texts(
        texts, _matcher(query, document), request.GET.get("reading"), glossary_spans
    )
    rows = align(
        original.passages.all() if original else [],
        translation.passages.all() if translation else [],
    )
    if show != "both":
        # One text alone: its rows only, so no empty row stands where the other text was.
        rows = [row for row in rows if getattr(row, show)]
    sources = list(document.sources.all())
    credits = list(document.credits.all())
    for text in texts:  # a translator's credit shows over the column of their translation
        text.column_credits = [str(credit) for credit in credits if credit.text_id == text.pk]
    with override_language(settings.LANGUAGE_CODE):
        # Citations, metadata and downloads name the permanent address, the same whatever
        # the interface language: /documents/…, not /ru/documents/….
        url = request.build_absolute_uri(document.get_absolute_url())
        tei_url = request.build_absolute_uri(reverse("archive:tei", args=[document.record_id]))
        # The record's labels ("Reprinted in: …") are metadata, harvested in one language.
        record = record_for(document, url)
    return render(
        request,
        "archive/document_detail.html",
        {
            "document": document,
            "original": original,
            "translation": translation,
            "translations": translations,
            "show": show,
            "rows": rows,
            "role_groups": _group_roles(document.roles.all()),
            "references": [source for source in sources if source.is_archival],
            "publications": [s for s in sources if s.kind == Source.Kind.PUBLISHED],
            "source_notes": [s for s in sources if s.kind in NOTE_KINDS],
            "credits": credits,
            "texts": texts,
            "column_labels": _column_labels(original, translation),
            # The notes' and credits' stylesheet, only on the pages that show them.
            "apparatus": bool(
                credits
                or translation is None
                or any(s.kind != Source.Kind.ARCHIVAL for s in sources)
                or any(text.notes.all() for text in texts)
                or any("inline-note" in p.html for t in texts for p in t.passages.all())
                # Editorial marks ({sic …}, {gap …}…), discrepancy notes and glossary terms
                # are styled there too.
                or any("{" in p.content for t in texts for p in t.passages.all())
                or bool(glossary_terms)
            ),
            "pairs": _pairs(request, texts, original, translation) if len(texts) > 2 else [],
            "shown_notes": [
                (text, list(text.notes.all()))
                for text, column in ((original, "original"), (translation, "translation"))
                if text is not None and text.notes.all() and show in ("both", column)
            ],
            "canonical_url": request.build_absolute_uri(document.get_absolute_url()),
            "recommended_citation": document.recommended_citation,
            "citation_note": chicago.note(record),
            "citation_bibliography": chicago.bibliography(record),
            "highwire": embedded.highwire(record, tei_url),
            "dublin_core": embedded.dublin_core(record),
            "json_ld": embedded.json_ld(record, translations),
            "tei_url": tei_url,
            "particulars": list(document.particulars.all()),
            "relation_groups": relation_groups(document),
            "discrepancy_notes": discrepancies.for_page(document),
            "date_text": document_date(document),
            "written_dates": list(document.written_dates.all()),
            "inferred_datings": list(document.inferred_datings.all()),
            "handling": readings(document.handling_steps.all()),
            "events": list(document.events.all()),
            "classifications": list(document.classifications.all()),
            "collections": list(document.collections.all()),
            "places": list(document.places.all()),
            "subjects": list(document.subjects.all()),
            "scans": list(document.scans.all()),
            "page_images": [scan for scan in document.scans.all() if scan.image],
            "archive_stamps": document.archive_stamps.splitlines(),
            "query": query,
            "reading": reading,
            "facsimile_url": _facsimile_url(document, texts),
            "glossary_terms": glossary_terms,
        },
    )


def _matcher(query, document):
    """What to highlight: the query's words, and every name of the persons it named."""
    if not query:
        return None
    persons = [role.person for role in document.roles.all()]
    prefetch_related_objects(persons, "aliases")
    return search.Matcher(query).with_names_of(search.person_names(p) for p in persons)


def _facsimile_url(document, texts):
    """The page-images view, when some passage stands on a page image the archive holds."""
    pages = {scan.pk for scan in document.scans.all() if scan.image}
    if not document.slug or not any(p.scan_id in pages for t in texts for p in t.passages.all()):
        return ""
    return reverse("archive:facsimile", args=[document.record_id, document.slug])


def render_texts(texts, matcher, asked=None, glossary_spans=None):
    """Give each passage and note of `texts` its `html`, as the document page and the
    facsimile show them, and return the reading of their corrections ({sic …|…}) shown.

    The `matcher`'s words are highlighted (None: none); glossary terms are linked
    ({passage pk: spans}, terms_for()). The reading is the one `asked` for (?reading=),
    else as written, unless every word a search matched is seen only as corrected
    (ФИЛИППОВУ for a written ФИЛИПОВУ): then as corrected, so that the page a result
    opens shows what was found.
    """
    found = {
        passage.pk: matcher.ranges(passage.content) if matcher else ()
        for text in texts
        for passage in text.passages.all()
    }
    reading = asked if asked in (WRITTEN, CORRECTED) else WRITTEN
    if matcher and asked not in (WRITTEN, CORRECTED):
        passages = (passage for text in texts for passage in text.passages.all())
        reading = reading_shown((passage.content, found[passage.pk]) for passage in passages)
    for text in texts:
        text.has_corrections = any(has_corrections(p.content) for p in text.passages.all())
        notes = {note.label: note.anchor for note in text.notes.all()}
        anchors = set()  # the ids given to the text's note markers
        supplier = supplier_of(text.kind)
        for passage in text.passages.all():
            terms = (glossary_spans or {}).get(passage.pk, ())
            passage.html = render_passage(
                passage.content, found[passage.pk], notes, anchors, reading, terms, supplier
            )
        for note in text.notes.all():
            note.backlink = note.ref_anchor if note.ref_anchor in anchors else ""
            highlights = matcher.ranges(note.content) if matcher else ()
            note.html = render_passage(note.content, highlights, supplier=supplier)
    return reading


def _column_labels(left, right):
    """The switch's names of the two columns: "Original only", or "Russian translation only"
    where the columns are not an original and its translation."""
    if left is not None and right is not None and left.is_original and not right.is_original:
        return gettext("Original only"), gettext("Translation only")
    return tuple(gettext("%(text)s only") % {"text": t.title} for t in (left, right) if t)


def _pairs(request, texts, left, right):
    """The links that choose the two texts side by side: [(side, label, [(text, chosen,
    address)])]. Choosing for one side the text the other shows swaps them."""
    pairs = []
    for side, label, current in (
        ("left", gettext("Left column"), left),
        ("right", gettext("Right column"), right),
    ):
        choices = []
        for text in texts:
            if side == "left":
                chosen = (text, left if text == right else right)
            else:
                chosen = (right if text == left else left, text)
            query = request.GET.copy()
            for name in ("translation", "page", "show"):
                query.pop(name, None)
            query["left"], query["right"] = chosen[0].code, chosen[1].code
            choices.append((text, text == current, f"?{query.urlencode()}"))
        pairs.append((side, label, choices))
    return pairs


def person_list(request):
    persons = Person.objects.public().with_document_counts().prefetch_related("aliases")
    return render(request, "archive/person_list.html", {"persons": list(persons)})


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.prefetch_related("aliases"), slug=slug)
    roles = list(Role.objects.for_person_page(person))
    if not roles and not request.user.is_staff:
        # A person known only from drafts would give away that the drafts exist.
        raise Http404("No published documents name this person.")
    letters = person_arrows(person)
    return render(
        request,
        "archive/person_detail.html",
        {
            "person": person,
            "aliases": list(person.aliases.all()),
            "role_groups": _group_roles(roles),
            "events": _events_of(person, roles),
            # The person's letters, read once, for the list and for the drawing.
            "correspondents": correspondents(person, letters),
            "network": person_network(person, letters),
        },
    )


def _events_of(person, roles):
    """[(event, its dates)] of the events holding a published document the person has a
    role in, by date: one query, none when `roles` (their published roles) are none."""
    if not roles:
        return []
    # A subquery, not the ids of `roles`: a person in thousands of documents is no
    # list of thousands of parameters.
    documents = Role.objects.published().filter(person=person).values("document")
    events = Event.objects.filter(documents__in=documents).distinct().order_by(*IN_DATE_ORDER)
    return [(event, event_dates(event)) for event in events]


def repository_list(request):
    repositories = Repository.objects.with_document_counts()
    return render(request, "archive/repository_list.html", {"repositories": list(repositories)})


def repository_detail(request, slug):
    repository = Repository.objects.filter(slug=slug).first()
    if repository is None:
        # Old or hand-typed links name the archive by abbreviation: /repositories/AVP RF/.
        repository = Repository.objects.by_abbreviation(slug)
        if repository is None:
            raise Http404("No repository has this name.")
        return redirect(repository, permanent=True)
    fonds, others = {}, []
    for source in Source.objects.for_repository_page(repository):
        if source.kind == Source.Kind.ARCHIVAL:
            fonds.setdefault(source.fond, []).append(source)
        else:  # a reference in the archive's own system, as written
            others.append(source)
    return render(
        request,
        "archive/repository_detail.html",
        {
            "repository": repository,
            "names": [name.name for name in repository.names.all()],
            "fonds": sorted(fonds.items(), key=_fond_sort_key),
            "others": others,
        },
    )


def collection_list(request):
    collections = Collection.objects.with_document_counts()
    return render(request, "archive/collection_list.html", {"collections": list(collections)})


def collection_detail(request, slug):
    collection = get_object_or_404(Collection, slug=slug)
    documents = (
        Document.objects.published().filter(collections=collection).for_list().in_reading_order()
    )
    page = GracefulPaginator(documents, settings.ARCHIVE_PAGE_SIZE).page_for(
        request.GET.get("page")
    )
    response = render(
        request,
        "archive/collection_detail.html",
        {
            "collection": collection,
            "page": page,
            "documents": list(page.object_list),
            # Its editors' notes on discrepancies have a page of their own, if it has any.
            "has_editorial_notes": discrepancies.of_collection(collection).exists(),
        },
    )
    return page_of_list(response, page)


def _moved_to(document, request):
    """A permanent redirect to the document's address, keeping the query (?q=, ?show=)."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(document.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)


def _group_roles(roles):
    """[(role label, [roles])] in the order roles are listed in Role.Kind."""
    groups = {kind: [] for kind in Role.Kind.values}
    for role in roles:
        groups[role.role].append(role)
    labels = dict(Role.Kind.choices)
    return [(labels[kind], members) for kind, members in groups.items() if members]


def _fond_sort_key(item):
    # Fonds by number, not as strings: 45, then 059a (59), then 558.
    fond = item[0]
    digits = "".join(ch for ch in fond if ch.isdigit())
    return (int(digits) if digits else float("inf"), fond)


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _active_filters(request, filterset):
    """The filters in force, each with its label and the query string that removes it."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    active = []
    for name, field in filterset.form.fields.items():
        raw = request.GET.get(name)
        if not raw or name == "sort":
            continue
        shown = cleaned.get(name) or raw
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            shown = dict(field.choices).get(raw, raw)
        active.append(
            {"label": field.label, "value": shown, "remove": _query_without(request, name, "page")}
        )
    return active


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # Exports stream the whole archive: not for crawlers following every filtered link.
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/export."]
    lines += [f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
