"""Dates and times as people read them here: day first, in Vietnam time with its offset.

One place for it, so `show`, `health`, citations and the web pages say the same thing.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["day_first", "vietnam_time", "VIETNAM"]

VIETNAM = timezone(timedelta(hours=7), "UTC+7")


def day_first(iso: str | None) -> str | None:
    """'2022-10-20...' -> '20/10/2022' (the way Vietnamese readers write dates)."""
    if not iso or len(iso) < 10 or iso[4] != "-" or iso[7] != "-":
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def vietnam_time(iso: str | None, *, offset: bool = True) -> str:
    """An archive timestamp (UTC ISO 8601) as Vietnamese readers see it: '25/11/2026 06:40 (UTC+7)'."""
    if not iso:
        return ""
    if len(iso) == 10:  # a day, no time of day: no time zone to convert
        return day_first(iso) or iso
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M" + (" (UTC+7)" if offset else ""))


def vietnam_day(iso: str | None) -> str | None:
    """The day (ISO, YYYY-MM-DD) an archive timestamp falls on in Vietnam."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso[:10]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VIETNAM).date().isoformat()


__all__ += ["vietnam_day"]
