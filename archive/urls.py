"""Public URLs. These are permanent: a document is /documents/<record id>/ for good.

Pages are read, never posted to (require_safe: anything but GET and HEAD is 405);
OAI-PMH alone also takes POST, as the protocol allows.
"""

from django.urls import path, register_converter
from django.urls.converters import StringConverter
from django.views.decorators.http import require_safe

from . import exports, media, views
from .apparatus import discrepancy_views, glossary_views
from .chronology import views as chronology_views
from .facsimile import views as facsimile
from .formats import oai
from .pictures import views as pictures

app_name = "archive"


class PrintableConverter(StringConverter):
    """Any text but a slash or a control character: "АВП РФ" may name an archive, and no
    name holds NUL, which PostgreSQL cannot even compare."""

    regex = r"[^/\x00-\x1f\x7f]+"


register_converter(PrintableConverter, "printable")

urlpatterns = [
    path("", require_safe(views.home), name="home"),
    path("documents/", require_safe(views.document_list), name="document_list"),
    path("documents/export.csv", require_safe(exports.export_csv), name="export_csv"),
    path("documents/export.json", require_safe(exports.export_csl_json), name="export_csl_json"),
    path("documents/<int:record_id>/", require_safe(views.document_detail), name="document_by_id"),
    path(
        "documents/<int:record_id>/cite.bib", require_safe(exports.cite_bibtex), name="cite_bibtex"
    ),
    path("documents/<int:record_id>/cite.ris", require_safe(exports.cite_ris), name="cite_ris"),
    path(
        "documents/<int:record_id>/cite.json",
        require_safe(exports.cite_csl_json),
        name="cite_csl_json",
    ),
    path("documents/<int:record_id>/tei.xml", require_safe(exports.tei), name="tei"),
    path(
        "documents/<int:record_id>/manifest.json",
        require_safe(media.iiif_manifest),
        name="iiif_manifest",
    ),
    path(
        "documents/<int:record_id>/scans/<int:scan_id>/<str:size>",
        require_safe(media.scan_file),
        name="scan",
    ),
    # Each scan's IIIF Image API 3.0 service, level 0 (facsimile.image_api).
    path(
        "documents/<int:record_id>/iiif/<int:scan_id>",
        require_safe(media.iiif_service),
        name="iiif_service",
    ),
    path(
        "documents/<int:record_id>/iiif/<int:scan_id>/info.json",
        require_safe(media.iiif_info),
        name="iiif_info",
    ),
    path(
        "documents/<int:record_id>/iiif/<int:scan_id>/<str:region>/<str:size>/<str:rotation>/"
        "<str:quality>",
        require_safe(media.iiif_image),
        name="iiif_image",
    ),
    path(
        "documents/<int:record_id>/<slug:slug>/facsimile/",
        require_safe(facsimile.facsimile),
        name="facsimile",
    ),
    path(
        "documents/<int:record_id>/<slug:slug>/",
        require_safe(views.document_detail),
        name="document",
    ),
    path("persons/", require_safe(views.person_list), name="person_list"),
    path("persons/<slug:slug>/", require_safe(views.person_detail), name="person"),
    path("repositories/", require_safe(views.repository_list), name="repository_list"),
    path(
        "repositories/<printable:slug>/", require_safe(views.repository_detail), name="repository"
    ),
    path("collections/", require_safe(views.collection_list), name="collection_list"),
    path("collections/<slug:slug>/", require_safe(views.collection_detail), name="collection"),
    path(
        "collections/<slug:slug>/notes/",
        require_safe(discrepancy_views.editorial_notes),
        name="editorial_notes",
    ),
    path("events/", require_safe(chronology_views.event_list), name="event_list"),
    path("events/<slug:slug>/", require_safe(chronology_views.event_detail), name="event"),
    path("timeline/", require_safe(pictures.timeline_page), name="timeline"),
    path("correspondence/", require_safe(pictures.network_page), name="network"),
    path("oai/", oai.endpoint, name="oai"),
]

# The glossary: its entries, each with the documents using it, and its SKOS export.
urlpatterns += glossary_views.urlpatterns
