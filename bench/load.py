#!/usr/bin/env python
"""Load test: mixed public traffic at concurrency 16 while archivists edit through the admin.

The site runs in production mode (DEBUG off, gunicorn with config/gunicorn.conf.py,
whitenoise, the per-process page cache) on a new database holding the seed record and
a synthetic corpus. Sixteen visitor threads, each keeping a connection alive for 20
requests before it opens a new one (as another visitor would), ask for a mix of pages:
the home page, browse pages with facets, sort and page 2, searches (words, phrases,
Cyrillic, aliases), document pages (by canonical URL, and by record id through its
301), person pages, revalidations of pages already seen (If-None-Match), citations
(BibTeX, RIS, CSL-JSON), TEI, and CSV exports of searches. It runs twice: first the
public traffic alone, then the same while two archivists (two threads, two accounts)
sign in to /admin/ and edit, over and over and in the same order, the same three persons'
descriptions and three documents' summaries through the admin change forms, each edit
carrying a unique marker; after each save it checks, anonymously, that the public page
shows it at once. When both open one form and one saves first, the other's save is
refused as an edit conflict (409): that archivist opens the form again and makes the
edit again on the current version, as a person would. Each run stops at a number
of requests or a number of seconds, whichever comes first.

Counted as an error: any response that is not 2xx or 3xx, any connection error. A
kept-alive connection the server closed between two requests (a worker restarting
after its max_requests) is opened again and the request retried once, as browsers do;
those retries are counted and reported apart. Afterwards every edit is looked for in
the database: the newest revision's in each field, all of them in the edit history (and
every appended summary marker in the summary itself: none lost to the other archivist),
every refused save answered by the conflict page, nothing else on the edited objects
changed, and the last document edits found by the search index.

    python bench/load.py                                     # SQLite, in a temporary folder
    bash .ci/with-postgres .venv/bin/python bench/load.py    # the same on PostgreSQL

About two minutes per database; results go to bench/results/load-<database>.json and
bench/results/load.md (every load-*.json there becomes a section). Loopback only. The
client is Python (threads and http.client): it shares the machine's cores with the
server, and its CPU time is reported, as is any other work the machine did meanwhile
(it first waits, up to --quiet-wait seconds, for such work to stop).
"""

import argparse
import http.client
import json
import random
import re
import resource
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving
from report import percentile

SEARCHES = [
    "Filippov",
    "переговоры",
    '"прекращения военных действий"',
    "negotiations",
    "Malik radio",
    "Риджу*",
    "Genshtab",
    "ФИЛИППОВ",
    "Gromyko OR Vyshinsky",
    "Кэсоне Пханмунджом",
    '"f. 45"',
    "Ridgway -Malik",
]
EXPORT_SEARCHES = ["Кэсоне Пханмунджом", '"прекращения военных действий"', "Malik radio"]
EDITED_PERSONS = ["mao-zedong", "joseph-stalin", "kim-il-sung"]
SECOND_ARCHIVIST = "bench-second"
# (kind, weight): what the visitors ask for, in these proportions.
MIX = [
    ("home", 8),
    ("browse", 16),
    ("search", 16),
    ("document", 20),
    ("redirect", 4),
    ("person", 10),
    ("revalidate", 8),
    ("citation", 8),
    ("tei", 4),
    ("csv export", 3),
]
STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class Plan:
    """The URLs the visitors choose from, drawn from what the database holds."""

    def __init__(self, edited_documents):
        from archive.filters import SORTS
        from archive.models import Document, Person

        published = Document.objects.published()
        ids = sorted(published.values_list("pk", flat=True))
        sample = random.Random(1951).sample(ids, min(300, len(ids)))
        documents = list(published.filter(pk__in=sample).order_by("pk")) + edited_documents
        self.documents = [d.get_absolute_url() for d in documents]
        self.record_ids = [d.record_id for d in documents]
        self.persons = [p.get_absolute_url() for p in Person.objects.public()]
        self.types = sorted(set(published.values_list("document_type__slug", flat=True)))
        self.collections = sorted(
            {s for s in published.values_list("collections__slug", flat=True) if s}
        )
        self.sorts = [value for value, _label in SORTS if value != "relevance"]
        self.kinds = [kind for kind, _w in MIX]
        self.weights = [weight for _k, weight in MIX]

    def pick(self, rnd, seen):
        """(kind, path, headers) for one request."""
        kind = rnd.choices(self.kinds, self.weights)[0]
        if kind == "revalidate" and not seen:
            kind = "home"
        if kind == "home":
            return kind, "/", {}
        if kind == "browse":
            params = {"sort": rnd.choice(self.sorts), "page": rnd.choice(["1", "2", "2", "3"])}
            if rnd.random() < 0.7:
                params["type"] = rnd.choice(self.types)
            if rnd.random() < 0.6:
                params["collection"] = rnd.choice(self.collections)
            return kind, "/documents/?" + urllib.parse.urlencode(params), {}
        if kind == "search":
            params = {"q": rnd.choice(SEARCHES)}
            if rnd.random() < 0.3:
                params["type"] = rnd.choice(self.types)
            if rnd.random() < 0.2:
                params["page"] = "2"
            return kind, "/documents/?" + urllib.parse.urlencode(params), {}
        if kind == "document":
            return kind, rnd.choice(self.documents), {}
        if kind == "redirect":
            return kind, f"/documents/{rnd.choice(self.record_ids)}/", {}
        if kind == "person":
            return kind, rnd.choice(self.persons), {}
        if kind == "revalidate":
            path = rnd.choice(list(seen))
            return kind, path, {"If-None-Match": seen[path]}
        if kind == "citation":
            fmt = rnd.choice(["cite.bib", "cite.ris", "cite.json"])
            return kind, f"/documents/{rnd.choice(self.record_ids)}/{fmt}", {}
        if kind == "tei":
            return kind, f"/documents/{rnd.choice(self.record_ids)}/tei.xml", {}
        query = urllib.parse.urlencode({"q": rnd.choice(EXPORT_SEARCHES)})
        return kind, f"/documents/export.csv?{query}", {}


