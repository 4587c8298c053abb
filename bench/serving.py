"""What the serving benchmarks share: the site in production mode under gunicorn, on loopback.

`configure()` sets the environment production runs with (DEBUG off, a fresh secret key,
plain HTTP on loopback, hashed and compressed static files in a temporary STATIC_ROOT)
and sets Django up in this process on the same settings, so a benchmark can prepare the
database and read it back. `prepare()` fills a new, empty database: migrations, static
files, the seed record, a synthetic corpus and a superuser. `Server` starts gunicorn
with the project's own config/gunicorn.conf.py on a free 127.0.0.1 port, waits until it
answers, and stops it (its process group only) when done. `wrk()` runs the wrk load
generator for a bounded time and number of requests, and returns its figures.
`add_common_arguments()`, `set_up()`, `report_header()`, `save()`, `load_reports()` and
`label()` are the parts of main() and write_markdown() that load.py and pages.py share.

Used by bench/load.py and bench/pages.py (describe_database() by fuzz.py and search.py
too); not a benchmark itself.
"""

import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SUPERUSER = "bench"

# wrk reports mean and a few fixed percentiles; this script reports the ones we quote,
# counts each status class, and stops every thread after its share of the request budget.
WRK_SCRIPT = r"""
local path = os.getenv("WRK_PATH")
local unique = os.getenv("WRK_UNIQUE") == "1"
local tag = os.getenv("WRK_TAG") or "0"
local limit = tonumber(os.getenv("WRK_LIMIT") or "0")
-- WRK_PATHS: a file of paths, one a line, asked for in turn (each request another page).
local paths = nil
local paths_file = os.getenv("WRK_PATHS") or ""
if paths_file ~= "" then
  paths = {}
  for line in io.lines(paths_file) do table.insert(paths, line) end
end
local threads = {}
local counter, seen = 0, 0
id = 0  -- set per thread by setup()

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function request()
  if paths then
    counter = counter + 1
    return wrk.format("GET", paths[(counter - 1) % #paths + 1])
  end
  if unique then
    counter = counter + 1
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    return wrk.format("GET", path .. sep .. "nocache=" .. tag .. "-" .. id .. "-" .. counter)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write("WRK-JSON ")
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "mean_us": %f, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency.mean, latency:percentile(50),
    latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def require(tool):
    """Stop with a clear message when a command-line tool the benchmark needs is missing."""
    if shutil.which(tool) is None:
        sys.exit(f"{tool} is not installed: bash .ci/debian-packages --bench")


def cpu_busy(seconds=2.0):
    """The share of all cores' time spent busy over the next `seconds` (from /proc/stat)."""

    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields), idle

    total_1, idle_1 = sample()
    time.sleep(seconds)
    total_2, idle_2 = sample()
    return 1 - (idle_2 - idle_1) / max(total_2 - total_1, 1)


def wait_for_quiet(limit=0.15, patience=600):
    """Wait (up to `patience` s) until other processes leave the cores nearly idle.

    Benchmarks share the machine with whatever else runs there; a busy machine lowers
    every figure. Returns the busy share last seen, which the reports print.
    """
    deadline = time.monotonic() + patience
    busy = cpu_busy()
    while busy > limit and time.monotonic() < deadline:
        print(f"    the machine is {busy:.0%} busy with other work: waiting", flush=True)
        time.sleep(10)
        busy = cpu_busy()
    return round(busy, 3)


