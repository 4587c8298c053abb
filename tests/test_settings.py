"""Settings come from the environment, with safe development defaults."""

import gc
import os
import runpy
import subprocess
import sys

from .processes import ROOT


def read_settings(expression, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print({expression})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_development_defaults():
    result = read_settings("s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == "True django.db.backends.sqlite3 ['127.0.0.1', 'localhost', '[::1]']"
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = read_settings("s.DEBUG", DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_reads_its_settings_from_the_environment():
    result = read_settings(
        "s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, "
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
        DEBUG="false",
        SECRET_KEY="from-the-environment",
        ALLOWED_HOSTS="archive.example.org, www.archive.example.org",
        DATABASE_URL="postgres://user:pw@localhost:5432/archive",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False from-the-environment ['archive.example.org', 'www.archive.example.org'] "
        "django.db.backends.postgresql archive"
    )


def test_pages_are_kept_in_memory_unless_told_not_to():
    backend = "s.CACHES['pages']['BACKEND'].rsplit('.', 1)[1]"
    assert read_settings(backend).stdout.strip() == "LocMemCache"
    assert read_settings(backend, PAGE_CACHE_ENTRIES="0").stdout.strip() == "DummyCache"
    stored = read_settings("s.ARCHIVE_PAGE_STORE_DIR", ARCHIVE_PAGE_STORE_DIR="/srv/pages")
    assert stored.stdout.strip() == "/srv/pages"


def test_a_gunicorn_worker_sets_what_it_loaded_aside_from_the_garbage_collector():
    # Each full collection would otherwise walk Django and the app again (config/gunicorn.conf.py).
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    loaded = ["a tracked object, as the app's are"]
    assert gc.is_tracked(loaded)
    frozen_before = gc.get_freeze_count()
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > frozen_before
        assert not any(found is loaded for found in gc.get_objects())
    finally:
        gc.unfreeze()
