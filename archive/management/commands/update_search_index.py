"""Apply the search index's outbox now: every change committed and not yet indexed."""

from django.core.management.base import BaseCommand

from archive.progress import Progress
from archive.search import engine


class Command(BaseCommand):
    help = (
        "Bring this server's search index up to date with the database: apply every "
        "change in the outbox not yet applied (searches do this by themselves, a few "
        "hundred at a time; this applies a large backlog, after a bulk load, at once)."
    )

    def handle(self, *args, **options):
        progress = Progress("Indexing", stream=self.stderr) if options["verbosity"] else None
        applied = engine.catch_up(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"Search index up to date: {applied} changes applied.")
        )
