"""`portal-archive schedule`: cron lines and systemd units for every kind of interval, and --install."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from archive.schedule import cron_line, parse_interval, replace_cron_entry, scheduled_command, systemd_units
from tests.conftest import run_cli


@pytest.mark.parametrize("every, at, when", [
    ("1d", "02:30", "30 2 * * *"),
    ("2d", "23:05", "5 23 */2 * *"),
    ("6h", "02:30", "30 */6 * * *"),
    ("1h", "00:15", "15 * * * *"),
    ("15m", "02:30", "*/15 * * * *"),
    ("1w", "04:00", "0 4 * * 0"),
])
def test_cron_line(every, at, when):
    assert cron_line(parse_interval(every), "true", at=at) == f"{when} true"


@pytest.mark.parametrize("every, message", [
    ("7h", "divisor of 24 hours"), ("45m", "divisor of 60 minutes"), ("2w", "use 1w"),
])
def test_cron_cannot_express(every, message):
    with pytest.raises(ValueError, match=message):
        cron_line(parse_interval(every), "true")


@pytest.mark.parametrize("text", ["", "1", "d", "0d", "1y", "every day"])
def test_bad_interval(text):
    with pytest.raises(ValueError, match="e.g. 30m, 6h, 1d, 1w"):
        parse_interval(text)


def test_cron_escapes_percent():
    assert cron_line(parse_interval("1d"), "date +%F") == r"30 2 * * * date +\%F"


@pytest.mark.parametrize("every, timer_line", [
    ("1d", "OnCalendar=*-*-* 02:30:00"), ("6h", "OnCalendar=*-*-* 00/6:30:00"),
    ("15m", "OnCalendar=*-*-* *:00/15:00"), ("7h", "OnUnitActiveSec=25200s"),
])
def test_systemd_timer(every, timer_line):
    units = systemd_units(parse_interval(every), 'echo "$HOME" 100%', name="pa")
    assert set(units) == {"pa.service", "pa.timer"}
    assert timer_line in units["pa.timer"].splitlines()
    assert "Unit=pa.service" in units["pa.timer"]
    # systemd expands $ and % itself: both are doubled so the shell sees them.
    assert 'ExecStart=/bin/sh -c "echo \\"$$HOME\\" 100%%"' in units["pa.service"].splitlines()


def test_systemd_units_are_valid(tmp_path):
    # systemd's own checker, on the real command with quotes and a $ in it.
    command = scheduled_command(str(tmp_path / "a.db"), log_dir=str(tmp_path / "logs"), workdir=str(tmp_path),
                                email_command='mail -s "{subject}" archivist@example.org')
    for every in ("1d", "7h"):
        for name, text in systemd_units(parse_interval(every), command, name="portal-archive-crawl").items():
            (tmp_path / name).write_text(text)
        result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "portal-archive-crawl.timer")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_replace_cron_entry_is_idempotent():
    marker = "portal-archive schedule: /srv/a.db"
    existing = "MAILTO=me@example.org\n0 * * * * backup\n"
    once = replace_cron_entry(existing, "30 2 * * * crawl", marker)
    assert once == f"MAILTO=me@example.org\n0 * * * * backup\n# {marker}\n30 2 * * * crawl\n"
    assert replace_cron_entry(once, "0 3 * * * crawl", marker) == once.replace("30 2", "0 3")


def test_cli_prints_cron_and_systemd(tmp_path):
    db = str(tmp_path / "a.db")
    cron = run_cli("schedule", "--every", "1d", "--db", db, "--notify", "http://127.0.0.1:9/hook").stdout
    assert cron.startswith("30 2 * * * cd ")
    assert f"crawl --all --db {db}" in cron and f"health --db {db} --notify http://127.0.0.1:9/hook" in cron
    units = run_cli("schedule", "--every", "6h", "--systemd", "--db", db).stdout
    assert "# portal-archive-crawl.service" in units and "# portal-archive-crawl.timer" in units
    bad = run_cli("schedule", "--every", "7h", "--db", db, check=False)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "Error: cron cannot run every 7h evenly: use a divisor of 24 hours, or --systemd"


def test_install_systemd_units(tmp_path):
    unit_dir = tmp_path / "units"
    run_cli("schedule", "--every", "1d", "--systemd", "--install", "--no-enable", "--unit-dir", str(unit_dir),
            "--db", str(tmp_path / "a.db"))
    assert sorted(os.listdir(unit_dir)) == ["portal-archive-crawl.service", "portal-archive-crawl.timer"]


def test_install_cron_replaces_its_own_entry(tmp_path):
    # `crontab` itself needs a cron daemon's spool; this stand-in keeps the table in a file
    # and speaks the same `-l` / `-` interface.
    table = tmp_path / "crontab.txt"
    fake = tmp_path / "crontab"
    fake.write_text(
        f"#!{sys.executable}\nimport sys, os\npath = {str(table)!r}\n"
        "if sys.argv[1] == '-l':\n"
        "    sys.exit(print(open(path).read(), end='') if os.path.exists(path) else 1)\n"
        "open(path, 'w').write(sys.stdin.read())\n")
    fake.chmod(0o755)
    table.write_text("MAILTO=archivist@example.org\n")
    env = {"PORTAL_ARCHIVE_CRONTAB": str(fake)}
    db = str(tmp_path / "a.db")
    run_cli("schedule", "--every", "1d", "--install", "--db", db, env=env)
    run_cli("schedule", "--every", "6h", "--install", "--db", db, env=env)
    lines = table.read_text().splitlines()
    assert lines[0] == "MAILTO=archivist@example.org"
    assert lines[1] == f"# portal-archive schedule: {db}"
    assert lines[2].startswith("30 */6 * * * cd ") and len(lines) == 3


def test_install_cron_without_crontab_is_one_line(tmp_path):
    result = run_cli("schedule", "--every", "1d", "--install", "--db", str(tmp_path / "a.db"), check=False,
                     env={"PORTAL_ARCHIVE_CRONTAB": "no-such-crontab"})
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no-such-crontab not found: install cron (apt-get install cron) or use --systemd"
