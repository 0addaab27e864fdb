"""The layers stay apart: the import-linter contracts in pyproject.toml hold."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