def database_server_pid():
    """The PostgreSQL server's main process (its backends' parent), or None for SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        status = Path(f"/proc/{backend}/status").read_text()
    except OSError:
        return None  # not on this machine
    return int(re.search(r"^PPid:\s+(\d+)", status, re.M).group(1))


def process_tree_cpu(pid):
    """CPU seconds of a process, of its children it has reaped, and of its live children."""
    if not pid:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")

    def stat(path):
        # Fields after the command name: state is [0], ppid [1], utime [11] ... cstime [14].
        return path.read_text().rsplit(")", 1)[1].split()

    try:
        own = stat(Path(f"/proc/{pid}/stat"))
    except OSError:
        return 0.0
    total = sum(int(x) for x in own[11:15])
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat(path)
        except OSError:
            continue
        if fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / tick


class CpuAccount:
    """CPU time over a stretch: all the cores', this process and its finished children's.

    What is left (`others`) was used by other work on the machine (and by a database
    server, which is not our child). Children count only once they have exited and been
    waited for, so the stretch should end after the server has stopped.
    """

    def __init__(self, database_pid=None):
        self.database_pid = database_pid

    def __enter__(self):
        self.started = time.monotonic()
        self.busy_0, self.ours_0 = self._busy(), self._ours()
        self.database_0 = process_tree_cpu(self.database_pid)
        return self

    def __exit__(self, *exc):
        self.wall = time.monotonic() - self.started
        self.busy = self._busy() - self.busy_0
        self.ours = self._ours() - self.ours_0
        self.database = process_tree_cpu(self.database_pid) - self.database_0
        self.others = max(0.0, self.busy - self.ours - self.database)

    def summary(self):
        cores = os.cpu_count() or 1
        return {
            "wall_seconds": round(self.wall, 1),
            "core_seconds": round(self.wall * cores, 1),
            "busy_seconds": round(self.busy, 1),
            "benchmark_and_server_seconds": round(self.ours, 1),
            "database_server_seconds": round(self.database, 1) if self.database_pid else None,
            "other_seconds": round(self.others, 1),
            "other_share": round(self.others / max(self.wall * cores, 1e-9), 3),
        }

    @staticmethod
    def _busy():
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _ours():
        total = 0.0
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            usage = resource.getrusage(who)
            total += usage.ru_utime + usage.ru_stime
        return total


def other_work_note(other):
    """One sentence for a report: how much else the machine was doing, and whether it matters."""
    note = (
        f"Other work on the machine: {other['busy_before']:.0%} of the cores busy just before; "
        f"during the run other processes used {other['other_seconds']} of "
        f"{other['core_seconds']} core-seconds ({other['other_share']:.0%})"
        + (
            f", the database server {other['database_server_seconds']}."
            if other.get("database_server_seconds") is not None
            else "."
        )
    )
    if other["busy_before"] > 0.15 or other["other_share"] > 0.10:
        note += " **The machine was not quiet: these figures are lower than it can do.**"
    return note


def add_common_arguments(parser, name):
    """The command-line options every serving benchmark takes; `name` is its results' name."""
    parser.add_argument("--documents", type=int, default=1000, help="synthetic documents")
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default: the config's)")
    parser.add_argument("--database-url", help="default: DATABASE_URL, or a new SQLite file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument(
        "--quiet-wait", type=int, default=120, help="seconds to wait for other work to stop"
    )
    parser.add_argument("--output", type=Path, help=f"default: bench/results/{name}-<db>.json")
    parser.add_argument("--variant", default="", help="what this run changes, for the report")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure(database_url=None, workdir=None):
    """Production settings in os.environ, and Django set up on them. Returns the work folder.

    Without a database URL (nor DATABASE_URL in the environment) the database is a new
    SQLite file in the work folder. STATIC_ROOT is always a new folder there.
    """
    workdir = Path(workdir or tempfile.mkdtemp(prefix="archive-serving-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = (
        database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'db.sqlite3'}"
    )
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ARCHIVE_HTTPS": "false",  # loopback: no TLS, so no redirect and no secure cookies
            # The benchmark's superuser signs in with a password: no authenticator app here.
            "ARCHIVE_REQUIRE_2FA": "false",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "ARCHIVE_PAGE_STORE_DIR": str(workdir / "pages"),
            "DATABASE_URL": database_url,
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return workdir


