"""Fill a benchmark database with a synthetic bilingual corpus, then index it."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.corpus import CorpusWriter
from archive.models import Document
from archive.progress import Progress
from archive.search import rebuild


class Command(BaseCommand):
    help = (
        "Add COUNT synthetic published documents (Russian originals and English translations of "
        "1–3 KB, persons with aliases, references) for benchmarks, then rebuild the search "
        "index. Meant for a scratch database: the documents are not real."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1951, help="Same seed, same corpus.")
        parser.add_argument("--first-record-id", type=int, default=1_000_000)
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, count, seed, first_record_id, batch_size, **options):
        if count < 1:
            raise CommandError("COUNT must be at least 1.")
        taken = Document.objects.filter(
            record_id__gte=first_record_id, record_id__lt=first_record_id + count
        )
        if taken.exists():
            raise CommandError(
                f"Record ids {first_record_id}–{first_record_id + count - 1} are partly taken: "
                "use --first-record-id or a fresh database."
            )
        quiet = not options["verbosity"]
        with transaction.atomic():
            CorpusWriter(seed).write(
                count,
                first_record_id=first_record_id,
                batch=batch_size,
                progress=None if quiet else Progress("Writing documents", stream=self.stderr),
            )
        indexed = rebuild(
            batch_size=batch_size,
            progress=None if quiet else Progress("Indexing", stream=self.stderr),
        )
        self.stdout.write(self.style.SUCCESS(f"{count} documents written; {indexed} indexed."))
