from django.contrib.auth.management import create_permissions
from django.db import migrations

from archive.editorial.roles import grant_roles, remove_roles


def make_roles(apps, schema_editor):
    # Permissions are normally made after `migrate` (post_migrate); the groups need
    # them now, publish_document included, so make them here for every app so far.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    grant_roles(apps, schema_editor.connection.alias)


def unmake_roles(apps, schema_editor):
    remove_roles(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    """Editorial roles: the groups Archivist, Curator and Administrator, and the right to publish."""

    dependencies = [
        ("archive", "0009_languages_and_roles"),
        # The groups are made with the permissions of auth's own models too.
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["date", "title"],
                "permissions": [
                    ("publish_document", "Can publish, withdraw and delete published documents")
                ],
            },
        ),
        migrations.RunPython(make_roles, unmake_roles),
    ]
