#!/usr/bin/env python
"""Search benchmark: a full results page (with facet counts) for 20 representative queries.

For each corpus size the database grows to that size (synthetic documents, see
archive/corpus.py; `generate_corpus` also builds the search index), and then:

- over HTTP: gunicorn (config/gunicorn.conf.py, production settings: DEBUG off, the
  same DATABASE_URL, the same search index folder) serves the site; each query's
  results page `/documents/?q=…&nocache=<n>` is fetched with urllib by one client, one
  request at a time (latency, not throughput), a unique `nocache` on every request so
  the page cache never answers: one pass over all queries to warm every worker up,
  then per query --warmup untimed fetches and --repeat timed ones. Afterwards the
  resident memory (VmRSS, VmHWM) of each gunicorn worker is read from /proc.
- in process, through Django's test client on the same settings: the same page
  with the search index, and naive: the text filter an `icontains` scan over the same
  fields, the facets counted in the database over its matches, no index or engine
  (see NaiveSearch: it patches code, so it only works in process); and the text match
  alone, indexed and naive. The speed-up is in process, the same page.
- the Lunr peer (bench/lunr_peer.py: the same corpus exported to JSON and indexed by
  lunr.js in Node, queried in memory) at sizes up to --peer-max documents; above
  that only with --peer-100k, and then only exported and built. A failure of the
  peer is recorded in the results, not raised.
- sizes: the search index's bytes on disk, the whole database's, and the UTF-8 bytes
  of the text the index covers (titles, summaries, passages and notes of published
  documents, and every person's names and aliases).

    python bench/search.py --sizes 1000 10000 100000 --output bench/results/search-sqlite.json
    bash .ci/with-postgres .venv/bin/python bench/search.py \
        --output bench/results/search-postgresql.json
    python bench/report.py    # turns the JSON files into bench/results/search.md

With --existing, the corpus already in the database (made by `generate_corpus`, as this
benchmark makes it) and its index (ARCHIVE_SEARCH_INDEX_DIR) are measured as they are,
at their size: two states of the code can be compared on one corpus, without an hour of
generating it twice. --no-naive leaves the naive scans out (minutes at 100,000).
Write such runs to a file of their own: report.py reads only search-*.json.

The database (DATABASE_URL; without it a new SQLite file in the work folder) must be
empty. The search index goes to <work folder>/search-index (ARCHIVE_SEARCH_INDEX_DIR,
for this process and gunicorn alike); the work folder is a new temporary one, removed
at the end unless --keep, or the one --workdir names, which is kept.

Not part of the tests: it takes minutes (an hour or more with 100,000) and gigabytes.
"""

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import serving  # noqa: E402

# (label, query parameters): words, phrases, prefixes, Latin for Cyrillic, aliases, facets.
QUERIES = [
    ("common word, ru", {"q": "переговоры"}),
    ("common word, en", {"q": "negotiations"}),
    ("two words, en", {"q": "Malik radio"}),
    ("two words, ru", {"q": "Малика радио"}),
    ("phrase, ru", {"q": '"прекращения военных действий"'}),
    ("phrase, en", {"q": '"cessation of military actions"'}),
    ("prefix, ru", {"q": "Риджу*"}),
    ("prefix, en", {"q": "negot*"}),
    ("Latin for Cyrillic", {"q": "Genshtab"}),
    ("romanized phrase", {"q": '"peregovory o peremirii"'}),
    ("alias", {"q": "Filippov"}),
    ("alias, Cyrillic", {"q": "ФИЛИПОВ"}),
    ("person's name", {"q": "Vyshinsky"}),
    ("exclusion", {"q": "Ridgway -Malik"}),
    ("OR", {"q": "Gromyko OR Vyshinsky"}),
    ("rare word", {"q": "Кэсоне Пханмунджом"}),
    ("word + type facet", {"q": "armistice", "type": "letter"}),
    ("word + collection facet", {"q": "перемирие", "collection": "korean-war-armistice"}),
    ("name + date range", {"q": "Kim Il Sung", "date_from": "1950-06-25", "date_to": "1953-07-27"}),
    ("reference", {"q": '"f. 45"'}),
]

