"""Controlled vocabularies that archivists extend in the admin, and the repositories."""

from django.db import models
from django.urls import reverse

from ..fields import NFCCharField, NFCTextField, URLField
from ..querysets import CollectionQuerySet, RepositoryQuerySet


class SlugManager(models.Manager):
    """Fixtures refer to vocabulary entries by slug, which reads better than a number."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Vocabulary(models.Model):
    """A named term with its Russian form; the slug is its stable public identifier."""

    name = NFCCharField("name (English)", max_length=None, unique=True)
    name_ru = NFCCharField("name (Russian)", max_length=None, blank=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in URLs and fixtures; never change it."
    )

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class DocumentType(Vocabulary):
    """The kind of record: ciphered telegram, letter, memorandum, record of conversation."""

    class Meta(Vocabulary.Meta):
        verbose_name = "document type"


class Classification(Vocabulary):
    """A security or handling marking printed on the original ("Совершенно секретно")."""

    class Meta(Vocabulary.Meta):
        verbose_name = "classification marking"


class Collection(Vocabulary):
    """A curated grouping of documents, such as "Korean War"."""

    description = NFCTextField(blank=True)

    objects = SlugManager.from_queryset(CollectionQuerySet)()

    class Meta(Vocabulary.Meta):
        pass

    def get_absolute_url(self):
        return reverse("archive:collection", args=[self.slug])


class Place(Vocabulary):
    """A place a document was written in, sent to or speaks of."""

    class Meta(Vocabulary.Meta):
        pass


class Subject(Vocabulary):
    """A topic heading."""

    class Meta(Vocabulary.Meta):
        pass


class RepositoryManager(models.Manager.from_queryset(RepositoryQuerySet)):
    def get_by_natural_key(self, abbreviation):
        return self.get(abbreviation=abbreviation)


class Repository(models.Model):
    """An archive that holds originals, cited by its abbreviation ("APRF").

    Citations name it in many ways ("АП РФ", "AP RF", "Presidential Archive"): the
    importer finds it under its abbreviations, its full names and its other names.
    """

    abbreviation = NFCCharField(
        max_length=100,
        unique=True,
        help_text='As used in citations, in Latin letters: "APRF", "AVP RF", "RGASPI".',
    )
    abbreviation_ru = NFCCharField(
        "abbreviation (Russian)", max_length=100, blank=True, help_text='For example "АПРФ".'
    )
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in URLs; never change it.")
    name_en = NFCCharField("full name (English)", max_length=None)
    name_ru = NFCCharField("full name (Russian)", max_length=None, blank=True)
    location = NFCCharField(max_length=None, blank=True, help_text="City where it is held.")
    website = URLField(blank=True)

    objects = RepositoryManager()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name_plural = "repositories"

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return reverse("archive:repository", args=[self.slug])

    def natural_key(self):
        return (self.abbreviation,)


class RepositoryName(models.Model):
    """Another name a repository is cited by: "AP RF", "Presidential Archive", a former name."""

    repository = models.ForeignKey(Repository, on_delete=models.CASCADE, related_name="names")
    name = NFCCharField(max_length=None, help_text="As citations write it, in any script.")

    class Meta:
        ordering = ["repository", "name"]
        verbose_name = "other name"
        constraints = [
            models.UniqueConstraint(fields=["repository", "name"], name="unique_repository_name")
        ]

    def __str__(self):
        return self.name
