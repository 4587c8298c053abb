"""The archival document and what belongs to it directly: roles, relations, particulars, scans."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..chronology.edtf import apply as apply_edtf
from ..chronology.edtf import loaded as date_loaded
from ..chronology.edtf import validate_edtf
from ..chronology.reasons import DateReason
from ..dates import DatePrecision
from ..fields import NFCCharField, NFCTextField, URLField
from ..languages import LANGUAGES
from ..querysets import PUBLISHED, DocumentQuerySet, RoleQuerySet
from ..relations.kinds import MEANINGS, Certainty, RelationKind
from ..relations.kinds import Status as RelationStatus
from ..romanization import slug
from ..scans import THUMBNAIL_SIZE, describe_scan, validate_scan
from .persons import Person
from .vocabulary import Classification, Collection, DocumentType, Place, Subject

# Written together by save(): the EDTF value and what is read from it.
DATE_FIELDS = (
    "date_edtf", "date", "date_last", "date_precision", "date_approximate", "date_uncertain",
)  # fmt: skip


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, record_id):
        return self.get(record_id=record_id)


class Document(models.Model):
    """One archival record: a telegram, letter or memorandum, with its metadata."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = PUBLISHED, _("published")

    record_id = models.PositiveIntegerField(
        "record id",
        unique=True,
        help_text="The permanent public number used in URLs (/documents/110371/). Never reuse one.",
    )
    title = NFCCharField(max_length=None)
    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=100,
        blank=True,
        validators=[validate_edtf],
        help_text=(
            "The date as known, in EDTF: 1951-06-30; 1951-06 (a month); 1951~ (approximate); "
            "1951-06? (uncertain); 1951-06-29/1951-06-30 (between two days). Empty if undated. "
            "The first and last days, precision and qualifiers below are read from it."
        ),
    )
    date = models.DateField(
        "not before",
        null=True,
        blank=True,
        help_text="The first day the date can mean: 1 June for “June 1951”. Empty if undated.",
    )
    date_last = models.DateField(
        "not after",
        null=True,
        blank=True,
        db_index=True,
        help_text="The last day the date can mean: 30 June for “June 1951”.",
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_approximate = models.BooleanField(
        "date is approximate", default=False, help_text="Shown as “c.” before the date."
    )
    date_uncertain = models.BooleanField(
        "date is uncertain", default=False, help_text="Shown with “?” after the date."
    )
    date_reason = models.CharField(
        "date taken from",
        max_length=20,
        choices=DateReason.choices,
        blank=True,
        help_text="Where the date comes from: the dateline, a stamp, the time received, "
        "or an inference (which makes the document “not dated” on its pages).",
    )
    date_as_written = NFCCharField(
        max_length=None, blank=True, help_text="The date exactly as the source gives it."
    )
    first_instant = models.DateTimeField(
        "first moment known",
        null=True,
        blank=True,
        editable=False,
        help_text="The earliest handling step with a time (sent, received…), in UTC; "
        "orders documents of one day. Set automatically.",
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name="type"
    )
    classifications = models.ManyToManyField(
        Classification,
        blank=True,
        related_name="documents",
        verbose_name="classification markings",
        help_text="Markings on the original, such as Top Secret or Copying prohibited.",
    )
    summary = NFCTextField(blank=True)
    original_language = models.CharField(max_length=8, choices=LANGUAGES, default="ru")
    source_site = NFCCharField(
        "source archive site",
        max_length=None,
        blank=True,
        help_text="The digital archive the record was taken from.",
    )
    source_url = URLField("source URL", max_length=500, blank=True)
    recommended_citation = NFCTextField(
        blank=True, help_text="The source archive's recommended citation, exactly as it gives it."
    )
    archive_stamps = NFCTextField(
        "archive stamp numbers",
        blank=True,
        help_text=(
            "Numbers the archive stamped on the page, one per line, as written: 168, IV н., 92."
        ),
    )
    rights_statement = NFCCharField(max_length=None, blank=True)
    rights_url = URLField("rights statement URL", blank=True)
    collections = models.ManyToManyField(Collection, blank=True, related_name="documents")
    places = models.ManyToManyField(Place, blank=True, related_name="documents")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="documents")
    persons = models.ManyToManyField(Person, through="Role", related_name="documents", blank=True)
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are visible to staff only: on no public page, list or export.",
    )
    published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        editable=False,
        help_text="When the document was first made public; set automatically.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(
        auto_now=True, help_text="Last change to anything the document shows; set automatically."
    )

    objects = DocumentManager()

    class Meta:
        ordering = ["date", "title"]
        indexes = [models.Index(fields=["date", "title"])]
        # Editing is not publishing: what the public sees is a curator's decision.
        permissions = [("publish_document", "Can publish, withdraw and delete published documents")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None:
            apply_edtf(self)
        elif set(fields) & set(DATE_FIELDS):  # a partial save that touches the date
            apply_edtf(self)
            kwargs["update_fields"] = {*fields, *DATE_FIELDS}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The canonical URL: the record id, which never changes, and a slug of the title.

        /documents/110371/ and any other slug redirect here, so a retitled document
        keeps every link ever made to it.
        """
        if self.slug:
            return reverse("archive:document", args=[self.record_id, self.slug])
        return reverse("archive:document_by_id", args=[self.record_id])

    @property
    def principal_roles(self):
        """Its authors and recipients, in order, of the roles a list read with it
        (DocumentQuerySet.for_list); None when they were not read."""
        listed = getattr(self, "listed_roles", None)
        if listed is None:
            return None
        principal = (Role.Kind.AUTHOR, Role.Kind.RECIPIENT)
        return [role for role in listed if role.role in principal]

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        date_loaded(document)
        return document

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        date_loaded(self)  # what was read afresh is what an edit is measured against

    def natural_key(self):
        return (self.record_id,)

    @property
    def slug(self):
        return slug(self.title)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def display_date(self):
        """The date as precisely and honestly as it is known: "30 June 1951", "c. June 1951",
        "[not dated; between 29 and 30 June 1951]", "30 June 1951 (from the registration stamp)"."""
        from ..chronology.display import document_date

        return document_date(self)

    @property
    def machine_date(self):
        """The date for <time datetime>: "1951-06-30", "1951-06"; "" for a range or none."""
        from ..chronology.display import machine_date

        return machine_date(self)


class Role(models.Model):
    """A person's part in a document. One person can hold several roles in one document."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        RECIPIENT = "recipient", _("recipient")
        RELAYED_AUTHOR = "relayed_author", _("author of relayed message")
        RELAYED_RECIPIENT = "relayed_recipient", _("recipient of relayed message")
        INTERMEDIARY = "intermediary", _("sent through")
        PARTICIPANT = "participant", _("participant in the conversation")
        MENTIONED = "mentioned", _("mentioned")
        DECIPHERER = "decipherer", _("deciphered by")
        TYPIST = "typist", _("typed by")
        CHECKER = "checker", _("checked by")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(max_length=20, choices=Kind.choices)
    name_as_written = NFCCharField(
        max_length=None,
        blank=True,
        help_text="The name as this document prints it, in its case and spelling: ФИЛИПОВУ.",
    )
    note = NFCCharField(max_length=None, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order within the document.")

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "person", "role"], name="unique_role_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


class DocumentRelation(models.Model):
    """A typed, directed link from one document to another, read from both ends.

    "Reply to" on the reply's page reads "replied to by" on the first telegram's. The
    importer suggests relations it reads in the text ("your telegram No. 3261"); only
    those an archivist confirms are public.
    """

    Kind = RelationKind
    Certainty = Certainty
    Status = RelationStatus

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_from")
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_to",
        verbose_name="document",
        null=True,
        blank=True,
        help_text="Empty only for a suggestion whose document is not yet identified.",
    )
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    evidence = NFCTextField(
        blank=True,
        help_text="The words that show the link, quoted: “your telegram No. 3261”.",
    )
    certainty = models.CharField(
        max_length=10, choices=Certainty.choices, default=Certainty.CERTAIN
    )
    asserted_by = NFCCharField(
        max_length=None, blank=True, help_text="Who asserts the link: an editor, a collection."
    )
    status = models.CharField(
        max_length=10,
        choices=RelationStatus.choices,
        default=RelationStatus.CONFIRMED,
        db_index=True,
        help_text="Suggestions from the importer are public only once confirmed.",
    )
    note = NFCCharField(max_length=None, blank=True)

    class Meta:
        verbose_name = "related document"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="unique_document_relation"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed", target__isnull=True),
                name="confirmed_relation_has_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_id or '?'}"

    @property
    def meaning(self):
        return MEANINGS[self.kind]

    @property
    def inverse_label(self):
        return MEANINGS[self.kind].inverse


