#!/usr/bin/env python
"""Search benchmark: a full results page (with facet counts) for 20 representative queries.

For each corpus size the database grows to that size (synthetic documents, see
archive/corpus.py), then each query's results page is fetched through Django, as
the site serves it: first with the full-text index, then as a naive `icontains`
scan over the same fields, in the same run. Latencies are wall-clock, in process,
on whatever database DATABASE_URL names (SQLite file by default).

    python bench/search.py --sizes 1000 10000 100000 --output bench/results/search-sqlite.json
    python bench/report.py    # turns the JSON files into bench/results/search.md

Not part of the tests: it takes minutes and gigabytes.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("DEBUG", "false")  # no query log: measure what production runs
os.environ.setdefault("ARCHIVE_HTTPS", "false")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

import serving  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Exists, OuterRef, Q  # noqa: E402
from django.test import Client  # noqa: E402

from archive.filters import DocumentFilter  # noqa: E402
from archive.models import Document, Passage, Role  # noqa: E402

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


def naive_filter_text(filterset, queryset, name, value):
    """The same fields as the index, by substring: what a search without an index does."""
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


def measure(client, params, repeat):
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


def run_size(size, repeat, naive_repeat):
    client = Client()
    results = []
    for label, params in QUERIES:
        fts, hits = measure(client, params, repeat)
        match = measure_match(params, repeat)
        with mock.patch.object(DocumentFilter, "filter_text", naive_filter_text):
            naive, naive_hits = measure(client, params, naive_repeat)
        naive_match = measure_match(params, naive_repeat, naive=True)
        results.append(
            {"label": label, "params": params, "hits": hits, "naive_hits": naive_hits,
             "fts_ms": fts, "naive_ms": naive, "match_ms": match, "naive_match_ms": naive_match}
        )  # fmt: skip
        print(
            f"  {label:28} {hits:7} hits  page {statistics.median(fts):7.1f} ms"
            f" (naive {statistics.median(naive):8.1f})  match {statistics.median(match):7.1f} ms"
            f" (naive {statistics.median(naive_match):8.1f})",
            flush=True,
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query (indexed)")
    parser.add_argument("--naive-repeat", type=int, default=3, help="timed runs (naive scan)")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Document.objects.exists():
        sys.exit("The benchmark needs an empty database: it fills it with synthetic documents.")
    report = {
        "database": serving.describe_database(),
        "machine": serving.machine_summary(),
        "sizes": [],
    }
    present = 0
    for size in sorted(args.sizes):
        print(f"--- {connection.vendor}: growing the corpus to {size} documents", flush=True)
        started = time.perf_counter()
        call_command("generate_corpus", size - present, first_record_id=1_000_000 + present,
                     seed=size, verbosity=1)  # fmt: skip
        build = time.perf_counter() - started
        present = size
        naive_repeat = args.naive_repeat if size <= 10000 else 1
        results = run_size(size, args.repeat, naive_repeat)
        report["sizes"].append(
            {"documents": size, "build_seconds": round(build, 1), "queries": results}
        )
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
