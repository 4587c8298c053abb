"""Root URLs: the public archive, the Django admin, and what crawlers and feed readers read."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from archive.feeds import NewDocumentsFeed
from archive.sitemaps import SITEMAPS
from archive.views import robots_txt

admin.site.site_header = "Archive administration"
admin.site.site_title = "Archive administration"
admin.site.index_title = "Documents, persons and references"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/documents.atom", require_safe(NewDocumentsFeed()), name="feed"),
    path("robots.txt", require_safe(robots_txt), name="robots"),
]
# The archive in each interface language: English at /documents/…, as it always was,
# Russian at /ru/documents/…. The language is in the address, so every page is one
# cacheable, linkable resource, and the switch between languages is a plain link.
urlpatterns += i18n_patterns(path("", include("archive.urls")), prefix_default_language=False)
