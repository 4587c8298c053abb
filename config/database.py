"""The database, from DATABASE_URL: SQLite (the embedded default) or PostgreSQL."""

import dj_database_url


def database_settings(url, conn_max_age=0, sqlite_timeout=20):
    settings = dj_database_url.parse(
        url, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0
    )
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        settings.setdefault("OPTIONS", {}).update(
            {
                # Readers never wait for a writer in WAL mode; a writer waits its turn (up to
                # the timeout, in seconds) instead of failing with "database is locked", and
                # takes its write lock when its transaction begins, so no transaction has to
                # upgrade a read lock midway (where SQLite can only give up).
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "timeout": sqlite_timeout,
                "transaction_mode": "IMMEDIATE",
            }
        )
    return settings
