"""Field counts on sample portals of platforms the project has no sample of, as held-out material meets them.

`tests/fixtures/unseen_portals/<name>/` are sample portals (../portals/FORMAT.md) of platforms
whose family files were written without the platform in hand, or that have none; most were made by
someone who had not read the code (its README.md says which). Each is measured three ways with its
own family file hidden (PORTAL_ARCHIVE_HIDE_FAMILIES): `extract_article` with recognition, the
generic extractor, and a crawl from the start URL alone; and once with the family file present.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["UNSEEN_PORTALS", "portal_names", "extract_counts", "crawl_counts", "field_problems"]

ROOT = Path(__file__).resolve().parent.parent
UNSEEN_PORTALS = ROOT / "tests" / "fixtures" / "unseen_portals"
FIELDS = ("title", "published", "views", "author", "category", "body", "images", "attachments")
BASE = "http://127.0.0.1:8000"


def portal_names() -> list[str]:
    return sorted(p.name for p in UNSEEN_PORTALS.iterdir() if (p / "manifest.json").exists())


def _expected(name: str) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((UNSEEN_PORTALS / name / "expected").glob("*.json"))]


def field_problems(expected: dict, record: dict) -> list[str]:
    """The fields of one record that differ from its expected JSON (the golden tests' comparison)."""
    from tests.extract.test_extract_golden import field_problem
    return [f"{f}: {p}" for f in FIELDS if (p := field_problem(f, expected, record))]


_SCRIPT = """
import json, sys
from scraper.extract import extract_article, learn_profile
folder, family = sys.argv[1], sys.argv[2] or None
manifest = json.load(open(folder + "/manifest.json", encoding="utf-8"))
pages = []
for line in sys.stdin:
    e = json.loads(line)
    html = open(folder + "/pages/" + manifest["routes"][e["path"]]["file"], "rb").read()
    pages.append((html, "%s" + e["path"]))
profile = None
if family == "profile":
    family = None
    profile = learn_profile([(h, u, extract_article(h, u).to_dict()) for h, u in pages], "127.0.0.1")
for html, url in pages:
    print(json.dumps(extract_article(html, url, family=family, profile=profile).to_dict(), ensure_ascii=False))
""" % BASE


def _platform(name: str) -> str:
    """The family file of a portal's platform (the manifest's family: Joomla core's is Joomla's)."""
    return json.loads((UNSEEN_PORTALS / name / "manifest.json").read_text(encoding="utf-8"))["family"]


def _env(hide: str | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PORTAL_ARCHIVE_HIDE_FAMILIES", None)
    if hide:
        env["PORTAL_ARCHIVE_HIDE_FAMILIES"] = hide
    return env


def extract_counts(name: str, family: str | None, hide: bool) -> tuple[int, int, list[str]]:
    """(right, total, problems) of `extract_article` over one portal's articles (a fresh process:
    the hidden family must be unknown from the first import)."""
    expected = _expected(name)
    out = subprocess.run([sys.executable, "-c", _SCRIPT, str(UNSEEN_PORTALS / name), family or ""],
                         input="".join(json.dumps(e) + "\n" for e in expected), capture_output=True, text=True,
                         env=_env(_platform(name) if hide else None), check=True)
    records = [json.loads(l) for l in out.stdout.splitlines()]
    return _score(expected, records)


def _score(expected: list[dict], records: list[dict]) -> tuple[int, int, list[str]]:
    from tests.extract.test_extract_golden import path_of
    by_path = {path_of(r["url"]): r for r in records}
    right, total, problems = 0, 0, []
    for e in expected:
        got = by_path.get(e["path"])
        wrong = field_problems(e, got) if got else [f"{f}: not archived" for f in FIELDS]
        total += len(FIELDS)
        right += len(FIELDS) - len(wrong)
        problems += [f"{e['path']} {w[:160]}" for w in wrong]
    return right, total, problems


def crawl_counts(name: str, hide: bool = True) -> tuple[int, int, list[str]]:
    """A crawl from the start URL alone into a fresh archive, its export scored."""
    from scraper.sample.server import serve_portal
    manifest = json.loads((UNSEEN_PORTALS / name / "manifest.json").read_text(encoding="utf-8"))
    cli = [sys.executable, "-m", "portal_archive"]
    env = {**_env(_platform(name) if hide else None), "PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"}
    with tempfile.TemporaryDirectory() as tmp, serve_portal(str(UNSEEN_PORTALS / name)) as server:
        db = str(Path(tmp) / "a.db")
        subprocess.run([*cli, "crawl", server.base_url + manifest["start_urls"][0], "--db", db, "--no-warc"],
                       capture_output=True, text=True, env=env, timeout=300)
        out = subprocess.run([*cli, "export", "--db", db], capture_output=True, text=True, env=env, check=True)
    records = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return _score(_expected(name), records)


def main() -> None:
    rows = {}
    for name in portal_names():
        rows[name] = {"with family file": extract_counts(name, None, False),
                      "recognised, file hidden": extract_counts(name, None, True),
                      "generic": extract_counts(name, "generic", True),
                      "learned profile, file hidden": extract_counts(name, "profile", True)}
        if "--crawl" in sys.argv:
            rows[name]["crawl, file hidden"] = crawl_counts(name)
    for name, modes in rows.items():
        for mode, (r, t, probs) in modes.items():
            print(f"{name:12} {mode:26} {r}/{t}")
            for p in probs:
                print("     ", p)


if __name__ == "__main__":
    main()