HOST = "127.0.0.1"  # one of serving.configure()'s ALLOWED_HOSTS
NOCACHE = itertools.count(1)  # a unique ?nocache=<n> for every request of the run


def percentile(values, fraction):
    """The value at `fraction` of the sorted values (nearest rank), as report.py computes it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def naive_filter_text(filterset, queryset, name, value):
    """The same fields as the index, by substring: what a search without an index does."""
    from django.db.models import Exists, OuterRef, Q

    from archive.models import Passage, Role

    passage = Passage.objects.filter(text__document=OuterRef("pk"))
    role = Role.objects.filter(document=OuterRef("pk"))
    for word in value.replace('"', " ").split()[:10]:
        word = word.strip("*-")
        if not word or word == "OR":
            continue
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Exists(passage.filter(content__icontains=word))
            | Exists(
                role.filter(
                    Q(person__name__icontains=word)
                    | Q(person__name_ru__icontains=word)
                    | Q(person__aliases__name__icontains=word)
                )
            )
        )
    return queryset


class NaiveSearch:
    """Within the block, the results page is made without the search index or engine.

    The text filter is the `icontains` scan above; where the engine also counts the
    facets and ranks the page (archive.search.engine), the facets are counted in the
    database over the scan's matches instead (filters.facet_counts without `counted`),
    the page is in the browse order (without an index there is no relevance) and makes
    no "did you mean" suggestion (it reads the index's words). Calls that still reach
    the engine's searcher() are counted: `engine_calls` should stay 0.
    """

    def __init__(self):
        self.engine_calls = 0
        self.patched = []

    def __enter__(self):
        from archive import search
        from archive.filters import DocumentFilter

        patches = [(DocumentFilter, "filter_text", naive_filter_text)]
        engine = getattr(search, "engine", None)
        if engine is not None:
            searcher = getattr(engine, "searcher", None)

            def counted_searcher(*args, **kwargs):
                self.engine_calls += 1
                return searcher(*args, **kwargs)

            patches += [
                (engine, "searcher", counted_searcher),
                (engine, "facet_counts", lambda *args, **kwargs: None),
                # Which texts hold the words: a scan cannot tell, so every text is read.
                (engine, "matched_in_texts", lambda items, ids: set(ids)),
                (engine, "texts_holding", lambda items, ids: dict.fromkeys(ids, engine.TEXT_SLOTS)),
                (DocumentFilter, "ranks_by_relevance", staticmethod(lambda values: False)),
                # "Did you mean" reads the index's words: a scan has none to offer.
                (search, "suggestion", lambda *args, **kwargs: ""),
            ]
        # What the code in use has: what it lacks, it cannot call (engine_calls tells).
        patches = [patch for patch in patches if hasattr(patch[0], patch[1])]
        self.stack = [mock.patch.object(target, name, new) for target, name, new in patches]
        for patch in self.stack:
            patch.start()
        self.patched = [f"{target.__name__}.{name}" for target, name, _new in patches]
        return self

    def __exit__(self, *exc):
        for patch in reversed(self.stack):
            patch.stop()


# --- over HTTP, through gunicorn


def fetch(server, params):
    """One results page, never from the page cache: milliseconds and bytes."""
    query = urllib.parse.urlencode({**params, "nocache": next(NOCACHE)})
    started = time.perf_counter()
    with urllib.request.urlopen(f"{server.url}/documents/?{query}", timeout=120) as response:
        body = response.read()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"/documents/?{query} answered {status}:\n{server.log_tail()}")
    return elapsed, len(body)


def measure_http(server, repeat, warmup):
    """{label: (timings in ms, bytes of the page)}: one client, one request at a time."""
    # First a pass over every query: the workers' threads open their database
    # connections and load templates and the index on whichever request comes first.
    for _label, params in QUERIES:
        fetch(server, params)
    measured = {}
    for label, params in QUERIES:
        for _ in range(warmup):
            fetch(server, params)
        timings, size = [], 0
        for _ in range(repeat):
            elapsed, size = fetch(server, params)
            timings.append(elapsed)
        measured[label] = (timings, size)
    return measured


def process_memory(pid):
    """VmRSS and VmHWM (peak) of a process, in bytes, from /proc/<pid>/status."""
    memory = {"pid": pid}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return memory
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            memory[f"{key[2:].lower()}_bytes"] = int(value.split()[0]) * 1024  # kB
    return memory


def worker_memory(master_pid):
    """The resident memory of gunicorn's master and of each of its workers (its children)."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Fields after the command name: state is [0], ppid [1].
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(master_pid):
            workers.append(process_memory(int(stat.parent.name)))
    workers = [w for w in workers if "rss_bytes" in w]
    rss = [w["rss_bytes"] for w in workers]
    return {
        "master": process_memory(master_pid),
        "workers": sorted(workers, key=lambda w: w["pid"]),
        "max_bytes": max(rss) if rss else None,
        "median_bytes": round(statistics.median(rss)) if rss else None,
        "peak_max_bytes": max((w.get("hwm_bytes", 0) for w in workers), default=None),
    }


def run_http(size, workdir, args):
    """Start gunicorn on the corpus as it is, time every query's page, read its memory."""
    from django.db import connections

    connections.close_all()  # the workers open their own; SQLite is not held open here
    busy = serving.wait_for_quiet(patience=args.quiet_wait)
    print(f"  over HTTP (gunicorn; other work kept {busy:.0%} of the cores busy)", flush=True)
    with serving.Server(workdir / "gunicorn.log", args.workers) as server:
        measured = measure_http(server, args.repeat, args.warmup)
        memory = worker_memory(server.process.pid)
        problems = server.log_problems()
    for label, (timings, size_bytes) in measured.items():
        print(
            f"  {label:28} p50 {statistics.median(timings):7.1f} ms"
            f"  p95 {percentile(timings, 0.95):7.1f} ms  {size_bytes:7} B",
            flush=True,
        )
    everything = [ms for timings, _ in measured.values() for ms in timings]
    print(
        f"  all queries: p50 {statistics.median(everything):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms; worker RSS max "
        f"{(memory['max_bytes'] or 0) / 1e6:.1f} MB, median "
        f"{(memory['median_bytes'] or 0) / 1e6:.1f} MB over {len(memory['workers'])} workers",
        flush=True,
    )
    summary = {
        "busy_before": busy,
        "requests": len(QUERIES) * (1 + args.warmup + args.repeat),
        "p50_ms": statistics.median(everything),
        "p95_ms": percentile(everything, 0.95),
        "server_log_problems": problems[:50],
    }
    return measured, summary, memory


# --- in process, through Django's test client


def measure(client, params, repeat):
    from django.core.cache import caches

    from archive.filters import DocumentFilter
    from archive.models import Document

    timings = []
    response = client.get("/documents/", params)  # warm caches once
    assert response.status_code == 200, (params, response.status_code)
    for _ in range(repeat):
        # Anonymous pages are cached whole: empty the cache so that every timing renders.
        caches["pages"].clear()
        start = time.perf_counter()
        response = client.get("/documents/", params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return timings, DocumentFilter(params, queryset=Document.objects.published()).qs.count()


def measure_match(params, repeat, naive=False):
    """The text match alone: how long finding (and counting) the matching documents takes."""
    from archive.models import Document

    documents = Document.objects.published()
    timings = []
    for run in range(repeat + 1):
        start = time.perf_counter()
        if naive:
            naive_filter_text(None, documents, "q", params["q"]).count()
        else:
            documents.search(params["q"]).count()
        if run:  # the first run warms caches
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def run_in_process(repeat, naive_repeat, http):
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    results = []
    print("  in process (Django's test client)", flush=True)
    for label, params in QUERIES:
        fts, hits = measure(client, params, repeat)
        match = measure_match(params, repeat)
        naive = naive_hits = naive_match = scan = None
        if naive_repeat:
            with NaiveSearch() as scan:
                naive, naive_hits = measure(client, params, naive_repeat)
            naive_match = measure_match(params, naive_repeat, naive=True)
        http_ms, page_bytes = http[label]
        results.append(
            {"label": label, "params": params, "hits": hits, "naive_hits": naive_hits,
             "fts_ms": fts, "naive_ms": naive, "match_ms": match, "naive_match_ms": naive_match,
             "http_ms": http_ms, "page_bytes": page_bytes,
             "naive_patched": scan and scan.patched,
             "naive_engine_calls": scan and scan.engine_calls}
        )  # fmt: skip
        print(
            f"  {label:28} {hits:7} hits  page {statistics.median(fts):7.1f} ms"
            f" (naive {_median(naive)})  match {statistics.median(match):7.1f} ms"
            f" (naive {_median(naive_match)})"
            + (f"  NB: the naive page called the engine {scan.engine_calls} times"
               if scan and scan.engine_calls else ""),
            flush=True,
        )  # fmt: skip
    pages = [ms for query in results for ms in query["fts_ms"]]
    print(f"  all pages in process: p50 {statistics.median(pages):.1f} ms, "
          f"p95 {percentile(pages, 0.95):.1f} ms", flush=True)  # fmt: skip
    return results


def _median(timings):
    return f"{statistics.median(timings):8.1f}" if timings else "not run"


# --- sizes


def text_bytes(batch=2000):
    """UTF-8 bytes of the text the index covers, by part (counted in Python: Cyrillic is 2 B)."""
    from archive.models import Alias, Document, Note, Passage, Person

    published = Document.objects.published()
    ids = published.values("pk")
    parts = {
        "titles": published.values_list("title", flat=True),
        "summaries": published.values_list("summary", flat=True),
        "passages": Passage.objects.filter(text__document__in=ids).values_list(
            "content", flat=True
        ),
        "notes": Note.objects.filter(text__document__in=ids).values_list("content", flat=True),
        "person names": Person.objects.values_list("name", "name_ru", "name_native"),
        "aliases": Alias.objects.values_list("name", flat=True),
    }
    counted = {}
    for part, rows in parts.items():
        total = 0
        for row in rows.order_by().iterator(chunk_size=batch):
            for value in row if isinstance(row, tuple) else (row,):
                total += len((value or "").encode())
        counted[part] = total
    return {"bytes": sum(counted.values()), "parts": counted}


def search_index_bytes(index_dir):
    """The search index's bytes: archive.search.index_bytes(), else the files in its folder."""
    note = ""
    try:
        from archive.search import index_bytes
    except ImportError:
        index_bytes = None
        note = "archive.search.index_bytes() is missing; "
    if index_bytes is not None:
        try:
            return {"bytes": index_bytes(), "source": "archive.search.index_bytes()"}
        except Exception as error:  # the engine is changing: fall back, and say why
            note = f"archive.search.index_bytes() failed ({type(error).__name__}: {error}); "
    files = [path for path in index_dir.rglob("*") if path.is_file()] if index_dir.exists() else []
    if not files:
        return {"bytes": None, "source": note + f"no files under {index_dir}"}
    return {
        "bytes": sum(path.stat().st_size for path in files),
        "source": note + "the files under ARCHIVE_SEARCH_INDEX_DIR",
    }


def database_bytes():
    """The whole database on disk: SQLite's file (after a WAL checkpoint) and its WAL; or
    PostgreSQL's pg_database_size()."""
    from django.db import connection

    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return {"bytes": cursor.fetchone()[0], "source": "pg_database_size()"}
    path = Path(connection.settings_dict["NAME"])
    wal = path.with_name(path.name + "-wal")

    def size(file):
        return file.stat().st_size if file.exists() else 0

    wal_before = size(wal)
    with connection.cursor() as cursor:
        # The WAL keeps the size of the largest transaction (the corpus is written in one):
        # once checkpointed, its pages are all in the main file and need not count twice.
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint = list(cursor.fetchone())
        cursor.execute("PRAGMA freelist_count")
        free_pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
    return {
        "bytes": size(path) + size(wal),
        "source": "the SQLite file and its -wal, after PRAGMA wal_checkpoint(TRUNCATE)",
        "file_bytes": size(path),
        "wal_bytes": size(wal),
        "wal_bytes_before_checkpoint": wal_before,
        "checkpoint": checkpoint,
        "free_bytes": free_pages * page_size,
    }


def measure_storage(index_dir):
    text, index, database = text_bytes(), search_index_bytes(index_dir), database_bytes()
    storage = {
        "text_bytes": text["bytes"],
        "text_parts": text["parts"],
        "index_bytes": index["bytes"],
        "index_source": index["source"],
        "database_bytes": database["bytes"],
        "database": database,
        "index_ratio": index["bytes"] / text["bytes"] if index["bytes"] is not None else None,
        "database_ratio": database["bytes"] / text["bytes"],
    }
    index_text = (
        f"index {index['bytes'] / 1e6:.1f} MB ({storage['index_ratio']:.2f}× the text)"
        if index["bytes"] is not None
        else f"index not measured ({index['source']})"
    )
    print(
        f"  text {text['bytes'] / 1e6:.1f} MB; {index_text}; database "
        f"{database['bytes'] / 1e6:.1f} MB ({storage['database_ratio']:.2f}×)",
        flush=True,
    )
    return storage


# --- the Lunr peer


def run_peer(workdir, size, repeat, build_only=False, keep=False):
    """bench/lunr_peer.py on the corpus as it is now; a failure is recorded, not raised."""
    record = {"build_only": build_only}
    corpus = workdir / f"lunr-corpus-{size}.json"
    started = time.perf_counter()
    try:
        import lunr_peer

        lunr_peer.ensure_installed()
        documents, exported = lunr_peer.export_corpus(corpus)
        record.update(
            export_seconds=round(time.perf_counter() - started, 1),
            documents=documents,
            corpus_bytes=exported,
        )
        result = lunr_peer.run_peer(corpus, QUERIES, repeat=0 if build_only else repeat)
        if not isinstance(result, dict):
            raise TypeError(f"run_peer() returned {type(result).__name__}, not a dict")
        record.update(result)
    except Exception as error:
        record["error"] = f"{type(error).__name__}: {error}"
        record["traceback"] = traceback.format_exc()[-4000:]
    finally:
        if not keep:
            corpus.unlink(missing_ok=True)
    record["seconds"] = round(time.perf_counter() - started, 1)
    if record.get("error"):
        print(f"  Lunr peer failed: {record['error']}", flush=True)
        return record
    timings = [ms for query in record.get("queries") or [] for ms in query.get("ms") or []]
    print(
        f"  Lunr peer: {record['documents']} documents, built in "
        f"{(record.get('build_ms') or 0) / 1000:.1f} s, index {record.get('index_bytes') or 0:,} B"
        + (f" ({record['index_error']})" if record.get("index_error") else "")
        + (
            f"; queries p50 {statistics.median(timings):.2f} ms, "
            f"p95 {percentile(timings, 0.95):.2f} ms"
            if timings
            else ""
        ),
        flush=True,
    )
    return record


# --- the run


def describe_machine():
    machine = serving.describe_machine()
    try:
        meminfo = Path("/proc/meminfo").read_text()
        machine["memory_bytes"] = int(meminfo.split("MemTotal:", 1)[1].split()[0]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return machine


def set_up(args, workdir):
    """Production settings (serving.configure) with the index in the work folder; an empty
    database, migrated; static files collected for the pages' stylesheet links. With
    --existing: the database and index as they are."""
    if args.existing:
        return _set_up_existing(args, workdir)
    index_dir = workdir / "search-index"
    if index_dir.exists() and any(index_dir.iterdir()):
        sys.exit(f"{index_dir} is not empty: remove it (the benchmark starts a new index).")
    index_dir.mkdir(exist_ok=True)
    # Read by the settings when Django starts: this process and gunicorn share one index.
    os.environ["ARCHIVE_SEARCH_INDEX_DIR"] = str(index_dir)
    serving.configure(args.database_url, workdir)

    from django.core.management import call_command

    from archive.models import Document

    call_command("migrate", interactive=False, verbosity=0)
    if Document.objects.exists():
        sys.exit("The benchmark needs an empty database: it fills it with synthetic documents.")
    call_command("collectstatic", interactive=False, verbosity=0)
    return index_dir


def _set_up_existing(args, workdir):
    index_dir = Path(os.environ.get("ARCHIVE_SEARCH_INDEX_DIR", ""))
    if not index_dir.is_dir() or not any(index_dir.iterdir()):
        sys.exit("--existing needs ARCHIVE_SEARCH_INDEX_DIR: the corpus's search index.")
    serving.configure(args.database_url, workdir)

    from django.core.management import call_command

    from archive.models import Document

    size = Document.objects.published().count()
    if not size:
        sys.exit("--existing needs a corpus in the database (generate_corpus).")
    args.sizes = [size]
    call_command("collectstatic", interactive=False, verbosity=0)
    return index_dir


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query (indexed)")
    parser.add_argument("--naive-repeat", type=int, default=3, help="timed runs (naive scan)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed HTTP fetches per query")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--database-url", help="default: DATABASE_URL, or a new SQLite file")
    parser.add_argument(
        "--workdir", type=Path, help="default: a new temporary folder (one named here is kept)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default: the config's)")
    parser.add_argument(
        "--quiet-wait", type=int, default=120, help="seconds to wait for other work to stop"
    )
    parser.add_argument(
        "--peer-max", type=int, default=10000, help="the Lunr peer at sizes up to this"
    )
    parser.add_argument(
        "--peer-100k", action="store_true", help="above --peer-max, export and build the peer too"
    )
    parser.add_argument("--no-peer", action="store_true", help="leave the Lunr peer out")
    parser.add_argument(
        "--existing", action="store_true", help="measure the corpus and index already there"
    )
    parser.add_argument("--no-naive", action="store_true", help="leave the naive scans out")
    args = parser.parse_args()
    args.output = args.output.resolve()

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="archive-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        run(args, workdir)
    finally:
        serving.clean_up(workdir, keep=args.keep or args.workdir is not None)


def run(args, workdir):
    """The whole benchmark, in the work folder; the results to args.output, size by size."""
    started = time.monotonic()
    index_dir = set_up(args, workdir)
    from django.core.management import call_command
    from django.db import connection

    report = {
        "database": serving.describe_database(),
        "machine": serving.machine_summary(),
        "machine_details": describe_machine(),
        "code": serving.describe_code(),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "gunicorn": serving.gunicorn_settings()
        | ({"workers": args.workers} if args.workers else {}),
        "parameters": {
            "repeat": args.repeat,
            "naive_repeat": args.naive_repeat,
            "naive_repeat_over_10000": 1,
            "http_warmup": args.warmup,
            "client": "urllib, one request at a time, a new connection each",
            "conn_max_age": serving.conn_max_age(),
        },
        "sizes": [],
    }
    print(f"--- {connection.vendor}: work folder {workdir}, index {index_dir}", flush=True)
    present = 0
    for size in sorted(args.sizes):
        started_build = time.perf_counter()
        if not args.existing:
            print(f"--- {connection.vendor}: growing the corpus to {size} documents", flush=True)
            call_command("generate_corpus", size - present, first_record_id=1_000_000 + present,
                         seed=size, verbosity=1)  # fmt: skip
        build = None if args.existing else time.perf_counter() - started_build
        present = size
        http, http_summary, memory = run_http(size, workdir, args)
        naive_repeat = args.naive_repeat if size <= 10000 else 1
        results = run_in_process(args.repeat, 0 if args.no_naive else naive_repeat, http)
        peer = None
        if not args.no_peer and (size <= args.peer_max or args.peer_100k):
            build_only = size > args.peer_max
            print(f"  the Lunr peer{' (export and build only)' if build_only else ''}",
                  flush=True)  # fmt: skip
            peer = run_peer(workdir, size, args.repeat, build_only, args.keep)
        storage = measure_storage(index_dir)
        report["sizes"].append(
            {"documents": size, "build_seconds": build and round(build, 1), "queries": results,
             "http": http_summary, "memory": memory, "storage": storage, "peer": peer}
        )  # fmt: skip
        report["minutes"] = round((time.monotonic() - started) / 60, 1)
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"Written {args.output} in {report.get('minutes', 0)} min")


if __name__ == "__main__":
    main()