def clean_up(workdir, keep=False):
    """Remove the work folder (database, static files, server log), or say where it is."""
    if keep:
        print(f"Kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


def prepare(documents, password, seed=1951):
    """Migrate, collect static files, load the seed, add `documents` synthetic ones, a superuser.

    Refuses a database that already holds documents: the benchmarks edit what they find.
    """
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from archive.models import Document

    call_command("migrate", interactive=False, verbosity=0)
    if Document.objects.exists():
        sys.exit(
            "The benchmark needs an empty database (a new SQLite file or PostgreSQL database)."
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed", verbosity=0)
    if documents:
        call_command("generate_corpus", documents, seed=seed, verbosity=0)
    get_user_model().objects.create_superuser(SUPERUSER, "bench@example.org", password)
    connections.close_all()  # gunicorn's workers open their own


def set_up(args):
    """configure() and prepare() as the common options say.

    Returns the work folder, the superuser's password, the database's description and
    its server's process id (None for SQLite).
    """
    workdir = configure(args.database_url)
    from django.db import connection

    print(f"--- preparing {connection.vendor} in {workdir}", flush=True)
    password = secrets.token_urlsafe(16)
    prepare(args.documents, password)
    return workdir, password, describe_database(), database_server_pid()


def report_header(database, args, **gunicorn):
    """The fields a report starts with: what was measured, on what, with which code, when.

    `gunicorn` holds settings the run gave gunicorn beyond its config (None: not given).
    """
    given = {"workers": args.workers or None, **gunicorn}
    return {
        "database": database,
        "variant": args.variant,
        "machine": describe_machine(),
        "code": describe_code(),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "gunicorn": gunicorn_settings() | {k: v for k, v in given.items() if v is not None},
    }


def save(report, name, args, workdir, write_markdown):
    """The report as bench/results/<name>-<database>.json (or --output), then the markdown."""
    vendor = "sqlite" if report["database"].startswith("SQLite") else "postgresql"
    output = args.output or RESULTS / f"{name}-{vendor}.json"
    output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    write_markdown()
    print(f"Written {output} and {RESULTS / f'{name}.md'} in {report['minutes']} min")
    clean_up(workdir, args.keep)


def load_reports(name):
    """Every bench/results/<name>-*.json: the plain runs first, SQLite (the default) first."""
    reports = [json.loads(p.read_text()) for p in sorted(RESULTS.glob(f"{name}-*.json"))]
    reports.sort(key=lambda r: (bool(r.get("variant")), not r["database"].startswith("SQLite")))
    return reports


def label(report):
    """The database, and the variant in brackets if the run was one."""
    return report["database"] + (f" ({report['variant']})" if report.get("variant") else "")


def describe_database():
    """The database in use and its version, as the reports name it ("SQLite 3.40.1")."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        server = cursor.connection.info.server_version
    return f"PostgreSQL {server // 10000}.{server % 10000}"


def describe_code():
    """The commit measured, and whether the working tree had changes beyond it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head} with uncommitted changes" if dirty else head


def conn_max_age():
    """How long the server keeps database connections, as the settings have it (seconds)."""
    from django.conf import settings

    return settings.DATABASES["default"].get("CONN_MAX_AGE", 0)


def machine_summary():
    """The machine in one line, as the in-process benchmarks' reports give it."""
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def describe_machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django
    import gunicorn

    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
    }


