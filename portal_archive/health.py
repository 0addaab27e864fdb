"""`portal-archive health`: what came in last night, and which portals broke."""
from __future__ import annotations

import json
import sqlite3
import sys

import click

from portal_archive.common import HttpUrl, db_option, open_archive
from archive.health import FIELDS, PortalHealth, health_report, portal_health, portal_names, portal_runs
from archive.notify import NotifyError, post_webhook, send_email

__all__ = ["command", "EXIT_BROKEN"]

# Distinct from click's 1 (error) and 2 (usage) so a cron wrapper can tell "a portal broke".
EXIT_BROKEN = 3


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _table(results: list[PortalHealth]) -> str:
    header = ["portal", "last run", "new", "upd", "same", "err/fetch", *FIELDS, "status"]
    rows = []
    for h in results:
        rows.append([
            h.portal, (h.last_run or "-")[:16].replace("T", " "), str(h.new), str(h.updated),
            str(h.unchanged), f"{h.fetch_errors}/{h.fetches}",
            *(_percent(h.coverage[name]) for name in FIELDS),
            "ok" if h.ok else "BROKEN: " + "; ".join(h.problems),
        ])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for r in [header, *rows]:
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join([*cells, r[-1]]))
    return "\n".join(lines)


def _runs_table(rows: list[dict]) -> str:
    from archive.shown import vietnam_time

    header = ["portal", "run", "finished (UTC+7)", "exit", "new", "upd", "same", "err/fetch", "articles", *FIELDS]
    lines = []
    for r in rows:
        n = r.get("articles") or 0
        shares = [(f"{(r.get(f'with_{name}') or 0) / n:.0%}" if n else "-") for name in FIELDS]
        lines.append([r["portal"], str(r.get("run_id") or "-"), vietnam_time(r.get("finished_at"), offset=False) or "-",
                      str(r.get("exit_code")), *(str(r.get(k) or 0) for k in ("new", "updated", "unchanged")),
                      f"{r.get('fetch_errors') or 0}/{r.get('fetches') or 0}", str(n), *shares])
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                     for row in [header, *lines])


def _alert_text(report: dict) -> str:
    lines = [f"{len(report['broken'])} of {report['portals']} portals broke:"]
    for result in report["results"]:
        if not result["ok"]:
            lines.append(f"- {result['portal']}: " + "; ".join(result["problems"]))
    return "\n".join(lines)


@click.command("health")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--stale-days", type=click.IntRange(min=0), default=30, show_default=True,
              help="A portal with no new article for this many days is reported (0: never).")
@click.option("--portal", "portals", multiple=True, help="Only this portal (repeatable).")
@click.option("--notify", "webhook", metavar="URL", type=HttpUrl(), help="POST the JSON report here when a portal broke.")
@click.option("--email-command", metavar="CMD",
              help='Pipe an alert into this command when a portal broke, e.g. \'mail -s "{subject}" me@example.org\'.')
@click.option("--always-notify", is_flag=True, help="Send the report even when every portal is fine.")
@click.option("--runs", type=click.IntRange(min=1), metavar="N",
              help="Also list each portal's last N runs, one line per run.")
def command(db_path: str, fmt: str, stale_days: int, portals: tuple[str, ...], webhook: str | None,
            email_command: str | None, always_notify: bool, runs: int | None) -> None:
    """Report each portal's latest crawl; exit 3 when a portal broke.

    A portal broke when its last run fetched nothing or mostly failed, found no article
    though earlier runs did, saw a field (title, date, views, body, image captions, pages
    fitting the site's learned profile) fall well below its usual coverage, or brought no new
    article for --stale-days days.

    Example: portal-archive health --db archive.db --notify https://hooks.example.org/archive
    """
    conn = open_archive(db_path)
    try:
        _check_portals(conn, portals)
        results = portal_health(conn, stale_days=stale_days or None, portals=list(portals) or None)
        history = [row for h in results for row in portal_runs(conn, h.portal, limit=runs)] if runs else []
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a readable archive: {exc}") from None
    finally:
        conn.close()
    report = health_report(results)
    if fmt == "json":
        click.echo(json.dumps({**report, "runs": history} if runs else report, ensure_ascii=False, indent=2))
    elif not results:
        click.echo("no portal runs recorded yet: run `portal-archive crawl --all` first")
    else:
        click.echo(_table(results))
        if runs:
            click.echo("\n" + _runs_table(history))
    failures = _notify(report, webhook, email_command, always_notify)
    for failure in failures:
        click.echo(f"Error: alert not sent: {failure}", err=True)
    if not report["ok"]:
        sys.exit(EXIT_BROKEN)
    if failures:
        sys.exit(1)


def _check_portals(conn: sqlite3.Connection, portals: tuple[str, ...]) -> None:
    """A --portal that matches no recorded portal is an error naming those that exist."""
    if not portals:
        return
    names = portal_names(conn)
    missing = [p for p in portals if p not in names]
    if missing:
        listed = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "")
        raise click.ClickException(f"no runs recorded for portal {', '.join(missing)}; "
                                   + (f"recorded portals: {listed}" if names else "none recorded yet"))


def _notify(report: dict, webhook: str | None, email_command: str | None, always: bool) -> list[str]:
    if (report["ok"] and not always) or not (webhook or email_command):
        return []
    subject = (f"portal-archive: {len(report['broken'])} portal(s) broke" if not report["ok"]
               else f"portal-archive: {report['portals']} portals ok")
    failures = []
    if webhook:
        try:
            post_webhook(webhook, {"subject": subject, **report})
        except NotifyError as exc:
            failures.append(str(exc))
    if email_command:
        try:
            send_email(email_command, subject, _alert_text(report) if not report["ok"] else subject)
        except NotifyError as exc:
            failures.append(str(exc))
    return failures
