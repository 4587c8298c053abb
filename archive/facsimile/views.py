"""The facsimile reading view: image | original | translation, page by page."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..alignment import align, choose_pair
from ..apparatus.glossary import terms_for
from ..models import Document, Passage, Scan
from ..views import render_texts
from .pages import IMAGE_SIZES, paginate


def facsimile(request, record_id, slug):
    documents = Document.objects.visible_to(request.user).select_related("document_type")
    document = get_object_or_404(
        documents.prefetch_related(
            Prefetch("scans", queryset=Scan.objects.exclude(image="")),
            "texts__notes",
            Prefetch("texts__passages", queryset=Passage.objects.select_related("text")),
        ),
        record_id=record_id,
    )
    if slug != document.slug:
        # Old or mistyped slugs: one canonical address, as for the document's own page.
        return redirect(reverse("archive:facsimile", args=[record_id, document.slug]))
    scans = list(document.scans.all())
    if not scans:
        raise Http404("This document has no page images.")
    texts = list(document.texts.all())
    # As on the document's page, by its own functions: the reader's switch between the
    # texts' two readings, and each glossary term linked at its first use in each text.
    glossary_spans, glossary_terms = terms_for(document, texts)
    reading = render_texts(texts, None, request.GET.get("reading"), glossary_spans)
    original, translation = choose_pair(
        texts, request.GET.get("left", ""), request.GET.get("right", "")
    )
    rows = align(
        original.passages.all() if original else [],
        translation.passages.all() if translation else [],
    )
    shown = [text for text in (original, translation) if text]
    return render(
        request,
        "archive/document_facsimile.html",
        {
            "document": document,
            "original": original,
            "translation": translation,
            "pages": paginate(rows, scans, shown, record_id),
            "image_sizes": IMAGE_SIZES,
            "reading": reading,
            "has_corrections": any(text.has_corrections for text in shown),
            "glossary_terms": glossary_terms,
            # The editor's marks, the switch and the terms are styled there.
            "apparatus": bool(glossary_terms)
            or any(
                "{" in p.content or "inline-note" in p.html for t in shown for p in t.passages.all()
            ),
        },
    )
