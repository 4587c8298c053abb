"""Public URLs. These are permanent: a document is /documents/<record id>/ for good."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import exports, media, views
from .formats import oai


def read_only(view):
    """Pages are read, never posted to: anything but GET and HEAD is 405 Method Not Allowed."""
    return require_safe(view)


app_name = "archive"

urlpatterns = [
    path("", read_only(views.home), name="home"),
    path("documents/", read_only(views.document_list), name="document_list"),
    path("documents/export.csv", read_only(exports.export_csv), name="export_csv"),
    path("documents/export.json", read_only(exports.export_csl_json), name="export_csl_json"),
    path("documents/<int:record_id>/", read_only(views.document_detail), name="document_by_id"),
    path("documents/<int:record_id>/cite.bib", read_only(exports.cite_bibtex), name="cite_bibtex"),
    path("documents/<int:record_id>/cite.ris", read_only(exports.cite_ris), name="cite_ris"),
    path(
        "documents/<int:record_id>/cite.json",
        read_only(exports.cite_csl_json),
        name="cite_csl_json",
    ),
    path("documents/<int:record_id>/tei.xml", read_only(exports.tei), name="tei"),
    path(
        "documents/<int:record_id>/manifest.json",
        read_only(media.iiif_manifest),
        name="iiif_manifest",
    ),
    path(
        "documents/<int:record_id>/scans/<int:scan_id>/<str:size>",
        read_only(media.scan_file),
        name="scan",
    ),
    path(
        "documents/<int:record_id>/<slug:slug>/", read_only(views.document_detail), name="document"
    ),
    path("persons/", read_only(views.person_list), name="person_list"),
    path("persons/<slug:slug>/", read_only(views.person_detail), name="person"),
    path("repositories/", read_only(views.repository_list), name="repository_list"),
    path("repositories/<str:slug>/", read_only(views.repository_detail), name="repository"),
    path("collections/", read_only(views.collection_list), name="collection_list"),
    path("collections/<slug:slug>/", read_only(views.collection_detail), name="collection"),
    path("oai/", oai.endpoint, name="oai"),
]
