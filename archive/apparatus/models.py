"""Discrepancy notes and the glossary."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..fields import NFCCharField, NFCTextField
from ..languages import LANGUAGES
from ..models.documents import Document
from ..models.texts import Passage
from ..models.vocabulary import Collection


class Discrepancy(models.Model):
    """An editorial note on two places of one document that disagree.

    A place is a field of the document (its title, date, author…) or a passage, with the
    words that disagree quoted: the title says "No. 2950", the text "No. 3950". The note
    shows at both places. The importer flags those it can detect as open notes; only
    confirmed ones are public.
    """

    class Field(models.TextChoices):
        TITLE = "title", _("title")
        DATE = "date", _("date")
        SUMMARY = "summary", _("summary")
        AUTHOR = "author", _("author")
        RECIPIENT = "recipient", _("recipient")
        PARTICULAR = "particular", _("document details")
        PASSAGE = "passage", _("passage of a text")

    class Status(models.TextChoices):
        OPEN = "open", _("open, awaiting an archivist")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="discrepancies")
    first_place = models.CharField(max_length=12, choices=Field.choices)
    first_passage = models.ForeignKey(
        Passage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="When the first place is a passage.",
    )
    first_reading = NFCCharField(
        max_length=None, blank=True, help_text="The words at the first place: “No. 2950”."
    )
    second_place = models.CharField(max_length=12, choices=Field.choices)
    second_passage = models.ForeignKey(
        Passage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="When the second place is a passage.",
    )
    second_reading = NFCCharField(
        max_length=None, blank=True, help_text="The words at the second place: “No. 3950”."
    )
    note = NFCTextField(help_text="What disagrees and, if known, which is right.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    flagged_by = NFCCharField(
        max_length=None, blank=True, help_text="Who noticed it: the importer, an editor."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "discrepancy note"
        verbose_name_plural = "discrepancy notes"

    def __str__(self):
        return f"{self.get_first_place_display()} / {self.get_second_place_display()}"


class GlossaryEntryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class GlossaryEntry(models.Model):
    """A term or abbreviation the documents use, in every form they write it: ВКП(б)."""

    slug = models.SlugField(max_length=100, unique=True)
    headword = NFCCharField(max_length=None, help_text="As the documents write it: ВКП(б).")
    collection = models.ForeignKey(
        Collection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="glossary_entries",
        help_text="Empty: the whole archive. Otherwise only that collection's documents.",
    )
    note = NFCTextField(blank=True)

    objects = GlossaryEntryManager()

    class Meta:
        ordering = ["headword"]
        verbose_name = "glossary entry"
        verbose_name_plural = "glossary entries"

    def __str__(self):
        return self.headword

    def get_absolute_url(self):
        return reverse("archive:glossary_entry", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class GlossaryForm(models.Model):
    """One way the documents write the term, in its script and case: ГЕНШТАБА, VKP(b)."""

    entry = models.ForeignKey(GlossaryEntry, on_delete=models.CASCADE, related_name="forms")
    form = NFCCharField(max_length=None)
    language = models.CharField(max_length=8, choices=LANGUAGES, blank=True)

    class Meta:
        ordering = ["entry", "form"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "form"], name="unique_glossary_form")
        ]

    def __str__(self):
        return self.form


class GlossarySense(models.Model):
    """One meaning of the term: CC is the Central Committee, or the Chinese Communists."""

    entry = models.ForeignKey(GlossaryEntry, on_delete=models.CASCADE, related_name="senses")
    label = NFCCharField(max_length=None, help_text="The expansion in English: Central Committee.")
    label_ru = NFCCharField("label in Russian", max_length=None, blank=True)
    definition_en = NFCTextField("definition in English")
    definition_ru = NFCTextField("definition in Russian", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["entry", "position", "pk"]

    def __str__(self):
        return self.label
