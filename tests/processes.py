"""The site run in processes of its own (manage.py, gunicorn), as it runs in production."""

import atexit
import contextlib
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_environment(**overrides):
    """This process's environment without the site's settings, then production's, then
    `overrides` (a settings module, a database, a bind address…)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="archive.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.update(overrides)
    return env


# --- Processes killed midway -------------------------------------------------------------
# What tests/test_dying.py needs: the site's commands and servers over the test database,
# started in processes of their own and killed with SIGKILL (no clean-up, no last words: as
# the OOM killer, a power cut or `kill -9` would end them).


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict):
    """A DATABASE_URL for the database of a connection's settings (the test database's too)."""
    db = settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def site_environment(database, **overrides):
    """Production's environment with the test settings, over the database at `database`.

    Each process started so has a search index and a page store of its own, as another
    app server would, unless `ARCHIVE_SEARCH_INDEX_DIR` or `ARCHIVE_PAGE_STORE_DIR` is given.
    """
    for name, prefix in [
        ("ARCHIVE_SEARCH_INDEX_DIR", "archive-index-"),
        ("ARCHIVE_PAGE_STORE_DIR", "archive-pages-"),
    ]:
        if name not in overrides:
            overrides[name] = tempfile.mkdtemp(prefix=prefix)
            # Removed when the test run ends (the processes using it are gone by then).
            atexit.register(shutil.rmtree, overrides[name], ignore_errors=True)
    return production_environment(
        DJANGO_SETTINGS_MODULE="config.test_settings",
        ALLOWED_HOSTS="127.0.0.1",
        ARCHIVE_HTTPS="false",
        DATABASE_URL=database,
        **overrides,
    )


def manage(*args, database, log, **overrides):
    """`manage.py ARGS` started over `database`, its output (both streams) going to `log`."""
    with open(log, "ab") as stream:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=site_environment(database, **overrides),
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=stream,
        )


def children(pid):
    """The ids of the processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            # The command name, in parentheses, may hold spaces: the fields follow the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid):
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, only not yet reaped


def kill_hard(process):
    """SIGKILL a process we started and the children it started (a server's workers)."""
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)  # first the master, so that it starts no new worker
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived SIGKILL"
        time.sleep(0.05)


def write_under_way(connection):
    """Whether another connection is in the middle of a write transaction on this database."""
    if connection.vendor == "sqlite":
        # Every transaction of the site's takes SQLite's write lock as it begins (IMMEDIATE):
        # if the lock cannot be had at once, a transaction is open.
        probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            return True
        finally:
            probe.close()
    with connection.cursor() as cursor:
        # A transaction has an id once it has written something.
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL)"
        )
        return cursor.fetchone()[0]


def kill_while_writing(process, connection, ready=lambda: True, timeout=30):
    """SIGKILL `process` (and its children) once `ready()` and a write of its is under way."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"finished (exit {process.returncode}) before the kill"
        if ready() and write_under_way(connection):
            kill_hard(process)
            # PostgreSQL ends a dead client's transaction once it sees the client gone: wait
            # for that, so that what is read next is what stays.
            while write_under_way(connection):
                assert time.monotonic() < deadline + 30, "the killed write never ended"
                time.sleep(0.02)
            return
        time.sleep(0.005)
    raise AssertionError("no write to kill in the middle of")


class AppServer:
    """The site under gunicorn (`workers` processes of `threads` threads) on a free local port."""

    def __init__(
        self, database, workers=1, threads=2, log=None, secret_key=None, port=None, **environment
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Its own address is the archive's: the pages it serves are kept on disk too.
        environment.setdefault("ARCHIVE_BASE_URL", self.url)
        env = site_environment(
            database,
            SECRET_KEY=secret_key or secrets.token_urlsafe(50),
            BIND=f"127.0.0.1:{self.port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_THREADS=str(threads),
            **environment,
        )
        self.log = log
        with open(log or os.devnull, "ab") as stream:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    "config/gunicorn.conf.py",
                    "config.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stream,
                stderr=stream,
            )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(Path(self.log).read_text()[-3000:] if self.log else "died")
            try:
                with urllib.request.urlopen(self.url + "/robots.txt", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"no answer from {self.url}")

    def kill(self):
        kill_hard(self.process)

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            kill_hard(self.process)
