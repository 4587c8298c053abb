"""The site run in processes of its own (manage.py, gunicorn), as it runs in production."""

import os
import secrets
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
