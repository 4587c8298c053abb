"""Datings beyond the document's own, a telegram's handling steps, and events."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..fields import NFCCharField, NFCTextField
from ..languages import LANGUAGES
from ..models.documents import Document
from ..models.vocabulary import Place
from ..romanization import slug as make_slug
from . import edtf
from .reasons import DateReason


def validate_zone(value):
    """An IANA zone name tzdata knows: Europe/Moscow, Asia/Shanghai, America/New_York."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "“%(value)s” is not an IANA time zone; write it as Europe/Moscow, Asia/Shanghai, "
            "Asia/Tokyo, Asia/Pyongyang, America/New_York or UTC.",
            code="unknown_zone",
            params={"value": value},
        ) from None


class WrittenDate(models.Model):
    """The document's date as written in one language: "30.6", "June 30, 1951"."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="written_dates")
    language = models.CharField(max_length=8, choices=LANGUAGES)
    text = NFCCharField("as written", max_length=None)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "date as written"
        verbose_name_plural = "dates as written"

    def __str__(self):
        return self.text


class InferredDating(models.Model):
    """A dating someone made of the document, with its reason: kept even when not adopted."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="inferred_datings"
    )
    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=100,
        validators=[edtf.validate_edtf],
        help_text="1951-06-29/1951-06-30, 1951-06~…",
    )
    first = models.DateField("not before", null=True, blank=True, editable=False)
    last = models.DateField("not after", null=True, blank=True, editable=False)
    reason = models.CharField(max_length=20, choices=DateReason.choices)
    made_by = NFCCharField(
        "dated by", max_length=None, help_text="Who made this dating: an editor, a collection."
    )
    note = NFCTextField(blank=True, help_text="The argument for it, in brief.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.date_edtf} ({self.get_reason_display()}, {self.made_by})"

    def save(self, *args, **kwargs):
        dating = edtf.read(self.date_edtf)
        self.first, self.last = dating.first, dating.last
        super().save(*args, **kwargs)

    @property
    def dating(self):
        return edtf.read(self.date_edtf)


class HandlingStep(models.Model):
    """One step of a telegram's life, at a time read off the document: sent, received…

    The clock reading is kept as written ("11:30 30.6.1951", "0015K"); the local date
    and time and the IANA zone give the instant in UTC, by tzdata's historical rules.
    """

    class Kind(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")
        DECIPHERED = "deciphered", _("deciphered")
        TYPED = "typed", _("typed")
        REGISTERED = "registered", _("registered")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="handling_steps")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    as_written = NFCCharField(
        "clock reading as written", max_length=None, blank=True, help_text="11:30 30.6.1951"
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="handling_steps"
    )
    local_date = models.DateField("local date", null=True, blank=True)
    local_time = models.TimeField("local time", null=True, blank=True)
    zone = models.CharField(
        "time zone",
        max_length=64,
        blank=True,
        validators=[validate_zone],
        help_text="IANA name, e.g. Europe/Moscow: its 1951 rules apply, summer time included.",
    )
    instant = models.DateTimeField(
        "in UTC", null=True, blank=True, editable=False, help_text="Computed from the above."
    )
    note = NFCCharField(max_length=None, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "handling step (sent, received…)"

    def __str__(self):
        return f"{self.get_kind_display()} {self.as_written}".strip()

    def save(self, *args, **kwargs):
        from .zones import to_utc

        self.instant = to_utc(self.local_date, self.local_time, self.zone)
        super().save(*args, **kwargs)
        refresh_first_instant(self.document_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        refresh_first_instant(self.document_id)
        return result


def refresh_first_instant(document_id):
    """Keep Document.first_instant, which orders documents of one day, in step."""
    first = (
        HandlingStep.objects.filter(document_id=document_id, instant__isnull=False)
        .order_by("instant")
        .values_list("instant", flat=True)
        .first()
    )
    Document.objects.filter(pk=document_id).update(first_instant=first)


class EventManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Event(models.Model):
    """A happening that documents from any archive belong to: "Ridgway's offer to negotiate"."""

    name = NFCCharField(max_length=None)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=False)
    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=100,
        blank=True,
        validators=[edtf.validate_edtf],
        help_text="1951-06-30/1951-07-10",
    )
    first = models.DateField("not before", null=True, blank=True, editable=False)
    last = models.DateField("not after", null=True, blank=True, editable=False)
    places = models.ManyToManyField(Place, blank=True, related_name="events")
    description = NFCTextField(blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="events")

    objects = EventManager()

    class Meta:
        ordering = ["first", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.name)[:200]
        if self.date_edtf:
            dating = edtf.read(self.date_edtf)
            self.first, self.last = dating.first, dating.last
        else:
            self.first = self.last = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:event", args=[self.slug])

    def natural_key(self):
        return (self.slug,)
