"""The words of a document: its original transcription and its translations, in passages."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..fields import NFCCharField, VerbatimTextField
from ..languages import LANGUAGE_NAMES, LANGUAGES
from .documents import Document


def free_text_code(language, taken):
    """The language code, or "en-2", "en-3"… if it is taken by another text of the document."""
    code, number = language, 1
    while code in taken:
        number += 1
        code = f"{language}-{number}"
    return code


class Text(models.Model):
    """The original transcription of a document, or one translation of it."""

    class Kind(models.TextChoices):
        TRANSCRIPTION = "transcription", _("original transcription")
        TRANSLATION = "translation", _("translation")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=LANGUAGES)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.SlugField(
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^[a-z][a-z0-9-]*$", "A text code begins with a letter: ru, en, en-2.")
        ],
        help_text=(
            "Names the text in links: #ru-12, ?translation=en. Left empty, it is the language "
            "code (with a number if the document has two texts in one language). Never change it."
        ),
    )
    credit = NFCCharField(
        max_length=None, blank=True, help_text="Translator or transcriber, where known."
    )
    label = NFCCharField(
        max_length=None,
        blank=True,
        help_text="The text's name as the source lists it: “Transcript - Russian”.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "code"], name="unique_text_code")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language_name})"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self._free_code()
        super().save(*args, **kwargs)

    def _free_code(self):
        taken = Text.objects.filter(document_id=self.document_id).exclude(pk=self.pk)
        return free_text_code(self.language, set(taken.values_list("code", flat=True)))

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def is_original(self):
        return self.kind == self.Kind.TRANSCRIPTION

    @property
    def title(self):
        """The text as a reader names it: "Russian original", "English translation"."""
        if self.is_original:
            return gettext("%(language)s original") % {"language": self.language_name}
        return gettext("%(language)s translation") % {"language": self.language_name}


class Passage(models.Model):
    """A paragraph-level block of a text.

    Passages of the original and of a translation that share an alignment key
    are shown side by side; a passage with no counterpart gets a row of its own.
    The content keeps two marks of the source: *asterisks* around handwriting
    (shown in italics) and the translator's [square brackets] (shown as editorial).
    """

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("paragraph")
        HEADING = "heading", _("heading")
        SALUTATION = "salutation", _("address or salutation")
        SIGNATURE = "signature", _("signature")
        TABLE = "table", _("table or list")
        MARKING = "marking", _("stamp or printed marking")
        NOTE = "note", _("office note")

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField(help_text="Order within the text.")
    alignment_key = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=(
            "Passages of the original and a translation with the same key stand side by side. "
            "Consecutive passages may share a key. Empty: no counterpart, shown on its own row."
        ),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PARAGRAPH)
    quote_depth = models.PositiveSmallIntegerField(
        default=0,
        help_text="0: the document's own words; 1: a quoted message; 2: a quotation inside it.",
    )
    run_in = models.BooleanField(
        "runs on",
        default=False,
        help_text=(
            "The source prints this passage on the same line as the one before, after a space "
            "(a quotation that begins in mid-paragraph)."
        ),
    )
    content = VerbatimTextField(
        help_text=(
            "Exactly as written; line breaks and tabs are kept. Marks: *words* handwriting; "
            "[words] supplied; {sic as written|corrected}; {unclear words|reason|low/medium/high}; "
            "{gap reason|extent} ({gap omitted} shows […]); {hand whose hand, medium|words}; "
            "{stamp kind|number|date|words}; {supplied words|why|editor/translator} (who "
            "supplied them, if not the translator of a translation or the editor of an "
            "original); {note editor/translator/archive|text}. Use “|” between fields; "
            "anything not in this form is kept as plain text, and you are told."
        )
    )
    scan = models.ForeignKey(
        "archive.Scan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="passages",
        verbose_name="page image",
        help_text="The page of the original (or of the translation) this passage stands on.",
    )
    region = models.CharField(
        "region of the page",
        max_length=60,
        blank=True,
        help_text="Where on the page, as x,y,width,height in pixels of the full image "
        "(IIIF's xywh): 120,340,1800,260. Empty: the whole page.",
    )

    class Meta:
        ordering = ["text", "position"]
        constraints = [
            models.UniqueConstraint(fields=["text", "position"], name="unique_passage_position")
        ]

    def __str__(self):
        first_line = self.content.split("\n", 1)[0]
        return first_line if len(first_line) <= 80 else first_line[:79] + "…"

    def clean(self):
        from ..facsimile.regions import validate_region

        super().clean()
        if self.scan_id and self.text_id and self.scan.document_id != self.text.document_id:
            raise ValidationError({"scan": "That page image belongs to another document."})
        try:
            validate_region(self.region, self.scan if self.scan_id else None)
        except ValidationError as error:
            raise ValidationError({"region": error.messages}) from None

    @property
    def anchor(self):
        """The fragment id for deep links: "ru-12"."""
        return f"{self.text.code}-{self.position}"

    @property
    def is_quotation(self):
        return self.quote_depth > 0
