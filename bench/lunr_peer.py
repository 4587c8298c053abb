"""The Lunr peer of the search benchmark: what a static collection site would ship.

The same published documents, exported as JSON, indexed by Lunr (with Russian and
English stemming) in Node and queried in memory there (bench/lunr/peer.js), timed in
the same run as the server. Needs Node and `npm ci --prefix bench/lunr`. Import it
with Django set up (bench/search.py does):

    documents, size = export_corpus(path)
    peer = run_peer(path, QUERIES)
"""

import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from django.db.models import Prefetch
from report import percentile  # bench/report.py: the p95 the report prints

from archive.markup import plain_text
from archive.models import Document, Role, Source

LUNR = Path(__file__).resolve().parent / "lunr"
PEER = LUNR / "peer.js"
INSTALL = "npm ci --prefix bench/lunr"
NOTE = (
    "Lunr peer: the text query (params['q']) alone, translated to Lunr's syntax (a phrase as "
    "all its words required: Lunr has no phrases); facets and date ranges are ignored, "
    "so hits differ from the server's for the faceted queries."
)


def _corpus_documents(batch_size):
    """Published documents with what the export reads, a batch of prefetches at a time."""
    documents = Document.objects.published().prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("person")),
        "roles__person__aliases",
        "texts__passages",
        Prefetch("sources", queryset=Source.objects.select_related("repository")),
    )
    # iterator() with a chunk size prefetches per chunk: memory stays flat at 100k documents.
    return documents.order_by("pk").iterator(chunk_size=batch_size)


def _corpus_entry(document):
    names = []
    for role in document.roles.all():
        person = role.person
        names += [person.name, person.name_ru, person.name_native, role.name_as_written]
        names += [alias.name for alias in person.aliases.all()]
    bodies = {"ru": [], "en": []}
    for text in document.texts.all():
        # Lunr's fields are per language; texts in a third language go with the English.
        body = bodies["ru" if text.language == "ru" else "en"]
        body += [plain_text(passage.content) for passage in text.passages.all()]
    meta = [document.summary] + [source.citation for source in document.sources.all()]
    return {
        "id": str(document.record_id),  # the public number: what a static site would link to
        "title": document.title,
        "names": " ".join(dict.fromkeys(name for name in names if name)),  # each name once
        "body_ru": "\n".join(bodies["ru"]),
        "body_en": "\n".join(bodies["en"]),
        "meta": "\n".join(part for part in meta if part),
    }


def export_corpus(path, batch_size=500):
    """Write the published documents to `path` as the JSON list peer.js reads, streamed.

    Returns (documents, bytes written).
    """
    count = size = 0
    with open(path, "wb") as out:
        for document in _corpus_documents(batch_size):
            chunk = ("[\n" if count == 0 else ",\n") + json.dumps(
                _corpus_entry(document), ensure_ascii=False
            )
            size += out.write(chunk.encode())
            count += 1
        size += out.write(b"\n]\n" if count else b"[]\n")
    return count, size


def ensure_installed():
    """Install Lunr (bench/lunr/package-lock.json) unless it is there already."""
    if (LUNR / "node_modules").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"The Lunr peer needs Node and npm: install them, then run `{INSTALL}`.")
    subprocess.run([npm, "ci", "--prefix", str(LUNR)], check=True)


def run_peer(corpus_path, queries, repeat=7):
    """Build the Lunr index of the exported corpus and time `queries` ((label, params) pairs,
    as in bench/search.py) `repeat` times each after a warm-up, in one Node process.

    Returns peer.js's report — build_ms, index_bytes, index_error, heap_used_bytes and
    queries [{label, q, lunr_query, hits, ms, error?}] — with each query's p50_ms and p95_ms
    (None where Lunr rejected it), and over all queries' timings median_ms and p95_ms, as
    bench/report.py computes them, plus a note of what the peer leaves out.
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(f"The Lunr peer needs Node (no `node` on PATH), then `{INSTALL}`.")
    if not (LUNR / "node_modules").is_dir():
        raise RuntimeError(f"Lunr is not installed for the Lunr peer: run `{INSTALL}`.")
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as query_file:
        json.dump([{"label": label, "q": params["q"]} for label, params in queries], query_file)
        query_file.flush()
        # 8 GB of heap: Lunr's index of 100,000 documents outgrows Node's default limit.
        command = [node, "--max-old-space-size=8192", "--expose-gc", str(PEER)]
        command += [str(corpus_path), query_file.name, str(repeat)]
        finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode:
        raise RuntimeError(f"{PEER} failed ({finished.returncode}):\n{finished.stderr[-4000:]}")
    report = json.loads(finished.stdout)
    for query in report["queries"]:
        timed = query["ms"]
        query["p50_ms"] = statistics.median(timed) if timed else None
        query["p95_ms"] = percentile(timed, 0.95) if timed else None
    timings = [ms for query in report["queries"] for ms in query["ms"]]
    report["median_ms"] = statistics.median(timings) if timings else None
    report["p95_ms"] = percentile(timings, 0.95) if timings else None
    report["note"] = NOTE
    return report
