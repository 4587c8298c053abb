"""The version of everything the public sees: one number, moved on by every change.

Caches and conditional requests go by it. It lives in the database, so every app
server agrees on it: an edit made through one server changes the number all of
them read, and no server can serve a page cached before the edit.
"""

from django.db import connections, models, router
from django.db.models import F
from django.utils import timezone

from ..querysets import moment


class PublicVersion(models.Model):
    """Row 1 is the public version. Row 2 is the glossary's: a glossary entry shows on every
    document page that uses it, and those pages go by their own times of change, not by
    row 1 (archive.caching); they go by this too."""

    PUBLIC, GLOSSARY = 1, 2

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "public version"

    def __str__(self):
        return f"version {self.number} of {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def current(cls, using=None):
        """(number, changed_at) as the database (or the one named `using`) has it now.

        Every public request asks, before the page cache may answer: plain SQL, because
        building the ORM query would cost ten times as long as running it.
        """
        connection = connections[using or router.db_for_read(cls)]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('number')}, {quote('changed_at')} FROM {quote(cls._meta.db_table)}"
                f" WHERE {quote('id')} = 1"
            )
            row = cursor.fetchone()
        if row is None and using is not None:
            return 0, timezone.now()  # a replica is not written to: it has nothing yet
        if row is None:
            version = cls.objects.get_or_create(pk=1)[0]
            return version.number, version.changed_at
        number, changed_at = row
        return number, moment(changed_at)

    @classmethod
    def advance(cls, pk=PUBLIC):
        """Move the version on, in the caller's transaction: it commits with the change."""
        updated = cls.objects.filter(pk=pk).update(
            number=F("number") + 1, changed_at=timezone.now()
        )
        if not updated:
            cls.objects.get_or_create(pk=pk, defaults={"number": 2})
