"""`portal-archive schedule`: print or install a cron entry or a systemd timer for scheduled crawls."""
from __future__ import annotations

import os
import shutil
import subprocess

import click

from portal_archive.common import HttpUrl, db_option, registry_sites
from archive.schedule import (cron_line, parse_interval, replace_cron_entry, scheduled_command,
                              systemd_units)

__all__ = ["command"]


def _default_unit_dir() -> str:
    if os.geteuid() == 0:
        return "/etc/systemd/system"
    return os.path.join(os.path.expanduser("~"), ".config", "systemd", "user")


def _run(args: list[str], *, stdin: str | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise click.ClickException(f"{args[0]} failed: {exc}") from None


def _install_cron(line: str, marker: str) -> None:
    crontab = os.environ.get("PORTAL_ARCHIVE_CRONTAB", "crontab")
    if shutil.which(crontab) is None:
        raise click.ClickException(f"{crontab} not found: install cron (apt-get install cron) or use --systemd")
    current = _run([crontab, "-l"])
    # `crontab -l` exits 1 with "no crontab for USER" when there is none yet.
    existing = current.stdout if current.returncode == 0 else ""
    result = _run([crontab, "-"], stdin=replace_cron_entry(existing, line, marker))
    if result.returncode != 0:
        raise click.ClickException(f"crontab refused the entry: {result.stderr.strip()}")


def _install_systemd(units: dict[str, str], unit_dir: str, timer: str, enable: bool) -> None:
    os.makedirs(unit_dir, exist_ok=True)
    for file_name, text in units.items():
        with open(os.path.join(unit_dir, file_name), "w", encoding="utf-8") as f:
            f.write(text)
        click.echo(f"wrote {os.path.join(unit_dir, file_name)}", err=True)
    if not enable:
        return
    scope = [] if unit_dir == "/etc/systemd/system" else ["--user"]
    for args in (["systemctl", *scope, "daemon-reload"], ["systemctl", *scope, "enable", "--now", timer]):
        result = _run(args)
        if result.returncode != 0:
            raise click.ClickException(
                f"{' '.join(args)} failed ({result.stderr.strip() or result.returncode}); "
                f"the unit files are in {unit_dir}")


@click.command("schedule")
@click.option("--every", "every", required=True, metavar="INTERVAL",
              help="How often: 30m, 6h, 1d, 1w ...")
@db_option
@click.option("--at", "at", default="02:30", show_default=True, help="Time of day (HH:MM) for daily/weekly runs.")
@click.option("--cron", "kind", flag_value="cron", default=True, help="A crontab line (default).")
@click.option("--systemd", "kind", flag_value="systemd", help="A systemd service + timer pair.")
@click.option("--install", is_flag=True, help="Install it (crontab, or unit files + systemctl enable).")
@click.option("--log-dir", default="logs", show_default=True, type=click.Path(file_okay=False),
              help="Where each run's logs go (rotated).")
@click.option("--registry", type=click.Path(dir_okay=False, exists=True),
              help="A site registry file instead of the one shipped with portal-archive.")
@click.option("--notify", metavar="URL", type=HttpUrl(), help="Webhook for `health` alerts.")
@click.option("--email-command", metavar="CMD", help="Mail command for `health` alerts.")
@click.option("--stale-days", type=click.IntRange(min=0), help="Passed to `health`.")
@click.option("--name", default="portal-archive-crawl", show_default=True, help="systemd unit name.")
@click.option("--unit-dir", type=click.Path(file_okay=False),
              help="Where --install --systemd writes units [default: /etc/systemd/system as root, else ~/.config/systemd/user].")
@click.option("--no-enable", is_flag=True, help="With --install --systemd: write the units, do not call systemctl.")
def command(every: str, db_path: str, at: str, kind: str, install: bool, log_dir: str, registry: str | None,
            notify: str | None, email_command: str | None, stale_days: int | None, name: str,
            unit_dir: str | None, no_enable: bool) -> None:
    """Print (or --install) a schedule that crawls every registered portal, then checks health.

    The scheduled crawl takes a lock on the archive: a run that starts while the previous one
    is still going exits at once (code 75) and leaves the archive to it.

    Example: portal-archive schedule --every 1d --db /srv/archive/archive.db --install
    """
    if registry:
        registry_sites(registry)  # a broken registry is refused now, not at 02:30 every night
    try:
        interval = parse_interval(every)
        cmd = scheduled_command(db_path, log_dir=log_dir, workdir=os.getcwd(), registry=registry,
                                notify=notify, email_command=email_command, stale_days=stale_days)
        if kind == "cron":
            line = cron_line(interval, cmd, at=at)
        else:
            units = systemd_units(interval, cmd, name=name, at=at)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if kind == "cron":
        if install:
            _install_cron(line, f"portal-archive schedule: {os.path.abspath(db_path)}")
            click.echo(f"installed in crontab: {line}", err=True)
        click.echo(line)
        return
    if install:
        _install_systemd(units, unit_dir or _default_unit_dir(), f"{name}.timer", enable=not no_enable)
        return
    for file_name, text in units.items():
        click.echo(f"# {file_name}\n{text}")
