"""Load the demonstration records into an empty archive, and only into an empty one."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from archive.changes import deferred
from archive.models import Document


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (settings.ARCHIVE_SEED_FIXTURES) if the archive holds no "
        "documents yet. Run on every start-up, it never overwrites an archivist's work."
    )

    def handle(self, *args, **options):
        # The fixtures carry fixed row ids: loading them into a used archive would overwrite
        # other records' rows, so there is deliberately no way to force it.
        existing = Document.objects.count()
        if existing:
            self.stdout.write(f"The archive already holds {existing} document(s); seed not loaded.")
            return
        # One transaction: a broken fixture leaves the database as it was. The search index
        # is written once per document at the end, not once per object loaded.
        with transaction.atomic(), deferred():
            call_command(
                "loaddata", *settings.ARCHIVE_SEED_FIXTURES, verbosity=options["verbosity"]
            )
        self.stdout.write(
            self.style.SUCCESS(f"Seed loaded: {Document.objects.count()} document(s).")
        )
