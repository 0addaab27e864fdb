"""A citation line a researcher can copy: title, portal, date, original URL, when archived."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["citation", "day_first", "vietnam_time"]

_VIETNAM = timezone(timedelta(hours=7))


def day_first(iso: str | None) -> str | None:
    """'2022-10-20...' -> '20/10/2022' (the way Vietnamese readers write dates)."""
    if not iso or len(iso) < 10 or iso[4] != "-" or iso[7] != "-":
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def vietnam_time(iso: str | None) -> str:
    """An archive timestamp (UTC ISO 8601) as Vietnamese readers see it: '25/11/2026 06:40 (UTC+7)'."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(_VIETNAM).strftime("%d/%m/%Y %H:%M (UTC+7)")


def citation(article: dict) -> str:
    """Plain text, e.g. `"Title". site, 20/10/2022. URL (archived 2026-11-25, version 2).`"""
    title = article.get("title") or "(untitled)"
    parts = [f"“{title}”.", f"{article.get('portal_name') or article.get('site')},"]
    published = day_first(article.get("published")) or article.get("published_text") or "undated"
    parts.append(f"{published}.")
    parts.append(article.get("url") or "")
    archived = (article.get("last_changed") or article.get("first_seen") or "")[:10]
    note = f"archived {archived}" if archived else "archived"
    if (article.get("version") or 1) > 1:
        note += f", version {article['version']}"
    if article.get("removed_at"):
        note += f"; removed from the portal {article['removed_at'][:10]}"
    parts.append(f"({note}).")
    return " ".join(parts)
