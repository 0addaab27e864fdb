"""Extraction in worker processes, results in input order (WARC import, Wayback recovery).

Page bodies reach the workers through a spool file, not their pipes: the importing process
writes each body once (it keeps them for the archive anyway) and a worker reads it by offset.
A pipe carries a batch of a few jobs in a few hundred bytes, so a send never waits on a busy
worker, and no helper thread stands between the importing process and its workers.
ProcessPoolExecutor passed every page through its manager and feeder threads (pickled, written to
a pipe, a GIL hand-off each way): the importing process of a 2,000-article WARC spent 4.1 s of
CPU, 2.8 s without them.
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from collections import deque
from typing import Callable, Iterable, Iterator, NamedTuple

__all__ = ["BARRIER", "Spool", "Spooled", "Workers", "ordered_map"]

BARRIER = object()


class Spooled(NamedTuple):
    """Bytes written to a `Spool`: what a worker is sent instead of the bytes."""

    offset: int
    length: int


class Spool:
    """An append-only scratch file, unnamed (gone when closed, or when the process dies), which
    the workers inherit and read by (offset, length)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=0)
        self._end = 0

    def fileno(self) -> int:
        return self._file.fileno()

    def write(self, data: bytes) -> Spooled:
        offset, view, done = self._end, memoryview(data), 0
        while done < len(view):
            done += os.pwrite(self._file.fileno(), view[done:], offset + done)
        self._end += len(view)
        return Spooled(offset, len(view))

    def read(self, where: Spooled) -> bytes:
        return _pread(self._file.fileno(), where)

    def close(self) -> None:
        self._file.close()


