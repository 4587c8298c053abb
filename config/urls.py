"""Root URLs: the public archive and the Django admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Archive administration"
admin.site.site_title = "Archive administration"
admin.site.index_title = "Documents, persons and references"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.urls")),
]
