"""Persons and the other names they appear under."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..fields import NFCCharField
from ..languages import LANGUAGES
from ..querysets import PersonQuerySet


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(models.Model):
    """A historical person, under one canonical English name."""

    name = NFCCharField(
        "name (English)",
        max_length=None,
        help_text='Canonical English form, as historians write it: "Mao Zedong".',
    )
    sort_name = NFCCharField(
        max_length=None,
        blank=True,
        help_text='For alphabetical lists: "Stalin, Joseph". Empty means the name itself.',
    )
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in URLs and fixtures; never change it."
    )
    name_ru = NFCCharField(
        "name (Russian)", max_length=None, blank=True, help_text='For example "Мао Цзе-дун".'
    )
    name_native = NFCCharField(
        "name (own script)",
        max_length=None,
        blank=True,
        help_text="In the person's own script, if neither Latin nor Cyrillic: 毛泽东, 김일성.",
    )
    birth_date = models.DateField(null=True, blank=True)
    death_date = models.DateField(null=True, blank=True)
    description = NFCCharField(
        max_length=None, blank=True, help_text="One line: who they were, as relevant here."
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", 'A Wikidata item id looks like "Q855".')],
    )

    objects = PersonManager()

    class Meta:
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:person", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def life_dates(self):
        """ "1878–1953", "b. 1912", "d. 1980", or "" when neither date is known."""
        born = self.birth_date.year if self.birth_date else None
        died = self.death_date.year if self.death_date else None
        if born and died:
            return f"{born}–{died}"
        if born:
            return f"b. {born}"
        if died:
            return f"d. {died}"
        return ""

    @property
    def wikidata_url(self):
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class Alias(models.Model):
    """Another name a person appears under: a codename, a variant spelling, a romanization."""

    class Kind(models.TextChoices):
        CODENAME = "codename", _("codename")
        SPELLING = "spelling", _("spelling variant")
        NATIVE = "native", _("native-script form")
        ROMANIZATION = "romanization", _("romanization")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = NFCCharField(max_length=None, help_text="Exactly as written, in any script and case.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=8, choices=LANGUAGES, blank=True)
    note = NFCCharField(
        max_length=None,
        blank=True,
        help_text='Where or how it is used: "one-П spelling, dative, in telegram No. 21336".',
    )

    class Meta:
        ordering = ["person", "kind", "name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_alias_per_person")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()} of {self.person})"
