"""Scheduled crawls: the command a schedule runs, as a cron line or a systemd service+timer.

Schedules live outside Python, in the tools archivists' servers already have. The command
crawls every registered portal (`crawl --all`, which takes the archive's lock, so a run that
starts while the previous one is still going exits at once with EXIT_LOCKED and does
nothing), then reports health (and alerts) unless it was such a skipped run.
"""
from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass

__all__ = ["EXIT_ITEMS_FAILED", "EXIT_LOCKED", "Interval", "parse_interval", "scheduled_command", "cron_line",
           "systemd_units", "replace_cron_entry", "portal_archive_executable"]

# EX_TEMPFAIL from sysexits.h: "try again later", which is what a locked archive means.
EXIT_LOCKED = 75
# A crawl that archived what it could but some articles failed (they are listed, and in `fetches`).
EXIT_ITEMS_FAILED = 4


@dataclass(frozen=True)
class Interval:
    count: int
    unit: str  # "m", "h", "d" or "w"

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def parse_interval(text: str) -> Interval:
    """'30m', '6h', '1d', '1w' -> Interval; ValueError with a hint otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"interval {text!r}: give a number and a unit, e.g. 30m, 6h, 1d, 1w")
    return Interval(int(match.group(1)), match.group(2))


def _parse_at(at: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", at.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"--at {at!r}: give a time of day as HH:MM, e.g. 02:30")
    return int(match.group(1)), int(match.group(2))


def portal_archive_executable() -> list[str]:
    """How the schedule calls us: the installed script beside this Python, else `python -m`."""
    script = os.path.join(os.path.dirname(sys.executable), "portal-archive")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-m", "portal_archive"]


def scheduled_command(db_path: str, *, log_dir: str, workdir: str, registry: str | None = None,
                      notify: str | None = None, email_command: str | None = None,
                      stale_days: int | None = None, executable: list[str] | None = None) -> str:
    """One shell command line: crawl every portal, then report health unless the run was skipped."""
    exe = executable or portal_archive_executable()
    db = os.path.abspath(db_path)
    crawl = [*exe, "crawl", "--all", "--db", db, "--log-dir", os.path.abspath(log_dir)]
    if registry:
        crawl += ["--registry", os.path.abspath(registry)]
    health = [*exe, "health", "--db", db]
    if stale_days is not None:
        health += ["--stale-days", str(stale_days)]
    if notify:
        health += ["--notify", notify]
    if email_command:
        health += ["--email-command", email_command]
    quote = shlex.join
    return (f"cd {shlex.quote(os.path.abspath(workdir))} && {{ {quote(crawl)}; "
            f"test $? -eq {EXIT_LOCKED} || {quote(health)}; }}")


def cron_line(interval: Interval, command: str, *, at: str = "02:30") -> str:
    """A crontab line running `command` every `interval` (cron's own time zone)."""
    hour, minute = _parse_at(at)
    n, unit = interval.count, interval.unit
    if unit == "m":
        if 60 % n:
            raise ValueError(f"cron cannot run every {interval} evenly: use a divisor of 60 minutes, or --systemd")
        when = f"*/{n} * * * *" if n > 1 else "* * * * *"
    elif unit == "h":
        if 24 % n:
            raise ValueError(f"cron cannot run every {interval} evenly: use a divisor of 24 hours, or --systemd")
        when = f"{minute} */{n} * * *" if n > 1 else f"{minute} * * * *"
    elif unit == "d":
        when = f"{minute} {hour} */{n} * *" if n > 1 else f"{minute} {hour} * * *"
    else:
        if n > 1:
            raise ValueError(f"cron cannot run every {interval}: use 1w, or --systemd")
        when = f"{minute} {hour} * * 0"
    # cron hands the line to /bin/sh, and a bare % would end the command there.
    return f"{when} {command.replace('%', chr(92) + '%')}"


def _on_calendar(interval: Interval, hour: int, minute: int) -> str | None:
    n, unit = interval.count, interval.unit
    if unit == "m" and 60 % n == 0:
        return f"*-*-* *:00/{n}:00"
    if unit == "h" and 24 % n == 0:
        return f"*-*-* 00/{n}:{minute:02d}:00"
    if unit == "d" and n == 1:
        return f"*-*-* {hour:02d}:{minute:02d}:00"
    if unit == "w" and n == 1:
        return f"Sun *-*-* {hour:02d}:{minute:02d}:00"
    return None


def _systemd_quote(text: str) -> str:
    """One ExecStart argument: systemd expands $ and % itself and reads C-style escapes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%")
    return f'"{escaped}"'


def systemd_units(interval: Interval, command: str, *, name: str = "portal-archive-crawl",
                  at: str = "02:30") -> dict[str, str]:
    """{file name: text} for a oneshot service and the timer that starts it."""
    hour, minute = _parse_at(at)
    calendar = _on_calendar(interval, hour, minute)
    seconds = interval.count * {"m": 60, "h": 3600, "d": 86400, "w": 604800}[interval.unit]
    if calendar:
        # Persistent: a run missed while the server was off happens at the next boot.
        when = f"OnCalendar={calendar}\nPersistent=true"
    else:
        when = f"OnBootSec=15min\nOnUnitActiveSec={seconds}s"
    service = (
        "[Unit]\n"
        "Description=portal-archive: crawl every registered portal, then report health\n"
        "Wants=network-online.target\nAfter=network-online.target\n\n"
        "[Service]\nType=oneshot\n"
        f"ExecStart=/bin/sh -c {_systemd_quote(command)}\n"
        "Nice=10\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=portal-archive: crawl every {interval}\n\n"
        f"[Timer]\n{when}\nUnit={name}.service\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{name}.service": service, f"{name}.timer": timer}


def replace_cron_entry(crontab: str, line: str, marker: str) -> str:
    """`crontab` with any entry carrying `marker` replaced by `line` (installing twice is a no-op)."""
    kept, skip_next = [], False
    for existing in crontab.splitlines():
        if skip_next:
            skip_next = False
            continue
        if existing.strip() == f"# {marker}":
            skip_next = True
            continue
        kept.append(existing)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([*kept, f"# {marker}", line]) + "\n"
