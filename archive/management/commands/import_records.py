"""Import archive-record files (the Wilson Center text format, or exchange JSON)."""

from django.core.management.base import BaseCommand, CommandError

from archive.importing.batch import collect, import_files
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Create or update documents from record files or folders of them. The record id "
        "(from the record's URL) identifies a document: importing it again updates it. Each "
        "file is imported in one transaction; a file that fails changes nothing and the run "
        "goes on. Collections, subjects, status, rights and scans an archivist has set are "
        "kept when a text file updates a document. See docs/importing.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders to search for them.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text: the record format of Wilson Center exports (*.txt, *.md); "
            "json: the exchange format written by export_records (*.json).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--encoding",
            help="Read text files in this encoding (default: UTF-8, with or without a BOM, "
            "or Windows-1251, whichever the file is).",
        )
        parser.add_argument(
            "--status",
            choices=["draft", "published"],
            help="Set the status of the documents imported from text files (new documents are "
            "drafts otherwise, and existing ones keep theirs).",
        )

    def handle(self, *args, paths, format, dry_run, encoding, status, verbosity, **options):
        try:
            files = collect(paths, format)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        if not files:
            raise CommandError(f"No {format} files found in {', '.join(paths)}.")
        progress = Progress("Importing", stream=self.stderr) if verbosity else None
        summary = import_files(
            files, format, dry_run=dry_run, encoding=encoding, status=status, progress=progress
        )
        self._report(summary, dry_run, verbosity)
        failed = summary.count("failed")
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} file(s) failed; nothing of them was written."
            )

    def _report(self, summary, dry_run, verbosity):
        would = "would be " if dry_run else ""
        for item in summary.files:
            if item.outcome == "failed":
                self.stderr.write(self.style.ERROR(f"{item.path}: {item.error}"))
                continue
            if verbosity >= 1 and (item.outcome != "unchanged" or verbosity >= 2):
                parts = f" ({', '.join(item.changed)})" if item.outcome == "updated" else ""
                self.stdout.write(
                    f"{item.path}: record {item.record_id} {would}{item.outcome}{parts}"
                )
            for name in item.new_persons:
                self.stdout.write(f"  new person {would}created: {name}")
            for term in item.new_terms:
                self.stdout.write(f"  new {term} {would}created")
            for warning in item.warnings if verbosity >= 1 else []:
                self.stdout.write(self.style.WARNING(f"  {warning}"))
        for record_id, relation in summary.unlinked_relations:
            self.stdout.write(
                self.style.WARNING(
                    f"record {record_id}: related record {relation['record_id']} is not in the "
                    "archive; import it and import this record again to link them"
                )
            )
        counts = ", ".join(
            f"{summary.count(outcome)} {outcome}"
            for outcome in ("created", "updated", "unchanged", "failed")
        )
        prefix = "Dry run, nothing written: " if dry_run else "Imported: "
        style = self.style.ERROR if summary.count("failed") else self.style.SUCCESS
        self.stdout.write(style(prefix + counts + "."))
