"""Where a document comes from, who brought it to us, and the notes its texts carry."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import NFCCharField, NFCTextField, VerbatimTextField
from ..languages import LANGUAGES
from ..models.documents import Document
from ..models.persons import Person
from ..models.texts import Text
from ..models.vocabulary import Repository
from ..querysets import SourceQuerySet
from . import credits, published, reading, russian
from .published import Publication, print_publication


def text_field(verbose_name, help_text="", **kwargs):
    # No length limit: real citations run past any limit one could guess (titles of 500+).
    return NFCCharField(verbose_name, max_length=None, blank=True, help_text=help_text, **kwargs)


def level_field(verbose_name, abbreviation):
    # Values are strings: "059a", "5a" and "0092" keep their letters and leading zeros.
    return text_field(verbose_name, f"Cited as “{abbreviation}”.")


class Source(models.Model):
    """One source of a document: an archival reference, a publication, or a provenance note.

    A reference in the Russian hierarchy is kept level by level and prints in
    standard notation ("APRF, f. 45, op. 1, d. 339, l. 92"); a reference in another
    archive's system is kept as written, with its repository where it is known; a
    publication is kept part by part. What the importer could not read is kept as
    written. Each source says how it relates to the record (held at, reprinted in…).
    """

    class Kind(models.TextChoices):
        ARCHIVAL = reading.ARCHIVAL, _("archival reference (Russian hierarchy)")
        ARCHIVAL_OTHER = reading.ARCHIVAL_OTHER, _("archival reference (other system)")
        PUBLISHED = reading.PUBLISHED, _("published source")
        PROVENANCE = reading.PROVENANCE, _("provenance note")
        VERBATIM = reading.VERBATIM, _("kept as written")

    class Relation(models.TextChoices):
        HELD = reading.HELD, _("original held at")
        PUBLISHED_IN = reading.PUBLISHED_IN, _("published in")
        REPRINTED_IN = reading.REPRINTED_IN, _("reprinted in")
        PUBLISHED_AS = reading.PUBLISHED_AS, _("published as")
        ORIGINAL_FROM = reading.ORIGINAL_FROM, _("original text from")
        TRANSLATION_FROM = reading.TRANSLATION_FROM, _("translation from")
        ALSO_AVAILABLE = reading.ALSO_AT, _("also available at")

    class Notation(models.TextChoices):
        RUSSIAN = russian.RUSSIAN, _("Russian (d., l.)")
        UKRAINIAN = russian.UKRAINIAN, _("Ukrainian (spr., ark.)")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARCHIVAL)
    relation = models.CharField(max_length=20, choices=Relation.choices, default=Relation.HELD)
    as_written = NFCTextField(
        "as written", blank=True, help_text="The source exactly as the citation gives it."
    )
    repository = models.ForeignKey(
        Repository,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text="Required for an archival reference in the Russian hierarchy.",
    )
    fond = level_field("fond", "f.")
    opis = level_field("opis", "op.")
    delo = level_field("delo", "d.")
    papka = level_field("papka", "p.")
    por = level_field("por.", "por.")
    listy = level_field("list(y)", "l.")
    listy_plural = models.BooleanField(
        "several listy", default=False, help_text="Cite as “ll.” rather than “l.”."
    )
    notation = models.CharField(
        max_length=2, choices=Notation.choices, default=Notation.RUSSIAN, blank=True
    )
    reference = text_field(
        "reference in the archive's own system",
        "Its levels as written: “XIV-J-1-j Korea 25-005249/1980”, “RG 59, Box 3”.",
    )
    authors = text_field("authors or editors", "As written: “A, B and C”.")
    editors = models.BooleanField("they are editors", default=False)
    article = text_field("article or chapter")
    title = text_field("title")
    title_en = text_field("English title", "As given in parentheses after the title.")
    volume = text_field("volume")
    book = text_field("book or part")
    part_title = text_field("title of the volume or part")
    issue = text_field("issue")
    place = text_field("place of publication")
    publisher = text_field("publisher")
    year = text_field("year")
    pages = text_field("pages")
    number = text_field("document number", "Its number in the volume: “Document no. 26”.")
    note = NFCTextField(blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["document", "repository"])]

    def __str__(self):
        return self.citation

    def clean(self):
        if self.kind == self.Kind.ARCHIVAL and not (self.repository_id and self.fond):
            raise ValidationError(
                "A reference in the Russian hierarchy needs its repository and at least a fond."
            )
        if self.kind != self.Kind.ARCHIVAL and not (self.as_written or self.title):
            raise ValidationError("Give the source as written (or, for a publication, a title).")

    @property
    def is_archival(self):
        return self.kind in (self.Kind.ARCHIVAL, self.Kind.ARCHIVAL_OTHER)

    @property
    def levels(self):
        """The part of a Russian reference after the repository: "f. 45, op. 1, d. 339"."""
        if self.kind != self.Kind.ARCHIVAL:
            return ""
        return russian.format_levels(**self._levels())

    @property
    def publication(self):
        return Publication(**{name: getattr(self, name) for name in PUBLICATION_FIELDS})

    @property
    def citation(self):
        """The source in standard form where it was read into parts, else as written."""
        if self.kind == self.Kind.ARCHIVAL:
            abbreviation = self.repository.abbreviation if self.repository_id else ""
            return russian.format_reference(abbreviation, **self._levels())
        if self.kind == self.Kind.PUBLISHED and self.title:
            return print_publication(self.publication)
        return self.as_written

    def _levels(self):
        values = {level: getattr(self, level) for level in russian.LEVELS}
        return values | {"listy_plural": self.listy_plural, "notation": self.notation}


PUBLICATION_FIELDS = published.FIELDS  # a publication's parts are fields of its own here
ARCHIVAL_FIELDS = [*russian.LEVELS, "listy_plural", "notation", "reference"]


class Credit(models.Model):
    """Someone who obtained, contributed, transcribed or translated the document, or paid
    for the work: a person's name, an organisation, or both ("Sergey Radchenko, for CWIHP").

    Linked to a person of the archive only where the name is one of theirs; an
    archivist joins the variants of one translator's name in the admin.
    """

    class Role(models.TextChoices):
        TRANSLATOR = credits.TRANSLATOR, _("translated by")
        OBTAINED_BY = credits.OBTAINED_BY, _("obtained by")
        CONTRIBUTOR = credits.CONTRIBUTOR, _("contributed by")
        TRANSCRIBER = credits.TRANSCRIBER, _("transcribed by")
        FUNDER = credits.FUNDER, _("made possible with support from")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="credits")
    position = models.PositiveIntegerField(default=0)
    role = models.CharField(max_length=20, choices=Role.choices)
    name = text_field("name", "A person's name as written: “Sergey Radchenko”.")
    organisation = text_field(
        "organisation", "Whom they worked for (“CWIHP”), or the organisation credited itself."
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credits",
        help_text="The person of the archive this name is, if any.",
    )
    text = models.ForeignKey(
        Text,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credits",
        help_text="The text this credit is for: the translation a translator made.",
    )
    source_language = models.CharField(
        "translated from", max_length=8, choices=LANGUAGES, blank=True
    )
    as_written = NFCTextField("as written", blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return credits.describe(self.role, self.name, self.organisation)

    def clean(self):
        if not (self.name or self.organisation):
            raise ValidationError("A credit names a person or an organisation.")

    @property
    def credited(self):
        """Who is credited, as a reference would name them: the person, or the organisation."""
        return self.name or self.organisation


class Note(models.Model):
    """A note of a text: a numbered footnote, linked from its marker ("[1]", "1)", "x/", "¹")
    in the passages, or a note the translator or an editor added."""

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        TRANSLATOR = "translator", _("translator's note")
        EDITOR = "editor", _("editor's note")
        ARCHIVE = "archive", _("archive's note")

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="notes")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(
        max_length=20,
        help_text="What its marker says: 1, 2, x. Names the note in links (#en-note-1).",
    )
    marker = NFCCharField(
        max_length=40, blank=True, help_text="The marker as written in the text: [1], 1), x/, ¹."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOTE)
    content = VerbatimTextField(help_text="Exactly as written.")

    class Meta:
        ordering = ["text", "position"]
        constraints = [models.UniqueConstraint(fields=["text", "label"], name="unique_note_label")]

    def __str__(self):
        return f"{self.marker or self.label} {self.content[:60]}"

    @property
    def anchor(self):
        """The fragment id of the note: "en-note-1"; its marker's is "en-noteref-1"."""
        return f"{self.text.code}-note-{self.label}"

    @property
    def ref_anchor(self):
        """The fragment id of the note's first marker, where its back-link returns."""
        return marker_id(self.anchor)


def marker_id(anchor, occurrence=1):
    """The id of a note's marker, from the note's own id: "en-note-1" → "en-noteref-1".

    A note marked twice gives its second marker "en-noteref2-1": a suffix after the label
    could be another note's label ("1-2"), a number after "noteref" cannot.
    """
    code, _note, label = anchor.partition("-note-")
    infix = "noteref" if occurrence == 1 else f"noteref{occurrence}"
    return f"{code}-{infix}-{label}"
