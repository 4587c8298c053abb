"""The search index's rows: one per published document, holding its words as search keys."""

from django.db import models

from .documents import Document


class SearchEntry(models.Model):
    """A published document's searchable words, as keys (see archive.search.text).

    Each field comes twice: the words' *form* keys and, position for position,
    their *stem* keys, so that a phrase can be matched in either. The database's
    own full-text index is built from these rows (an FTS5 table on SQLite, a
    tsvector column on PostgreSQL; see the migrations). Drafts have no entry.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    names = models.TextField(blank=True)
    names_stems = models.TextField(blank=True)
    body = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    meta = models.TextField(blank=True)
    meta_stems = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry for {self.document_id}"
