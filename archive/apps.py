from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, history, publication, throttle  # noqa: F401 -- history registers

        changes.connect_signals()
        publication.connect_signals()
        throttle.connect_signals()
