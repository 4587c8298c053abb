"""The search index leaves the database: an outbox of changed documents takes its place.

The index is now kept beside the database by each app server (archive.search.engine),
fed from SearchChange rows written in the same transaction as each change. The
database's own full-text index (FTS5 on SQLite, a tsvector column on PostgreSQL) and
the rows of keys it was built from are dropped. Going back recreates them empty:
`manage.py rebuild_search_index` of that older code fills them again.
"""

import importlib

from django.db import migrations, models

_database_index = importlib.import_module("archive.migrations.0003_search_index")
# Archivists and curators may look at what the archive keeps for itself, the outbox too:
# the roles are granted again, as they were made, now that its permissions exist.
_roles = importlib.import_module("archive.migrations.0010_editorial_roles")


class Migration(migrations.Migration):
    dependencies = [("archive", "0011_import_merge")]

    operations = [
        migrations.RunPython(_database_index.drop_index, _database_index.create_index),
        migrations.DeleteModel(name="SearchEntry"),
        migrations.CreateModel(
            name="SearchChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("document_id", models.BigIntegerField(db_index=True)),
                ("created", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={"verbose_name": "search index change"},
        ),
        migrations.RunPython(_roles.make_roles, migrations.RunPython.noop),
    ]
