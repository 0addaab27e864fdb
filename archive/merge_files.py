"""The files of a shard merged beside the main archive: WARC files, their digest index, media files.

Copied before the rows that point to them (archive.merge), each under a temporary name and then
renamed, so a merge killed midway never leaves half a file under a final name, and copying again
adds nothing twice.
"""
from __future__ import annotations

import os
import shutil
import tempfile

__all__ = ["MergeError", "copy_media", "copy_warcs"]


class MergeError(Exception):
    """A shard that cannot be merged (not an archive, a table no rule knows, a WARC name clash)."""


def _copy_file(src: str, dest: str) -> bool:
    """Copy under a temporary name, then rename: a killed merge never leaves half a file under a final name."""
    if os.path.exists(dest):
        if os.path.getsize(dest) != os.path.getsize(src):
            raise MergeError(f"{dest} exists with other content than {src}: not overwritten")
        return False
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(dest), prefix=".merge-")
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return True


def copy_media(shard_media: str, media_dir: str) -> int:
    copied = 0
    if not os.path.isdir(shard_media):
        return 0
    for folder, _dirs, names in os.walk(shard_media):
        for name in names:
            if name.startswith("."):
                continue  # a download's temporary file
            src = os.path.join(folder, name)
            copied += _copy_file(src, os.path.join(media_dir, os.path.relpath(src, shard_media)))
    return copied


def copy_warcs(shard_warcs: str, warc_dir: str) -> int:
    """WARC files keep their names (captures point to them by name); their digest index lines are added once."""
    copied = 0
    if not os.path.isdir(shard_warcs):
        return 0
    index_name = None
    for name in sorted(os.listdir(shard_warcs)):
        src = os.path.join(shard_warcs, name)
        if name.endswith((".warc.gz", ".warc", ".arc.gz")) and os.path.isfile(src):
            copied += _copy_file(src, os.path.join(warc_dir, name))
        elif name.endswith(".tsv") and os.path.isfile(src):
            index_name = name
    if index_name:
        _merge_lines(os.path.join(shard_warcs, index_name), os.path.join(warc_dir, index_name))
    return copied


def _merge_lines(src: str, dest: str) -> None:
    """Append the lines of `src` that `dest` lacks (so a merge run again adds none twice)."""
    have: set[str] = set()
    if os.path.exists(dest):
        with open(dest, encoding="utf-8") as f:
            have = set(f)
    with open(src, encoding="utf-8") as f:
        missing = [line for line in f if line.endswith("\n") and line not in have]
    if missing:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "a", encoding="utf-8") as f:
            f.writelines(missing)
