"""Make a consistent copy of the SQLite database while the site is serving."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backups import BackupError, backup, remove_abandoned
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to a new file with SQLite's online backup API: safe while "
        "the site is serving, never half a transaction. DESTINATION is a file, or a folder "
        "to put archive-YYYYMMDD-HHMMSS.sqlite3 in. Restore with restore_database. The copy "
        "is written as .NAME.partial and takes its name only when it is whole and on disk; "
        "partial files left by backups that stopped midway are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="The backup file to make, or a folder.")
        parser.add_argument(
            "--max-rate",
            type=float,
            metavar="MB",
            help="Copy at most this many megabytes a second (fractions allowed), so that the "
            "backup of a big database leaves the disk to the site. Default: as fast as it goes.",
        )

    def handle(self, *args, destination, max_rate, verbosity, **options):
        if max_rate is not None and max_rate <= 0:
            raise CommandError("--max-rate must be more than 0.")
        path = Path(destination)
        if path.is_dir():
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = path / f"archive-{stamp}.sqlite3"
        progress = Progress("Copying pages", stream=self.stderr) if verbosity else None
        try:
            for leftover in remove_abandoned(path.parent):
                self.stdout.write(f"Removed {leftover}, left by a backup that stopped midway.")
            report = backup(path, progress=progress, max_rate=max_rate and max_rate * 1_000_000)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        size = report.path.stat().st_size / 1_000_000
        restarted = f", restarted {report.restarts}× by writes" if report.restarts else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {report.documents} document(s) to {report.path} "
                f"({size:.1f} MB, {report.seconds:.1f} s{restarted}); integrity checked."
            )
        )
