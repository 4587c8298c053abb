"""The search index's outbox: which documents changed, in the order their changes were written."""

from django.db import models


class SearchChange(models.Model):
    """A document whose entry in the search index must be made again.

    Written in the same transaction as the change itself (archive.changes), so an
    edit and its place in the outbox are committed together or not at all. Every
    app server's index (archive.search.engine) applies the rows it has not applied
    yet, in id order. A row names the document by id only: a deleted document's
    change must outlive it, so that its entry is removed too.
    """

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(db_index=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "search index change"

    def __str__(self):
        return f"Change {self.pk} to document {self.document_id}"
