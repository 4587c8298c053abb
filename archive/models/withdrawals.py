"""Documents that were public and are no longer, remembered for harvesters."""

from django.db import models
from django.utils import timezone


class Withdrawal(models.Model):
    """A document withdrawn from the public (returned to draft, or deleted).

    OAI-PMH harvesters that copied it must hear that it is gone: the repository
    declares a persistent deletedRecord policy and reports these for ever,
    unless the document is published again.
    """

    record_id = models.PositiveIntegerField(unique=True)
    withdrawn_at = models.DateTimeField(default=timezone.now, db_index=True)
    deleted = models.BooleanField(
        default=False, help_text="Deleted outright, rather than returned to draft."
    )
    sets = models.CharField(
        max_length=1000, blank=True, help_text="Collections it was in, as OAI set specs."
    )

    class Meta:
        ordering = ["withdrawn_at", "record_id"]

    def __str__(self):
        return f"{self.record_id} withdrawn {self.withdrawn_at:%Y-%m-%d}"
