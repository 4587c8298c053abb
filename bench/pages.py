#!/usr/bin/env python
"""Page benchmark: the public pages under gunicorn, each beside a static file of its own size.

For the home page, the browse page, a document page (the seed record, 110371) and a
person page (Mao Zedong), in production mode (DEBUG off, gunicorn with
config/gunicorn.conf.py, whitenoise, the per-process page cache) on a database with the
seed and a synthetic corpus:

- requests per second and latency under wrk, 16 connections: the page cached (the same
  URL again and again), uncached (a unique `?nocache=<n>` each time: the views ignore
  parameters they do not know, so each request renders afresh), the document page also
  revalidated (If-None-Match: a 304); and, in the same run of the same server, a static
  file holding that page's exact bytes, served by whitenoise from STATIC_ROOT. The
  ratio page / static file is the figure: what the page costs beyond sending its bytes.
- the long tail: a second server with no page in its workers' memory, after
  `manage.py render_pages` kept every page reached by links; each request asks for
  another document, browse or person page (in every language), beside the static twin.
- SQL queries per page, uncached, counted in process with Django's test client and
  CaptureQueriesContext on the same settings, as an anonymous visitor.
- page weight: the HTML and the stylesheets and scripts it links, as bytes and as a
  browser accepting gzip receives them.

    python bench/pages.py                                    # SQLite, in a temporary folder
    bash .ci/with-postgres .venv/bin/python bench/pages.py   # the same on PostgreSQL

Needs wrk (Debian: apt-get install -y wrk); without it the script stops and says so.
About four minutes; results go to bench/results/pages-<database>.json and
bench/results/pages.md (every pages-*.json there becomes a section). Loopback only.
Before measuring it waits (up to --quiet-wait seconds) for other work on the machine
to stop, and the report says how much else ran during the measurements.
"""

import argparse
import gzip
import io
import os
import re
import sys
import time
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving

TARGET_RATIO, TARGET_QUERIES, TARGET_KB = 0.5, 8, 60
TARGET_TAIL = 0.1  # issue 14: a page nobody asked for lately, against its static twin
SEED_RECORD = 110371


