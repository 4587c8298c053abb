"""The facsimile reading view: image | original | translation, page by page."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..alignment import align, choose_pair
from ..markup import render_passage
from ..models import Document, Passage, Scan
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
    for text in texts:
        notes = {note.label: note.anchor for note in text.notes.all()}
        anchors = set()
        for passage in text.passages.all():
            passage.html = render_passage(passage.content, (), notes, anchors)
    original, translation = choose_pair(
        texts, request.GET.get("left", ""), request.GET.get("right", "")
    )
    rows = align(
        original.passages.all() if original else [],
        translation.passages.all() if translation else [],
    )
    return render(
        request,
        "archive/document_facsimile.html",
        {
            "document": document,
            "original": original,
            "translation": translation,
            "pages": paginate(rows, scans, [t for t in (original, translation) if t], record_id),
            "image_sizes": IMAGE_SIZES,
        },
    )