class Particular(models.Model):
    """One item of the document's own apparatus: cipher number, series, who deciphered it.

    Each keeps the value as written on the original and its English rendering,
    so nothing printed or stamped on the page is lost.
    """

    class Kind(models.TextChoices):
        CIPHER_NUMBER = "cipher_number", _("cipher telegram number")
        ISSUING_OFFICE = "issuing_office", _("issuing office")
        SERIES = "series", _("series")
        ORIGIN = "origin", _("sent from")
        RECEIVED = "received", _("received")
        INCOMING_NUMBER = "incoming_number", _("incoming number")
        OUTGOING_NUMBER = "outgoing_number", _("sender's outgoing number")
        COPIES = "copies", _("copies")
        COPY_NUMBER = "copy_number", _("this copy")
        DECIPHERED = "deciphered", _("deciphered by")
        TYPED = "typed", _("typed by")
        CHECKED = "checked", _("checked by")
        REGISTRATION = "registration", _("registration number")
        RETURN_INSTRUCTION = "return_instruction", _("return instruction")
        NOTATION = "notation", _("handwritten notation")
        FORM_FIELD = "form_field", _("printed form field")
        MARKING = "marking", _("marking")
        OTHER = "other", _("other")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="particulars")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    value = NFCTextField(help_text="As written on the original, in its language.")
    value_en = NFCTextField("in English", blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="particulars",
        help_text="The person this item names, if any.",
    )
    note = NFCCharField(max_length=None, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class Scan(models.Model):
    """A page image of the original, shown beside the texts and listed in the IIIF manifest.

    Its size is read from the file when it is saved, and a thumbnail is made. A scan
    known to exist but not held ("Original Scan" in a source record) has no file.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="scans")
    position = models.PositiveIntegerField(default=0, help_text="Order of the pages.")
    label = NFCCharField(max_length=None, default="Original Scan", help_text='E.g. "l. 92".')
    image = models.FileField(
        upload_to="scans/",
        blank=True,
        validators=[validate_scan],
        help_text="JPEG, PNG or WebP.",
    )
    thumbnail = models.FileField(upload_to="scans/thumbnails/", blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    media_type = models.CharField(max_length=40, blank=True, editable=False)
    derivatives = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Widths of the smaller copies made at upload, as a IIIF level-0 service "
        "would give them; set automatically.",
    )
    source_url = URLField("source URL", max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # A new image, or a replaced one, is measured again and given a new thumbnail.
        stored = Scan.objects.filter(pk=self.pk).values_list("image", flat=True).first()
        if self.image and (self.image.name != stored or not self.width):
            describe_scan(self)
        super().save(*args, **kwargs)

    @property
    def thumbnail_size(self):
        """(width, height) of the thumbnail, for the page to reserve its place before it loads."""
        if not (self.width and self.height):
            return None
        scale = min(THUMBNAIL_SIZE[0] / self.width, THUMBNAIL_SIZE[1] / self.height, 1)
        return round(self.width * scale), round(self.height * scale)
