"""The layers stay apart: the import-linter contracts in pyproject.toml hold."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


# The schema has one home: every table and index is created by a migration in archive/schema.py,
# so an archive of any age is upgraded by the same ordered steps and no module creates tables on
# first use. (Temporary tables are a query's scratch space, not the archive's schema.)
_SCHEMA_DDL = re.compile(r"CREATE\s+(?:UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX)\b"  # SQL
                         r"|\]\.create\(|\.create_index\(|\.create_table\(",  # sqlite-utils
                         re.IGNORECASE)
_PACKAGES = ("archive", "scraper", "spiders")


def test_every_table_and_index_is_created_by_a_migration_in_the_schema_module():
    outside = []
    for package in _PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "archive" / "schema.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _SCHEMA_DDL.search(line):
                    outside.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not outside, "tables/indexes created outside archive/schema.py's migrations:\n" + "\n".join(outside)


# -- one crossing from crawl to archive ------------------------------------------------------------

_PORT = ("scraper.pipelines", "scraper.writer")
_OPEN_TO_ALL = {"archive.fold"}  # pure Vietnamese text folding, shared with the registry's name matching


def _crossing_contract() -> dict:
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["type"] == "protected" and "archive.store" in c["protected_modules"])


def test_no_contract_has_an_ignore_list():
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    assert not [c["name"] for c in contracts if c.get("ignore_imports")]


def test_every_archive_module_but_text_folding_is_behind_the_port():
    protected = set(_crossing_contract()["protected_modules"])
    modules = {"archive." + p.stem for p in (ROOT / "archive").glob("*.py") if p.stem != "__init__"}
    assert modules - protected == _OPEN_TO_ALL, "a new archive module must be added to the crossing contract"
    assert "archive" in protected and "archive.web.**" in protected
    assert set(_crossing_contract()["allowed_importers"]) == {"archive", "archive.**", "portal_archive",
                                                              "portal_archive.**", *_PORT}


def test_a_second_crossing_breaks_the_contract(tmp_path):
    # the tree's Python files, with one crawl module (not the port) calling the archive directly
    import shutil

    for package in ("scraper", "spiders", "archive", "portal_archive"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=lambda folder, names: [n for n in names
                                                      if not n.endswith(".py") and not (Path(folder) / n).is_dir()])
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "scraper" / "crawl_many.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom archive.health import snapshot_run  # noqa\n",
                      encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([str(lint)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "scraper.crawl_many -> archive.health" in result.stdout, result.stdout[-3000:]


# Benchmark commands are for any reader's machine: a file the bench keeps is FILE, not this
# machine's path (bench/archive.py once wrote BENCH_DB's value into its command line).
_MACHINE_PATH = re.compile(r"(?<![\w.])/(?:tmp|work|home|root|var|mnt|Users)/")


def test_benchmark_commands_name_no_machine_path(monkeypatch, tmp_path):
    from bench.archive import _command

    for name in ("BENCH_BUILD_SECONDS", "BENCH_REPEATS", "BENCH_MARGINAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BENCH_DB", str(tmp_path / "archive.db"))
    assert _command(1000) == "BENCH_ARTICLES=1000 BENCH_DB=FILE .venv/bin/python -m bench archive"
    commands = [line for line in (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8").splitlines()
                if "Command" in line or "python -m bench" in line]
    assert commands and not [line for line in commands if _MACHINE_PATH.search(line)]
