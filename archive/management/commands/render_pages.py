"""Render ahead every page a visitor reaches by links, and keep it (archive.pagestore)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.caching import release
from archive.pagestore import ahead, store
from archive.progress import Progress


class Command(BaseCommand):
    help = (
        "Render and keep on disk every page the sitemap lists (documents, persons, "
        "collections, events, the lists) and the lists' further pages, in every interface "
        "language, for visitors of ARCHIVE_BASE_URL. Pages already kept for what they show "
        "now are not rendered again. Run it after a deployment and after large imports; "
        "pages an edit changes are rendered again at their next visit, and kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--languages",
            default=",".join(code for code, _name in settings.LANGUAGES),
            help="interface languages, comma-separated (default: all)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes rendering at once (default 1: the site's own workers keep the "
            "other cores; on a quiet server give the number of cores)",
        )
        parser.add_argument(
            "--clear", action="store_true", help="remove every kept page first"
        )  # fmt: skip

    def handle(self, *args, languages, jobs, clear, **options):
        if settings.DEBUG:
            raise CommandError("Pages are kept only with DEBUG off (in development they change).")
        base_url = settings.ARCHIVE_BASE_URL
        if not base_url:
            raise CommandError(
                "Set ARCHIVE_BASE_URL to the address visitors use (https://archive.example.org):"
                " pages are kept for it alone, as they hold links to it."
            )
        problem = ahead.check_base_url(base_url)
        if problem:
            raise CommandError(f"ARCHIVE_BASE_URL: {problem}")
        known = {code for code, _name in settings.LANGUAGES}
        chosen = [code.strip() for code in languages.split(",") if code.strip()]
        unknown = [code for code in chosen if code not in known]
        if unknown or not chosen:
            raise CommandError(
                f"Unknown interface language {', '.join(unknown) or '(none given)'}; "
                f"the archive has {', '.join(sorted(known))}."
            )
        if jobs < 1:
            raise CommandError("--jobs must be 1 or more.")

        current = release()
        removed = store.prune(current, everything=clear)
        paths = [path for _kind, path in ahead.addresses(chosen)]
        progress = Progress("Rendering", stream=self.stderr) if options["verbosity"] else None
        outcomes, problems = ahead.render_all(paths, base_url, jobs=jobs, progress=progress)

        files, size = store.size(current)
        summary = (
            f"{len(paths)} pages: {outcomes['written']} rendered and kept, "
            f"{outcomes['kept']} already kept, {outcomes['not kept']} not kept. "
            f"The store holds {files} pages, {size / 1e6:.1f} MB"
            + (f"; {removed} older folders of pages removed." if removed else ".")
        )
        if problems:
            self.stdout.write(summary)
            for problem in problems[:20]:
                self.stderr.write(f"Not kept: {problem}")
            more = " (the first 20 above)" if len(problems) > 20 else ""
            raise CommandError(f"{len(problems)} pages were not kept{more}.")
        self.stdout.write(self.style.SUCCESS(summary))
