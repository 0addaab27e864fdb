"""Progress of a long command on stderr: a line redrawn in place on a terminal, plain lines under cron.

A cron job or a pipe gets a plain line every `PORTAL_ARCHIVE_PROGRESS_SECONDS` (10) seconds, so
its log shows the command is alive without filling up; a terminal gets one line redrawn twice a
second. Nothing is printed for a command that finishes before the first interval.
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress"]

_TERMINAL_SECONDS = 0.5
_PLAIN_SECONDS = 10.0


def _interval(terminal: bool) -> float:
    configured = os.environ.get("PORTAL_ARCHIVE_PROGRESS_SECONDS")
    if configured:
        try:
            return max(float(configured), 0.0)
        except ValueError:
            pass
    return _TERMINAL_SECONDS if terminal else _PLAIN_SECONDS


class Progress:
    """`progress.update(done)` as work goes; `progress.close()` at the end (clears a redrawn line)."""

    def __init__(self, what: str, total: int | None = None, *, stream: TextIO | None = None) -> None:
        self.what, self.total = what, total
        self.stream = stream or sys.stderr
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = _interval(self.terminal)
        self.started = time.monotonic()
        self.next_at = self.started + self.interval
        self.drawn = False

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now < self.next_at:
            return
        self.next_at = now + self.interval
        line = self._line(done, now)
        if self.terminal:
            self.stream.write("\r\033[K" + line)
            self.drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def _line(self, done: int, now: float) -> str:
        elapsed = max(now - self.started, 1e-6)
        of = f" of {self.total:,}" if self.total is not None else ""
        share = f" ({100 * done / self.total:.0f}%)" if self.total else ""
        return f"{self.what}: {done:,}{of}{share}, {done / elapsed:,.0f}/s"

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
