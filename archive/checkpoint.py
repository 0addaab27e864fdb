"""Copying the write-ahead log back into the archive file, off the writer's thread.

SQLite's automatic checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint`: the
writer stops to read the log, write its pages into the database file and fsync both. On a large
archive a batch dirties tens of megabytes of scattered pages, and that wait grew with the file
(the 1,000,000-article build: ~190 us an article of wall time not spent on the CPU, ~440 us at
full size). A `Checkpointer` does the same PASSIVE checkpoint on its own connection and thread
after each commit. PASSIVE never blocks the writer or readers; SQLite releases the GIL while it
copies, so the writer keeps preparing the next batch. Durability is unchanged: a commit is in
the log before it returns, and an interrupted checkpoint is redone from the log on next open.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

__all__ = ["Checkpointer"]


class Checkpointer:
    """A thread that checkpoints the WAL of `path` each time `poke()` is called."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._wake = threading.Event()
        self._stopping = False
        self._conn = connect()
        self._thread = threading.Thread(target=self._run, name="archive-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error:  # e.g. busy: the next commit pokes again
                pass

    def stop(self) -> None:
        """Finish the checkpoint under way (if any) and close the thread's connection."""
        self._stopping = True
        self._wake.set()
        self._thread.join()
        self._conn.close()
