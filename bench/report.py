#!/usr/bin/env python
"""Turn the search benchmark's JSON results into bench/results/search.md.

    python bench/report.py                     # bench/results/search-*.json → search.md
    python bench/report.py --input /tmp/run.json --output /tmp/search.md

Every figure and every verdict is computed from the JSON files; older files, from before
the benchmark measured over HTTP, show what they hold and "—" for the rest.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MS, TARGET_SPEEDUP = 50, 100  # HTTP p95 at TARGET_SIZE; in-process page speed-up
TARGET_SIZE = 100_000
PEER_SIZE = 10_000  # where the results page's HTTP p95 must not exceed the Lunr peer's
TARGET_INDEX_RATIO = 1.5  # search index ÷ the text it indexes, at every size measured
TARGET_DATABASE_RATIO, DATABASE_SIZE = 3, 10_000  # whole database ÷ that text
TARGET_RSS_MB = 150  # a gunicorn worker's resident memory after the traffic, at TARGET_SIZE
MB = 1_000_000
PEERS = "the peer's"


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


def http(size):
    """p50 and p95 of every HTTP timing of a size (None for results from before HTTP)."""
    timings = [ms for query in size["queries"] for ms in query.get("http_ms") or []]
    if not timings:
        return None
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95)}


def peer_timings(size):
    """The Lunr peer's query timings of a size, all queries together ([] if none)."""
    peer = size.get("peer") or {}
    return [ms for query in peer.get("queries") or [] for ms in query.get("ms") or []]


def peer_p95(size):
    timings = peer_timings(size)
    return percentile(timings, 0.95) if timings else None


def speedup(size):
    return times(summarize(size)["speedup_median"]) if size else "—"


def at(run, documents):
    return next((size for size in run["sizes"] if size["documents"] == documents), None)


def ms(value):
    return "—" if value is None else f"{value:.1f} ms"


def megabytes(value):
    return "—" if value is None else f"{value / MB:,.1f} MB"


def ratio(value):
    return "—" if value is None else f"{value:.2f}×"


def first_line(text):
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def machine_line(run):
    m = run.get("machine_details")
    if not m:
        return f"Machine: {run['machine']}."
    g = run.get("gunicorn") or {}
    memory = f", {m['memory_bytes'] / 2**30:.1f} GiB of memory" if m.get("memory_bytes") else ""
    return (
        f"Measured {run.get('measured_at', '')} on code {run.get('code', '')}. Machine: "
        f"{m['cpu']}, {m['cores']} cores{memory}, {m['system']}; Python {m['python']}, "
        f"Django {m['django']}, gunicorn {m['gunicorn']} ({g.get('workers')} workers × "
        f"{g.get('threads')} threads, {g.get('worker_class')})."
    )


def method_line(run):
    p = run.get("parameters")
    if not p:
        return "In process only (results from before the benchmark measured over HTTP)."
    busy = [s["http"]["busy_before"] for s in run["sizes"] if s.get("http")]
    return (
        f"Over HTTP: {p['client']}; per query {p['http_warmup']} untimed fetch(es) after a "
        f"first pass over all queries, then {p['repeat']} timed. In process: {p['repeat']} "
        f"timed runs indexed, {p['naive_repeat']} naive (1 above 10,000 documents). "
        f"CONN_MAX_AGE {p.get('conn_max_age')}."
        + (
            f" Other work kept {max(busy):.0%} of the cores busy at most just before the"
            " HTTP measurements."
            if busy
            else ""
        )
        + (
            " **The machine was not quiet: these figures are worse than it can do.**"
            if busy and max(busy) > 0.15
            else ""
        )
    )


