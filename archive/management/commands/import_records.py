"""Import archive-record files (the Wilson Center text format, or exchange JSON)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from archive.editorial.permissions import can_publish
from archive.importing.batch import collect, import_files
from archive.merging.merge import describe
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Create or update documents from record files or folders of them. The record id "
        "(from the record's URL) identifies a document: importing it again applies what the "
        "file changed since it was last imported, keeps what archivists changed, and records "
        "an import conflict where both changed one thing. Each file is imported in one "
        "transaction; a file that fails changes nothing and the run goes on. Collections, "
        "subjects, status, rights and scans an archivist has set are kept when a text file "
        "updates a document. See docs/importing.md."
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
            "--dry-run",
            action="store_true",
            help="Show what would change, and what a re-import would apply, keep and find in "
            "conflict; write nothing.",
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
            "drafts otherwise, and existing ones keep theirs). Publishing needs --user.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The account the import is made for. --status published needs one that may "
            "publish (a curator's): an archivist's imports wait as drafts for review.",
        )

    def handle(self, *args, paths, format, dry_run, encoding, status, user, verbosity, **options):
        account = self._check_user(user, status)
        try:
            files = collect(paths, format)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        if not files:
            raise CommandError(f"No {format} files found in {', '.join(paths)}.")
        progress = Progress("Importing", stream=self.stderr) if verbosity else None
        summary = import_files(
            files, format, dry_run=dry_run, encoding=encoding, status=status, progress=progress,
            user=account,
        )  # fmt: skip
        self._report(summary, dry_run, verbosity)
        failed = summary.count("failed")
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} file(s) failed; nothing of them was written."
            )

    def _check_user(self, username, status):
        user = None
        if username is not None:
            User = get_user_model()
            user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None or not user.is_active:
                raise CommandError(f"No active account named “{username}”.")
        if status == "published" and not can_publish(user):
            # The command line is the admin's publish action by other means: same rule.
            problem = (
                f"“{username}” may not publish documents"
                if user
                else "needs --user with an account that may publish"
            )
            raise CommandError(
                f"--status published {problem} (a curator's: the archive.publish_document "
                "permission). Or import as drafts, for a curator to publish."
            )
        if status == "draft" and user is not None and not can_publish(user):
            # Setting the status of documents already published is withdrawing them.
            raise CommandError(
                f"--status draft would withdraw published documents, and “{username}” may not "
                "(a curator's account may). Without --status, new documents are drafts anyway "
                "and existing ones keep their status."
            )
        return user

    def _report(self, summary, dry_run, verbosity):
        would = "would be " if dry_run else ""
        for item in summary.files:
            if item.outcome == "failed":
                self.stderr.write(self.style.ERROR(f"{item.path}: {item.error}"))
                continue
            # A re-import's merge in full in a dry run (or at verbosity 2): what the file
            # changed is applied, what an archivist changed is kept.
            merge = (dry_run or verbosity >= 2) and (item.applied or item.kept)
            if verbosity >= 1 and (item.outcome != "unchanged" or verbosity >= 2 or merge):
                parts = f" ({', '.join(item.changed)})" if item.outcome == "updated" else ""
                self.stdout.write(
                    f"{item.path}: record {item.record_id} {would}{item.outcome}{parts}"
                )
            for what in item.applied if merge else []:
                self.stdout.write(f"  {'would apply' if dry_run else 'applied'} the file's {what}")
            for what in item.kept if merge else []:
                self.stdout.write(f"  kept the archive's {what}, as an archivist changed it")
            for conflict in item.conflicts:  # always: someone must decide each
                self.stdout.write(self.style.WARNING(self._conflict(item, conflict, would)))
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
        conflicts = sum(len(item.conflicts) for item in summary.files)
        if conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"{conflicts} import conflict(s) {would}recorded: the archive's values were "
                    "kept; accept or dismiss each in the admin (Import conflicts)."
                )
            )
        counts = ", ".join(
            f"{summary.count(outcome)} {outcome}"
            for outcome in ("created", "updated", "unchanged", "failed")
        )
        prefix = "Dry run, nothing written: " if dry_run else "Imported: "
        style = self.style.ERROR if summary.count("failed") else self.style.SUCCESS
        self.stdout.write(style(prefix + counts + "."))

    def _conflict(self, item, conflict, would):
        """A line that stands on its own: file, record, what, and both values."""
        return (
            f"{item.path}: record {item.record_id}: import conflict in {conflict.what}: "
            f"the archive's “{describe(conflict.archive, 160, conflict.file)}” kept, "
            f"the file's “{describe(conflict.file, 160, conflict.archive)}” {would}recorded "
            "for review"
        )
