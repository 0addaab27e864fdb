"""Every command, given bad input, answers one line on stderr and a non-zero exit, never a
traceback, and leaves the archive file as it was (issue #14: 7 of 103 bad invocations gave
tracebacks; a --db that is not an archive reached deep into the writers)."""
from __future__ import annotations

import hashlib
import shlex
import sqlite3
from pathlib import Path

import pytest

from tests.archive_support import one_article_archive
from tests.conftest import run_cli

# {db}: a real archive; {d}: a folder of bad inputs (see `bad_inputs`).
CASES = """
extract {d}/page.html --url "http://[::1/x"
extract {d}/page.html --url notaurl
extract {d}/page.html --url http://yenlap.phutho.gov.vn/x --family nosuch
extract {d}/missing.html --url http://yenlap.phutho.gov.vn/x
extract {d}/dir.db --url http://yenlap.phutho.gov.vn/x
extract {d}/empty.html --url http://yenlap.phutho.gov.vn/x
crawl "http://[::1/x" --db {db}
crawl notaurl --db {db}
crawl ftp://example.org/ --db {db}
crawl nosuchsite --db {db}
crawl --db {db}
crawl http://127.0.0.1:9/ --db {d}/text.db
crawl http://127.0.0.1:9/ --db {d}/other.db
crawl http://127.0.0.1:9/ --db {d}/dir.db
crawl http://127.0.0.1:9/ --db {d}/nodir/x.db
crawl http://127.0.0.1:9/ --db {db} --family nosuch
crawl http://127.0.0.1:9/ --db {db} --stop-after -1
crawl http://127.0.0.1:9/ --all --db {db}
crawl --all --registry {d}/bad.toml --db {db}
crawl --all --jobs 0 --db {db}
crawl --all --portal-time-limit soon --db {db}
crawl --all --db {d}/text.db
crawl --all --db {d}/other.db
crawl --site nosuch --db {db}
search hoi --db {d}/text.db
search hoi --db {d}/other.db
search hoi --db {d}/dir.db
search hoi --db {d}/missing.db
search hoi --db {db} --since 2024-13-01
search hoi --db {db} --limit 0
search '"hoi' --db {db}
search "hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi hoi" --db {db}
search hoi --db {db} --site nosuch.example
export --db {d}/text.db
export --db {d}/other.db
export --db {d}/dir.db
export --db {db} --since yesterday
export --db {db} --format xml
export --db {db} --site nosuch.example
stats --db {d}/text.db
stats --db {d}/other.db
stats --db {d}/dir.db
stats --db {db} --site nosuch.example
show 1 --db {d}/text.db
show 1 --db {d}/other.db
show 999 --db {db}
show "http://[::1/x" --db {db}
health --db {d}/text.db
health --db {d}/other.db
health --db {d}/dir.db
health --db {d}/missing.db
health --db {db} --stale-days -1
health --db {db} --portal nosuch
health --db {db} --notify notaurl
schedule --every soon --db {db}
schedule --every 1d --at 25:00 --db {db}
schedule --every 1d --registry {d}/bad.toml --db {db}
schedule --every 1d --notify "http://[::1" --db {db}
serve --db {d}/text.db
serve --db {d}/other.db
serve --db {d}/dir.db
serve --db {db} --port 99999
serve --db {db} --registry {d}/bad.toml
serve --db {db} --media-dir {d}/page.html
reextract --db {d}/text.db
reextract --db {d}/tiny.db
reindex --db {d}/tiny.db
crawl http://127.0.0.1:9/ --db {d}/tiny.db
import-warc {d}/page.html --db {d}/tiny.db
reextract --db {d}/other.db
reextract --db {d}/dir.db
reextract --db {d}/missing.db
reextract --db {db} --family nosuch
reextract --db {db} --site nosuch.example
reextract --db {db} --url http://yenlap.phutho.gov.vn/nosuch
import-warc {d}/missing.warc.gz --db {db}
import-warc {d}/notwarc.warc.gz --db {db}
import-warc {d}/page.html --db {db}
import-warc {d}/dir.db --db {db}
import-warc {d}/page.html --db {d}/text.db
import-warc {d}/page.html --db {d}/other.db
import-warc {d}/page.html --db {db} --family nosuch
recover x --cdx-url notaurl --db {db}
recover x --cdx-url "http://[::1/cdx" --db {db}
recover x --replay-url ftp://x/ --db {db}
recover x --cdx-url http://127.0.0.1:9/cdx --retries 0 --delay 0 --db {db}
recover http://yenlap.phutho.gov.vn/x --db {db}
recover x --from 2020 --to 2010 --db {db}
recover x --delay -1 --db {db}
recover x --cdx-url http://127.0.0.1:9/cdx --db {d}/text.db
recover x --cdx-url http://127.0.0.1:9/cdx --db {d}/other.db
nosuchcommand
search
"""


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("bad")
    db = one_article_archive(str(d / "archive.db"), raw_body="<html><body><h1>Hội nghị</h1></body></html>".encode())
    (d / "text.db").write_text("not a database\n" * 100)
    (d / "tiny.db").write_text("x")  # SQLite took a file this short for an empty one, and wrote an archive over it
    other = sqlite3.connect(d / "other.db")
    other.execute("CREATE TABLE notes(x)")
    other.commit()
    other.close()
    (d / "dir.db").mkdir()
    (d / "page.html").write_text("<html><body><h1>Tin</h1><p>Nội dung.</p></body></html>", encoding="utf-8")
    (d / "empty.html").write_text("")
    (d / "bad.toml").write_text("[[site]\nname =")
    (d / "notwarc.warc.gz").write_bytes(b"\x1f\x8bnot really gzip")
    return {"d": str(d), "db": db}


def _fingerprints(folder: str) -> dict[str, str]:
    """sha256 of every file of the folder: archives (and their -wal) and the bad inputs alike.

    A reader of a WAL archive may leave an -shm index and an empty -wal beside it: no content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in Path(folder).iterdir()
            if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and not p.stat().st_size)}


@pytest.mark.parametrize("line", [c for c in CASES.strip().splitlines()], ids=lambda c: c[:60])
def test_bad_invocation_is_one_line_and_changes_nothing(bad_inputs, line):
    before = _fingerprints(bad_inputs["d"])
    args = shlex.split(line.format(**bad_inputs))
    result = run_cli(*args, check=False, timeout=120, env={"PORTAL_ARCHIVE_DB": bad_inputs["d"] + "/default.db"})
    lines = [text for text in result.stderr.splitlines() if text.strip()]
    assert result.returncode != 0, result.stdout[-500:]
    assert "Traceback" not in result.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr[-2000:]
    assert _fingerprints(bad_inputs["d"]) == before
