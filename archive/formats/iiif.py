"""IIIF Presentation 3 manifests: a document's page images for any IIIF viewer.

Images are served whole (no IIIF Image API service), which Presentation 3 allows:
a canvas per scan, sized as the image, painted with it.
"""


def _language_map(value, language="en"):
    return {language: [value]}


def manifest(document, scans, urls):
    """The manifest (a dict) of a document with `scans` that have images.

    `urls` gives absolute URLs: manifest, page, tei, image(scan), thumbnail(scan), canvas(scan).
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
        "items": [_canvas(scan, urls, index) for index, scan in enumerate(scans, start=1)],
    }
    if document.summary:
        data["summary"] = _language_map(document.summary)
    if document.source_site:
        data["requiredStatement"] = {
            "label": _language_map("Source"),
            "value": _language_map(document.source_site),
        }
    return data


def _canvas(scan, urls, index):
    canvas = urls["canvas"](scan)
    return {
        "id": canvas,
        "type": "Canvas",
        "label": {"none": [scan.label or f"Page {index}"]},
        "width": scan.width,
        "height": scan.height,
        "thumbnail": [{"id": urls["thumbnail"](scan), "type": "Image", "format": "image/jpeg"}],
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
                            "format": urls["format"](scan),
                            "width": scan.width,
                            "height": scan.height,
                        },
                    }
                ],
            }
        ],
    }
