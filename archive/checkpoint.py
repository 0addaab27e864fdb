"""Copying the write-ahead log back into the archive file, off the writer's thread.

SQLite's automatic checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint`: the
writer stops to read the log, write its pages into the database file and fsync both. On a large
archive a batch dirties tens of megabytes of scattered pages (on a 400,000-article archive the
checkpoint after a 5,000-article batch wrote 43 KiB and took ~130 us of CPU an article, in the
writer's thread). A `Checkpointer` does the same PASSIVE checkpoint on its own connection and
thread after each commit. PASSIVE never blocks the writer or readers; SQLite releases the GIL while
it copies, so the writer goes on with the next batch. Durability is unchanged: a commit is in the
log before it returns, and an interrupted checkpoint is redone from the log on next open.

The log only starts again from its beginning when a write transaction begins after every frame in
it was copied back; a writer that begins its next batch at once would never see that, and the log
would grow without end. So once the log holds more than `WAL_LIMIT` bytes, the writer waits for the
checkpoint of its last commit before it begins (`wait_if_log_over`): the file's -wal stays under
about WAL_LIMIT plus two batches (the log's size is learnt from the checkpoint after a commit, so it
can be a batch behind), and most checkpoints still overlap the writer's work.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

__all__ = ["Checkpointer", "WAL_LIMIT"]

WAL_LIMIT = 1 << 30  # 1 GiB: at 1,000,000 articles a 5,000-article batch logs ~200 MB


class Checkpointer:
    """A thread that checkpoints the WAL each time `poke()` is called after a commit."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, wal_limit: int = WAL_LIMIT) -> None:
        self.wal_limit = wal_limit
        self._conn = connect()
        # A checkpoint copies log frames straight into the file, not through this page cache:
        # keep it small (the crawl's writer process has a memory budget).
        self._conn.execute("PRAGMA cache_size = -2048")
        self._page_size = self._conn.execute("PRAGMA page_size").fetchone()[0]
        self._state = threading.Condition()
        self._requested = self._done = 0
        self._log_frames = 0  # frames in the log at the last checkpoint (after a restart: few)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="archive-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        with self._state:
            self._requested += 1
            self._state.notify_all()

    def wait_if_log_over(self) -> None:
        """Before a write transaction: let the log restart if it has grown past `wal_limit` bytes."""
        with self._state:
            if self._log_frames * self._page_size <= self.wal_limit:
                return
            while self._done < self._requested and not self._stopping:
                self._state.wait()
            self._log_frames = 0  # the next BEGIN restarts the log (unless a reader still uses it)

    def _run(self) -> None:
        while True:
            with self._state:
                while self._done == self._requested and not self._stopping:
                    self._state.wait()
                if self._stopping:
                    return
                target = self._requested
            frames = None
            try:
                frames = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
            except sqlite3.Error:  # e.g. another process is checkpointing: the next commit pokes again
                pass
            with self._state:
                self._done = target
                if frames is not None:
                    self._log_frames = frames
                self._state.notify_all()

    def stop(self) -> None:
        """Finish the checkpoint under way (if any) and close the thread's connection."""
        with self._state:
            self._stopping = True
            self._state.notify_all()
        self._thread.join()
        self._conn.close()
