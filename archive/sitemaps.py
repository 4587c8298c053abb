"""What search engines are told the archive holds: published documents, persons, collections."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Collection, Document, Person


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Document.objects.published().order_by("record_id")

    def lastmod(self, document):
        return document.modified


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.public().order_by("slug")


class CollectionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Collection.objects.public()


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "archive:home",
            "archive:document_list",
            "archive:person_list",
            "archive:collection_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "documents": DocumentSitemap,
    "persons": PersonSitemap,
    "collections": CollectionSitemap,
}
