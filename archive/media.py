"""Scans served through Django, so that a draft's page images are as private as its text."""

import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .formats.iiif import manifest
from .models import Document


def scan_file(request, record_id, scan_id, size):
    if size not in ("full", "thumbnail"):
        raise Http404("Scans come as full or thumbnail.")
    document = get_object_or_404(Document.objects.visible_to(request.user), record_id=record_id)
    scan = get_object_or_404(document.scans, pk=scan_id)
    file = scan.image if size == "full" else scan.thumbnail
    if not file:
        raise Http404("This scan has no image.")
    kind = (scan.media_type or "application/octet-stream") if size == "full" else "image/jpeg"
    response = FileResponse(file.open("rb"), content_type=kind)
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
        "canvas": lambda scan: absolute("iiif_manifest", record_id) + f"/canvas/{scan.pk}",
        "format": lambda scan: scan.media_type,
    }
    content = json.dumps(manifest(document, scans, urls), ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # IIIF viewers load manifests from anywhere
    return response
