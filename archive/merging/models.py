"""What the importer last imported for each record, and the conflicts a re-import found."""

import json

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..models.documents import Document


class TextEncoder(json.JSONEncoder):
    """JSON with every script as written: a Russian passage stored as \\u-escapes would take
    three times the room, and the base keeps whole texts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


class ImportBase(models.Model):
    """The exchange object a record's file gave when it was last imported: the base of the
    next import's merge. One row per record, written in the import's own transaction."""

    record_id = models.PositiveIntegerField("record id", unique=True)
    data = models.JSONField(
        "object",
        encoder=TextEncoder,
        help_text="The exchange object read from the file, as it was imported.",
    )
    path = models.TextField("file", help_text="The file it was read from.")
    imported_at = models.DateTimeField("imported at", default=timezone.now)

    class Meta:
        verbose_name = "import base"
        ordering = ["record_id"]

    def __str__(self):
        return f"{self.record_id} as imported from {self.path}"


class ImportConflict(models.Model):
    """A value a re-imported file changed where an archivist had changed it too.

    The archive's value was kept; the file's waits here to be accepted (written to the
    document) or dismissed (the archive's stays for good).
    """

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ACCEPTED = "accepted", "accepted: the file's value applied"
        DISMISSED = "dismissed", "dismissed: the archive's value kept"
        SUPERSEDED = "superseded", "superseded by a later import"

    file = models.TextField("file", help_text="The file whose import found the conflict.")
    record_id = models.PositiveIntegerField("record id", db_index=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="import_conflicts",
        verbose_name="document",
    )
    what = models.CharField(
        "what",
        max_length=200,
        help_text="The field, source, credit, role or passage (“passage ru 3”).",
    )
    location = models.JSONField(
        "location",
        help_text="Where in the document the value belongs, for applying it when accepted.",
    )
    base_value = models.JSONField(
        "as last imported", null=True, help_text="The value the file gave the time before."
    )
    file_value = models.JSONField(
        "in the file", null=True, help_text="The value the file gives now: not applied."
    )
    archive_value = models.JSONField(
        "in the archive", null=True, help_text="The value an archivist gave it: kept."
    )
    created = models.DateTimeField("found at", default=timezone.now)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="resolved by",
    )
    resolved_at = models.DateTimeField("resolved at", null=True, blank=True)

    class Meta:
        verbose_name = "import conflict"
        ordering = ["-created", "record_id", "pk"]

    def __str__(self):
        return f"record {self.record_id}: {self.what}"
