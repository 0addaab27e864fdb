"""The archive file: schema and writes (thin first version)."""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone

import sqlite_utils

__all__ = ["Archive", "default_db_path", "utc_now"]


def default_db_path() -> str:
    return os.environ.get("PORTAL_ARCHIVE_DB", "archive.db")


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Archive:
    def __init__(self, path: str) -> None:
        self.path = path
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        if "articles" not in self.db.table_names():
            self.db["articles"].create(
                {"url": str, "site": str, "title": str, "published": str, "published_text": str,
                 "views": int, "author": str, "category": str, "body": str, "images": str,
                 "attachments": str, "first_seen": str, "last_seen": str},
                pk="url",
            )

    def save_article(self, record: dict) -> str:
        now = utc_now()
        table = self.db["articles"]
        existing = next(table.rows_where("url = ?", [record["url"]]), None)
        row = {k: record.get(k) for k in ("url", "site", "title", "published", "published_text",
                                          "views", "author", "category", "body")}
        row["images"] = json.dumps(record.get("images") or [], ensure_ascii=False)
        row["attachments"] = json.dumps(record.get("attachments") or [], ensure_ascii=False)
        row["first_seen"] = existing["first_seen"] if existing else now
        row["last_seen"] = now
        table.upsert(row, pk="url")
        return "new" if existing is None else "updated"

    def articles(self):
        for row in self.db["articles"].rows:
            row = dict(row)
            row["images"] = json.loads(row["images"])
            row["attachments"] = json.loads(row["attachments"])
            yield row