def _pread(fd: int, where: Spooled) -> bytes:
    chunks, offset, left = [], where.offset, where.length
    while left > 0:
        chunk = os.pread(fd, min(left, 1 << 30), offset)
        if not chunk:
            raise EOFError(f"spool ends before {where}")
        chunks.append(chunk)
        offset += len(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _to_spool(args, spool: Spool):
    """The job with its bytes written to the spool."""
    if not isinstance(args, tuple) or isinstance(args, Spooled):
        return args
    return tuple(spool.write(a) if isinstance(a, bytes) else a for a in args)


def _from_spool(args, read: Callable[[Spooled], bytes]):
    if not isinstance(args, tuple) or isinstance(args, Spooled):
        return args
    return tuple(read(a) if isinstance(a, Spooled) else a for a in args)


class Workers:
    """`count` worker processes reading `spool`, started on the first batch sent (a run with
    nothing to extract starts none), each fed through its own pipe in turn; a worker answers its
    batches in the order sent. One set serves every `ordered_map` of a run: starting a spawned
    worker costs ~0.3 s of CPU (the interpreter and the extraction modules)."""

    def __init__(self, count: int, spool: Spool) -> None:
        self.count = count
        self.spool = spool
        self._conns: list = []
        self._procs: list = []
        self._turn = 0

    def _start(self) -> None:
        import multiprocessing

        # spawn, not fork: the parent may hold an open SQLite connection a forked child must not inherit
        context = multiprocessing.get_context("spawn")
        for _ in range(self.count):
            here, there = context.Pipe()
            proc = context.Process(target=_serve, args=(there, _InheritedFd(self.spool.fileno())), daemon=True)
            with _main_script_not_rerun():
                proc.start()
            there.close()
            self._conns.append(here)
            self._procs.append(proc)

    def send(self, fn: Callable, jobs: list) -> int:
        if not self._conns:
            self._start()
        worker = self._turn
        self._turn = (worker + 1) % len(self._conns)
        self._conns[worker].send((fn, jobs))
        return worker

    def receive(self, worker: int) -> list:
        try:
            ok, results = self._conns[worker].recv()
        except (EOFError, OSError):  # the worker is gone (killed, out of memory)
            self._procs[worker].join(1)
            raise RuntimeError(f"an extraction process ended unexpectedly (exit code {self._procs[worker].exitcode})")
        if not ok:
            raise RuntimeError(f"extraction process failed: {results}")
        return results

    def close(self) -> None:
        for conn in self._conns:  # a worker reading its pipe ends at EOF
            conn.close()
        for proc in self._procs:
            proc.join(5)
            if proc.is_alive():  # in the middle of a batch nobody will read
                proc.terminate()
                proc.join()
        self._conns, self._procs = [], []


@contextlib.contextmanager
def _main_script_not_rerun():
    """A spawned process first runs the parent's main script again when it is a script (the
    `portal-archive` command: the whole command line and what it imports, ~5% of a worker's CPU on
    a 2,000-article WARC, py-spy); a worker needs only the extraction modules (the functions it
    runs are in modules, never in the script), and multiprocessing leaves out a main with no file."""
    main = sys.modules.get("__main__")
    path = None
    if main is not None and getattr(main, "__spec__", None) is None:
        path = main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        if path is not None:
            main.__file__ = path


class _InheritedFd:
    """A file descriptor a spawned process is given (duplicated into it when it starts)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self):
        from multiprocessing import reduction

        return _inherited, (reduction.DupFd(self.fd),)


def _inherited(dup) -> int:
    return dup.detach()


def _serve(conn, spool_fd: int) -> None:
    """A worker: batches of jobs in, their results out, until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle
    read = functools.partial(_pread, spool_fd)
    while True:
        try:
            fn, jobs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = True, [None if args is None else fn(_from_spool(args, read)) for args in jobs]
        except Exception as exc:
            reply = False, f"{type(exc).__name__}: {exc}"
        try:
            conn.send(reply)
        except OSError:  # the importing process stopped reading
            return


def ordered_map(fn: Callable, pairs: Iterable, workers: int | Workers = 1, window: int = 64,
                spool: Spool | None = None, batch: int = 8) -> Iterator[tuple[object, object]]:
    """(key, fn(args)) for each (key, args), in input order; `workers` > 1 (or a `Workers`, kept
    open for the caller's next call) runs fn in that many processes, with at most `window` pages in
    flight so memory stays flat on big files, sent `batch` at a time.
    `BARRIER` among the pairs: every result before it is handed out before the next pair is read.
    A pair whose args are None is handed out as (key, None) in its place, fn not called.
    Bytes in args go to the workers through the spool; `Spooled` entries in args name bytes already
    in it (the caller's `spool`, or the `Workers`' own)."""
    pool = workers if isinstance(workers, Workers) else None
    if pool is None and workers < 2:
        read = spool.read if spool is not None else None
        for item in pairs:
            if item is not BARRIER:
                key, args = item
                yield key, (None if args is None else fn(_from_spool(args, read) if read else args))
        return
    if pool is None:
        pool = Workers(workers, spool or Spool())
    try:
        pending: deque[tuple[list, int | None]] = deque()  # (keys, worker) of each batch, oldest first
        in_flight = 0
        keys: list = []
        jobs: list = []
        for item in pairs:
            if item is not BARRIER:
                key, args = item
                keys.append(key)
                jobs.append(None if args is None else _to_spool(args, pool.spool))
                if len(jobs) < batch:
                    continue
            if jobs:
                pending.append((keys, _send(pool, fn, jobs)))
                in_flight += len(keys)
                keys, jobs = [], []
            # at a barrier the producer needs every result so far before it goes on
            while pending and (item is BARRIER or in_flight >= window):
                done, worker = pending.popleft()
                in_flight -= len(done)
                yield from zip(done, _received(pool, worker, len(done)))
        if jobs:
            pending.append((keys, _send(pool, fn, jobs)))
        while pending:
            done, worker = pending.popleft()
            yield from zip(done, _received(pool, worker, len(done)))
    finally:
        if pool is not workers:
            pool.close()
            if spool is None:
                pool.spool.close()


def _send(pool: Workers, fn: Callable, jobs: list) -> int | None:
    """The worker the batch went to; None for a batch with nothing to extract (answered here)."""
    return pool.send(fn, jobs) if any(job is not None for job in jobs) else None


def _received(pool: Workers, worker: int | None, count: int) -> list:
    return [None] * count if worker is None else pool.receive(worker)
