"""Scans served through Django, so that a draft's page images are as private as its text:
at their own addresses, in the IIIF manifest, and through each scan's IIIF Image API
service (facsimile.image_api)."""

import functools
import hashlib
import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response

from .facsimile import image_api
from .formats.iiif import manifest
from .models import Document, Passage
from .scans import derivative_name, derivative_size, full_jpeg_name


def _scan_of(request, record_id, scan_id):
    """(document, scan) of a scan with an image, of a document the visitor may see: a
    draft's scans are not found by the public (404), as the draft is not."""
    document = get_object_or_404(Document.objects.visible_to(request.user), record_id=record_id)
    scan = get_object_or_404(document.scans, pk=scan_id)
    if not scan.image:
        raise Http404("This scan has no image.")
    return document, scan


def scan_file(request, record_id, scan_id, size):
    """A page image: "full", "thumbnail", or one of its smaller copies by width ("1000")."""
    if size not in ("full", "thumbnail") and not (size.isascii() and size.isdigit()):
        raise Http404("Scans come as full, thumbnail or a width.")
    document, scan = _scan_of(request, record_id, scan_id)
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


def _readable_elsewhere(view):
    """A IIIF view whose every answer a viewer on another site may read, its "not found"
    (a draft's scan, or none) included, as a short text."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            response = HttpResponse(
                "No such image.", status=404, content_type="text/plain; charset=utf-8"
            )
            response["Access-Control-Allow-Origin"] = "*"
            return response

    return answer


@_readable_elsewhere
def iiif_service(request, record_id, scan_id):
    """The service's own address leads to its description (Image API 3.0, §2.2)."""
    _scan_of(request, record_id, scan_id)
    response = HttpResponse(status=303)
    response["Location"] = image_api.service_path(record_id, scan_id) + "/info.json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@_readable_elsewhere
def iiif_info(request, record_id, scan_id):
    """A scan's info.json. Plain JSON, the type the Image API asks for when a client asks
    for no other; never JSON-LD by the Accept header, since the page cache (archive.caching)
    keeps one answer per address."""
    _document, scan = _scan_of(request, record_id, scan_id)
    if not (scan.width and scan.height):
        raise Http404("This scan has not been measured.")
    service = request.build_absolute_uri(image_api.service_path(record_id, scan.pk))
    content = json.dumps(image_api.info(scan, service), indent=1)
    response = HttpResponse(content, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"  # viewers read it from other sites
    return response


@_readable_elsewhere
def iiif_image(request, record_id, scan_id, region, size, rotation, quality):
    """A scan at one of the sizes its info.json lists, as JPEG."""
    document, scan = _scan_of(request, record_id, scan_id)
    try:
        width = image_api.requested_width(scan, region, size, rotation, quality)
    except image_api.ImageRequestError as error:
        response = HttpResponse(
            error.message, status=error.status, content_type="text/plain; charset=utf-8"
        )
        response["Access-Control-Allow-Origin"] = "*"  # so that a viewer can read why
        return response
    name = full_jpeg_name(scan) if width is None else derivative_name(scan, width)
    storage = scan.image.storage
    try:
        # The stored name changes with the image (the storage keeps names unique), and
        # the file's size with the file: together they tell one image's bytes.
        tag = hashlib.sha256(f"{name}:{storage.size(name)}".encode()).hexdigest()[:24]
        response = get_conditional_response(request, etag=f'"{tag}"')
        if response is None:
            response = FileResponse(storage.open(name), content_type="image/jpeg")
    except FileNotFoundError:
        raise Http404("The copy of this size is missing.") from None
    response["ETag"] = f'"{tag}"'
    response["Access-Control-Allow-Origin"] = "*"
    # Kept a day by the reader's browser, which asks again cheaply after (ETag). Shared
    # caches keep a published image briefly, so a withdrawn one soon goes with it; a
    # draft's is for the one who may see it.
    response["Cache-Control"] = (
        "public, max-age=86400, s-maxage=600" if document.is_published else "private"
    )
    return response


def iiif_manifest(request, record_id):
    documents = Document.objects.visible_to(request.user).for_manifest()
    document = get_object_or_404(documents, record_id=record_id)
    scans = [scan for scan in document.scans.all() if scan.image]
    if not scans:
        raise Http404("This document has no page images.")

    def absolute(name, *args):
        return request.build_absolute_uri(reverse(f"archive:{name}", args=args))

    def image(scan, size=image_api.MAX):
        return request.build_absolute_uri(image_api.image_path(record_id, scan.pk, size))

    urls = {
        "manifest": absolute("iiif_manifest", record_id),
        "page": request.build_absolute_uri(document.get_absolute_url()),
        "tei": absolute("tei", record_id),
        "image": image,
        "service": lambda scan: request.build_absolute_uri(
            image_api.service_path(record_id, scan.pk)
        ),
        "thumbnail": lambda scan: absolute("scan", record_id, scan.pk, "thumbnail"),
        "size": lambda scan, width: image(scan, derivative_size(scan, width)),
        "canvas": lambda scan: absolute("iiif_manifest", record_id) + f"/canvas/{scan.pk}",
    }
    # The texts' passages linked to a page: the transcription and translations on it.
    passages = Passage.objects.filter(scan__in=scans).select_related("text")
    passages = passages.order_by("text__kind", "text__code", "position")
    data = manifest(document, scans, urls, list(passages))
    content = json.dumps(data, ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # IIIF viewers load manifests from anywhere
    return response
