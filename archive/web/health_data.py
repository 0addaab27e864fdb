"""The crawl health table for the web page, from `archive.health` when that module is present."""
from __future__ import annotations

import importlib
import sqlite3

from archive.web.i18n import Message

__all__ = ["load_health"]


def load_health(conn: sqlite3.Connection) -> dict:
    """{"available": bool, "message": str|None, "report": health report dict|None, "fields": [...]}."""
    try:
        health = importlib.import_module("archive.health")
    except ImportError:
        return {"available": False, "report": None, "fields": [],
                "message": Message("health.unavailable")}
    results = health.portal_health(conn)
    report = health.health_report(results)
    if not results:
        report["message"] = Message("health.no_runs")
    return {"available": True, "report": report, "fields": list(health.FIELDS),
            "message": report.get("message")}
