"""Scans served through Django, so that a draft's page images are as private as its text."""

import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .formats.iiif import manifest
from .models import Document, Passage
from .scans import derivative_name


def scan_file(request, record_id, scan_id, size):
    """A page image: "full", "thumbnail", or one of its smaller copies by width ("1000")."""
    if size not in ("full", "thumbnail") and not (size.isascii() and size.isdigit()):
        raise Http404("Scans come as full, thumbnail or a width.")
    document = get_object_or_404(Document.objects.visible_to(request.user), record_id=record_id)
    scan = get_object_or_404(document.scans, pk=scan_id)
    if not scan.image:
        raise Http404("This scan has no image.")
    if size == "full":
        file, kind = scan.image.open("rb"), scan.media_type or "application/octet-stream"
    elif size == "thumbnail" and scan.thumbnail:
        file, kind = scan.thumbnail.open("rb"), "image/jpeg"
    elif int(size) in scan.derivatives and str(int(size)) == size:
        file, kind = scan.image.storage.open(derivative_name(scan, int(size))), "image/jpeg"
    else:
        raise Http404("The scan has no copy of that width.")
    response = FileResponse(file, content_type=kind)
    # Shared caches may keep a published image briefly: a withdrawn one soon goes with it.
    response["Cache-Control"] = "public, max-age=600" if document.is_published else "private"
    return response


def iiif_manifest(request, record_id):
    documents = Document.objects.visible_to(request.user).for_manifest()
    document = get_object_or_404(documents, record_id=record_id)
    scans = [scan for scan in document.scans.all() if scan.image]
    if not scans:
        raise Http404("This document has no page images.")

    def absolute(name, *args):
        return request.build_absolute_uri(reverse(f"archive:{name}", args=args))

    urls = {
        "manifest": absolute("iiif_manifest", record_id),
        "page": request.build_absolute_uri(document.get_absolute_url()),
        "tei": absolute("tei", record_id),
        "image": lambda scan: absolute("scan", record_id, scan.pk, "full"),
        "thumbnail": lambda scan: absolute("scan", record_id, scan.pk, "thumbnail"),
        "size": lambda scan, width: absolute("scan", record_id, scan.pk, width),
        "canvas": lambda scan: absolute("iiif_manifest", record_id) + f"/canvas/{scan.pk}",
        "format": lambda scan: scan.media_type,
    }
    # The texts' passages linked to a page: the transcription and translations on it.
    passages = Passage.objects.filter(scan__in=scans).select_related("text")
    passages = passages.order_by("text__kind", "text__code", "position")
    data = manifest(document, scans, urls, list(passages))
    content = json.dumps(data, ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # IIIF viewers load manifests from anywhere
    return response
