"""A portal as a WACZ file (ReplayWeb.page, pywb): its records from the crawl's WARC files, a CDXJ
index and the archived articles as the package's pages.

The crawl's WARC files may hold several portals (a crawl of several start URLs): the portal's
records are copied out byte for byte (each record of a .warc.gz is its own gzip member, so a
record is a byte range: nothing is decoded and written again), then the `wacz` package indexes
them (CDXJ, `indexes/index.cdx.gz`) and writes the package with its datapackage digests.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

__all__ = ["WaczResult", "write_wacz", "site_records", "WaczError"]

_RECORD_TYPES = {"request", "response", "revisit", "metadata", "resource"}


class WaczError(RuntimeError):
    """Nothing to package, or the wacz package refused what it was given."""


@dataclass(slots=True)
class WaczResult:
    path: str
    records: int
    pages: int
    warc_files: int


def _hosts(uri: str | None) -> tuple[str, str]:
    """(host name, host:port) of a URI: the archive's `site` is the one or the other."""
    try:
        parts = urlsplit(uri or "")
        return (parts.hostname or "").lower(), (parts.netloc or "").lower()
    except ValueError:
        return "", ""


def site_records(warc_path: str, host: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(offset, length, type, URI, WARC-Date) of each record of `host` in a WARC file
    (robots.txt, listings, articles, media)."""
    with open(warc_path, "rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            wanted = record.rec_type in _RECORD_TYPES and host.lower() in _hosts(uri)
            date = record.rec_headers.get_header("WARC-Date")
            records.read_to_end(record)
            if wanted:
                yield records.get_record_offset(), records.get_record_length(), record.rec_type, uri, date


def _copy_site(warc_files: list[str], host: str, out_path: str) -> tuple[int, dict[str, str]]:
    """(records copied, {URL: WARC-Date of its first response})."""
    copied, responses = 0, {}
    with open(out_path, "wb") as out:
        for path in warc_files:
            with open(path, "rb") as source:
                for offset, length, rec_type, uri, date in list(site_records(path, host)):
                    source.seek(offset)
                    out.write(source.read(length))
                    copied += 1
                    if rec_type == "response":
                        responses.setdefault(uri, date)
    return copied, responses


def _pages(conn: sqlite3.Connection, host: str, responses: dict[str, str], out_path: str) -> int:
    """pages.jsonl: the site's archived articles that have a response record, at its time
    (the wacz package matches a page to its record by URL and timestamp)."""
    written = 0
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": f"{host}: archived articles"})
                  + "\n")
        for url, title in conn.execute("SELECT url, title FROM articles WHERE site = ? ORDER BY id", (host,)):
            if url in responses:
                out.write(json.dumps({"url": url, "title": title, "ts": responses[url]}, ensure_ascii=False) + "\n")
                written += 1
    return written


def write_wacz(conn: sqlite3.Connection, host: str, warc_dir: str, output: str, *, title: str | None = None) -> WaczResult:
    """Package `host`'s records from the WARC files in `warc_dir` as `output` (a .wacz file)."""
    from wacz.main import main as wacz_main

    warc_files = sorted(os.path.join(warc_dir, n) for n in os.listdir(warc_dir)
                        if n.endswith((".warc.gz", ".warc"))) if os.path.isdir(warc_dir) else []
    if not warc_files:
        raise WaczError(f"no WARC files in {warc_dir} (crawl without --no-warc, or give --warc-dir)")
    with tempfile.TemporaryDirectory(prefix="wacz-") as work:
        records_path = os.path.join(work, f"{host.replace(':', '_')}.warc.gz")
        records, responses = _copy_site(warc_files, host, records_path)
        if not records:
            raise WaczError(f"no record of {host} in the {len(warc_files)} WARC files of {warc_dir}")
        pages_path = os.path.join(work, "pages.jsonl")
        pages = _pages(conn, host, responses, pages_path)
        partial = output + ".part"
        args = ["create", "-o", partial, "-p", pages_path, "--title", title or host,
                "--desc", f"{host} as archived by portal-archive", records_path]
        said = io.StringIO()
        with contextlib.redirect_stdout(said):  # the wacz package prints its progress
            code = wacz_main(args)
        if code not in (0, None) or not os.path.isfile(partial):
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise WaczError(f"wacz could not package {host}: {said.getvalue().strip().splitlines()[-1:]}")
        os.replace(partial, output)
    return WaczResult(path=output, records=records, pages=pages, warc_files=len(warc_files))
