"""Export: every archived article as the export contract describes it (jsonl or csv)."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import date

from archive.reader import ARTICLE_FIELDS, attach_media, rows_as_dicts

__all__ = ["iter_articles", "to_jsonl_line", "CSV_COLUMNS", "write_csv"]

CSV_COLUMNS = ("url", "site", "title", "published", "published_text", "views", "author", "category", "body",
               "images", "attachments", "first_seen", "last_seen", "version", "removed_at", "removed_reason")


def iter_articles(conn: sqlite3.Connection, *, site: str | None = None, since: date | None = None,
                  batch: int = 500) -> Iterator[dict]:
    """Articles in id order (the order they were first archived), with images and attachments."""
    where, params = [], []
    if site:
        where.append("site = ?")
        params.append(site)
    if since:
        where.append("published >= ?")
        params.append(since.isoformat())
    sql = f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles"
    if where:
        sql += " WHERE " + " AND ".join(where)
    cursor = conn.execute(sql + " ORDER BY id", params)
    while True:
        rows = list(rows_as_dicts(cursor.fetchmany(batch), ARTICLE_FIELDS))
        if not rows:
            return
        yield from attach_media(conn, rows)


def _public(article: dict) -> dict:
    out = {k: v for k, v in article.items() if k not in ("id", "content_hash")}
    out["id"] = article["id"]
    return out


def to_jsonl_line(article: dict) -> str:
    return json.dumps(_public(article), ensure_ascii=False)


def write_csv(articles: Iterator[dict], out: io.TextIOBase) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in articles:
        row = []
        for col in CSV_COLUMNS:
            value = a.get(col)
            if col in ("images", "attachments"):
                value = json.dumps(value, ensure_ascii=False)
            row.append("" if value is None else value)
        writer.writerow(row)
