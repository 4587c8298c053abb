"""Reading public pages from a streaming replica of PostgreSQL, never older than the cache.

With DATABASE_REPLICA_URL set, the database alias "replica" is a standby that follows the
primary ("default"). Everything is read from and written to the primary, except the
rendering of a public page for a visitor without a session (the cache's misses), and only
while the replica holds the public version the primary has at that moment: a
replica that lags renders nothing, the primary does, so no visitor is ever shown a page
older than an edit already saved, and no older page is cached under a newer version.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError

REPLICA = "replica"
_reading = contextvars.ContextVar("archive_reading_replica", default=False)


class ReplicaRouter:
    """Reads go to the replica inside reading_replica() only; writes always to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, in two places

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by itself


def configured():
    return REPLICA in settings.DATABASES


@contextmanager
def reading_replica():
    """Within the block, reads go to the replica if it has replayed the primary's public
    version as it is now (every change moves it on); else they stay on the primary."""
    token = _reading.set(configured() and _caught_up())
    try:
        yield
    finally:
        _reading.reset(token)


def _caught_up():
    from ..models import PublicVersion

    primary = PublicVersion.current(using="default")
    try:
        replica = PublicVersion.current(using=REPLICA)
    except DatabaseError:
        return False  # a replica that does not answer: the primary does
    # The same version, number and time: a higher number alone could be one from before a
    # restore that brought the primary's back, which a lagging replica still shows.
    return replica == primary
