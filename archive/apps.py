from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, history, publication, throttle  # noqa: F401 -- history registers
        from .editorial import roles
        from .merging import admin as merging_admin  # noqa: F401 -- registers import conflicts

        changes.connect_signals()
        publication.connect_signals()
        throttle.connect_signals()
        # Connected after auth's create_permissions, so it runs once the archive's exist; the
        # apps before the archive in INSTALLED_APPS have had their post_migrate by then.
        post_migrate.connect(roles.keep_roles, sender=self, dispatch_uid="archive-keep-roles")