class Assets(HTMLParser):
    """The stylesheets and scripts a page links, and its images."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.found.append(("css", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("img", attrs["src"]))


def fetch(url, gzip_ok=False, headers=None):
    request = urllib.request.Request(url, headers=dict(headers or {}))
    if gzip_ok:
        request.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def pages_to_measure():
    from archive.models import Document, Person

    seed = Document.objects.get(record_id=SEED_RECORD)
    person = Person.objects.get(slug="mao-zedong")
    return [
        ("home", "/"),
        ("browse", "/documents/"),
        ("document", seed.get_absolute_url()),
        ("person", person.get_absolute_url()),
    ]


def render_ahead(base_url):
    """manage.py render_pages for `base_url`: what it kept, how long it took, the paths."""
    from django.conf import settings
    from django.core.management import call_command

    from archive.caching import release
    from archive.pagestore import ahead, store

    # Pages are kept for the archive's address alone: here, the server's loopback one.
    settings.ARCHIVE_BASE_URL = base_url
    started = time.monotonic()
    call_command("render_pages", jobs=os.cpu_count(), verbosity=0, stdout=io.StringIO())
    seconds = time.monotonic() - started
    files, size = store.size(release())
    languages = [code for code, _name in settings.LANGUAGES]
    paths = ahead.addresses(languages)
    return {"pages": len(paths), "seconds": round(seconds, 1), "files": files, "bytes": size,
            "languages": languages, "paths": paths}  # fmt: skip


# The kinds measured, in the order of the summary's columns, and which addresses that
# render_pages keeps (archive.pagestore.ahead.addresses: kind, path) are of each.
LONG_TAIL = {
    "document": lambda kind, path, lists: kind == "documents",
    "browse": lambda kind, path, lists: path.partition("?")[0] in lists,
    "person": lambda kind, path, lists: kind == "persons",
}


def long_tail(paths, host, folder):
    """{kind: (its kept pages' paths in a shuffled order, {its static twin's path: bytes})}
    for each kind measured, from `paths` ([(kind, path)]); the twins hold the pages'
    bytes as the store serves them."""
    import random

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    lists = set()  # the browse list's address in each language
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lists.add(reverse("archive:document_list"))
    client = Client(HTTP_HOST=host)
    chosen = {}
    for name, belongs in LONG_TAIL.items():
        found = [path for kind, path in paths if belongs(kind, path, lists)]
        random.Random(1951).shuffle(found)
        (folder / name).mkdir(parents=True, exist_ok=True)
        twins = {}
        for number, path in enumerate(found):
            response = client.get(path)
            if getattr(response, "page_store", None) != "kept":
                sys.exit(f"{path} was not kept by render_pages: {response.status_code}")
            (folder / name / f"{number}.html").write_bytes(response.content)
            twins[f"/static/bench/tail/{name}/{number}.html"] = len(response.content)
        chosen[name] = (found, twins)
    return chosen


def median_ms(action, repeat, before=None):
    """The median of `repeat` timings of action(), in milliseconds; before() runs untimed."""
    timings = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return round(sorted(timings)[repeat // 2], 3)


def wsgi_costs(path, repeat=300):
    """Milliseconds of server time per request, in process through Django's WSGI handler.

    As under gunicorn, each request ends with request_finished, which closes the database
    connection unless CONN_MAX_AGE keeps it. Compared: the page from the page cache, the
    static file of its size, and the version lookup that every public request makes
    before the cache may answer (plain SQL, see PublicVersion.current()): on a new
    connection and on an open one.
    """
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    from archive.models import PublicVersion

    app = WSGIHandler()

    def environ(path):
        path, _, query = path.partition("?")
        return {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }  # fmt: skip

    def serve(target):
        response = app(environ(target), lambda status, headers: None)
        b"".join(response)
        response.close()

    serve(path)  # into the cache
    costs = {
        "cached page": median_ms(lambda: serve(path), repeat),
        "static file": median_ms(lambda: serve("/static/bench/document.html"), repeat),
        "new connection + version lookup": median_ms(
            PublicVersion.current, repeat, before=connection.close
        ),
        "version lookup alone": median_ms(PublicVersion.current, repeat),
    }
    connection.close()
    return costs


def count_queries(pages):
    """Queries per page as an anonymous visitor: uncached (the page cache emptied), and cached."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    with CaptureQueriesContext(connection) as redirect:
        assert client.get(f"/documents/{SEED_RECORD}/").status_code == 301
    counts["document by record id (301)"] = {"uncached": len(redirect.captured_queries)}
    for name, path in pages:
        assert client.get(path, {"warm": "1"}).status_code == 200  # templates, content types
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as uncached:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as cached:
            assert client.get(path).status_code == 200
        tables = Counter()
        for query in uncached.captured_queries:
            sql = query["sql"]
            table = sql.split(" FROM ", 1)[1].split()[0].strip('"') if " FROM " in sql else "-"
            tables[table] += 1
        counts[name] = {
            "uncached": len(uncached.captured_queries),
            "view": sum(
                1 for q in uncached.captured_queries if "archive_publicversion" not in q["sql"]
            ),
            "cached": len(cached.captured_queries),
            "by_table": dict(tables.most_common()),
            "sql": [query["sql"][:300] for query in uncached.captured_queries],
        }
        print(f"  {name:9} {counts[name]['uncached']:3} queries uncached, "
              f"{counts[name]['cached']} cached", flush=True)  # fmt: skip
    return counts


