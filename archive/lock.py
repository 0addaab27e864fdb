"""One crawl at a time on one archive: an advisory `flock` beside the archive file.

The lock is the kernel's (fcntl.flock on `<db>.lock`), so it is released the moment the
holding process ends, even by SIGKILL: a crashed crawl never leaves a stale lock behind.
It is the same lock `flock(1)` takes, so a shell script can take part too.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from typing import Iterator

__all__ = ["LockHeld", "archive_lock", "lock_path", "lock_holder"]


class LockHeld(RuntimeError):
    """Another process holds the archive's lock."""

    def __init__(self, path: str, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"another crawl is running on this archive ({holder or 'pid unknown'}; lock {path})")


def lock_path(db_path: str) -> str:
    return os.path.abspath(db_path) + ".lock"


def lock_holder(db_path: str) -> str:
    """What the holder wrote into the lock file (its pid and command), or ''."""
    try:
        with open(lock_path(db_path), encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return ""


@contextlib.contextmanager
def archive_lock(db_path: str, *, what: str = "crawl") -> Iterator[str]:
    """Hold the archive's lock for the block; raise LockHeld at once if another has it."""
    path = lock_path(db_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockHeld(path, lock_holder(db_path)) from None
        # The holder's note is for the humans reading the refusal, not for the locking itself.
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} {what}\n".encode())
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
