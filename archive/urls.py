"""Public URLs. These are permanent: a document is /documents/<record id>/ for good."""

from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:record_id>/", views.document_detail, name="document"),
    path("persons/", views.person_list, name="person_list"),
    path("persons/<slug:slug>/", views.person_detail, name="person"),
    path("repositories/", views.repository_list, name="repository_list"),
    path("repositories/<str:slug>/", views.repository_detail, name="repository"),
    path("collections/", views.collection_list, name="collection_list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
]
