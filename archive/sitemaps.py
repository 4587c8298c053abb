"""What search engines are told the archive holds: published documents, persons, collections,
events."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .chronology.views import public_events
from .models import Collection, Document, Person


class ArchiveSitemap(Sitemap):
    # Every page in each interface language, each entry naming the others (hreflang).
    i18n = True
    alternates = True
    x_default = True


class DocumentSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Document.objects.published().order_by("record_id")

    def lastmod(self, document):
        return document.modified


class PersonSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.public().order_by("slug")


class CollectionSitemap(ArchiveSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Collection.objects.public()


class EventSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Those with a published document: the others' pages are not public.
        return public_events().order_by("slug")


class PageSitemap(ArchiveSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "archive:home",
            "archive:document_list",
            "archive:person_list",
            "archive:collection_list",
            "archive:event_list",
            "archive:timeline",
            "archive:network",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "documents": DocumentSitemap,
    "persons": PersonSitemap,
    "collections": CollectionSitemap,
    "events": EventSitemap,
}
