"""A real PostgreSQL primary and streaming replica: visitors' pages come from the replica
while it is up to date, and never show less than an edit already saved.

The replica is made here from the test cluster with pg_basebackup (Debian's PostgreSQL, on
loopback) and serves the site beside it under gunicorn with DATABASE_REPLICA_URL. Replay on
the replica is paused to make it lag as long as the test needs.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import psycopg
import pytest
from django.db import connection

from archive.changes import deferred
from archive.models import Document, PublicVersion

from .processes import AppServer, database_url, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="streaming replicas are PostgreSQL's: this runs in the PostgreSQL run of CI",
    ),
]


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL's {name} is not installed (.ci/debian-packages)"
    return found[-1]


def _as_owner():
    # PostgreSQL refuses to run as root: as root, the standby runs as the postgres user.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@pytest.fixture
def replica(seed):
    """A standby of the test cluster, streaming from it; yields its port."""
    primary = connection.settings_dict
    folder = tempfile.mkdtemp(prefix="archive-replica-")
    data = os.path.join(folder, "data")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    subprocess.run(
        [*_as_owner(), _bin("pg_basebackup"), "-h", primary["HOST"] or "127.0.0.1",
         "-p", str(primary["PORT"] or 5432), "-U", primary["USER"] or "postgres",
         "-D", data, "-R", "-X", "stream", "--checkpoint=fast"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*_as_owner(), _bin("pg_ctl"), "-D", data, "-l", os.path.join(folder, "log"), "-w",
         "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c hot_standby=on",
         "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield port
    finally:
        subprocess.run(
            [*_as_owner(), _bin("pg_ctl"), "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def on_replica(port, sql):
    primary = connection.settings_dict
    with psycopg.connect(
        host="127.0.0.1", port=port, user=primary["USER"], dbname=primary["NAME"], autocommit=True
    ) as standby:
        return standby.execute(sql).fetchall()


def wait_until_replayed(port):
    """Until the replica holds the primary's public version (row 1: row 2 is the glossary's)."""
    wanted = PublicVersion.current()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if replica_version(port) == wanted:
                return
        except (psycopg.Error, IndexError):
            pass
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up within 30 s")


def replica_version(port):
    """(number, changed_at) of the public version, as the replica has it."""
    row = "SELECT number, changed_at FROM archive_publicversion WHERE id = 1"
    return tuple(on_replica(port, row)[0])


def pause_replay(port):
    """Pauses replay on the replica and waits until it has stopped, not only been asked to."""
    on_replica(port, "SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 30
    while on_replica(port, "SELECT pg_get_wal_replay_pause_state()")[0][0] != "paused":
        assert time.monotonic() < deadline, "the replica did not pause replay within 30 s"
        time.sleep(0.05)


def page(server, path):
    with urllib.request.urlopen(server.url + path, timeout=30) as response:
        return response.read().decode()


def test_pages_come_from_the_replica_and_never_older_than_a_saved_edit(replica, seed, tmp_path):
    primary = database_url(connection.settings_dict)
    standby = primary.rsplit("@", 1)[0] + f"@127.0.0.1:{replica}/{connection.settings_dict['NAME']}"
    wait_until_replayed(replica)
    server = AppServer(primary, log=tmp_path / "gunicorn.log", DATABASE_REPLICA_URL=standby)
    try:
        server.wait()
        pause_replay(replica)  # from now on the replica lags
        # Written on the primary behind the archive's back (the version stays): a page
        # without it was read from the replica, which cannot have it.
        Document.objects.filter(pk=seed.pk).update(summary="Only on the primary.")
        address = seed.get_absolute_url()
        assert "Only on the primary." not in page(server, address)

        # An edit saved as the admin saves it: the version moves on, on the primary alone.
        with deferred():
            seed.summary = "An edit already saved."
            seed.save()
        assert "An edit already saved." in page(server, address)  # the primary rendered it
        assert address in page(server, "/documents/?q=saved")  # the search finds it

        # Caught up again, then paused so that the write below cannot stream over before
        # the page is read: the replica holds the current version, and lacks the new title.
        on_replica(replica, "SELECT pg_wal_replay_resume()")
        wait_until_replayed(replica)
        pause_replay(replica)
        assert replica_version(replica) == PublicVersion.current()
        Document.objects.filter(pk=seed.pk).update(title="Retitled on the primary only")
        # The replica renders (a page not yet cached: another language).
        html = page(server, "/ru" + address)
        assert seed.title in html
        assert "Retitled on the primary only" not in html
    finally:
        server.stop()