def weigh(server, pages):
    """Each page's bytes, and those of the stylesheets and scripts it links."""
    weights = {}
    for name, path in pages:
        status, headers, html = fetch(server.url + path)
        assert status == 200, (path, status)
        parser = Assets()
        parser.feed(html.decode("utf-8"))
        html_gzip = len(gzip.compress(html, 6))
        encoding = headers.get("Content-Encoding", "identity")
        assets = []
        for kind, href in parser.found:
            url = href if href.startswith("http") else server.url + href
            _s, _h, raw = fetch(url)
            _s, served_headers, served = fetch(url, gzip_ok=True)
            assets.append(
                {"kind": kind, "href": href, "bytes": len(raw), "served_gzip_ok": len(served),
                 "encoding": served_headers.get("Content-Encoding", "identity")}
            )  # fmt: skip
        _s, _h, html_served = fetch(server.url + path, gzip_ok=True)
        weights[name] = {
            "path": path,
            "html_bytes": len(html),
            "html_gzip_bytes": html_gzip,
            "html_served_gzip_ok": len(html_served),
            "html_encoding": encoding,
            "assets": assets,
            "total_bytes": len(html) + sum(a["bytes"] for a in assets if a["kind"] != "img"),
            "total_served": len(html_served)
            + sum(a["served_gzip_ok"] for a in assets if a["kind"] != "img"),
            "head_bytes": html.find(b"</head>"),
            "json_ld_bytes": sum(
                len(m)
                for m in re.findall(
                    rb'<script type="application/ld\+json">.*?</script>', html, re.S
                )
            ),
            "etag": headers.get("ETag"),
            "html": html,
        }
        w = weights[name]
        print(
            f"  {name:9} HTML {len(html):6} B, with CSS+JS {w['total_bytes']:6} B "
            f"({w['total_served']} B as served to a gzip client)",
            flush=True,
        )
    return weights


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    serving.add_common_arguments(parser, "pages")
    parser.add_argument("--seconds", type=int, default=3, help="per round")
    parser.add_argument("--rounds", type=int, default=5, help="per measurement (median shown)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds before each measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=100_000, help="per round")
    parser.add_argument(
        "--server-max-requests",
        type=int,
        help="gunicorn --max-requests (default: the config's; 0: workers are never replaced)",
    )
    args = parser.parse_args()
    serving.require("wrk")

    started = time.monotonic()
    workdir, _password, database, database_pid = serving.set_up(args)
    from django.db import connections

    pages = pages_to_measure()
    print("--- queries per page (in process)", flush=True)
    queries = count_queries(pages)
    connections.close_all()

    print("--- page weight (under gunicorn)", flush=True)
    extra = (
        []
        if args.server_max_requests is None
        else ["--max-requests", str(args.server_max_requests)]
    )
    with serving.Server(workdir / "gunicorn.log", args.workers, extra) as server:
        weights = weigh(server, pages)
    # The static twins are written before the server that serves them starts: whitenoise
    # lists STATIC_ROOT once, at start-up.
    static_root = Path(os.environ["STATIC_ROOT"]) / "bench"
    static_root.mkdir(exist_ok=True)
    for name, _path in pages:
        (static_root / f"{name}.html").write_bytes(weights[name]["html"])
    print("--- a cached document page and its static twin, in process", flush=True)
    costs = wsgi_costs(dict(pages)["document"])
    for label, ms in costs.items():
        print(f"  {label:32} {ms:6.3f} ms", flush=True)
    connections.close_all()

    runs = {}

    def measure(label, path, rounds=None, seconds=None, **options):
        """Warm up, then several rounds, each on new connections; the median round counts."""
        common = dict(connections=args.connections, port=server.port, **options)
        if args.warmup:
            serving.wrk(server.url, path, args.warmup, tag=f"warm-{label}", **common)
        rounds = [
            serving.wrk(server.url, path, seconds or args.seconds, tag=f"{label}-{n}",
                        max_requests=args.max_requests, **common)
            for n in range(rounds or args.rounds)
        ]  # fmt: skip
        # A round in which one worker took every connection measures that mishap (see
        # spread_note), not the page: the median is of the other rounds, when there are any.
        spread_out = [r for r in rounds if not all_on_one(r, args.connections)] or rounds
        result = sorted(spread_out, key=lambda r: r["rps"])[len(spread_out) // 2]
        runs[label] = {
            "path": path,
            **result,
            "rounds_rps": [r["rps"] for r in rounds],
            "rounds_spread": [r["connections_per_process"] for r in rounds],
            "error_count": sum(r["error_count"] for r in rounds),
            "rounds": rounds,
        }
        print(f"  {label:28} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.2f} ms  "
              f"p95 {result['p95_ms']:7.2f}  p99 {result['p99_ms']:7.2f}  "
              f"{result['bytes_per_response']:6} B/response  errors {runs[label]['error_count']}"
              f"  rounds {runs[label]['rounds_rps']} spread {runs[label]['rounds_spread']}",
              flush=True)  # fmt: skip
        return result

    quiet = serving.wait_for_quiet(patience=args.quiet_wait)
    print(f"--- throughput, {args.rounds} × {args.seconds} s each, {args.connections} connections",
          flush=True)  # fmt: skip
    with (
        serving.CpuAccount(database_pid) as cpu,
        serving.Server(workdir / "gunicorn.log", args.workers, extra) as server,
    ):
        for name, path in pages:
            measure(f"{name}: static file", f"/static/bench/{name}.html")
            measure(f"{name}: page, cached", path)
            # Rendering is slow and steady: fewer, longer rounds.
            measure(f"{name}: page, uncached", path, rounds=2, seconds=4, unique=True)
            if name == "document":
                _s, headers, _b = fetch(server.url + path)
                measure(
                    f"{name}: page, 304",
                    path,
                    headers=[f"If-None-Match: {headers['ETag']}"],
                )
                # The permanent address every citation uses: a 301 to the slug URL.
                measure(f"{name}: by record id, 301", f"/documents/{SEED_RECORD}/")
        problems = server.log_problems()
        replaced = server.workers_replaced()

    # The long tail: a server with no page in its workers' memory (PAGE_CACHE_ENTRIES=0),
    # its page store filled ahead by render_pages; each request asks for another page,
    # beside each page's own static twin (written before the server starts: whitenoise
    # lists its files then), asked for in the same order.
    print("--- the long tail: pages kept ahead, none in a worker's memory", flush=True)
    port = serving.free_port()
    base_url = f"http://127.0.0.1:{port}"
    kept = render_ahead(base_url)
    print(f"  rendered {kept['pages']:,} pages in {kept['seconds']:.0f} s; the store holds "
          f"{kept['files']:,} files, {kept['bytes'] / 1e6:.1f} MB", flush=True)  # fmt: skip
    tails = long_tail(kept.pop("paths"), f"127.0.0.1:{port}", static_root / "tail")
    connections.close_all()
    with serving.Server(
        workdir / "gunicorn.log",
        args.workers,
        extra,
        environment={"PAGE_CACHE_ENTRIES": "0", "ARCHIVE_BASE_URL": base_url},
        port=port,
    ) as server:
        for name, (paths, twins) in tails.items():
            kept[f"{name} pages"] = len(paths)
            kept[f"{name} mean bytes"] = round(sum(twins.values()) / len(twins))
            measure(f"{name}: static twins, long tail", next(iter(twins)), paths=list(twins))
            measure(f"{name}: page, kept", paths[0], paths=paths)
        problems += server.log_problems()
        replaced += server.workers_replaced()

    for weight in weights.values():
        del weight["html"]
    report = {
        **serving.report_header(database, args, max_requests=args.server_max_requests),
        "parameters": {
            "documents": args.documents + 1,
            "seconds": args.seconds,
            "rounds": args.rounds,
            "warmup": args.warmup,
            "connections": args.connections,
            "max_requests": args.max_requests,
            "client": "wrk, 1 thread",
            "conn_max_age": serving.conn_max_age(),
        },
        "pages": {name: path for name, path in pages},
        "queries": queries,
        "kept": kept,
        "in_process_ms": costs,
        "weights": weights,
        "runs": runs,
        "other_work": {"busy_before": quiet, **cpu.summary()},
        "workers_replaced": replaced,
        "server_log_problems": problems[:50],
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    serving.save(report, "pages", args, workdir, write_markdown)


def write_markdown():
    """bench/results/pages.md from every pages-*.json there."""
    reports = serving.load_reports("pages")
    lines = ["# Page benchmark", ""]
    lines += [
        "Each public page under gunicorn in production mode (`bench/pages.py`), beside a",
        "static file holding the page's exact bytes, served by whitenoise from the same",
        "server in the same run. *Cached*: the same URL again and again (the per-process",
        "page cache answers). *Uncached*: a unique `?nocache=<n>` on every request, so every",
        "request renders the page. *304*: a revalidation with the page's ETag. Client: wrk",
        "(C), keep-alive connections, on the same machine as the server. Queries are counted",
        "in process with Django's test client, anonymous, uncached. The figure is the ratio",
        "page / static file: what serving the page costs beyond sending its bytes.",
        "",
        "| database | document page, cached ÷ static file | uncached | queries, uncached "
        "| document page + CSS + JS |",
        "|---|---:|---:|---:|---:|",
    ]
    for report in reports:
        runs = report["runs"]
        static = runs["document: static file"]["rps"]
        weight = report["weights"]["document"]
        cached = runs["document: page, cached"]["rps"] / static
        lines.append(
            f"| {serving.label(report)} | **{cached:.2f}×** (target ≥ {TARGET_RATIO}) "
            f"| {runs['document: page, uncached']['rps'] / static:.2f}× "
            f"| **{report['queries']['document']['uncached']}** (target ≤ {TARGET_QUERIES}) "
            f"| **{weight['total_bytes'] / 1000:.1f} KB** (target ≤ {TARGET_KB} KB) |"
        )
    lines += [
        "",
        "*Kept, another each time*: the long tail. A second server with no page in its",
        "workers' memory (PAGE_CACHE_ENTRIES=0), after `manage.py render_pages` kept every",
        "page reached by links on disk; each request asks for another page of the kind, in",
        "every interface language, against each page's own static twin asked for in the same",
        f"order on that server (target ≥ {TARGET_TAIL}×). Bytes there are the mean response.",
        "",
        "| database | document pages, kept ÷ static file | browse pages | person pages "
        "| render_pages | store |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        if "kept" not in report:
            continue
        runs, kept = report["runs"], report["kept"]
        ratios = [tail_ratio(runs, name) for name in LONG_TAIL]
        lines.append(
            f"| {serving.label(report)} | "
            + " | ".join(f"**{r:.2f}×**" for r in ratios)
            + f" | {kept['pages']:,} pages in {kept['seconds']:.0f} s "
            f"| {kept['files']:,} files, {kept['bytes'] / 1e6:.1f} MB |"
        )
    lines.append("")
    for report in reports:
        lines += section(report)
    (serving.RESULTS / "pages.md").write_text("\n".join(lines) + "\n")


def section(report):
    m, g, p = report["machine"], report["gunicorn"], report["parameters"]
    runs, weights, queries = report["runs"], report["weights"], report["queries"]
    lines = [
        f"## {report['database']}" + (f": {report['variant']}" if report.get("variant") else ""),
        "",
        f"Measured {report.get('measured_at', '')} on code {report.get('code', '')}. "
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}; Python {m['python']}, "
        f"Django {m['django']}, gunicorn {m['gunicorn']} ({g.get('workers')} workers × "
        f"{g.get('threads')} threads, {g.get('worker_class')}, max_requests "
        f"{g.get('max_requests')}), CONN_MAX_AGE {p.get('conn_max_age')}. "
        f"Corpus: {p['documents']:,} documents. wrk: "
        f"{p['connections']} connections, {p.get('rounds', 1)} rounds of {p['seconds']} s per row, "
        f"each round on new connections, after {p['warmup']} s of warm-up; the median round "
        "is shown, every round's req/s in brackets.",
        "",
        serving.other_work_note(report["other_work"]),
        "",
        "Pages: " + "; ".join(f"{name} `{path}`" for name, path in report["pages"].items()) + ".",
        "",
        "| page | bytes | static file req/s | page req/s | ratio | p50 | p95 | p99 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in report["pages"]:
        static = runs[f"{name}: static file"]
        size = weights[name]["html_bytes"]
        rows = [(f"{name}, {kind}", runs.get(f"{name}: page, {kind}"), size, static)
                for kind in ("cached", "uncached", "304")]  # fmt: skip
        by_id = runs.get(f"{name}: by record id, 301")
        if by_id:
            rows.append((f"{name}, by record id (301)", by_id, 0, static))
        tail = runs.get(f"{name}: page, kept")
        if tail:
            rows.append((f"{name}, kept: another each time", tail, tail["bytes_per_response"],
                         runs[f"{name}: static twins, long tail"]))  # fmt: skip
        for label, run, size, static in rows:
            if run is None:
                continue
            lines.append(
                f"| {label} | {size:,} | {static['rps']:,.0f} {rounds(static, p['connections'])} | "
                f"{run['rps']:,.0f} {rounds(run, p['connections'])} | "
                f"**{run['rps'] / static['rps']:.2f}×** | "
                f"{run['p50_ms']:.1f} ms | {run['p95_ms']:.1f} ms | {run['p99_ms']:.1f} ms | "
                f"{run['error_count']} |"
            )
    replaced = report.get("workers_replaced")
    lines += [
        "",
        "The static files themselves: "
        + "; ".join(
            f"{name} {runs[f'{name}: static file']['rps']:,.0f} req/s, p50 "
            f"{runs[f'{name}: static file']['p50_ms']:.1f} ms, p99 "
            f"{runs[f'{name}: static file']['p99_ms']:.1f} ms"
            for name in report["pages"]
        )
        + "."
        + spread_note(report)
        + (
            f" gunicorn replaced its workers {replaced} times during these runs (each after"
            f" {g.get('max_requests')} ± {g.get('max_requests_jitter')} requests): a request"
            " that comes while its worker restarts waits, one source of the occasional long p99."
            if replaced
            else ""
        ),
        "",
        "| page | queries, uncached (the view's) | queries, cached | HTML | + CSS + JS "
        "| as served (gzip) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in report["pages"]:
        w, q = weights[name], queries[name]
        lines.append(
            f"| {name} | {q['uncached']} ({q['view']}) | {q['cached']} | "
            f"{w['html_bytes'] / 1000:.1f} KB | "
            f"{w['total_bytes'] / 1000:.1f} KB | {w['total_served'] / 1000:.1f} KB |"
        )
    redirect = queries.get("document by record id (301)")
    assets = {a["href"]: a for w in weights.values() for a in w["assets"]}
    lines += [
        "",
        (
            f"The 301 from `/documents/{SEED_RECORD}/` makes {redirect['uncached']} queries. "
            if redirect
            else ""
        )
        + "Linked files: "
        + "; ".join(
            f"`{href}` {a['bytes']:,} B ({a['served_gzip_ok']:,} B {a['encoding']})"
            for href, a in assets.items()
        )
        + ". KB = 1,000 bytes.",
        "",
    ]
    lines += verdicts(report)
    if report.get("server_log_problems"):
        lines += ["", "Server log problems:", ""]
        lines += [f"    {line}" for line in report["server_log_problems"][:10]]
    lines.append("")
    return lines


def all_on_one(run, connections):
    """Whether one server process held every one of wrk's connections in this round."""
    spread = run.get("connections_per_process")
    return bool(spread) and spread[0] == connections


def spread_note(report):
    """How wrk's connections were spread over the workers, and what that did to a round."""
    connections = report["parameters"]["connections"]
    spreads, slowed = [], []
    for run in report["runs"].values():
        for spread, rps in zip(
            run.get("rounds_spread") or [], run.get("rounds_rps") or [], strict=True
        ):
            if not spread:
                continue
            spreads.append(spread)
            if spread[0] == connections and run["rps"]:
                slowed.append(rps / run["rps"])
    if not spreads:
        return ""
    note = (
        f" Halfway through each round the busiest worker held "
        f"{min(s[0] for s in spreads)}–{max(s[0] for s in spreads)} of wrk's {connections} "
        "connections (gunicorn's gthread workers accept greedily: a burst of new keep-alive "
        "connections tends to land on one worker)"
    )
    if slowed:
        slowed.sort()
        note += (
            f". In {len(slowed)} of {len(spreads)} rounds one worker held all of them, and "
            f"those rounds ran at {slowed[len(slowed) // 2]:.0%} of their row's figure (median;"
            f" {slowed[0]:.0%}–{slowed[-1]:.0%}): they are marked * in brackets and left out of"
            " the medians"
        )
    return note + "."


def rounds(run, connections):
    """All rounds' requests per second, in brackets; * where one worker held every connection."""
    values = run.get("rounds_rps") or []
    spreads = run.get("rounds_spread") or [None] * len(values)
    marked = [
        f"{v:,.0f}" + ("*" if s and s[0] == connections else "")
        for v, s in zip(values, spreads, strict=True)
    ]
    return f"({', '.join(marked)})" if len(values) > 1 else ""


def cost_note(report, static_rps):
    """Where a cached hit's time goes, from the in-process figures."""
    costs, p = report["in_process_ms"], report["parameters"]
    cores = report["machine"]["cores"]
    page_rps = report["runs"]["document: page, cached"]["rps"]
    kept = str(p.get("conn_max_age")) not in ("0", "None")
    lookup = costs["version lookup alone"]
    note = (
        f" Per request the machine spends about {cores / static_rps * 1000:.2f} ms of CPU on the"
        f" static file (gunicorn, whitenoise and wrk itself) and {cores / page_rps * 1000:.2f} ms"
        f" on the cached page. In process, through Django's WSGI handler, a cached hit takes"
        f" {costs['cached page']:.2f} ms against {costs['static file']:.2f} ms for the static"
        f" file; the archive-version lookup that every public request makes before the cache"
        f" may answer is {lookup:.3f} ms of it (it is plain SQL)."
    )
    if kept:
        opening = costs["new connection + version lookup"] - lookup
        note += (
            f" Connections are kept (CONN_MAX_AGE {p.get('conn_max_age')}); opening a new one"
            f" would add about {opening:.2f} ms."
        )
    else:
        note += (
            f" With CONN_MAX_AGE {p.get('conn_max_age')} every request also opens a connection:"
            f" {costs['new connection + version lookup']:.2f} ms with the lookup."
        )
    return note


def verdicts(report):
    runs, weights, queries = report["runs"], report["weights"], report["queries"]
    static = runs["document: static file"]["rps"]
    ratio = runs["document: page, cached"]["rps"] / static
    uncached = runs["document: page, uncached"]["rps"] / static
    doc_q, doc_w = queries["document"]["uncached"], weights["document"]
    lines = ["**Against the targets (document page):**", ""]
    if ratio >= TARGET_RATIO:
        verdict = "**met**" + (", narrowly" if ratio < TARGET_RATIO * 1.1 else "")
    else:
        verdict = "**missed**"
    lines.append(
        f"- Throughput, cached, at least {TARGET_RATIO}× the static file's: {verdict} "
        f"({ratio:.2f}×). Uncached it is {uncached:.2f}×; a revalidation (304) "
        f"{runs['document: page, 304']['rps'] / static:.2f}×."
        + (cost_note(report, static) if report.get("in_process_ms") else "")
    )
    doc_view = queries["document"].get("view", doc_q)
    lines.append(
        f"- At most {TARGET_QUERIES} queries uncached: "
        + (f"**met** ({doc_q})." if doc_q <= TARGET_QUERIES else f"**missed** ({doc_q}).")
        + f" The view makes {doc_view}; the page cache's version lookup, made on every public"
        f" request, {doc_q - doc_view}. By table: "
        + ", ".join(f"{t} {n}" for t, n in queries["document"]["by_table"].items())
        + "."
    )
    total, served = doc_w["total_bytes"] / 1000, doc_w["total_served"] / 1000
    detail = (
        f" The HTML is {doc_w['html_bytes'] / 1000:.1f} KB of it; its head (citation metadata,"
        f" JSON-LD) {doc_w['head_bytes'] / 1000:.1f} KB, the JSON-LD alone"
        f" {doc_w['json_ld_bytes'] / 1000:.1f} KB; the rest is the text, original beside"
        " translation. The HTML is sent uncompressed (nothing in the stack compresses it)."
    )
    lines.append(
        f"- At most {TARGET_KB} KB with its CSS and JS: "
        + (
            f"**met** ({total:.1f} KB uncompressed, {served:.1f} KB as served)."
            if total <= TARGET_KB
            else f"**missed** uncompressed ({total:.1f} KB); as served to a gzip client"
            f" {served:.1f} KB" + (" (within)." if served <= TARGET_KB else " (also over).")
        )
        + detail
    )
    others = [
        f"{name} {queries[name]['uncached']} queries, {weights[name]['total_bytes'] / 1000:.1f} KB"
        for name in report["pages"]
        if name != "document"
    ]
    lines.append(f"- The other pages: {'; '.join(others)}.")
    if "kept" in report:
        kept = report["kept"]
        ratios = {name: tail_ratio(runs, name) for name in LONG_TAIL}
        met = all(r >= TARGET_TAIL for r in ratios.values())
        lines.append(
            f"- The long tail, at least {TARGET_TAIL}× the static file: "
            + ("**met**" if met else "**missed**")
            + " ("
            + ", ".join(f"{name} pages {r:.2f}×" for name, r in ratios.items())
            + f"). Each request another page ({kept['document pages']:,} documents,"
            f" {kept['browse pages']:,} browse pages, {kept['person pages']:,} persons, in"
            f" {', '.join(kept['languages'])}), none in a worker's memory: every one kept ahead"
            f" by `render_pages` ({kept['pages']:,} pages in {kept['seconds']:.0f} s, on all"
            f" cores; the store {kept['files']:,} files, {kept['bytes'] / 1e6:.1f} MB)."
            f" Rendered on request (`?nocache`) the document page stays at {uncached:.2f}×."
        )
    return lines


def tail_ratio(runs, name):
    return runs[f"{name}: page, kept"]["rps"] / runs[f"{name}: static twins, long tail"]["rps"]


if __name__ == "__main__":
    main()