class Budget:
    """At most `total` requests, shared by every visitor."""

    def __init__(self, total):
        self.left = total
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            self.left -= 1
            return self.left >= 0


class Visitor(threading.Thread):
    def __init__(self, number, port, plan, budget, stop, seed, per_connection):
        super().__init__(name=f"visitor-{number}", daemon=True)
        self.port, self.plan, self.budget, self.stop = port, plan, budget, stop
        self.per_connection = per_connection
        self.on_connection = 0
        self.rnd = random.Random(seed * 1000 + number)
        self.connection = None
        self.reused = False
        self.records = []  # (kind, status or error, milliseconds)
        self.errors = []
        self.stale_retries = 0
        self.seen = {}  # path -> ETag, for revalidations

    def run(self):
        while not self.stop.is_set() and self.budget.take():
            kind, path, headers = self.plan.pick(self.rnd, self.seen)
            status, response_headers = self.get(kind, path, headers)
            if kind == "redirect" and status in (301, 302):
                location = urllib.parse.urlsplit(response_headers.get("location", ""))
                follow = location.path + (f"?{location.query}" if location.query else "")
                self.get("document", follow, {})
            self.on_connection += 1
            if (
                self.per_connection
                and self.on_connection >= self.per_connection
                and self.connection
            ):
                # A visitor leaves and another comes: a new connection, as on the web.
                self.connection.close()
                self.connection = None
                self.on_connection = 0
        if self.connection:
            self.connection.close()

    def get(self, kind, path, headers):
        started = time.perf_counter()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.reused = False
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                body = response.read()
                status = response.status
                response_headers = {k.lower(): v for k, v in response.getheaders()}
                if response.will_close:
                    self.connection.close()
                    self.connection = None
                else:
                    self.reused = True
                break
            except STALE as error:
                self.connection.close()
                self.connection = None
                if attempt == 1 and self.reused:
                    self.stale_retries += 1  # closed by the server while idle: open anew
                    continue
                return self.failed(kind, path, started, error)
            except (OSError, http.client.HTTPException) as error:
                if self.connection:
                    self.connection.close()
                self.connection = None
                return self.failed(kind, path, started, error)
        elapsed = (time.perf_counter() - started) * 1000
        self.records.append((kind, status, elapsed))
        if not 200 <= status < 400:
            body = body[:400].decode("utf-8", "replace")
            self.errors.append({"kind": kind, "path": path, "status": status, "body": body})
        elif (
            status == 200
            and kind in ("home", "browse", "search", "document", "person")
            and "etag" in response_headers
            and len(self.seen) < 200
        ):
            self.seen[path] = response_headers["etag"]
        return status, response_headers

    def failed(self, kind, path, started, error):
        elapsed = (time.perf_counter() - started) * 1000
        self.records.append((kind, type(error).__name__, elapsed))
        self.errors.append({"kind": kind, "path": path, "error": repr(error)})
        return None, {}


