#!/usr/bin/env python
"""Invalidation benchmark: what one edit takes out of the page cache.

In production mode (DEBUG off, gunicorn with config/gunicorn.conf.py, one worker so that
one page cache holds every page) on a database with the seed and a synthetic corpus:

1. every published document's page is asked for once: the cache is warm;
2. every document's summary is changed behind the archive's back (an SQL UPDATE: no
   signal, no new time of change), so that a page rendered afresh from now on says so
   and a page answered from the cache does not;
3. one document is edited as the admin and the importer edit (a save, with the change
   tracking of archive.changes): its title changes; the documents it is related to show
   that title too;
4. every page is asked for again.

Counted: the pages still answered from the cache (the target is at least 99% of those
that do not show the edit), and the pages that show the edit, each of which must show it
at once. Also the time of a cached answer before and after, and of a render.

    python bench/invalidation.py                                     # SQLite
    bash .ci/with-postgres .venv/bin/python bench/invalidation.py    # PostgreSQL

About a minute and a half; results go to bench/results/invalidation-<database>.json and
bench/results/invalidation.md (every invalidation-*.json there becomes a section).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving

SNEAKED = "[sneaked past the cache]"
EDITED = " (edited)"
TARGET = 0.99


def fetch_all(session, base_url, urls):
    """{url: (body, milliseconds)} for each address, one after the other."""
    found = {}
    for url in urls:
        started = time.perf_counter()
        response = session.get(base_url + url, timeout=60)
        response.raise_for_status()
        found[url] = (response.text, (time.perf_counter() - started) * 1000)
    return found


def median_ms(results):
    return round(statistics.median(ms for _body, ms in results.values()), 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    serving.add_common_arguments(parser, "invalidation")
    args = parser.parse_args()
    started_all = time.monotonic()
    workdir, _password, database, _pid = serving.set_up(args)

    from django.db import connections
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from archive.changes import deferred
    from archive.models import Document, DocumentRelation

    documents = list(Document.objects.published().order_by("pk"))
    urls = {document.pk: document.get_absolute_url() for document in documents}
    # The document edited, and three that an archivist relates to it (their pages name it).
    edited = documents[len(documents) // 2]
    with deferred():
        for other in documents[1:4]:
            DocumentRelation.objects.create(source=other, target=edited, kind="related")
    neighbours = set(
        DocumentRelation.objects.filter(target=edited).values_list("source_id", flat=True)
    ) | set(DocumentRelation.objects.filter(source=edited).values_list("target_id", flat=True))
    shows_edit = {edited.pk} | neighbours
    connections.close_all()

    quiet = serving.wait_for_quiet(patience=args.quiet_wait)
    with serving.Server(workdir / "gunicorn.log", workers=1) as server:
        session = requests.Session()
        print(f"--- warming {len(urls)} document pages", flush=True)
        cold = fetch_all(session, server.url, urls.values())
        warm = fetch_all(session, server.url, list(urls.values())[:200])
        Document.objects.update(summary=Concat(F("summary"), Value(f" {SNEAKED}")))
        title = edited.title + EDITED
        with deferred():
            edited.title = title
            edited.save()
        edited.refresh_from_db()
        urls[edited.pk] = edited.get_absolute_url()  # the title makes the address
        connections.close_all()
        print(f"--- edited record {edited.record_id}; asking for every page again", flush=True)
        after = fetch_all(session, server.url, urls.values())
        problems = server.log_problems()

    rendered = {pk for pk, url in urls.items() if SNEAKED in after[url][0]}
    fresh = {pk for pk in shows_edit if title in after[urls[pk]][0]}
    others = set(urls) - shows_edit
    kept = others - rendered
    share = len(kept) / len(others)
    report = {
        **serving.report_header(database, args, workers=1),
        "documents": len(urls),
        "edited_record": edited.record_id,
        "pages_showing_the_edit": len(shows_edit),
        "fresh_at_once": len(fresh),
        "other_pages": len(others),
        "other_pages_still_cached": len(kept),
        "share_still_cached": round(share, 4),
        "target_share": TARGET,
        "met": share >= TARGET and fresh == shows_edit,
        "median_ms": {
            "first render": median_ms(cold),
            "cached": median_ms(warm),
            "after the edit": median_ms({u: after[u] for u in (urls[pk] for pk in kept)}),
        },
        "other_work": {"busy_before": quiet},
        "server_log_problems": problems[:20],
        "minutes": round((time.monotonic() - started_all) / 60, 1),
    }
    print(
        f"{len(kept)} of {len(others)} other pages still cached ({share:.2%}); "
        f"{len(fresh)} of {len(shows_edit)} pages showing the edit fresh at once",
        flush=True,
    )
    serving.save(report, "invalidation", args, workdir, write_markdown)


def write_markdown():
    """bench/results/invalidation.md from every invalidation-*.json there."""
    reports = serving.load_reports("invalidation")
    lines = [
        "# What one edit invalidates",
        "",
        "`bench/invalidation.py`: every published document's page is asked for once through",
        "gunicorn (production mode, one worker, so one page cache holds them all); every",
        "summary is then changed behind the archive's back (an SQL UPDATE, no signal: a page",
        "rendered afresh shows it, a cached one does not); one document is edited as the",
        "admin does (a save, with archive.changes' tracking), and every page is asked for",
        "again. Target: at least 99% of the pages that do not show the edit stay cached;",
        "every page that shows it (the document's, and those of the documents related to it)",
        "shows it at once.",
        "",
        "| database | documents | other pages still cached | pages showing the edit, "
        "fresh at once | cached answer | first render | met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in reports:
        ms = r["median_ms"]
        lines.append(
            f"| {serving.label(r)} | {r['documents']:,} | {r['other_pages_still_cached']:,} "
            f"of {r['other_pages']:,} (**{r['share_still_cached']:.2%}**) | "
            f"{r['fresh_at_once']} of {r['pages_showing_the_edit']} | {ms['cached']} ms | "
            f"{ms['first render']} ms | {'yes' if r['met'] else '**NO**'} |"
        )
    lines += ["", "Before, one public version stood for every page: any edit emptied the whole"]
    lines += ["cache of every server (0% kept). Machines:", ""]
    lines += [
        f"- {serving.label(r)}: {m['cpu']}, {m['cores']} cores, {m['system']}, Python "
        f"{m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}; {r['measured_at']}"
        for r in reports
        for m in [r["machine"]]
    ]
    (serving.RESULTS / "invalidation.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