def latency_table(run):
    lines = [
        "| documents | HTTP p50 | HTTP p95 | page in process, median | page p95 "
        "| naive page median | page speed-up, median (least) | match median "
        "| naive match median | match speed-up, median (least) | corpus build |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in run["sizes"]:
        page, match = summarize(size), summarize(size, "match_ms", "naive_match_ms")
        over_http = http(size) or {}
        lines.append(
            f"| {size['documents']:,} | {ms(over_http.get('p50'))} "
            f"| **{ms(over_http.get('p95'))}** | {page['fts_median']:.1f} ms "
            f"| {page['fts_p95']:.1f} ms | {page['naive_median']:.1f} ms "
            f"| **{times(page['speedup_median'])}** ({times(page['speedup_min'])}) "
            f"| {match['fts_median']:.1f} ms | {match['naive_median']:.1f} ms "
            f"| {times(match['speedup_median'])} ({times(match['speedup_min'])}) "
            f"| {size['build_seconds']:.0f} s |"
        )
    return lines


def peer_cell(size):
    peer = size.get("peer")
    if not peer:
        return "not run", "—"
    if peer.get("error"):
        return "failed", "—"
    p95 = peer_p95(size)
    built = f"{peer['build_ms'] / 1000:.1f} s" if peer.get("build_ms") is not None else "—"
    index = (
        megabytes(peer["index_bytes"])
        if peer.get("index_bytes")
        else ("not serialized" if peer.get("index_error") else "—")
    )
    return (ms(p95) if p95 is not None else "not timed"), f"{built}, {index}"


def storage_table(run):
    if not any(size.get("storage") or size.get("memory") for size in run["sizes"]):
        return []
    lines = [
        "| documents | text indexed | search index | index ÷ text | database "
        "| database ÷ text | gunicorn worker RSS, max (median; peak) | Lunr peer p95 "
        "| Lunr build, index |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in run["sizes"]:
        storage, memory = size.get("storage") or {}, size.get("memory") or {}
        rss = (
            f"**{megabytes(memory['max_bytes'])}** ({megabytes(memory.get('median_bytes'))}; "
            f"{megabytes(memory.get('peak_max_bytes'))})"
            if memory.get("max_bytes")
            else "—"
        )
        peer, build = peer_cell(size)
        lines.append(
            f"| {size['documents']:,} | {megabytes(storage.get('text_bytes'))} "
            f"| {megabytes(storage.get('index_bytes'))} "
            f"| **{ratio(storage.get('index_ratio'))}** "
            f"| {megabytes(storage.get('database_bytes'))} "
            f"| **{ratio(storage.get('database_ratio'))}** | {rss} | {peer} | {build} |"
        )
    notes = []
    storage = next((s["storage"] for s in reversed(run["sizes"]) if s.get("storage")), None)
    if storage:
        notes.append(
            f"Search index: {storage['index_source']}. Database: {storage['database']['source']}."
            " Text: UTF-8 bytes of the published documents' titles, summaries, passages and"
            " notes, and of every person's names and aliases (each once)."
        )
    for size in run["sizes"]:
        peer = size.get("peer") or {}
        if peer.get("error"):
            notes.append(
                f"The Lunr peer at {size['documents']:,} documents failed: "
                f"`{first_line(peer['error'])}`."
            )
        elif peer.get("index_error"):
            notes.append(
                f"The Lunr peer's index at {size['documents']:,} documents could not be"
                f" serialized: `{first_line(peer['index_error'])}`."
            )
    calls = sum(q.get("naive_engine_calls") or 0 for s in run["sizes"] for q in s["queries"])
    if calls:
        notes.append(
            f"**The naive pages still reached the search engine {calls} times** (summed over"
            " sizes and queries): those naive figures are not a pure scan."
        )
    note = next((s["peer"]["note"] for s in run["sizes"] if (s.get("peer") or {}).get("note")), "")
    if note:
        notes.append(note)
    return ["", *lines, "", " ".join([*notes, f"MB = {MB:,} bytes."])]


def per_query_table(size):
    lines = [
        "| query | parameters | hits | HTTP p50 | HTTP p95 | page in process | naive page "
        "| page speed-up | match | naive match | match speed-up |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for query in size["queries"]:
        fts, naive = statistics.median(query["fts_ms"]), statistics.median(query["naive_ms"])
        match = statistics.median(query["match_ms"])
        naive_match = statistics.median(query["naive_match_ms"])
        timed = query.get("http_ms") or []
        params = ", ".join(f"{k}={v}" for k, v in query["params"].items()).replace("|", "\\|")
        lines.append(
            f"| {query['label']} | `{params}` | {query['hits']:,} "
            f"| {ms(statistics.median(timed) if timed else None)} "
            f"| {ms(percentile(timed, 0.95) if timed else None)} | {fts:.1f} ms "
            f"| {naive:.1f} ms | {times(naive / fts)} | {match:.1f} ms "
            f"| {naive_match:.1f} ms | {times(naive_match / match)} |"
        )
    return lines


def peer_table(size):
    """Per query: the server's HTTP timings beside the Lunr peer's in-memory query."""
    ours = {query["label"]: query for query in size["queries"]}
    lines = [
        "| query | Lunr query | hits (server) | hits (Lunr) | HTTP p50 | HTTP p95 | Lunr p50 "
        "| Lunr p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for query in size["peer"]["queries"]:
        timed, server = query.get("ms") or [], ours.get(query["label"], {})
        served = server.get("http_ms") or []
        lunr_query = str(query.get("lunr_query", "")).replace("|", "\\|")
        hits = query.get("hits")
        lines.append(
            f"| {query['label']} | `{lunr_query}` | {server.get('hits', 0):,} "
            f"| {'—' if hits is None else f'{hits:,}'} "
            f"| {ms(statistics.median(served) if served else None)} "
            f"| {ms(percentile(served, 0.95) if served else None)} "
            f"| {f'{statistics.median(timed):.2f} ms' if timed else '—'} "
            f"| {f'{percentile(timed, 0.95):.2f} ms' if timed else '—'} |"
        )
    return lines


def over(value, target, unit, digits=1, of="the target"):
    """ "by 12.3 ms (1.25× the target)": how far a figure is past its target."""
    return f"by {value - target:,.{digits}f}{unit} ({value / target:.2f}× {of})"


def times(value):
    """A speed-up: one decimal below 10×."""
    return f"{value:.1f}×" if value < 10 else f"{value:.0f}×"


def index_overshoot(storage):
    allowed = TARGET_INDEX_RATIO * storage["text_bytes"]
    return (
        f"{storage['index_ratio']:.2f}×, {over(storage['index_ratio'], TARGET_INDEX_RATIO, '×', 2)}"
        f" ({megabytes(storage['index_bytes'] - allowed)} over the {megabytes(allowed)} allowed)"
    )


def verdicts(run):
    """One line per target: met or missed, and by how much, from the numbers."""
    lines = []
    largest = run["sizes"][-1]
    big = at(run, TARGET_SIZE)
    where = (
        f"at {TARGET_SIZE:,} documents"
        if big
        else f"not measured at {TARGET_SIZE:,} documents; at the largest size run, "
        f"{largest['documents']:,}"
    )
    big = big or largest

    over_http = http(big)
    if over_http is None:
        figure = summarize(big)["fts_p95"]
        lines.append(
            f"Results page p95 over HTTP ≤ {TARGET_MS} ms: not measured over HTTP ({where},"
            f" in process p95 {figure:.1f} ms)."
        )
    else:
        p95 = over_http["p95"]
        slow = [q["label"] for q in big["queries"] if percentile(q["http_ms"], 0.95) > TARGET_MS]
        verdict = (
            f"met ({p95:.1f} ms)"
            if p95 <= TARGET_MS
            else f"missed {over(p95, TARGET_MS, ' ms')}: {p95:.1f} ms"
        )
        lines.append(
            f"Results page p95 over HTTP ≤ {TARGET_MS} ms ({where}): **{verdict}**."
            + (
                f" Queries whose own p95 is over {TARGET_MS} ms: {len(slow)} of "
                f"{len(big['queries'])} ({'; '.join(slow)})."
                if slow
                else ""
            )
        )

    page, match = summarize(big), summarize(big, "match_ms", "naive_match_ms")
    speedup = page["speedup_median"]
    lines.append(
        f"The page's speed-up over the naive scan, median ≥ {TARGET_SPEEDUP}× ({where}, in "
        "process): **"
        + (
            f"met ({speedup:.0f}×)"
            if speedup >= TARGET_SPEEDUP
            else f"missed: {speedup:.1f}×, a factor of {TARGET_SPEEDUP / speedup:.1f} short "
            f"({speedup / TARGET_SPEEDUP:.0%} of the target)"
        )
        + f"**; the least {times(page['speedup_min'])}, the most {times(page['speedup_max'])}."
        f" The match alone: median {times(match['speedup_median'])}, least"
        f" {times(match['speedup_min'])}."
    )

    mid = at(run, PEER_SIZE)
    peer_where = (
        f"at {PEER_SIZE:,} documents"
        if mid
        else f"not measured at {PEER_SIZE:,} documents; at the largest size with a peer"
    )
    if mid is None:
        mid = next((s for s in reversed(run["sizes"]) if peer_timings(s)), None)
    ours, theirs = (http(mid) if mid else None), (peer_p95(mid) if mid else None)
    if mid is None or ours is None or theirs is None:
        why = (
            "the Lunr peer failed: " + first_line((mid.get("peer") or {}).get("error"))
            if mid and (mid.get("peer") or {}).get("error")
            else "no HTTP timings or no peer timings in this run"
        )
        lines.append(
            f"HTTP p95 ≤ the Lunr peer's in-memory p95 ({peer_where}): not measured: {why}."
        )
    else:
        here = f"{peer_where}" + (
            "" if mid["documents"] == PEER_SIZE else f", {mid['documents']:,}"
        )
        lines.append(
            f"HTTP p95 ≤ the Lunr peer's in-memory p95 ({here}): **"
            + (
                f"met** ({ours['p95']:.1f} ms against {theirs:.2f} ms)"
                if ours["p95"] <= theirs
                else f"missed {over(ours['p95'], theirs, ' ms', of=PEERS)}**: {ours['p95']:.1f} ms"
                f" against {theirs:.2f} ms"
            )
            + "."
        )

    measured = [s for s in run["sizes"] if (s.get("storage") or {}).get("index_ratio") is not None]
    if not measured:
        source = next(
            (s["storage"]["index_source"] for s in reversed(run["sizes"]) if s.get("storage")),
            "results from before sizes were measured",
        )
        lines.append(f"Search index ÷ text ≤ {TARGET_INDEX_RATIO}×: not measured ({source}).")
    else:
        figures = ", ".join(
            f"{s['storage']['index_ratio']:.2f}× at {s['documents']:,}" for s in measured
        )
        missed = [s for s in measured if s["storage"]["index_ratio"] > TARGET_INDEX_RATIO]
        lines.append(
            f"Search index ÷ text ≤ {TARGET_INDEX_RATIO}× (every size): **"
            + (
                "met**"
                if not missed
                else "missed** at " + ", ".join(index_overshoot(s["storage"]) for s in missed)
            )
            + f" ({figures})."
        )

    ten = at(run, DATABASE_SIZE)
    db_where = (
        f"at {DATABASE_SIZE:,} documents"
        if ten
        else f"not measured at {DATABASE_SIZE:,} documents; at {largest['documents']:,}"
    )
    storage = ((ten or largest).get("storage")) or {}
    if not storage:
        lines.append(f"Database ÷ text ≤ {TARGET_DATABASE_RATIO}×: not measured.")
    else:
        value = storage["database_ratio"]
        with_index = (
            " With the search index beside it (a folder of its own): "
            f"{(storage['database_bytes'] + storage['index_bytes']) / storage['text_bytes']:.2f}×."
            if storage.get("index_bytes")
            else ""
        )
        lines.append(
            f"Database ÷ text ≤ {TARGET_DATABASE_RATIO}× ({db_where}): **"
            + (
                f"met** ({value:.2f}×:"
                if value <= TARGET_DATABASE_RATIO
                else f"missed {over(value, TARGET_DATABASE_RATIO, '×', 2)}** ({value:.2f}×:"
            )
            + f" {megabytes(storage['database_bytes'])} for {megabytes(storage['text_bytes'])}"
            " of text)." + with_index
        )

    memory = big.get("memory") or {}
    if not memory.get("max_bytes"):
        lines.append(f"gunicorn worker RSS ≤ {TARGET_RSS_MB} MB ({where}): not measured.")
    else:
        rss = memory["max_bytes"] / MB
        lines.append(
            f"gunicorn worker RSS ≤ {TARGET_RSS_MB} MB after the traffic ({where}): **"
            + (
                f"met** ({rss:.1f} MB, the largest of {len(memory['workers'])} workers)"
                if rss <= TARGET_RSS_MB
                else f"missed {over(rss, TARGET_RSS_MB, ' MB')}**: {rss:.1f} MB, the largest"
                f" of {len(memory['workers'])} workers"
            )
            + f"; median {megabytes(memory['median_bytes'])}, peak"
            f" {megabytes(memory.get('peak_max_bytes'))}."
        )
    return ["**Against the targets:**", ""] + [f"- {line}" for line in lines]


def section(run):
    lines = [f"## {run['database']}", "", machine_line(run), "", method_line(run), ""]
    for size in run["sizes"]:
        if size.get("note"):  # a size measured again, in a run of its own
            lines += [f"At {size['documents']:,} documents: {size['note']}", ""]
    lines += latency_table(run)
    lines += storage_table(run)
    largest = run["sizes"][-1]
    lines += ["", f"Per query at {largest['documents']:,} documents:", ""]
    lines += per_query_table(largest)
    with_peer = at(run, PEER_SIZE)
    if with_peer is None or not peer_timings(with_peer):
        with_peer = next((s for s in reversed(run["sizes"]) if peer_timings(s)), None)
    if with_peer:
        lines += [
            "",
            f"The server over HTTP and the Lunr peer in memory, per query, at"
            f" {with_peer['documents']:,} documents:",
            "",
        ]
        lines += peer_table(with_peer)
    lines += ["", *verdicts(run), ""]
    return lines


INTRO = [
    "# Search benchmark",
    "",
    "A full results page of `/documents/?q=…` — search, ranking, 25 results with snippets",
    "and reasons, and the counts of all six facets — for 20 representative queries",
    "(`bench/search.py`). *HTTP*: the page as gunicorn serves it in production mode",
    "(config/gunicorn.conf.py, DEBUG off), fetched by one client with urllib, one request at",
    "a time, with a unique `?nocache=<n>` so that the page cache never answers; p50 and p95",
    "over every timed request of every query. *In process*: the same page through Django's",
    "test client, the page cache emptied before each timing; *naive* is that page made",
    "without the index, in the same run (possible in process only): the text filter done as",
    "`icontains` over the same fields, the facets counted in the database over its matches,",
    "the results in browse order (no relevance without an index), no suggestion. The",
    "speed-up is naive ÷ indexed, per query; the median over the queries is the figure.",
    "*Match* times the text search alone (finding and counting the matching",
    "documents). The *Lunr peer* (`bench/lunr_peer.py`) exports the same corpus, indexes it",
    "with lunr.js in Node and queries it in memory, in the same run. Worker RSS: VmRSS of",
    "each gunicorn worker after the HTTP traffic (peak: VmHWM). Corpus: synthetic Russian",
    "originals and English translations of 1–3 KB each (`manage.py generate_corpus`),",
    "persons with aliases, archival references. Regenerate with `make bench`.",
    "",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--input", type=Path, nargs="+", help="JSON files (default: bench/results/search-*.json)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "search.md")
    parser.add_argument(
        "--notes",
        type=Path,
        help="markdown appended at the end (default: bench/results/search-notes.md, "
        "when writing the default output)",
    )
    args = parser.parse_args()
    paths = args.input or sorted(RESULTS.glob("search-*.json"))
    runs = [json.loads(path.read_text()) for path in paths]
    if not runs:
        sys.exit("No bench/results/search-*.json: run bench/search.py first (make bench).")
    lines = list(INTRO)
    summary = [
        f"| database | HTTP p95 at {TARGET_SIZE:,} (≤ {TARGET_MS} ms) "
        f"| page speed-up, median (≥ {TARGET_SPEEDUP}×) "
        f"| HTTP p95 ÷ Lunr p95 at {PEER_SIZE:,} (≤ 1) "
        f"| index ÷ text, largest (≤ {TARGET_INDEX_RATIO}×) "
        f"| database ÷ text at {DATABASE_SIZE:,} (≤ {TARGET_DATABASE_RATIO}×) "
        f"| worker RSS at {TARGET_SIZE:,} (≤ {TARGET_RSS_MB} MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        big, mid, ten = at(run, TARGET_SIZE), at(run, PEER_SIZE), at(run, DATABASE_SIZE)
        ours, theirs = (http(mid) if mid else None), (peer_p95(mid) if mid else None)
        indexed = next(
            (s for s in reversed(run["sizes"]) if (s.get("storage") or {}).get("index_ratio")),
            None,
        )
        summary.append(
            f"| {run['database']} | {ms((http(big) or {}).get('p95') if big else None)} "
            f"| {speedup(big)} "
            f"| {ratio(ours['p95'] / theirs) if ours and theirs else '—'} "
            f"| {ratio(indexed['storage']['index_ratio']) if indexed else '—'} "
            f"| {ratio((ten.get('storage') or {}).get('database_ratio')) if ten else '—'} "
            f"| {megabytes((big.get('memory') or {}).get('max_bytes')) if big else '—'} |"
        )
    lines += [*summary, ""]
    for run in runs:
        lines += section(run)
    default = args.output.resolve() == (RESULTS / "search.md").resolve()
    notes = args.notes or (RESULTS / "search-notes.md" if default else None)
    if notes and notes.exists():
        lines += [notes.read_text().strip(), ""]
    args.output.write_text("\n".join(lines))
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