class Editor(threading.Thread):
    """An archivist in the admin: edits the targets in turn, each edit with its own marker."""

    ATTEMPTS = 5  # a save refused as a conflict is made again on the current version

    def __init__(self, base_url, password, targets, stop, pause, run_id, username):
        super().__init__(name=f"editor {username}", daemon=True)
        self.base_url, self.password, self.targets = base_url, password, targets
        self.stop, self.pause, self.run_id = stop, pause, run_id
        self.username = username
        self.session = requests.Session()
        self.edits = []  # dicts: target, marker, saved, refused, public, ms
        self.conflicts = []  # dicts: target, marker, listed (the conflict page said so)
        self.errors = []

    def run(self):
        try:
            self.sign_in()
        except Exception as error:  # reported, and the run's verdict shows it
            self.errors.append({"kind": "admin sign-in", "error": repr(error)})
            return
        number = 0
        while not self.stop.is_set():
            target = self.targets[number % len(self.targets)]
            number += 1
            try:
                self.edit(target, f"benchedit{self.run_id}n{number:04d}")
            except Exception as error:
                self.errors.append({"kind": "admin edit", "target": target["key"],
                                    "error": repr(error)})  # fmt: skip
            self.stop.wait(self.pause)

    def sign_in(self):
        url = f"{self.base_url}/admin/login/"
        page = self.session.get(url, timeout=60)
        token = lxml.html.fromstring(page.text).xpath("//input[@name='csrfmiddlewaretoken']")
        response = self.session.post(
            url,
            data={
                "csrfmiddlewaretoken": token[0].get("value"),
                "username": self.username,
                "password": self.password,
                "next": "/admin/",
            },
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code != 302 or "sessionid" not in self.session.cookies:
            raise RuntimeError(f"sign-in refused: {response.status_code}")

    def edit(self, target, marker):
        """Open the change form, post it back complete with the field changed, check the page;
        if the save is refused as a conflict, open the form again and make the edit again."""
        started = time.perf_counter()
        for attempt in range(1, self.ATTEMPTS + 1):
            response = self.save(target, marker)
            if response.status_code != 409:
                break
            self.conflicts.append(
                {"target": target["key"], "marker": marker, "attempt": attempt,
                 "listed": "Nothing was saved" in response.text
                 and f"<th scope=\"row\">{target['field']}</th>" in response.text}
            )  # fmt: skip
        saved_ms = (time.perf_counter() - started) * 1000
        saved = response.status_code == 302
        if not saved:
            errors = lxml.html.fromstring(response.text).xpath("//ul[@class='errorlist']//text()")
            self.errors.append(
                {
                    "kind": "admin edit",
                    "target": target["key"],
                    "status": response.status_code,
                    "form_errors": errors[:5],
                }
            )
        # Anonymously, as the public: the very next request must show the edit.
        with urllib.request.urlopen(f"{self.base_url}{target['public_url']}", timeout=60) as r:
            public = marker in r.read().decode("utf-8")
        self.edits.append(
            {"target": target["key"], "marker": marker, "saved": saved, "public": public,
             "refused": attempt - 1 if saved else attempt, "ms": round(saved_ms, 1),
             "editor": self.username}
        )  # fmt: skip

    def save(self, target, marker):
        url = f"{self.base_url}{target['change_url']}"
        page = self.session.get(url, timeout=60)
        if page.status_code != 200:
            raise RuntimeError(f"change form: {page.status_code}")
        form = lxml.html.fromstring(page.text).get_element_by_id(target["form_id"])
        values = form.form_values()
        field = target["field"]
        current = next((v for n, v in values if n == field), "")
        if target["append"]:
            new = f"{current}\n[{marker}]".strip()
        else:
            new = f"{target['base'][: 300 - len(marker) - 3]} [{marker}]".strip()
        values = [(n, new if n == field else v) for n, v in values]
        return self.session.post(
            url, data=values, headers={"Referer": url}, allow_redirects=False, timeout=60
        )


def edit_targets():
    """Three persons and three documents, each with what its admin change form is called."""
    from archive.models import Document, Person

    targets = []
    for slug in EDITED_PERSONS:
        person = Person.objects.get(slug=slug)
        targets.append(
            {"key": f"person {slug}", "model": "person", "pk": person.pk, "field": "description",
             "append": False, "base": person.description, "form_id": "person_form",
             "change_url": f"/admin/archive/person/{person.pk}/change/",
             "public_url": person.get_absolute_url()}
        )  # fmt: skip
    documents = [Document.objects.get(record_id=110371)]
    documents += list(Document.objects.published().exclude(record_id=110371).order_by("pk")[:2])
    for document in documents:
        targets.append(
            {"key": f"document {document.record_id}", "model": "document", "pk": document.pk,
             "field": "summary", "append": True, "base": document.summary,
             "form_id": "document_form",
             "change_url": f"/admin/archive/document/{document.pk}/change/",
             "public_url": document.get_absolute_url()}
        )  # fmt: skip
    return targets, documents


def snapshot(target):
    """Everything on an edited object that the edits must leave as it was."""
    from archive.models import Document, Passage, Person

    if target["model"] == "person":
        person = Person.objects.get(pk=target["pk"])
        return {
            "fields": [person.name, person.slug, person.name_ru, str(person.birth_date)],
            "aliases": sorted(person.aliases.values_list("name", "kind")),
        }
    document = Document.objects.get(pk=target["pk"])
    return {
        "fields": [document.title, document.status, str(document.date), document.document_type_id],
        **{
            name: sorted(getattr(document, name).values_list("pk", flat=True))
            for name in (
                "roles",
                "sources",
                "credits",
                "texts",
                "particulars",
                "relations_from",
                "scans",
                "collections",
                "subjects",
                "places",
                "classifications",
            )
        },
        "passages": Passage.objects.filter(text__document=document).count(),
    }


def verify(targets, edits, before):
    """Every edit made is where it should be, and nothing else on the objects moved."""
    from reversion.models import Version

    from archive.models import Document, Person

    results = []
    for target in targets:
        model = Person if target["model"] == "person" else Document
        obj = model.objects.get(pk=target["pk"])
        value = getattr(obj, target["field"])
        made = [e["marker"] for e in edits if e["target"] == target["key"] and e["saved"]]
        versions = Version.objects.get_for_object(obj).order_by("-revision__date_created", "-pk")
        history = [v.serialized_data for v in versions.only("serialized_data")]
        # Two archivists save in turn: the newest revision's edit is the one in the field.
        newest = next((m for m in made if history and m in history[0]), None)
        history = "\n".join(history)
        result = {
            "target": target["key"],
            "newest": newest,
            "edits": len(made),
            "last_in_field": (newest is not None and newest in value) if made else True,
            "missing_from_history": [m for m in made if m not in history],
            "unchanged_otherwise": snapshot(target) == before[target["key"]],
        }
        if target["append"]:
            result["missing_from_field"] = [m for m in made if m not in value]
            # The search index follows every save: the latest marker finds the document.
            found = Document.objects.published().search(newest) if made else None
            result["last_found_by_search"] = found.filter(pk=obj.pk).exists() if made else None
        results.append(result)
    return results


def latency(records):
    times = [ms for _k, _s, ms in records]
    if not times:
        return {}
    return {
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
        "mean_ms": round(statistics.fmean(times), 1),
    }


def run_phase(server, plan, args, editors=()):
    """Visitors (and the editors, if any) until the time or the request budget runs out."""
    stop = threading.Event()
    budget = Budget(args.max_requests)
    visitors = [
        Visitor(n, server.port, plan, budget, stop, args.seed, args.requests_per_connection)
        for n in range(args.concurrency)
    ]
    spreads = []
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for editor in editors:
        editor.stop = stop
        editor.start()
    for visitor in visitors:
        visitor.start()
    deadline = started + args.seconds
    next_sample = started + 5
    while time.perf_counter() < deadline and any(v.is_alive() for v in visitors):
        time.sleep(0.2)
        if time.perf_counter() >= next_sample:
            spreads.append(serving.connection_spread(server.port))
            next_sample += 5
    stop.set()
    for visitor in visitors:
        visitor.join(timeout=120)
    elapsed = time.perf_counter() - started
    for editor in editors:
        editor.join(timeout=120)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )

    records = [record for visitor in visitors for record in visitor.records]
    errors = [error for visitor in visitors for error in visitor.errors]
    by_kind = {}
    for kind in [k for k, _w in MIX]:
        mine = [r for r in records if r[0] == kind]
        if mine:
            statuses = {}
            for _k, status, _ms in mine:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
            by_kind[kind] = {
                "requests": len(mine),
                "errors": sum(1 for e in errors if e["kind"] == kind),
                "statuses": statuses,
                **latency(mine),
            }
    phase = {
        "seconds": round(elapsed, 1),
        "requests": len(records),
        "rps": round(len(records) / elapsed, 1),
        "errors": len(errors),
        "error_samples": errors[:20],
        "stale_keepalive_retries": sum(v.stale_retries for v in visitors),
        "client_cpu_seconds": round(client_cpu, 1),
        "connections_per_process": [spread for spread in spreads if spread],
        **latency(records),
        "by_kind": by_kind,
    }
    print(f"{phase['requests']} requests in {phase['seconds']} s: {phase['rps']} req/s, "
          f"p50 {phase['p50_ms']} ms, p95 {phase['p95_ms']} ms, p99 {phase['p99_ms']} ms, "
          f"{phase['errors']} errors ({phase['stale_keepalive_retries']} stale keep-alive "
          f"retries); client CPU {phase['client_cpu_seconds']} s", flush=True)  # fmt: skip
    for kind, figures in by_kind.items():
        print(f"  {kind:11} {figures['requests']:6}  p50 {figures['p50_ms']:7.1f}  "
              f"p95 {figures['p95_ms']:7.1f}  p99 {figures['p99_ms']:7.1f}  "
              f"errors {figures['errors']}  {figures['statuses']}", flush=True)  # fmt: skip
    for error in errors[:5]:
        print("  error:", json.dumps(error, ensure_ascii=False)[:300], flush=True)
    return phase


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    serving.add_common_arguments(parser, "load")
    parser.add_argument("--seconds", type=int, default=60, help="per phase, at most this long")
    parser.add_argument("--max-requests", type=int, default=40_000, help="and this many")
    parser.add_argument("--baseline-seconds", type=int, default=30,
                        help="a first phase without edits, this long (0: none)")  # fmt: skip
    parser.add_argument("--concurrency", type=int, default=16, help="visitor threads")
    parser.add_argument(
        "--requests-per-connection",
        type=int,
        default=20,
        help="a visitor's requests on one kept-alive connection before it opens a new one",
    )
    parser.add_argument("--edit-pause", type=float, default=1.0, help="seconds between edits")
    parser.add_argument("--seed", type=int, default=1951, help="same seed, same mix")
    args = parser.parse_args()

    started_all = time.monotonic()
    workdir, password, database, database_pid = serving.set_up(args)
    from django.contrib.auth import get_user_model
    from django.db import connections

    get_user_model().objects.create_superuser(SECOND_ARCHIVIST, "second@example.org", password)
    targets, edited_documents = edit_targets()
    plan = Plan(edited_documents)
    before = {target["key"]: snapshot(target) for target in targets}
    connections.close_all()

    phases = {}
    quiet = serving.wait_for_quiet(patience=args.quiet_wait)
    with (
        serving.CpuAccount(database_pid) as cpu,
        serving.Server(workdir / "gunicorn.log", args.workers) as server,
    ):
        if args.baseline_seconds:
            print(
                f"--- public traffic only: {args.concurrency} visitors, at most "
                f"{args.baseline_seconds} s and {args.max_requests} requests",
                flush=True,
            )
            seconds, args.seconds = args.seconds, args.baseline_seconds
            phases["public traffic only"] = run_phase(server, plan, args)
            args.seconds = seconds
        print(f"--- the same, while two archivists edit the same objects: at most "
              f"{args.seconds} s and {args.max_requests} requests", flush=True)  # fmt: skip
        editors = [
            Editor(server.url, password, targets, None, args.edit_pause, run_id, username)
            for run_id, username in ((secrets.token_hex(3), serving.SUPERUSER),
                                     (secrets.token_hex(3), SECOND_ARCHIVIST))
        ]  # fmt: skip
        phases["with admin edits"] = run_phase(server, plan, args, editors)
        edits = [edit for editor in editors for edit in editor.edits]
        checks = verify(targets, edits, before)
        # After the run, as the public: each edited page shows the edit stored last.
        final_public = {}
        for target, check in zip(targets, checks, strict=True):
            with urllib.request.urlopen(server.url + target["public_url"], timeout=60) as r:
                shown = r.read().decode()
            newest = check.get("newest")
            final_public[target["key"]] = (newest in shown) if newest else None
        problems = server.log_problems()
        replaced = server.workers_replaced()

    conflicts = [conflict for editor in editors for conflict in editor.conflicts]
    errors = [error for editor in editors for error in editor.errors]
    verified = all(
        c["last_in_field"]
        and not c["missing_from_history"]
        and c["unchanged_otherwise"]
        and not c.get("missing_from_field")
        and c.get("last_found_by_search") is not False
        for c in checks
    ) and all(shown is not False for shown in final_public.values())
    saved = sum(e["saved"] for e in edits)
    lost = sum(
        len(c["missing_from_history"]) + len(c.get("missing_from_field", [])) for c in checks
    )
    report = {
        **serving.report_header(database, args),
        "parameters": {
            "documents": args.documents + 1,
            "seconds_limit": args.seconds,
            "baseline_seconds_limit": args.baseline_seconds,
            "requests_limit": args.max_requests,
            "concurrency": args.concurrency,
            "requests_per_connection": args.requests_per_connection,
            "edit_pause": args.edit_pause,
            "conn_max_age": serving.conn_max_age(),
            "client": "Python threads, http.client, keep-alive",
            "mix": dict(MIX),
        },
        "phases": phases,
        "edits": {
            "made": len(edits),
            "saved": saved,
            "public_at_once": sum(e["public"] for e in edits),
            "per_second": round(len(edits) / phases["with admin edits"]["seconds"], 2),
            "errors": errors[:20],
            **latency([("edit", 0, e["ms"]) for e in edits]),
            "archivists": len(editors),
            "lost": lost,
            "refused_as_conflicts": len(conflicts),
            "conflicts_listed": sum(c["listed"] for c in conflicts),
            "conflict_samples": conflicts[:10],
            "final_public": final_public,
            "checks": checks,
            "all_verified": verified
            and saved == len(edits) > 0
            and lost == 0
            and all(c["listed"] for c in conflicts),
        },
        "other_work": {"busy_before": quiet, **cpu.summary()},
        "workers_replaced": replaced,
        "server_log_problems": problems[:50],
        "minutes": round((time.monotonic() - started_all) / 60, 1),
    }
    print(f"edits: {len(edits)} made by two archivists, {saved} saved, {lost} lost, "
          f"{len(conflicts)} saves refused as conflicts and made again "
          f"({report['edits']['conflicts_listed']} shown the conflict page), "
          f"{report['edits']['public_at_once']} public at once, "
          f"all verified: {report['edits']['all_verified']}", flush=True)  # fmt: skip
    for error in errors[:5]:
        print("  edit error:", json.dumps(error, ensure_ascii=False)[:300])
    for line in problems[:5]:
        print("  server log:", line[:300])

    serving.save(report, "load", args, workdir, write_markdown)


