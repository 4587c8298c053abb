"""Text fields that store exactly what was written, in one canonical Unicode form.

Cyrillic and CJK text reaches us composed and decomposed (a Russian "й" may be
one code point or "и" plus a combining breve). Storing everything as NFC means
that comparisons, search and exports see one spelling of each character.
Browsers submit textarea line breaks as CRLF; those become LF so that the same
text typed in the admin and loaded from a fixture is the same string.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

# Tab, line feed and carriage return are text; the other C0 controls are not, and no XML
# export could carry them. The one definition: fields, the importer and XML exports use it.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def validate_no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            "The text contains an invisible control character (pasted from a word processor?)."
        )


def normalize_text(value):
    """Return `value` in Unicode NFC with LF line endings; other values pass through."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", value)


class NormalizedTextMixin:
    """Normalize on the way into Python (forms, fixtures) and into the database."""

    default_validators = [validate_no_control_characters]

    def to_python(self, value):
        return normalize_text(super().to_python(value))

    def get_prep_value(self, value):
        return super().get_prep_value(normalize_text(value))

    def pre_save(self, model_instance, add):
        # Keep the instance in step with what the database holds.
        value = normalize_text(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class NFCCharField(NormalizedTextMixin, models.CharField):
    pass


class NFCTextField(NormalizedTextMixin, models.TextField):
    pass


class VerbatimTextField(NFCTextField):
    """A text field whose admin form keeps leading and trailing whitespace.

    Transcriptions can begin with indentation or end with a tab that lines up
    a column; Django's forms strip both by default, which would lose them.
    """

    def formfield(self, **kwargs):
        kwargs.setdefault("strip", False)
        return super().formfield(**kwargs)


class URLField(models.URLField):
    """A URL field whose forms complete "example.org" as https://, Django 6's default."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
