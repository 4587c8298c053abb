"""Replace the SQLite database with a backup made by backup_database."""

from django.core.management.base import BaseCommand, CommandError

from archive.backups import BackupError, inspect_backup, restore
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Replace everything in the SQLite database with a backup made by backup_database. "
        "The backup is checked first; the replacement is all or nothing. Asks for "
        "confirmation unless --no-input is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask."
        )

    def handle(self, *args, backup, interactive, verbosity, **options):
        try:
            inspected = inspect_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if interactive:
            answer = input(
                f"Replace the whole database with {backup} ({inspected[0]} document(s))? "
                "Everything written since the backup is lost. Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        progress = Progress("Restoring pages", stream=self.stderr) if verbosity else None
        try:
            documents, pending = restore(backup, progress=progress, inspected=inspected)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {documents} document(s) from {backup}."))
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(pending)} migration(s): run `manage.py migrate`."
                )
            )
