"""The version of everything the public sees: one number, moved on by every change.

Caches and conditional requests go by it. It lives in the database, so every app
server agrees on it: an edit made through one server changes the number all of
them read, and no server can serve a page cached before the edit.
"""

from contextvars import ContextVar

from django.db import connections, models, router
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

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


# The public version of the request being answered, as the page cache read it before the
# view ran (archive.caching): values kept per version need not ask again. None outside a
# public request.
_request_public = ContextVar("public_version", default=None)


def answering(public):
    """Say that the request being answered reads the public version `public` (None: at its
    end). Whatever the view reads after is of that version, or newer."""
    _request_public.set(public)


def public_version():
    """(number, changed_at) of the public version: the request's, else read now."""
    return _request_public.get() or PublicVersion.current()


class PerVersion:
    """Values read from the archive, kept by a process while the public version stays the
    same. Every change to the archive moves that version (archive.changes), so none is
    ever stale. For what many pages read alike at a few queries each time: facet labels,
    persons' names, the glossary's forms. Kept apart for each interface language where
    `by_language` (some of the words are translated), so that a reader of /ru/ and one of
    the English pages do not each make the other's values be read again.

    `load(keys)` gives {key: value} for the keys asked for; a key it leaves out is known
    to have no value. Past `size` values in a language, all are read again: a worker's
    memory stays bounded (10,000 persons' names are a few MB) however large the archive.

    A process's threads (gunicorn's gthread workers) share it: the version and its values
    are one tuple, replaced whole, so a value read for one version never lands among
    another's.
    """

    every = []

    def __init__(self, load, size=10_000, by_language=True):
        self.load, self.size, self.by_language = load, size, by_language
        self._state = (None, {})  # (public version, {language: {key: value}})
        PerVersion.every.append(self)

    def forget(self):
        self._state = (None, {})

    def get_many(self, keys):
        """{key: value} of those of `keys` that have a value, in their order."""
        if not keys:
            return {}  # nothing to read, not even the version
        version = public_version()
        state = self._state
        if state[0] != version:
            state = self._state = (version, {})
        language = get_language() if self.by_language else None
        values = state[1].get(language)
        if values is None or len(values) > self.size:
            values = state[1][language] = {}
        missing = [key for key in dict.fromkeys(keys) if key not in values]
        if missing:
            found = self.load(missing)
            for key in missing:
                values[key] = found.get(key)
        return {key: values[key] for key in keys if values[key] is not None}

    def get(self):
        """The value of a `load` that takes no keys (it is given [None])."""
        return self.get_many([None]).get(None)
