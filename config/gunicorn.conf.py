"""gunicorn, as `make serve` runs it: settings from the environment, safe defaults.

Threads let a worker wait on the database for one request while answering
another; several workers use several cores. Each worker is replaced after a
number of requests, so a slow leak never grows.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
max_requests = 20000
max_requests_jitter = 2000
# Oversized request lines and headers are refused before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket in the home directory: several servers may run side by side.
control_socket_disable = True


def post_worker_init(worker):
    """Set aside what the worker has loaded (Django, the app, its settings) from the
    cyclic garbage collector: otherwise each full collection walks every one of those
    objects again, and the request it falls on waits (about 100 ms at 100,000 documents
    on a slow core, against a few ms for what requests leave behind)."""
    gc.freeze()
