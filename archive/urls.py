"""Public URLs. These are permanent: a document is /documents/<record id>/ for good."""

from django.urls import path

from . import exports, media, views
from .formats import oai

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/export.csv", exports.export_csv, name="export_csv"),
    path("documents/export.json", exports.export_csl_json, name="export_csl_json"),
    path("documents/<int:record_id>/", views.document_detail, name="document_by_id"),
    path("documents/<int:record_id>/cite.bib", exports.cite_bibtex, name="cite_bibtex"),
    path("documents/<int:record_id>/cite.ris", exports.cite_ris, name="cite_ris"),
    path("documents/<int:record_id>/cite.json", exports.cite_csl_json, name="cite_csl_json"),
    path("documents/<int:record_id>/tei.xml", exports.tei, name="tei"),
    path("documents/<int:record_id>/manifest.json", media.iiif_manifest, name="iiif_manifest"),
    path(
        "documents/<int:record_id>/scans/<int:scan_id>/<str:size>",
        media.scan_file,
        name="scan",
    ),
    path("documents/<int:record_id>/<slug:slug>/", views.document_detail, name="document"),
    path("persons/", views.person_list, name="person_list"),
    path("persons/<slug:slug>/", views.person_detail, name="person"),
    path("repositories/", views.repository_list, name="repository_list"),
    path("repositories/<str:slug>/", views.repository_detail, name="repository"),
    path("collections/", views.collection_list, name="collection_list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
    path("oai/", oai.endpoint, name="oai"),
]
