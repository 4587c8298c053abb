"""Progress for long management commands: a bar on a terminal, a line now and then in a log."""

import sys
import time


class Progress:
    """Call with (done, total); prints at most a few times a second, and a last line at the end."""

    def __init__(self, label, stream=None, width=30, interval=0.2):
        self.label, self.width, self.interval = label, width, interval
        self.stream = stream or sys.stderr
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.started = time.monotonic()
        self.shown = 0.0
        self.last_percent = -10

    def __call__(self, done, total):
        now = time.monotonic()
        finished = done >= total
        if not finished and now - self.shown < self.interval:
            return
        self.shown = now
        percent = int(100 * done / total) if total else 100
        elapsed = now - self.started
        if self.tty:
            filled = self.width * percent // 100
            bar = "#" * filled + "-" * (self.width - filled)
            end = "\n" if finished else ""
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {elapsed:.0f}s{end}")
        elif finished or percent >= self.last_percent + 10:
            # In a log, one line per tenth of the way.
            self.last_percent = percent
            self.stream.write(f"{self.label}: {done}/{total} ({percent}%), {elapsed:.0f}s\n")
        self.stream.flush()