def gunicorn_settings():
    """What config/gunicorn.conf.py gives in this environment (workers, threads, limits)."""
    env = {k: v for k, v in os.environ.items() if k != "BIND"}
    code = (
        "import runpy, json; c = runpy.run_path('config/gunicorn.conf.py'); "
        "print(json.dumps({k: c[k] for k in ('workers', 'threads', 'worker_class', "
        "'max_requests', 'max_requests_jitter', 'timeout')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return json.loads(out.stdout) if out.returncode == 0 else {}


class Server:
    """gunicorn serving config.wsgi with config/gunicorn.conf.py, on a free loopback port."""

    def __init__(self, log_path, workers=None, extra_args=(), environment=None, port=None):
        self.log_path = Path(log_path)
        self.workers = workers
        self.extra_args = list(extra_args)
        self.environment = dict(environment or {})
        self.process = None
        self.port = port  # chosen ahead when pages must be made for its address first

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.port = self.port or free_port()
        env = dict(os.environ, BIND=f"127.0.0.1:{self.port}", **self.environment)
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn if gunicorn.exists() else shutil.which("gunicorn")),
            "--config",
            "config/gunicorn.conf.py",
            *self.extra_args,
            "config.wsgi",
        ]
        self.log = open(self.log_path, "a")  # closed in __exit__
        self.log_start = self.log.tell()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped together, and only it
        )
        try:
            self.wait_until_answering()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_until_answering(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {seconds} s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # graceful: workers finish requests
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def log_tail(self, lines=30):
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def log_text(self):
        """What this server wrote to the log file."""
        self.log.flush()
        with open(self.log_path, errors="replace") as log:
            log.seek(self.log_start)
            return log.read()

    def log_problems(self):
        """Lines of the server's log that say something went wrong (tracebacks, timeouts)."""
        words = ("Traceback", "[ERROR]", "WORKER TIMEOUT", "[CRITICAL]", "Exception")
        return [line for line in self.log_text().splitlines() if any(w in line for w in words)]

    def workers_replaced(self):
        """Workers started since start-up beyond the first ones: replaced after max_requests."""
        booted = self.log_text().count("Booting worker")
        return max(0, booted - int(gunicorn_settings().get("workers") or 0))


def wrk(
    url,
    path,
    seconds,
    connections=16,
    max_requests=0,
    headers=(),
    unique=False,
    tag="0",
    threads=1,
    port=None,
    paths=None,
):
    """One wrk run against `url` + `path`: bounded in time and (roughly) in requests.

    unique=True adds `nocache=<n>` to every request's query string, so each one misses
    any cache keyed by the full path. `paths` (a list) asks for each of them in turn
    instead of `path`, starting over at the end. Returns requests/s, latency percentiles in ms,
    bytes per response, and every kind of error wrk counts; given the server's port,
    also how wrk's connections were spread over the server's processes halfway through.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    listed = ""
    if paths:
        with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
            listing.write("".join(f"{p}\n" for p in paths))
        listed = listing.name
    env = dict(
        os.environ,
        WRK_PATH=path,
        WRK_PATHS=listed,
        WRK_UNIQUE="1" if unique else "0",
        WRK_TAG=re.sub(r"[^A-Za-z0-9]", "", str(tag)) or "0",
        WRK_LIMIT=str(max_requests // threads if max_requests else 0),
    )
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    command += ["-s", script.name, url + path]
    spread = None
    try:
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        if port:
            time.sleep(seconds / 2)
            spread = connection_spread(port)
        stdout, stderr = process.communicate(timeout=seconds + 60)
    finally:
        os.unlink(script.name)
        if listed:
            os.unlink(listed)
    line = next((ln for ln in stdout.splitlines() if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures:\n{stdout}\n{stderr}")
    raw = json.loads(line.removeprefix("WRK-JSON "))
    elapsed = raw["duration_us"] / 1e6
    errors = {k: raw[k] for k in ("connect", "read", "write", "timeout")}
    errors["non_2xx_3xx"] = raw["status"]
    return {
        "requests": raw["requests"],
        "seconds": round(elapsed, 2),
        "rps": round(raw["requests"] / elapsed, 1),
        "bytes_per_response": round(raw["bytes"] / max(raw["requests"], 1)),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        **{f"p{p}_ms": round(raw[f"p{p}_us"] / 1000, 2) for p in (50, 90, 95, 99)},
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "error_count": sum(errors.values()),
        "connections_per_process": spread,
    }


def connection_spread(port):
    """How many established connections to `port` each server process holds, most first.

    gunicorn's gthread workers accept greedily: a burst of new keep-alive connections
    can land on one worker, which then serves them all on one core while others idle.
    """
    if shutil.which("ss") is None:
        return None
    out = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
    ).stdout
    counts = {}
    for pid in re.findall(r"pid=(\d+)", out):
        counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts.values(), reverse=True)
