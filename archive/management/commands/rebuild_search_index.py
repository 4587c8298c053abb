"""Rebuild the search index from scratch, from the documents as they are."""

from django.core.management.base import BaseCommand

from archive.progress import Progress
from archive.search import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild this server's search index of all published documents. The index is kept "
        "current automatically; run this when setting up a server. It is built beside the "
        "old one: searches use the old index until the new one is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        progress = Progress("Indexing", stream=self.stderr) if options["verbosity"] else None
        count = rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} published documents."))
