"""Alerts: a JSON POST to a webhook, and/or a message piped into a mail command.

Both are plain standard-library calls so an alert works on any server an archivist has:
the webhook takes whatever JSON the health report is (Slack-, Matrix- or n8n-style
receivers can map it), the email command is anything that reads a message on stdin, e.g.
`mail -s "{subject}" archivist@example.org` or `sendmail -t`.
"""
from __future__ import annotations

import json
import shlex
import subprocess
import urllib.error
import urllib.request

__all__ = ["NotifyError", "post_webhook", "send_email"]

USER_AGENT = "portal-archive health (+https://github.com/portal-archive/portal-archive)"


class NotifyError(RuntimeError):
    """An alert could not be delivered."""


def post_webhook(url: str, payload: dict, *, timeout: float = 20.0) -> int:
    """POST `payload` as JSON to `url`; return the HTTP status, raise NotifyError on failure."""
    if not url.startswith(("http://", "https://")):
        raise NotifyError(f"webhook URL must start with http:// or https://: {url}")
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        raise NotifyError(f"webhook {url} answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NotifyError(f"webhook {url} unreachable: {reason}") from None


def send_email(command: str, subject: str, text: str, *, timeout: float = 60.0) -> None:
    """Run `command` (shell words; `{subject}` is replaced) with the message on stdin."""
    args = [word.replace("{subject}", subject) for word in shlex.split(command)]
    if not args:
        raise NotifyError("empty email command")
    message = f"Subject: {subject}\n\n{text}" if "{subject}" not in command else text
    try:
        result = subprocess.run(args, input=message, text=True, capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NotifyError(f"email command {args[0]!r} failed: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise NotifyError(f"email command {args[0]!r} exited {result.returncode}: {detail[-1] if detail else ''}")
