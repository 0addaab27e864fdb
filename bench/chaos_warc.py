"""Hostile WARC input: a decompression bomb and a bad record inside a crawl's WARC.

1. The WARC bomb: a WARC of about 1,600 bytes holding one response whose gzip payload inflates
   to 200 MB (before the limits, `import-warc` took 7.5 GB and 114 s). Measured: peak memory
   (the process's own maximum RSS, from wait4) and time of `portal-archive import-warc`, against
   the same command on a WARC of the same shape holding a 1 KB page (the baseline).
2. A bad record (`WARC-Target-URI: ../../etc/x`) in the middle of the WARC of a generated portal
   (`BENCH_CHAOS_WARC_ARTICLES`, default 2,000 articles; before: 80 of 2,000 imported, exit 1):
   articles imported, the exit code and the line reporting the skipped record.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scraper.sample.hostile_warc import bomb_payload, response_record

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent


def _import(warc: Path, db: Path) -> tuple[float, float, int, str, str]:
    """(seconds, peak RSS MB, exit code, stdout, stderr) of one import-warc process.

    The peak is the process's own VmHWM, read while it runs (the rusage of a child on Linux starts
    from its parent's size at fork, so it would show the bench's memory, not the import's)."""
    command = [sys.executable, "-m", "portal_archive", "import-warc", str(warc), "--db", str(db)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        peak_kb = 0
        while process.poll() is None:
            peak_kb = max(peak_kb, _hwm_kb(process.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        return seconds, peak_kb / 1024, process.returncode, out.read().decode(), err.read().decode()


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return 0


def _bad_record_case(work: Path, n_articles: int) -> list[str]:
    from bench.warc import _write_warc
    from scraper.sample.generate import generate_portal
    from warcio.archiveiterator import ArchiveIterator

    generate_portal(str(work / "portal"), n_articles, layout="phutho-aspnet", broken_links=False)
    warc, _, _ = _write_warc(work / "portal", work / "warcs", "http://yenlap.phutho.gov.vn")
    offsets = []
    with open(warc, "rb") as f:
        iterator = ArchiveIterator(f)
        for _ in iterator:
            offsets.append(iterator.get_record_offset())
    data = warc.read_bytes()
    at = offsets[len(offsets) // 25]  # early on, as in the report: 80 of 2,000 imported before it
    bad = work / "bad-record.warc.gz"
    bad.write_bytes(data[:at] + response_record("../../etc/x", b"<html><title>x</title></html>") + data[at:])
    seconds, peak, code, out, err = _import(bad, work / "bad.db")
    import sqlite3

    with sqlite3.connect(work / "bad.db") as conn:
        imported = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return [f"| bad record at offset {at:,} of a {len(offsets):,}-record WARC of {n_articles:,} articles "
            f"| {imported:,} of {n_articles:,} imported | exit {code} | {seconds:.1f} s | {peak:,.0f} MB |",
            "", f"Reported: `{err.strip()[:300]}`"]


def run() -> str:
    work = Path(tempfile.mkdtemp(prefix="bench-chaos-warc-", dir=os.environ.get("BENCH_DIR", "/tmp")))
    n_articles = int(os.environ.get("BENCH_CHAOS_WARC_ARTICLES", "2000"))
    try:
        bomb_body = bomb_payload(200 << 20)
        bomb = work / "bomb.warc.gz"
        bomb.write_bytes(response_record("http://yenlap.phutho.gov.vn/tin/bom.html", bomb_body, encoding="gzip"))
        small = work / "small.warc.gz"
        small.write_bytes(response_record("http://yenlap.phutho.gov.vn/tin/a.html",
                                  gzip.compress(b"<html><body><p>" + b"x" * 1000 + b"</p></body></html>"),
                                  encoding="gzip"))
        sizes = small.stat().st_size, bomb.stat().st_size
        base = _import(small, work / "small.db")
        hit = _import(bomb, work / "bomb.db")
        bad = _bad_record_case(work, n_articles)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "## Chaos: hostile WARC input",
        "",
        "Command: `make bench BENCH=chaos_warc` (`python -m bench chaos_warc`). Each import is one "
        "`portal-archive import-warc` process; peak memory is its own VmHWM, read from /proc while it runs.",
        "",
        "| case | outcome | exit | time | peak memory |",
        "|---|---|---:|---:|---:|",
        f"| baseline: a {sizes[0]:,}-byte WARC, one 1 KB page (gzip payload) "
        f"| imported | {base[2]} | {base[0]:.2f} s | {base[1]:,.0f} MB |",
        f"| WARC bomb: a {sizes[1]:,}-byte WARC, "
        f"one page whose gzip payload inflates to 200 MB | skipped at the 20 MB page limit, reported | {hit[2]} "
        f"| {hit[0]:.2f} s | {hit[1]:,.0f} MB |",
        *bad[:1],
        "",
        f"Bomb: peak memory {hit[1]:,.0f} MB (target < 1 GB: {'met' if hit[1] < 1024 else 'NOT met'}; before the "
        f"limits 7.5 GB and 114 s), {hit[1] / base[1]:.1f}x the baseline's memory and {hit[0] / base[0]:.1f}x its "
        f"time. Reported: `{hit[4].strip()[:200]}`",
        *bad[1:],
    ]
    return "\n".join(lines) + "\n"
