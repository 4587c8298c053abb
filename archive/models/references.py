"""Where the original is held: references in the Russian archival hierarchy."""

from django.db import models

from ..citations import LEVELS, CitationError, format_levels, format_reference, parse_references
from ..fields import NFCCharField
from ..querysets import ArchivalReferenceQuerySet
from .documents import Document
from .vocabulary import Repository


def level_field(verbose_name, abbreviation, **kwargs):
    # Values are strings: "059a", "5a" and "0092" keep their letters and leading zeros.
    return NFCCharField(
        verbose_name, max_length=40, blank=True, help_text=f"Cited as “{abbreviation}”.", **kwargs
    )


class ArchivalReference(models.Model):
    """One location of the original: repository, fond, opis, delo, papka, list(y).

    Prints back exactly in standard notation: "APRF, f. 45, op. 1, d. 339, l. 92".
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveIntegerField(default=0)
    repository = models.ForeignKey(Repository, on_delete=models.PROTECT, related_name="references")
    fond = NFCCharField(max_length=40, help_text="Cited as “f.”.")
    opis = level_field("opis", "op.")
    delo = level_field("delo", "d.")
    papka = level_field("papka", "p.")
    listy = level_field("list(y)", "l.", db_column="list")
    listy_plural = models.BooleanField(
        "several listy", default=False, help_text="Cite as “ll.” rather than “l.”."
    )

    objects = ArchivalReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "archival reference"
        # Covers the browse page's repository counts without reading the table.
        indexes = [models.Index(fields=["document", "repository"])]

    def __str__(self):
        return self.citation

    @classmethod
    def from_citation(cls, text):
        """Unsaved references read from citation text; CitationError names what is wrong.

        Repositories are matched by abbreviation in Latin or Cyrillic letters,
        ignoring case and spacing ("AVP RF", "АВП РФ", "avprf").
        """
        references = []
        for parsed in parse_references(text):
            repository = Repository.objects.by_abbreviation(parsed.archive)
            if repository is None:
                raise CitationError(
                    f"No repository is abbreviated “{parsed.archive}”: add it under "
                    "Repositories first, or correct the abbreviation."
                )
            fields = {level: getattr(parsed, level) for level in LEVELS}
            references.append(
                cls(repository=repository, listy_plural=parsed.listy_plural, **fields)
            )
        return references

    @property
    def citation(self):
        return format_reference(self.repository.abbreviation, **self._levels())

    @property
    def levels(self):
        """The part after the repository: "f. 45, op. 1, d. 339, l. 92"."""
        return format_levels(**self._levels())

    def _levels(self):
        return {level: getattr(self, level) for level in LEVELS} | {
            "listy_plural": self.listy_plural
        }
