"""An Atom feed of newly published documents, newest first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .formats.oai import identifier_for
from .formats.xml import xml_text
from .models import Document

FEED_LENGTH = 50


class XMLSafeAtom1Feed(Atom1Feed):
    """Atom whose entries never carry a character XML forbids, whatever a row holds."""

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_safe, args), **{name: _safe(v) for name, v in kwargs.items()})


def _safe(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_safe(item) for item in value)
    return value


class NewDocumentsFeed(Feed):
    feed_type = XMLSafeAtom1Feed
    description_template = None

    def title(self):
        return f"{settings.ARCHIVE_NAME}: newly published documents"

    def subtitle(self):
        return "Archival documents in the original language beside their translations."

    def link(self):
        return reverse("archive:document_list")

    def items(self):
        return (
            Document.objects.published()
            .for_list()
            .order_by("-published_at", "-record_id")[:FEED_LENGTH]
        )

    def item_title(self, document):
        return document.title

    def item_description(self, document):
        return document.summary

    def item_guid(self, document):
        # The record's OAI identifier, which never changes: a retitled document is not new.
        return identifier_for(document.record_id)

    item_guid_is_permalink = False

    def item_pubdate(self, document):
        return document.published_at

    def item_updateddate(self, document):
        return document.modified

    def item_author_name(self, document):
        authors = [role.person_name for role in document.principal_roles if role.role == "author"]
        return ", ".join(authors) or None

    def item_categories(self, document):
        return [document.document_type.name]
