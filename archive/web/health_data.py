"""The crawl health table for the web page, from `archive.health` when that module is present."""
from __future__ import annotations

import importlib
import sqlite3

__all__ = ["load_health"]


def load_health(conn: sqlite3.Connection) -> dict:
    """{"available": bool, "message": str|None, "report": health report dict|None, "fields": [...]}."""
    try:
        health = importlib.import_module("archive.health")
    except ImportError:
        return {"available": False, "report": None, "fields": [],
                "message": "Crawl health is not available in this version of portal-archive."}
    results = health.portal_health(conn)
    report = health.health_report(results)
    if not results:
        report["message"] = ("No crawl has been recorded per portal yet: the health table fills in "
                             "as portals are crawled from the registry (portal-archive crawl --all).")
    return {"available": True, "report": report, "fields": list(health.FIELDS),
            "message": report.get("message")}
