#!/usr/bin/env python
"""Turn the search benchmark's JSON results into bench/results/search.md."""

import json
import statistics
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MS, TARGET_SPEEDUP = 50, 100


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summarize(size, indexed="fts_ms", scan="naive_ms"):
    """Medians, p95s and speed-ups of one corpus size: whole pages, or (by keys) matches alone."""
    fts = [ms for query in size["queries"] for ms in query[indexed]]
    naive = [ms for query in size["queries"] for ms in query[scan]]
    ratios = [statistics.median(q[scan]) / statistics.median(q[indexed]) for q in size["queries"]]
    return {
        "fts_median": statistics.median(fts),
        "fts_p95": percentile(fts, 0.95),
        "naive_median": statistics.median(naive),
        "naive_p95": percentile(naive, 0.95),
        "speedup_median": statistics.median(ratios),
        "speedup_min": min(ratios),
        "speedup_max": max(ratios),
    }


def main():
    runs = [json.loads(path.read_text()) for path in sorted(RESULTS.glob("search-*.json"))]
    if not runs:
        sys.exit("No bench/results/search-*.json: run bench/search.py first (make bench).")
    lines = [
        "# Search benchmark",
        "",
        "A full results page of `/documents/?q=…` — search, ranking, 25 results with snippets",
        "and reasons, and the counts of all six facets — for 20 representative queries, fetched",
        "through Django in process (no network), each query timed several times after a warm-up.",
        "*Naive* is the same page with the text filter done as `icontains` over the same fields,",
        "in the same run. *Match* times the text search alone (finding and counting the matching",
        "documents), indexed and naive. Corpus: synthetic Russian originals and English",
        "translations of 1–3 KB",
        "each (`manage.py generate_corpus`), persons with aliases, archival references.",
        "Regenerate with `make bench`.",
        "",
    ]
    for run in runs:
        lines += [f"## {run['database']}", "", f"Machine: {run['machine']}.", ""]
        lines += [
            "| documents | page median | page p95 | naive page median | page speed-up, median "
            "(least) | match median | match p95 | naive match median | match speed-up, median "
            "(least) | corpus build |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size in run["sizes"]:
            page, match = summarize(size), summarize(size, "match_ms", "naive_match_ms")
            lines.append(
                f"| {size['documents']:,} | {page['fts_median']:.1f} ms | {page['fts_p95']:.1f} ms "
                f"| {page['naive_median']:.1f} ms "
                f"| {page['speedup_median']:.0f}× ({page['speedup_min']:.1f}×) "
                f"| {match['fts_median']:.1f} ms | {match['fts_p95']:.1f} ms "
                f"| {match['naive_median']:.1f} ms "
                f"| {match['speedup_median']:.0f}× ({match['speedup_min']:.0f}×) "
                f"| {size['build_seconds']:.0f} s |"
            )
        largest = run["sizes"][-1]
        lines += [
            "",
            f"Per query at {largest['documents']:,} documents:",
            "",
            "| query | parameters | hits | page median | page max | naive page | match "
            "| naive match | match speed-up |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for query in largest["queries"]:
            fts, naive = statistics.median(query["fts_ms"]), statistics.median(query["naive_ms"])
            match = statistics.median(query["match_ms"])
            naive_match = statistics.median(query["naive_match_ms"])
            params = ", ".join(f"{k}={v}" for k, v in query["params"].items()).replace("|", "\\|")
            lines.append(
                f"| {query['label']} | `{params}` | {query['hits']:,} | {fts:.1f} ms "
                f"| {max(query['fts_ms']):.1f} ms | {naive:.1f} ms | {match:.1f} ms "
                f"| {naive_match:.1f} ms | {naive_match / match:.0f}× |"
            )
        s = summarize(largest)
        m = summarize(largest, "match_ms", "naive_match_ms")
        verdict = []
        if s["fts_p95"] <= TARGET_MS:
            verdict.append(f"p95 {s['fts_p95']:.1f} ms meets the {TARGET_MS} ms target.")
        else:
            slow = [
                q["label"] for q in largest["queries"] if statistics.median(q["fts_ms"]) > TARGET_MS
            ]
            verdict.append(
                f"p95 {s['fts_p95']:.1f} ms misses the {TARGET_MS} ms target; over it: "
                + ", ".join(slow)
                + "."
            )
        for name, numbers in (("whole page", s), ("match alone", m)):
            if numbers["speedup_min"] >= TARGET_SPEEDUP:
                verdict.append(
                    f"The {name} is at least {TARGET_SPEEDUP}× faster than naive for every query."
                )
            else:
                verdict.append(
                    f"The {name}: median speed-up {numbers['speedup_median']:.0f}×, the least "
                    f"{numbers['speedup_min']:.1f}×, under the {TARGET_SPEEDUP}× target."
                )
        lines += ["", "**Against the targets:** " + " ".join(verdict), ""]
    notes = RESULTS / "search-notes.md"
    if notes.exists():
        lines += [notes.read_text().strip(), ""]
    (RESULTS / "search.md").write_text("\n".join(lines))
    print(f"Written {RESULTS / 'search.md'}")


if __name__ == "__main__":
    main()
