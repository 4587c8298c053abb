"""Remembering what was public: a document leaving the public becomes a Withdrawal.

Harvesters (OAI-PMH) are told about it as a deleted record; publishing the
document again takes the withdrawal back.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from .models import Document, Withdrawal
from .querysets import PUBLISHED


def _stored_status(document):
    return Document.objects.filter(pk=document.pk).values_list("status", flat=True).first()


def _before_save(sender, instance, **kwargs):
    instance._was_published = instance.pk is not None and _stored_status(instance) == PUBLISHED


def _after_save(sender, instance, **kwargs):
    if instance.status == PUBLISHED:
        Withdrawal.objects.filter(record_id=instance.record_id).delete()
    elif instance._was_published:
        _withdraw(instance.record_id, _set_specs(instance), deleted=False)


def _before_delete(sender, instance, **kwargs):
    # The collections go with the document: read them while they are still there.
    instance._withdrawn_sets = (
        _set_specs(instance) if _stored_status(instance) == PUBLISHED else None
    )


def _after_delete(sender, instance, **kwargs):
    if getattr(instance, "_withdrawn_sets", None) is not None:
        _withdraw(instance.record_id, instance._withdrawn_sets, deleted=True)


def _set_specs(document):
    return " ".join(document.collections.values_list("slug", flat=True))


def _withdraw(record_id, sets, deleted):
    Withdrawal.objects.update_or_create(
        record_id=record_id, defaults={"deleted": deleted, "sets": sets}
    )


def connect_signals():
    pre_save.connect(_before_save, sender=Document, dispatch_uid="publication-pre-save")
    post_save.connect(_after_save, sender=Document, dispatch_uid="publication-save")
    pre_delete.connect(_before_delete, sender=Document, dispatch_uid="publication-pre-delete")
    post_delete.connect(_after_delete, sender=Document, dispatch_uid="publication-delete")
