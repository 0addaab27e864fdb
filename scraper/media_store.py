"""Content-addressed media files: a body is stored once, under its sha256, never under a URL's name."""
from __future__ import annotations

import hashlib
import os
import tempfile

__all__ = ["media_dir_for", "store_media"]


def media_dir_for(db_path: str) -> str:
    """The default media directory of an archive file: next to it, `<db>.media`."""
    return f"{db_path}.media"


def store_media(directory: str, body: bytes) -> str:
    """Write `body` as `<directory>/<sha256[:2]>/<sha256>` (once); returns the sha256."""
    sha256 = hashlib.sha256(body).hexdigest()
    folder = os.path.join(directory, sha256[:2])
    path = os.path.join(folder, sha256)
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        # write-then-rename: a crash never leaves a half file under a content address
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, path)
    return sha256
