"""IIIF Presentation 3 manifests: a document's page images for any IIIF viewer.

A canvas per scan, sized as the image, painted with its full size as JPEG from the scan's
IIIF Image API service (level 0, facsimile.image_api), which the image names: a viewer
reads the service's sizes and zooms from them. The smaller copies made at upload are
also listed as the canvas's thumbnails, each with its size.
The passages linked to a page are its supplementing annotations, in their language, on
the region they stand on: Mirador and the Universal Viewer show them beside the image.
"""

from ..facsimile.regions import parse_region
from ..facsimile.transcription import printed
from ..scans import derivative_size


def _language_map(value, language="en"):
    return {language: [value]}


def manifest(document, scans, urls, passages=()):
    """The manifest (a dict) of a document with `scans` that have images.

    `urls` gives absolute URLs: manifest, page, tei, image(scan) (its full size as JPEG),
    service(scan) (its IIIF Image API service), thumbnail(scan), canvas(scan), and
    size(scan, width) for the smaller copies. `passages` are those of the
    document's texts linked to a page (with their text), in their texts' order.
    """
    manifest_url = urls["manifest"]
    data = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": manifest_url,
        "type": "Manifest",
        "label": _language_map(document.title),
        "metadata": [
            {"label": _language_map(label), "value": _language_map(value)}
            for label, value in (
                ("Date", document.display_date),
                ("Type", document.document_type.name),
                ("Record", str(document.record_id)),
                (
                    "Archival references",
                    "; ".join(s.citation for s in document.sources.all() if s.is_archival),
                ),
            )
            if value
        ],
        "homepage": [
            {
                "id": urls["page"],
                "type": "Text",
                "label": _language_map(document.title),
                "format": "text/html",
            }
        ],
        "seeAlso": [{"id": urls["tei"], "type": "Dataset", "format": "application/tei+xml"}],
        "items": [
            _canvas(scan, urls, index, [p for p in passages if p.scan_id == scan.pk])
            for index, scan in enumerate(scans, start=1)
        ],
    }
    if document.summary:
        data["summary"] = _language_map(document.summary)
    if document.source_site:
        data["requiredStatement"] = {
            "label": _language_map("Source"),
            "value": _language_map(document.source_site),
        }
    return data


def _canvas(scan, urls, index, passages):
    canvas = urls["canvas"](scan)
    data = {
        "id": canvas,
        "type": "Canvas",
        "label": {"none": [scan.label or f"Page {index}"]},
        "width": scan.width,
        "height": scan.height,
        "thumbnail": [{"id": urls["thumbnail"](scan), "type": "Image", "format": "image/jpeg"}]
        + [
            {
                "id": urls["size"](scan, width),
                "type": "Image",
                "format": "image/jpeg",
                "width": width,
                "height": derivative_size(scan, width)[1],
            }
            for width in sorted(scan.derivatives)
        ],
        "items": [
            {
                "id": f"{canvas}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas}/page/painting",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas,
                        "body": {
                            "id": urls["image"](scan),
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": scan.width,
                            "height": scan.height,
                            "service": [
                                {
                                    "id": urls["service"](scan),
                                    "type": "ImageService3",
                                    "profile": "level0",
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }
    if passages:
        data["annotations"] = [
            {
                "id": f"{canvas}/texts",
                "type": "AnnotationPage",
                "items": [_text_annotation(passage, canvas) for passage in passages],
            }
        ]
    return data


def _text_annotation(passage, canvas):
    """A passage of the transcription or of a translation, on its region of the page."""
    region = parse_region(passage.region)
    return {
        "id": f"{canvas}/texts/{passage.anchor}",
        "type": "Annotation",
        "motivation": "supplementing",
        "label": _language_map(passage.text.title),
        "body": {
            "type": "TextualBody",
            # As printed, not the page's HTML: a viewer has not the site's stylesheet, which
            # hides the other reading of a correction and the words for screen readers.
            "value": printed(passage.content),
            "format": "text/html",
            "language": passage.text.language,
        },
        "target": f"{canvas}#xywh={','.join(map(str, region))}" if region else canvas,
    }
