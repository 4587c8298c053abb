"""What search engines are told the archive holds: published documents, persons, collections
and their editorial notes, events, and the glossary."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .apparatus import discrepancies
from .chronology.views import public_events
from .models import Collection, Document, GlossaryEntry, Person


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


class EditorialNotesSitemap(ArchiveSitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        # Those with public notes: the others' pages say only that there are none.
        noted = discrepancies.on_published().values("document__collections")
        return Collection.objects.filter(pk__in=noted).order_by("slug")

    def location(self, collection):
        return reverse("archive:editorial_notes", args=[collection.slug])


class GlossarySitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return GlossaryEntry.objects.order_by("slug")


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
            "archive:glossary_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "documents": DocumentSitemap,
    "persons": PersonSitemap,
    "collections": CollectionSitemap,
    "events": EventSitemap,
    "notes": EditorialNotesSitemap,
    "glossary": GlossarySitemap,
}