def write_markdown():
    """bench/results/load.md from every load-*.json there."""
    reports = serving.load_reports("load")
    if not reports:
        return
    p = reports[0]["parameters"]
    lines = [
        "# Load test",
        "",
        f"`bench/load.py`: {p['concurrency']} visitor threads, each keeping its connection alive",
        f"for {p.get('requests_per_connection') or 'all its'} requests before opening a new one"
        " (another visitor),",
        "ask gunicorn (production mode, loopback) for a mix of public pages: first",
        "alone, then while two archivists sign in to the admin and edit the same three persons'",
        "descriptions and three documents' summaries through the change forms (a save made on",
        "top of the other's is refused as a conflict, and made again), each edit with",
        "a unique marker (every edit moves the archive's version on, so it empties every",
        "worker's page cache). Mix (weights): "
        + ", ".join(f"{k} {w}" for k, w in p["mix"].items())
        + ". *Browse* has type and collection facets, a sort and pages 1–3; *search* has",
        "words, phrases, Cyrillic, aliases, prefixes, OR and exclusion, sometimes a type facet;",
        "*redirect* is /documents/<id>/, whose 301 is then followed (counted as *document*);",
        "*revalidate* asks again for a page already seen, with its ETag (304 if nothing",
        "changed since); *citation* is BibTeX, RIS or CSL-JSON; *csv export* exports a",
        "search's results. Errors: any status other than 2xx/3xx, any connection error.",
        "",
        "| database | phase | requests/s | p50 | p95 | p99 | errors | edits, all verified |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for report in reports:
        e = report["edits"]
        for name, f in report["phases"].items():
            edits = (
                f"{e['made']}: {'yes' if e['all_verified'] else '**NO**'}"
                if name == "with admin edits"
                else "–"
            )
            lines.append(
                f"| {serving.label(report)} | {name} | **{f['rps']:,.1f}** | {f['p50_ms']} ms | "
                f"{f['p95_ms']} ms | {f['p99_ms']} ms | **{f['errors']}** | {edits} |"
            )
    lines.append("")
    lines += variant_notes(reports)
    for report in reports:
        lines += section(report)
    (serving.RESULTS / "load.md").write_text("\n".join(lines) + "\n")


def variant_notes(reports):
    """A variant beside the plain run on the same database: what the change did."""
    lines = []
    for variant in (r for r in reports if r.get("variant")):
        plain = next(
            (r for r in reports if not r.get("variant") and r["database"] == variant["database"]),
            None,
        )
        if plain is None:
            continue
        a, b = plain["phases"], variant["phases"]
        spread = [x[0] for f in b.values() for x in f.get("connections_per_process", [])]
        busiest = f"{min(spread)}–{max(spread)}" if spread else "?"
        lines += [
            f"**{variant['database']}, {variant['variant']}:** the busiest worker held "
            f"{busiest} of the {variant['parameters']['concurrency']} connections, and "
            + "; ".join(
                f"the “{name}” phase ran at {b[name]['rps']:,.1f} requests/s against "
                f"{a[name]['rps']:,.1f} with connections renewed every "
                f"{plain['parameters'].get('requests_per_connection')} requests"
                for name in a
                if name in b
            )
            + ". The page cache is per process: traffic spread over the workers fills each "
            "worker's cache separately, each rendering the same pages once, while traffic held "
            "by one worker fills one cache.",
            "",
        ]
    return lines


def section(report):
    m, g, p, e = report["machine"], report["gunicorn"], report["parameters"], report["edits"]
    lines = [
        f"## {report['database']}" + (f": {report['variant']}" if report.get("variant") else ""),
        "",
        f"Measured {report.get('measured_at', '')} on code {report.get('code', '')}. "
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}; Python {m['python']}, "
        f"Django {m['django']}, gunicorn {m['gunicorn']} ({g.get('workers')} workers × "
        f"{g.get('threads')} threads, {g.get('worker_class')}, max_requests "
        f"{g.get('max_requests')}), CONN_MAX_AGE {p['conn_max_age']}. Corpus: "
        f"{p['documents']:,} documents. Each phase stops at {p['requests_limit']:,} requests "
        f"or its time limit; {p['edit_pause']} s pause between edits. Client and server share "
        "the same cores.",
        "",
        serving.other_work_note(report["other_work"]),
        "",
        "| phase | requests | seconds | requests/s | p50 | p95 | p99 | errors | client CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in report["phases"].items():
        lines.append(
            f"| {name} | {f['requests']:,} | {f['seconds']} | **{f['rps']:,.1f}** | "
            f"{f['p50_ms']} ms | {f['p95_ms']} ms | {f['p99_ms']} ms | **{f['errors']}** | "
            f"{f['client_cpu_seconds']} s |"
        )
    retries = {n: f["stale_keepalive_retries"] for n, f in report["phases"].items()}
    spreads = [x for f in report["phases"].values() for x in f.get("connections_per_process", [])]
    if spreads:
        lines += [
            "",
            f"Sampled every 5 s, the busiest worker held {min(x[0] for x in spreads)}–"
            f"{max(x[0] for x in spreads)} of the {p['concurrency']} visitors' connections "
            f"(per worker, of {g['workers']}: "
            f"{', '.join('/'.join(map(str, x)) for x in spreads[:6])}…).",
        ]
    lines += [""]
    alone, edited = (
        report["phases"].get("public traffic only"),
        report["phases"]["with admin edits"],
    )
    cores = report["machine"]["cores"]
    busy = report["other_work"]["busy_seconds"] / report["other_work"]["core_seconds"]
    if alone:
        revalidated = edited["by_kind"].get("revalidate", {}).get("statuses", {})
        lines += [
            f"With an edit every {edited['seconds'] / max(e['made'], 1):.1f} s, each of which "
            f"empties every worker's page cache, throughput falls from {alone['rps']:,.1f} to "
            f"{edited['rps']:,.1f} requests/s ({edited['rps'] / alone['rps'] - 1:+.0%}) and the "
            f"median latency rises from {alone['p50_ms']} to {edited['p50_ms']} ms: the server "
            "renders again what it had cached. Revalidations get a full page instead of a 304 "
            f"({revalidated.get('200', 0):,} of {sum(revalidated.values()):,}), since the "
            f"archive's version has moved on. Over the whole run the {cores} cores were "
            f"{busy:.0%} busy"
            + (": the CPU is the limit, not the client." if busy >= 0.85 else "."),
            "",
        ]
    lines += [
        "Kept-alive connections the server had closed (a worker restarting after max_requests),"
        " reopened and the request retried once, not counted as errors: "
        + ", ".join(f"{n}: {r}" for n, r in retries.items())
        + "."
        + (
            f" gunicorn replaced {report['workers_replaced']} workers during the run"
            " (max_requests)."
            if report.get("workers_replaced") is not None
            else ""
        ),
        "",
    ]
    for name, phase in report["phases"].items():
        lines += [
            f"By kind, {name}:",
            "",
            "| kind | requests | p50 | p95 | p99 | max | errors | statuses |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for kind, f in phase["by_kind"].items():
            statuses = ", ".join(f"{s}: {n:,}" for s, n in sorted(f["statuses"].items()))
            lines.append(
                f"| {kind} | {f['requests']:,} | {f['p50_ms']} ms | {f['p95_ms']} ms | "
                f"{f['p99_ms']} ms | {f['max_ms']} ms | {f['errors']} | {statuses} |"
            )
        lines.append("")
    lines += [
        f"**Edits: {e['made']} made ({e['per_second']} per second), {e['saved']} saved, "
        f"{e['public_at_once']} shown by the public page at the very next request; all "
        f"verified afterwards: {'yes' if e['all_verified'] else 'NO'}.** "
        + (
            f"{e['archivists']} archivists edited the same objects: {e['lost']} edits lost; "
            f"{e['refused_as_conflicts']} saves were refused as edit conflicts "
            f"({e['conflicts_listed']} of them answered by the conflict page naming the field) "
            "and made again on the current version. "
            if "archivists" in e
            else ""
        )
        + f"An edit (open the "
        f"change form, post it back) took p50 {e.get('p50_ms')} ms, p95 {e.get('p95_ms')} ms, "
        f"max {e.get('max_ms')} ms.",
        "",
        "| edited | edits | last in the field | all in the edit history | all in the field "
        "| found by search | rest unchanged | public page after |",
        "|---|---:|---|---|---|---|---|---|",
    ]

    def yes(value):
        return "–" if value is None else "yes" if value else "**NO**"

    for c in e["checks"]:
        appended = "missing_from_field" in c
        lines.append(
            f"| {c['target']} | {c['edits']} | {yes(c['last_in_field'])} | "
            f"{yes(not c['missing_from_history'])} | "
            f"{yes(not c['missing_from_field']) if appended else '(replaced each time)'} | "
            f"{yes(c['last_found_by_search']) if appended else '–'} | "
            f"{yes(c['unchanged_otherwise'])} | {yes(e['final_public'].get(c['target']))} |"
        )
    samples = [x for f in report["phases"].values() for x in f["error_samples"]] + e["errors"]
    if samples:
        lines += ["", "Errors (first few):", ""]
        for error in samples[:10]:
            text = re.sub(r"\s+", " ", json.dumps(error, ensure_ascii=False))
            lines.append(f"- `{text[:300]}`")
    if report.get("server_log_problems"):
        lines += ["", "Server log problems (first few):", ""]
        lines += [f"    {line[:200]}" for line in report["server_log_problems"][:10]]
    lines.append("")
    return lines


if __name__ == "__main__":
    main()
