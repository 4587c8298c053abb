"""Write every document (or some) as exchange JSON, one file per document."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.exchange import export_document
from archive.importing.batch import export_object
from archive.models import Document
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Export documents in the exchange format (docs/exchange-format.md): one file "
        "<record id>.json per document in OUTPUT, carrying everything the archive holds for it, "
        "drafts included. `import_records --format json OUTPUT` reads them back."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Folder to write into (made if missing).")
        parser.add_argument(
            "--record-id", type=int, action="append", dest="record_ids", help="Only this record."
        )
        parser.add_argument(
            "--published-only", action="store_true", help="Leave drafts and withdrawn out."
        )

    def handle(self, *args, output, record_ids, published_only, verbosity, **options):
        folder = Path(output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {folder}: {error}") from None
        documents = Document.objects.for_exchange().order_by("record_id")
        if record_ids:
            documents = documents.filter(record_id__in=record_ids)
            missing = set(record_ids) - set(documents.values_list("record_id", flat=True))
            if missing:
                raise CommandError(f"No such record: {', '.join(map(str, sorted(missing)))}.")
        if published_only:
            documents = documents.published()
        total = documents.count()
        progress = Progress("Exporting", stream=self.stderr) if verbosity else None
        for done, document in enumerate(documents.iterator(chunk_size=200), start=1):
            _write_atomically(
                folder / f"{document.record_id}.json", export_object(export_document(document))
            )
            if progress:
                progress(done, total)
        self.stdout.write(self.style.SUCCESS(f"Exported {total} document(s) to {folder}."))


def _write_atomically(path, text):
    """Write a file whole or not at all: a crash never leaves half a record behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
